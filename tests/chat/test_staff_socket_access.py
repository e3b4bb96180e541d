"""A staff console socket loses its right to exist the moment its session or its user does (real Redis layer)."""

import time

import pytest
from asgiref.sync import sync_to_async
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session

from accounts.session_limits import LAST_ACTIVE_AT, SIGNED_IN_AT
from tests.factories.users import PASSWORD

from .conftest import receive_until, run, signed_in, staff_socket, visitor_socket

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.usefixtures("redis_layer")]

VISITOR_TEXT = "Please do not let anyone else read this."


async def closed_without_content(communicator, timeout=3):
    """The socket closes with 4403 and nothing of the visitor's text reached it first."""
    for _ in range(20):
        output = await communicator.receive_output(timeout=timeout)
        assert VISITOR_TEXT not in str(output)
        if output["type"] == "websocket.close":
            return output["code"]
    raise AssertionError("the socket stayed open")


async def connected_console(cookie):
    staff = staff_socket(cookie)
    assert (await staff.connect())[0]
    return staff


@pytest.mark.parametrize(
    "take_away",
    [
        pytest.param(lambda client, user: client.logout(), id="logout"),
        pytest.param(lambda client, user: (user.set_password("another-long-password"), user.save()), id="password"),
        pytest.param(lambda client, user: (setattr(user, "is_active", False), user.save()), id="deactivated"),
        pytest.param(lambda client, user: user.groups.remove(Group.objects.get(name="Admissions")), id="group"),
        pytest.param(
            lambda client, user: Group.objects.get(name="Admissions").user_set.remove(user), id="group-reverse"
        ),
    ],
)
def test_an_idle_socket_is_closed_when_the_right_is_taken_away(admissions, take_away):
    """No frame from the console is needed: the change sends "close" to the user's own sockets."""
    client, cookie = signed_in(admissions)

    async def body():
        staff = await connected_console(cookie)
        await sync_to_async(take_away)(client, admissions)
        assert await closed_without_content(staff) == 4403

    run(body)


def test_adding_a_group_does_not_drop_the_console(admissions):
    """A group change re-checks the socket; one that still may answer chats stays connected."""
    _, cookie = signed_in(admissions)

    async def body():
        staff = await connected_console(cookie)
        await sync_to_async(lambda: admissions.groups.add(Group.objects.get(name="Editors")))()
        await staff.send_json_to({"type": "heartbeat", "client_id": "h"})
        assert (await receive_until(staff, "ack"))["client_id"] == "h"
        await staff.disconnect()

    run(body)


def test_pushed_events_are_checked_even_when_no_signal_fired(conversation, admissions):
    """The session row vanishes behind Django's back (expiry, a manual purge): the next event closes the socket."""
    conv, token = conversation
    _, cookie = signed_in(admissions)

    async def body():
        visitor = visitor_socket(token)
        assert (await visitor.connect())[0]
        staff = await connected_console(cookie)
        await staff.send_json_to({"type": "watch", "conversation": conv.pk})
        await receive_until(staff, "ack")
        await sync_to_async(lambda: Session.objects.all().delete())()
        await visitor.send_json_to({"type": "message", "text": VISITOR_TEXT})
        assert await closed_without_content(staff) == 4403
        await visitor.disconnect()

    run(body)


def test_every_frame_is_checked(conversation, admissions):
    conv, _ = conversation
    _, cookie = signed_in(admissions)

    async def body():
        staff = await connected_console(cookie)
        await sync_to_async(lambda: Session.objects.all().delete())()
        await staff.send_json_to({"type": "claim", "conversation": conv.pk})
        assert await closed_without_content(staff) == 4403

    run(body)
    conv.refresh_from_db()
    assert conv.assigned_to is None


def test_a_socket_has_a_lifetime_cap(admissions, settings):
    settings.CHAT_STAFF_SOCKET_MAX_AGE_SECONDS = 1
    _, cookie = signed_in(admissions)

    async def body():
        staff = await connected_console(cookie)
        started = time.monotonic()
        assert await closed_without_content(staff, timeout=5) == 4408  # the console reconnects
        assert time.monotonic() - started < 4

    run(body)


def _age_session(cookie, idle_seconds=0, age_seconds=0):
    session = SessionStore(session_key=cookie.split("=", 1)[1])
    session[LAST_ACTIVE_AT] = session[LAST_ACTIVE_AT] - idle_seconds
    session[SIGNED_IN_AT] = session[SIGNED_IN_AT] - age_seconds
    session.save()
    return session


def test_an_idle_or_too_old_session_opens_no_socket(admissions):
    _, idle = signed_in(admissions)
    _, old = signed_in(admissions)
    _age_session(idle, idle_seconds=settings.STAFF_SESSION_IDLE_SECONDS + 1)
    _age_session(old, age_seconds=settings.STAFF_SESSION_MAX_SECONDS + 1)

    async def body():
        for cookie in (idle, old):
            connected, code = await staff_socket(cookie).connect()
            assert not connected and code == 4403

    run(body)


def test_an_active_heartbeat_keeps_the_session_and_reports_time_left(admissions):
    client, cookie = signed_in(admissions)
    _age_session(cookie, idle_seconds=settings.STAFF_SESSION_IDLE_SECONDS - 60)

    async def body():
        staff = await connected_console(cookie)
        await staff.send_json_to({"type": "heartbeat"})  # presence only: the counselor did nothing
        assert (await receive_until(staff, "ack"))["signed_out_in"] <= 60
        await staff.send_json_to({"type": "heartbeat", "active": True})
        assert (await receive_until(staff, "ack"))["signed_out_in"] > settings.STAFF_SESSION_IDLE_SECONDS - 5
        await staff.disconnect()

    run(body)
    # The same session, over HTTP, is still signed in well past the old idle deadline.
    assert client.get("/admin/", headers={"X-Staff-Background": "1"}).status_code == 200


def test_password_login_still_works_after_a_socket_closed(admissions):
    """Closing sockets never blocks the next sign-in."""
    client, cookie = signed_in(admissions)
    client.logout()
    assert client.post("/admin/login/", {"username": admissions.username, "password": PASSWORD}).status_code == 302
