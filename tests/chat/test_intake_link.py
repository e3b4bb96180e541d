"""A closed chat linked to an intake request, shown on the request's admin page with audit rows on both."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from chat import services
from intake.models import VerificationRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def callback_request(db):
    request = VerificationRequest(
        kind=VerificationRequest.Kind.CALLBACK, full_name="Sam Example", phone="+12025550142", email=""
    )
    request.save()
    return request


def test_close_with_request_number_links_and_request_page_shows_it(client, admissions, conversation, callback_request):
    conv, _ = conversation
    services.claim(conv.pk, admissions)
    client.force_login(admissions)
    response = client.post(f"/admin/chat/{conv.pk}/close/", {"intake_request": f"#{callback_request.pk}"})
    assert response.status_code == 302
    conv.refresh_from_db()
    assert conv.is_closed and conv.intake_request == callback_request
    assert AuditEvent.objects.for_object(conv).filter(action="linked").exists()
    assert AuditEvent.objects.for_object(callback_request).get(action="linked").detail == f"chat #{conv.pk}"

    page = client.get(reverse("insurance_requests:inspect", args=[callback_request.pk]))
    html = page.content.decode()
    assert page.status_code == 200 and "Live chats" in html and f"/admin/chat/{conv.pk}/" in html


def test_open_conversations_and_unknown_requests_cannot_be_linked(client, admissions, conversation):
    conv, _ = conversation
    with pytest.raises(services.ChatActionError):
        services.link_to_request(conv.pk, admissions, 1)
    services.claim(conv.pk, admissions)
    services.close(conv.pk, admissions)
    client.force_login(admissions)
    response = client.post(f"/admin/chat/{conv.pk}/link/", {"intake_request": "99999"}, follow=True)
    assert "There is no request with that number." in response.content.decode()
    conv.refresh_from_db()
    assert conv.intake_request is None


def test_editor_cannot_link(client, editor, conversation, callback_request):
    conv, _ = conversation
    client.force_login(editor)
    assert client.post(f"/admin/chat/{conv.pk}/link/", {"intake_request": callback_request.pk}).status_code == 403
