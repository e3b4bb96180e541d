"""Fixtures for degraded-mode tests: a Redis address where nothing listens."""

import socket

import pytest
from channels.layers import channel_layers
from django.core.cache import caches

from tests.intake.conftest import aetna, valid_data  # noqa: F401  (the intake fixtures, reused)


def unused_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def dead_redis_url():
    """A redis:// URL on a closed local port: every connection is refused at once, like a killed Redis."""
    return f"redis://127.0.0.1:{unused_port()}/0"


@pytest.fixture
def redis_down(settings, dead_redis_url):
    """The default cache and the chat channel layer both point at a Redis that is down."""
    from treatment_site.settings.base import redis_cache, redis_channel_layer

    settings.CACHES = {"default": redis_cache(dead_redis_url, 5)}
    settings.CHANNEL_LAYERS = redis_channel_layer(dead_redis_url, settings.SECRET_KEY)
    channel_layers.backends = {}
    yield dead_redis_url
    channel_layers.backends = {}
    caches["default"].clear()


@pytest.fixture
def live_cache(settings):
    """The default cache on the tests' own Redis database (TEST_REDIS_URL), flushed before and after."""
    from treatment_site.settings.base import redis_cache

    settings.CACHES = {"default": redis_cache(settings.REDIS_URL, 5)}
    cache = caches["default"]
    cache.clear()
    yield cache
    cache.clear()
