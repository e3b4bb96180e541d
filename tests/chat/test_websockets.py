"""Visitor ↔ staff chat over real WebSockets (Channels' communicator) through the real Redis channel layer."""

import pytest
from channels.layers import get_channel_layer
from django.test import override_settings

from audit.models import AuditEvent
from chat import availability
from chat.models import Conversation, Message

from .conftest import receive_message, receive_until, run, session_cookie, staff_socket, visitor_socket

# The consumers use their own database connections (close_old_connections), so these tests commit;
# serialized_rollback restores the migration data (groups, permissions, root page) afterwards.
pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.usefixtures("redis_layer")]


def test_layer_is_the_real_redis_layer():
    from channels_redis.core import RedisChannelLayer

    assert isinstance(get_channel_layer(), RedisChannelLayer)


def test_visitor_and_staff_exchange_messages_claim_hand_over_and_close(conversation, admissions, colleague):
    conv, token = conversation
    alex, blair = session_cookie(admissions), session_cookie(colleague)

    async def body():
        visitor = visitor_socket(token)
        staff = staff_socket(alex)
        other = staff_socket(blair)
        assert (await visitor.connect())[0]
        assert (await staff.connect())[0]
        assert (await other.connect())[0]

        await staff.send_json_to({"type": "claim", "conversation": conv.pk, "client_id": "k1"})
        ack = await receive_until(staff, "ack")
        assert ack == {"type": "ack", "client_id": "k1", "action": "claim", "conversation": conv.pk}
        joined = await receive_until(visitor, "message")
        assert joined["message"]["sender"] == "system" and "joined" in joined["message"]["text"]
        assert "author" not in joined["message"]
        queue = await receive_until(other, "queue")
        assert queue["status"] == "active" and queue["waiting"] == 0 and "text" not in queue

        await visitor.send_json_to({"type": "message", "text": "I am worried about my brother.", "client_id": "v1"})
        assert (await receive_until(visitor, "ack"))["client_id"] == "v1"
        got = await receive_message(staff, "visitor")
        assert got["message"]["text"] == "I am worried about my brother."
        assert got["message"]["sender"] == "visitor" and got["message"]["conversation"] == conv.pk

        await staff.send_json_to({"type": "reply", "conversation": conv.pk, "text": "I can help. <b>Hi</b>"})
        reply = await receive_message(visitor, "staff")
        assert reply["message"] == {
            "id": reply["message"]["id"],
            "conversation": conv.pk,
            "sender": "staff",
            "text": "I can help. <b>Hi</b>",  # plain text: the browser inserts it with textContent
            "at": reply["message"]["at"],
        }

        # The colleague may not reply to a conversation assigned to someone else.
        await other.send_json_to({"type": "reply", "conversation": conv.pk, "text": "Me too", "client_id": "o1"})
        refused = await receive_until(other, "error")
        assert refused["client_id"] == "o1" and "Claim this conversation" in refused["message"]

        await staff.send_json_to({"type": "hand_over", "conversation": conv.pk, "to_user": colleague.pk})
        await receive_until(staff, "ack")
        await receive_until(visitor, "message")  # "Another admissions counselor has taken over"
        await other.send_json_to({"type": "watch", "conversation": conv.pk})
        await receive_until(other, "ack")
        await other.send_json_to({"type": "reply", "conversation": conv.pk, "text": "Blair here."})
        assert (await receive_message(visitor, "staff"))["message"]["text"] == "Blair here."

        await other.send_json_to({"type": "close", "conversation": conv.pk})
        await receive_until(other, "ack")
        status = await receive_until(visitor, "status")
        assert status == {"type": "status", "conversation": conv.pk, "status": "closed"}
        await visitor.send_json_to({"type": "message", "text": "hello?", "client_id": "v2"})
        assert (await receive_until(visitor, "error"))["code"] == "closed"
        for socket in (visitor, staff, other):
            await socket.disconnect()

    run(body)
    conv.refresh_from_db()
    assert conv.status == Conversation.Status.CLOSED and conv.assigned_to == colleague
    texts = [m.text for m in conv.messages.all()]
    assert "I am worried about my brother." in texts and "Blair here." in texts
    actions = set(AuditEvent.objects.for_object(conv).values_list("action", flat=True))
    assert {"claimed", "handed_over", "closed", "viewed"} <= actions


def test_second_claim_is_refused(conversation, admissions, colleague):
    conv, _ = conversation
    alex, blair = session_cookie(admissions), session_cookie(colleague)

    async def body():
        first, second = staff_socket(alex), staff_socket(blair)
        await first.connect()
        await second.connect()
        await first.send_json_to({"type": "claim", "conversation": conv.pk})
        await receive_until(first, "ack")
        await second.send_json_to({"type": "claim", "conversation": conv.pk, "client_id": "x"})
        error = await receive_until(second, "error")
        assert "already claimed" in error["message"]
        await first.disconnect()
        await second.disconnect()

    run(body)
    conv.refresh_from_db()
    assert conv.assigned_to == admissions


def test_staff_socket_refuses_anonymous_and_editors(editor):
    cookie = session_cookie(editor)

    async def body():
        anonymous = staff_socket()
        connected, code = await anonymous.connect()
        assert not connected and code == 4403
        as_editor = staff_socket(cookie)
        connected, code = await as_editor.connect()
        assert not connected and code == 4403

    run(body)


