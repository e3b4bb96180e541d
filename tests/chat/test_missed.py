"""Missed chats: listed for staff with where the visitor came from and how long they waited, and turned
into a callback request that keeps what the visitor wrote."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from chat import missed, services
from chat.models import Conversation
from intake.models import VerificationRequest
from tests.factories import DrugPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(library):
    return DrugPageFactory(parent=library, title="Klonopin", slug="klonopin")


def missed_chat(source=""):
    conv, _, _ = services.start_conversation(
        "My sister uses every day. Call me on 202-555-0143.", source_page_id=source
    )
    services.visitor_message(conv, "Evenings are best.")
    services.visitor_end(conv)
    return conv


def test_unanswered_chats_are_missed_answered_ones_are_not(admissions):
    gone = missed_chat()
    answered, _, _ = services.start_conversation("Hello")
    services.claim(answered.pk, admissions)
    services.close(answered.pk, admissions)
    with time_machine.travel(timezone.now() - datetime.timedelta(minutes=30)):
        silent, _, _ = services.start_conversation("Is anyone there?")
    fresh, _, _ = services.start_conversation("Just arrived")
    assert {c.pk for c in missed.missed_conversations()} == {gone.pk, silent.pk}
    assert fresh.pk not in {c.pk for c in missed.missed_conversations()}


def test_missed_list_shows_source_page_and_wait(client, admissions, article):
    with time_machine.travel(timezone.now() - datetime.timedelta(minutes=4), tick=False):
        conv, _, _ = services.start_conversation("Hello?", source_page_id=str(article.pk))
    services.visitor_end(conv)
    client.force_login(admissions)
    page = client.get(reverse("chat_admin:missed")).content.decode()
    assert conv.reference in page and "Klonopin" in page and "4 min" in page
    assert f"Turn {conv.reference} into a callback" in page
    assert "Missed chats (1)" in client.get(reverse("chat_admin:console")).content.decode()


def test_converting_a_missed_chat_keeps_the_visitors_text(client, admissions, article):
    conv = missed_chat(source=str(article.pk))
    client.force_login(admissions)
    url = reverse("chat_admin:convert_missed", args=[conv.pk])
    form_page = client.get(url).content.decode()
    assert "My sister uses every day." in form_page and "Evenings are best." in form_page

    bad = client.post(url, {"full_name": "Sam", "phone": "not a number", "contact_time": "evening"})
    assert bad.status_code == 400 and 'value="Sam"' in bad.content.decode()  # nothing typed is lost
    assert not VerificationRequest.objects.exists()

    response = client.post(url, {"full_name": "Sam", "phone": "(202) 555-0143", "contact_time": "evening"})
    request = VerificationRequest.objects.get()
    assert response.url == reverse("insurance_requests:inspect", args=[request.pk])
    assert request.kind == "callback" and request.phone == "+12025550143" and request.contact_time == "evening"
    assert request.source_page_id == str(article.pk)
    assert request.consent_given_at is None and "missed Chat" in request.consent_text
    note = request.notes.get()
    assert "My sister uses every day. Call me on 202-555-0143." in note.text and "Evenings are best." in note.text
    assert request.first_contact_at is None  # copying the text is not a contact: the clock still runs
    conv.refresh_from_db()
    assert conv.intake_request == request
    assert AuditEvent.objects.filter(action="linked", target_id=str(request.pk)).exists()
    # Once converted, a second conversion is refused and the list links the request instead.
    again = client.post(url, {"full_name": "Sam", "phone": "(202) 555-0143", "contact_time": "evening"})
    assert again.status_code == 302 and VerificationRequest.objects.count() == 1
    assert f"Request #{request.pk}" in client.get(reverse("chat_admin:missed")).content.decode()


def test_a_silent_waiting_chat_converts_and_closes(client, admissions):
    with time_machine.travel(timezone.now() - datetime.timedelta(minutes=30)):
        conv, _, _ = services.start_conversation("Please call me back")
    client.force_login(admissions)
    client.post(
        reverse("chat_admin:convert_missed", args=[conv.pk]), {"phone": "(202) 555-0150", "contact_time": "any"}
    )
    conv.refresh_from_db()
    assert conv.status == Conversation.Status.CLOSED
    assert conv.intake_request.full_name == "Chat visitor"


def test_answered_chats_cannot_be_converted_here(client, admissions):
    conv, _, _ = services.start_conversation("Hello")
    services.claim(conv.pk, admissions)
    client.force_login(admissions)
    client.post(
        reverse("chat_admin:convert_missed", args=[conv.pk]), {"phone": "(202) 555-0150", "contact_time": "any"}
    )
    assert not VerificationRequest.objects.exists()


def test_editors_cannot_see_missed_chats(client, editor):
    missed_chat()
    client.force_login(editor)
    assert client.get(reverse("chat_admin:missed")).status_code == 403
    conv = Conversation.objects.get()
    response = client.post(reverse("chat_admin:convert_missed", args=[conv.pk]), {"phone": "(202) 555-0150"})
    assert response.status_code == 403 and "only available to the Admissions team" in response.content.decode()


def test_visitor_start_form_carries_the_page_they_came_from(client, home, article, staff_available):
    page = client.get(reverse("chat:index"), headers={"Referer": "http://testserver" + article.url})
    assert f'name="source" value="{article.pk}"' in page.content.decode()
    other = client.get(reverse("chat:index"), headers={"Referer": "http://elsewhere.example" + article.url})
    assert f'value="{article.pk}"' not in other.content.decode()  # another site's page is never named
    client.post(reverse("chat:index"), {"message": "Hi", "source": str(article.pk)})
    assert Conversation.objects.get().source_page_id == str(article.pk)


def test_a_tampered_source_is_dropped(client, home, staff_available):
    client.post(reverse("chat:index"), {"message": "Hi", "source": "999999"})
    assert Conversation.objects.get().source_page_id == ""
