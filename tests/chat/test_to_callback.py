"""A waiting chat nobody can answer becomes a callback request, and the visitor's chat text goes with it."""

import pytest
from django.core.cache import cache

from chat import availability
from chat.models import Conversation
from intake.models import VerificationRequest

from .test_visitor_http import start


@pytest.fixture(autouse=True)
def clean_cache():
    cache.clear()


CALLBACK = {
    "full_name": "Jo",
    "phone": "(202) 555-0147",
    "contact_time": "evening",
    "voicemail_ok": "yes",
    "consent": "on",
    "time_zone": "America/Los_Angeles",
}


def test_counselor_leaving_shows_options_and_the_chat_converts(client, home, staff_available):
    start(client, message="My sister relapsed and I do not know what to do.")
    conversation = Conversation.objects.get()
    assert client.get("/chat/messages/").json()["chat_status"] == "open"
    assert b"data-chat-nobody hidden" in client.get("/chat/").content

    availability.set_available(staff_available, False)  # the last counselor goes away
    assert client.get("/chat/messages/").json()["chat_status"] == "no_staff"
    page = client.get("/chat/").content.decode()
    assert "Turn this chat into a callback request" in page and "data-chat-nobody hidden" not in page

    bad = client.post("/chat/callback/", {**CALLBACK, "phone": "nope"})
    assert bad.status_code == 400 and 'value="Jo"' in bad.content.decode()  # nothing typed is lost
    assert not VerificationRequest.objects.exists()

    assert client.post("/chat/callback/", CALLBACK).status_code == 302
    request = VerificationRequest.objects.get()
    conversation.refresh_from_db()
    assert request.kind == "callback" and request.visitor_time_zone == "America/Los_Angeles"
    assert conversation.intake_request == request and conversation.is_closed
    assert conversation.messages.filter(sender="visitor").get().text.startswith("My sister relapsed")