def test_staff_socket_closes_when_permission_is_revoked(conversation, admissions):
    conv, _ = conversation
    cookie = session_cookie(admissions)

    async def body():
        staff = staff_socket(cookie)
        assert (await staff.connect())[0]
        await _remove_groups(admissions)
        await staff.send_json_to({"type": "claim", "conversation": conv.pk})
        assert (await staff.receive_output(timeout=3))["type"] == "websocket.close"

    run(body)
    conv.refresh_from_db()
    assert conv.status == Conversation.Status.WAITING


async def _remove_groups(user):
    from channels.db import database_sync_to_async

    await database_sync_to_async(user.groups.clear)()


def test_visitor_socket_needs_a_valid_token_and_same_origin(conversation):
    _, token = conversation

    async def body():
        no_cookie = visitor_socket(None)
        assert (await no_cookie.connect())[1] == 4404
        wrong = visitor_socket("not-a-real-token")
        assert (await wrong.connect())[1] == 4404
        foreign = visitor_socket(token, origin="https://evil.example")
        connected, _ = await foreign.connect()
        assert not connected
        for near_miss in ("http://testserver:9999", "https://testserver", "http://testserver.evil.example"):
            connected, _ = await visitor_socket(token, origin=near_miss).connect()
            assert not connected, near_miss

    run(body)


def test_malformed_over_long_and_empty_messages_get_polite_errors(conversation, admissions):
    conv, token = conversation

    async def body():
        visitor = visitor_socket(token)
        await visitor.connect()
        await visitor.send_to(text_data="this is not json")
        assert (await receive_until(visitor, "error"))["code"] == "malformed"
        await visitor.send_to(bytes_data=b"\x00\x01")
        assert (await receive_until(visitor, "error"))["code"] == "malformed"
        await visitor.send_json_to({"type": "message", "text": ["a", "list"], "client_id": "m"})
        assert (await receive_until(visitor, "error"))["code"] == "malformed"
        await visitor.send_json_to({"type": "message", "text": "x" * 2001, "client_id": "long"})
        error = await receive_until(visitor, "error")
        assert error["code"] == "too_long" and error["client_id"] == "long" and "2000" in error["message"]
        await visitor.send_json_to({"type": "message", "text": " \x00\x07 "})
        assert (await receive_until(visitor, "error"))["code"] == "empty"
        await visitor.send_json_to({"type": "message", "text": "ok\x00 then\u202e", "client_id": "fine"})
        assert (await receive_until(visitor, "ack"))["client_id"] == "fine"
        await visitor.disconnect()

    run(body)
    assert list(conv.messages.values_list("text", flat=True)) == ["Hello, is anyone there?", "ok then"]


@override_settings(CHAT_RATE_PER_CONNECTION=(3, 60))
def test_per_connection_rate_limit(conversation):
    conv, token = conversation

    async def body():
        visitor = visitor_socket(token)
        await visitor.connect()
        for number in range(3):
            await visitor.send_json_to({"type": "message", "text": f"message {number}", "client_id": str(number)})
            assert (await receive_until(visitor, "ack"))["client_id"] == str(number)
        await visitor.send_json_to({"type": "message", "text": "one too many", "client_id": "x"})
        error = await receive_until(visitor, "error")
        assert error["code"] == "rate_limited" and error["client_id"] == "x"
        await visitor.disconnect()

    run(body)
    assert conv.messages.filter(sender=Message.Sender.VISITOR).count() == 4  # the first one + three


@override_settings(CHAT_RATE_PER_CLIENT=(4, 60))
def test_per_client_rate_limit_spans_connections(conversation):
    _, token = conversation

    async def body():
        first, second = visitor_socket(token), visitor_socket(token)
        await first.connect()
        await second.connect()
        for number in range(4):
            socket = first if number % 2 else second
            await socket.send_json_to({"type": "message", "text": f"m{number}", "client_id": str(number)})
            await receive_until(socket, "ack")
        await first.send_json_to({"type": "message", "text": "fifth", "client_id": "5"})
        assert (await receive_until(first, "error"))["code"] == "rate_limited"
        await first.disconnect()
        await second.disconnect()

    run(body)


def test_availability_and_heartbeat_over_the_socket(admissions):
    cookie = session_cookie(admissions)

    async def body():
        staff = staff_socket(cookie)
        await staff.connect()
        await staff.send_json_to({"type": "availability", "available": True})
        assert (await receive_until(staff, "ack"))["available"] is True
        await staff.send_json_to({"type": "heartbeat"})
        await receive_until(staff, "ack")
        await staff.disconnect()

    run(body)
    assert availability.is_available(admissions)


def test_staff_socket_needs_two_step_sign_in_when_required(admissions, settings):
    """The OTP middleware guards HTTP only; the staff socket checks the session's second factor itself."""
    from django.contrib.sessions.backends.db import SessionStore
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    settings.ADMIN_REQUIRE_OTP = True
    password_only = session_cookie(admissions)
    verified = session_cookie(admissions)
    session = SessionStore(session_key=verified.split("=", 1)[1])
    device = TOTPDevice.objects.create(user=admissions, confirmed=True)
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()

    async def body():
        connected, code = await staff_socket(password_only).connect()
        assert not connected and code == 4403
        socket = staff_socket(verified)
        assert (await socket.connect())[0]
        await socket.disconnect()

    run(body)

    # A device that is no longer confirmed (e.g. being reset) no longer counts as a second factor.
    device.confirmed = False
    device.save()

    async def unconfirmed():
        connected, code = await staff_socket(verified).connect()
        assert not connected and code == 4403

    run(unconfirmed)
