"""The staff console in the Wagtail admin over HTTP: menu, queue, transcript audit, actions, refusals."""

import pytest

from audit.models import AuditEvent
from chat import availability, services
from chat.models import Conversation

pytestmark = pytest.mark.django_db


def chat_urls(pk):
    gets = [
        "/admin/chat/",
        f"/admin/chat/{pk}/",
        f"/admin/chat/{pk}/messages/",
        "/admin/chat/missed/",
        f"/admin/chat/missed/{pk}/callback/",
    ]
    posts = [
        "/admin/chat/availability/",
        "/admin/chat/heartbeat/",
        f"/admin/chat/{pk}/claim/",
        f"/admin/chat/{pk}/reply/",
        f"/admin/chat/{pk}/hand-over/",
        f"/admin/chat/{pk}/close/",
        f"/admin/chat/{pk}/link/",
        f"/admin/chat/{pk}/leave/",
        f"/admin/chat/missed/{pk}/callback/",
    ]
    return gets, posts


def test_editor_sees_no_menu_and_gets_403_everywhere(client, editor, conversation):
    conv, _ = conversation
    client.force_login(editor)
    dashboard = client.get("/admin/").content.decode()
    assert "Live chat" not in dashboard
    gets, posts = chat_urls(conv.pk)
    for url in gets:
        assert client.get(url).status_code == 403, url
    refused = client.get(gets[0]).content.decode()
    assert "only available to the Admissions team" in refused and 'class="help-block help-critical"' in refused
    for url in posts:
        refused = client.post(url, {"message": "x", "to_user": editor.pk, "available": "1"})
        assert refused.status_code == 403, url
        assert 'class="help-block help-critical"' in refused.content.decode(), url  # the admin's layout
    conv.refresh_from_db()
    assert conv.status == "waiting" and not AuditEvent.objects.for_object(conv).exists()


def test_anonymous_is_sent_to_login(client, conversation):
    conv, _ = conversation
    response = client.get(f"/admin/chat/{conv.pk}/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_menu_shows_waiting_count_to_admissions(client, admissions, conversation):
    client.force_login(admissions)
    html = client.get("/admin/").content.decode()
    assert "Live chat (1 waiting)" in html and "/admin/chat/" in html


def test_console_lists_waiting_with_wait_time_and_availability_toggle(client, admissions, conversation):
    conv, _ = conversation
    client.force_login(admissions)
    html = client.get("/admin/chat/").content.decode()
    assert conv.reference in html and "Waiting (1)" in html and "minute" in html
    assert "Hello, is anyone there?" not in html  # the queue shows no message text
    assert "Set me available" in html
    response = client.post("/admin/chat/availability/", {"available": "1"})
    assert response.status_code == 302 and availability.is_available(admissions)
    assert "Set me away" in client.get("/admin/chat/").content.decode()
    client.post("/admin/chat/availability/", {"available": "0"})
    assert not availability.is_available(admissions)


def test_viewing_transcript_is_audited_and_claim_reply_close_over_http(client, admissions, conversation):
    conv, _ = conversation
    client.force_login(admissions)
    html = client.get(f"/admin/chat/{conv.pk}/").content.decode()
    assert "Hello, is anyone there?" in html and "someone i care about" in html and "alcohol" in html
    viewed = AuditEvent.objects.for_object(conv).get(action=AuditEvent.Action.VIEWED)
    assert viewed.actor == admissions and "Hello" not in viewed.detail

    assert client.post(f"/admin/chat/{conv.pk}/claim/").status_code == 302
    response = client.post(f"/admin/chat/{conv.pk}/reply/", {"message": "We are here."}, HTTP_ACCEPT="application/json")
    assert response.json()["message"]["text"] == "We are here." and response.json()["message"]["author"] == "Alex"
    data = client.get(f"/admin/chat/{conv.pk}/messages/?after=0").json()
    assert [m["sender"] for m in data["messages"]] == ["visitor", "system", "staff"]

    too_long = client.post(f"/admin/chat/{conv.pk}/reply/", {"message": "z" * 2001}, HTTP_ACCEPT="application/json")
    assert too_long.status_code == 409 and "2000" in too_long.json()["error"]

    assert client.post(f"/admin/chat/{conv.pk}/close/").status_code == 302
    conv.refresh_from_db()
    assert conv.status == Conversation.Status.CLOSED
    closed_page = client.get(f"/admin/chat/{conv.pk}/").content.decode()
    assert "Send reply" not in closed_page


def test_hand_over_over_http(client, admissions, colleague, conversation):
    conv, _ = conversation
    services.claim(conv.pk, admissions)
    client.force_login(admissions)
    html = client.get(f"/admin/chat/{conv.pk}/").content.decode()
    assert f'<option value="{colleague.pk}">Blair</option>' in html
    assert client.post(f"/admin/chat/{conv.pk}/hand-over/", {"to_user": colleague.pk}).status_code == 302
    conv.refresh_from_db()
    assert conv.assigned_to == colleague
    refused = client.post(f"/admin/chat/{conv.pk}/hand-over/", {"to_user": "nobody"}, follow=True)
    assert "Claim this conversation" in refused.content.decode()


def test_superuser_can_use_the_console(client, django_user_model, conversation):
    conv, _ = conversation
    boss = django_user_model.objects.create_superuser("boss", "boss@example.com", "a-long-test-password")
    client.force_login(boss)
    assert client.get("/admin/chat/").status_code == 200
    assert client.get(f"/admin/chat/{conv.pk}/").status_code == 200


def test_reading_through_the_poll_endpoint_is_audited_once_a_minute(client, admissions, conversation):
    conv, _ = conversation
    client.force_login(admissions)
    for _ in range(3):
        response = client.get(f"/admin/chat/{conv.pk}/messages/", headers={"X-Staff-Background": "1"})
        assert response.status_code == 200 and response.json()["messages"]
    events = AuditEvent.objects.for_object(conv).filter(action=AuditEvent.Action.VIEWED, actor=admissions)
    assert events.count() == 1 and "polling" in events.get().detail
