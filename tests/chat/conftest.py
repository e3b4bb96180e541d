"""Live-chat fixtures: staff accounts, available staff, a clean Redis channel-layer database, socket helpers."""

import pytest
import redis
from asgiref.sync import async_to_sync
from channels.layers import channel_layers, get_channel_layer
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client

from chat import availability, services
from tests.factories.users import make_staff


def browser_client():
    """A test client that sends what every current browser sends with a same-site form post."""
    return Client(headers={"Sec-Fetch-Site": "same-origin"})


@pytest.fixture
def client():
    return browser_client()


@pytest.fixture
def redis_layer():
    """Flush only the chat tests' own Redis database before and after (never FLUSHALL).

    Each test runs its sockets in a fresh event loop (async_to_sync), so it also gets a fresh layer
    object: a Redis layer keeps per-loop receive state that must not leak into the next test's loop.
    """
    client = redis.Redis.from_url(settings.CHAT_TEST_REDIS_URL)
    client.flushdb()
    channel_layers.backends = {}
    yield client
    channel_layers.backends = {}
    client.flushdb()
    client.close()


@pytest.fixture
def admissions(db):
    return make_staff("alex", "Admissions")


@pytest.fixture
def colleague(db):
    return make_staff("blair", "Admissions")


@pytest.fixture
def editor(db):
    return make_staff("eddie", "Editors")


@pytest.fixture
def staff_available(admissions):
    availability.set_available(admissions, True)
    return admissions


@pytest.fixture
def conversation(db):
    """A waiting conversation and the visitor's token."""
    conv, token, _ = services.start_conversation("Hello, is anyone there?", "someone_else", "alcohol")
    return conv, token


def signed_in(user):
    """A real signed-in test client and the cookie header for a socket made from the same session."""
    client = Client()
    client.force_login(user)
    return client, f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def session_cookie(user):
    return signed_in(user)[1]


def run(coroutine_function):
    """Run a test's socket conversation in a fresh event loop, then flush the channel layer."""

    async def wrapper():
        try:
            await coroutine_function()
        finally:
            await get_channel_layer().flush()  # also closes this event loop's Redis pools

    async_to_sync(wrapper)()


def visitor_socket(token, origin="http://testserver", path="/chat/ws/"):
    """The visitor's socket; `path` is /es/chat/ws/ for a chat started on the Spanish page."""
    from treatment_site.asgi import application

    headers = [(b"host", b"testserver"), (b"origin", origin.encode())]
    if token:
        headers.append((b"cookie", f"{settings.CHAT_COOKIE_NAME}={token}".encode()))
    return WebsocketCommunicator(application, path, headers=headers)


def staff_socket(cookie=None, origin="http://testserver"):
    """A staff-console socket; `cookie` comes from session_cookie(user), made outside the event loop."""
    from treatment_site.asgi import application

    headers = [(b"host", b"testserver"), (b"origin", origin.encode())]
    if cookie is not None:
        headers.append((b"cookie", cookie.encode()))
    return WebsocketCommunicator(application, "/admin/chat/ws/", headers=headers)


async def receive_until(communicator, wanted_type, timeout=3):
    """Read frames until one of the wanted type arrives (skipping e.g. queue updates)."""
    for _ in range(20):
        frame = await communicator.receive_json_from(timeout=timeout)
        if frame["type"] == wanted_type:
            return frame
    raise AssertionError(f"no {wanted_type} frame arrived")


async def receive_message(communicator, sender, timeout=3):
    """Read frames until a chat message from `sender` (visitor/staff/system) arrives."""
    for _ in range(20):
        frame = await communicator.receive_json_from(timeout=timeout)
        if frame["type"] == "message" and frame["message"]["sender"] == sender:
            return frame
    raise AssertionError(f"no {sender} message arrived")


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Rate-limit windows live in the (local-memory) test cache; start every test with none used."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
