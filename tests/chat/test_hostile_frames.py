"""Hostile chat frames get a polite error frame and the socket stays open: no "Exception in ASGI application"."""

import json

import pytest

from chat.models import Message

from .conftest import receive_until, run, session_cookie, staff_socket, visitor_socket

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.usefixtures("redis_layer")]

LONE_SURROGATE = '{"type": "message", "text": "hi \\ud800 there", "client_id": "s"}'
DEEP = "[" * 100_000 + "]" * 100_000


def test_visitor_socket_survives_surrogates_and_deep_nesting(conversation):
    conv, token = conversation

    async def body():
        visitor = visitor_socket(token)
        assert (await visitor.connect())[0]
        await visitor.send_to(text_data=LONE_SURROGATE)
        error = await receive_until(visitor, "error")
        assert error["code"] == "malformed" and error["client_id"] == "s"
        await visitor.send_to(text_data=DEEP)
        assert (await receive_until(visitor, "error"))["code"] == "malformed"
        await visitor.send_to(text_data='{"type": "message", "text": "' + '{"a":' * 5000 + '"}')
        assert (await receive_until(visitor, "error"))["code"] == "malformed"
        await visitor.send_json_to({"type": "message", "text": "still here", "client_id": "ok"})
        assert (await receive_until(visitor, "ack"))["client_id"] == "ok"
        await visitor.disconnect()

    run(body)
    assert list(Message.objects.filter(conversation=conv).values_list("text", flat=True))[-1] == "still here"


def test_staff_socket_survives_surrogates_deep_nesting_and_huge_ids(conversation, admissions):
    cookie = session_cookie(admissions)

    async def body():
        staff = staff_socket(cookie)
        assert (await staff.connect())[0]
        await staff.send_to(text_data=DEEP)
        assert (await receive_until(staff, "error"))["code"] == "malformed"
        await staff.send_to(text_data=json.dumps({"type": "watch", "conversation": 10**30, "client_id": "big"}))
        assert (await receive_until(staff, "error"))["client_id"] == "big"
        reply = json.dumps({"type": "reply", "conversation": conversation[0].pk, "text": "\udfff", "client_id": "r"})
        await staff.send_to(text_data=reply)
        assert (await receive_until(staff, "error"))["client_id"] == "r"
        await staff.send_json_to({"type": "heartbeat", "client_id": "alive"})
        assert (await receive_until(staff, "ack"))["client_id"] == "alive"
        await staff.disconnect()

    run(body)
