"""A visitor is never stranded: every state change reaches their socket through the real Redis layer
(counselor joined, left, closed, nobody available and back), and the console keeps the waiting chat."""

import datetime
import io

import pytest
from channels.db import database_sync_to_async
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from chat import availability, status
from chat.models import Conversation, StaffPresence

from .conftest import receive_message, receive_until, run, session_cookie, staff_socket, visitor_socket

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.usefixtures("redis_layer")]


@pytest.fixture
def alex(staff_available):
    """The console cookie of Alex, an Admissions counselor available for chat."""
    return session_cookie(staff_available)


async def connected(token, staff_cookie):
    visitor, staff = visitor_socket(token), staff_socket(staff_cookie)
    assert (await visitor.connect())[0] and (await staff.connect())[0]
    return visitor, staff


async def claimed(conv, token, staff_cookie):
    """Both sockets open and the counselor's claim seen by both."""
    visitor, staff = await connected(token, staff_cookie)
    await staff.send_json_to({"type": "claim", "conversation": conv.pk})
    assert (await receive_until(staff, "ack"))["action"] == "claim"
    assert (await receive_until(visitor, "status"))["status"] == "active"
    return visitor, staff


async def state_of(socket):
    return (await receive_until(socket, "state"))["state"]


def test_last_counselor_going_away_and_coming_back_reaches_the_waiting_visitor(conversation, alex):
    conv, token = conversation

    async def body():
        visitor, staff = await connected(token, alex)
        await staff.send_json_to({"type": "availability", "available": False})
        assert await state_of(visitor) == status.NOBODY
        await staff.send_json_to({"type": "availability", "available": True})
        assert await state_of(visitor) == status.QUEUED
        await visitor.disconnect()
        await staff.disconnect()

    run(body)


def test_counselor_leaving_puts_the_chat_back_in_the_queue_and_tells_the_visitor(conversation, alex, colleague):
    conv, token = conversation

    async def body():
        visitor, staff = await claimed(conv, token, alex)
        # Alex leaves while Blair is still available: back in the queue, "counselor left".
        await database_sync_to_async(availability.set_available)(colleague, True)
        await staff.send_json_to({"type": "leave", "conversation": conv.pk, "client_id": "l1"})
        assert (await receive_until(staff, "ack"))["action"] == "leave"
        notice = await receive_message(visitor, "system")
        assert notice["message"]["text"] == status.COUNSELOR_LEFT_NOTICE
        assert await state_of(visitor) == status.COUNSELOR_LEFT
        # Then Blair goes away too (from the HTTP console): nobody is left, the visitor is told at once.
        await database_sync_to_async(availability.set_available)(colleague, False)
        await staff.send_json_to({"type": "availability", "available": False})
        assert await state_of(visitor) == status.NOBODY
        await visitor.disconnect()
        await staff.disconnect()

    run(body)
    conv.refresh_from_db()
    assert conv.status == Conversation.Status.WAITING and conv.assigned_to is None


def test_closing_ends_the_visitor_chat_and_an_ended_chat_is_ended_on_reload(client, conversation, alex):
    conv, token = conversation

    async def body():
        visitor, staff = await claimed(conv, token, alex)
        await staff.send_json_to({"type": "close", "conversation": conv.pk})
        assert (await receive_until(visitor, "status"))["status"] == "closed"
        await visitor.disconnect()
        await staff.disconnect()

    run(body)
    client.cookies[client_cookie_name()] = token
    page = client.get(reverse("chat:index")).content.decode()
    assert "This chat has ended." in page
    assert "An admissions counselor is with you." not in page and "End chat" not in page
    assert client.get(reverse("chat:messages")).json()["state"] == status.ENDED


def client_cookie_name():
    from django.conf import settings

    return settings.CHAT_COOKIE_NAME


def test_a_console_that_went_silent_releases_its_chat_and_waiting_visitors_learn_it(conversation, admissions):
    conv, token = conversation
    availability.set_available(admissions, True)
    from chat import services

    services.claim(conv.pk, admissions)
    # The console last checked in five minutes ago: past CHAT_PRESENCE_TIMEOUT_SECONDS.
    StaffPresence.objects.filter(user=admissions).update(last_seen_at=timezone.now() - datetime.timedelta(minutes=5))

    async def body():
        visitor = visitor_socket(token)
        assert (await visitor.connect())[0]
        await database_sync_to_async(lambda: call_command("sweep_chat", stdout=io.StringIO()))()
        notice = await receive_message(visitor, "system")
        assert notice["message"]["text"] == status.COUNSELOR_LEFT_NOTICE
        assert await state_of(visitor) == status.NOBODY
        await visitor.disconnect()

    run(body)
    conv.refresh_from_db()
    assert conv.status == Conversation.Status.WAITING and conv.assigned_to is None
    assert StaffPresence.objects.get(user=admissions).available  # only the chat is released


def test_the_waiting_chat_stays_in_the_console_when_the_last_counselor_leaves(conversation, admissions, client):
    conv, _ = conversation
    availability.set_available(admissions, True)
    client.force_login(admissions)
    client.post(reverse("chat_admin:availability"), {"available": "0"})
    assert not availability.available_staff().exists()
    page = client.get(reverse("chat_admin:console")).content.decode()
    assert "Waiting (1)" in page and conv.reference in page
