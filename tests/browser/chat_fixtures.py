"""Fixtures for the live-chat browser tests: a real ASGI server (uvicorn, HTTP + WebSocket).

pytest-django's live_server is WSGI-only, so it has no WebSockets. `chat_server` runs uvicorn in a
thread of the test process instead, serving treatment_site.asgi against the test database (SQLite's
shared in-memory test database or the PostgreSQL test database alike) and the Redis channel layer on
the chat tests' second Redis database.
"""

import os
import socket
import threading
import time

import pytest
import redis
from asgiref.sync import SyncToAsync
from django.conf import settings
from django.db import connections

from treatment_site.settings.base import redis_channel_layer

BROWSER_REDIS_URL = os.environ.get("CHAT_BROWSER_REDIS_URL", "redis://127.0.0.1:6379/11")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def chat_server(transactional_db, settings):
    """uvicorn serving the ASGI application on a free loopback port; yields its base URL."""
    import uvicorn
    from channels.layers import channel_layers

    # The real layer configuration (its Redis timeouts matter: see settings), on the browser tests' database.
    settings.CHANNEL_LAYERS = redis_channel_layer(BROWSER_REDIS_URL, settings.SECRET_KEY)
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
    layer_db = redis.Redis.from_url(BROWSER_REDIS_URL)
    layer_db.flushdb()
    from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler

    from treatment_site.asgi import application

    # Static files from the app folders, as Django's own live server does: a fresh clone has no
    # collectstatic output for servestatic to serve.
    application = ASGIStaticFilesHandler(application)

    port = free_port()
    settings.SITE_ORIGINS = [f"http://127.0.0.1:{port}"]
    server = uvicorn.Server(
        uvicorn.Config(application, host="127.0.0.1", port=port, log_level="warning", lifespan="off", log_config=None)
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    # Django's code ran in asgiref's single database thread; close its connection before the test
    # database is flushed, or SQLite's shared in-memory database stays locked for the restore.
    SyncToAsync.single_thread_executor.submit(connections.close_all).result()
    channel_layers.backends = {}
    layer_db.flushdb()
    layer_db.close()


def login_cookie(user, base_url):
    """A logged-in admin session for a browser context, without typing a password (or OTP code)."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": base_url,
    }
