"""The default cache keeps answering from process memory while Redis is down, and uses Redis again after."""

import time

import pytest
import redis
from django.core.cache import caches

from treatment_site.cache import FallbackRedisCache


def test_calls_are_answered_locally_when_redis_is_down(redis_down):
    cache = caches["default"]
    assert isinstance(cache, FallbackRedisCache)
    started = time.monotonic()
    cache.set("k", [1, 2])
    assert cache.get("k") == [1, 2]
    assert cache.add("counter", 0) is True
    assert cache.incr("counter") == 1
    assert cache.incr("counter") == 2
    assert cache.get_many(["k", "missing"]) == {"k": [1, 2]}
    cache.delete("k")
    assert cache.get("k") is None
    with pytest.raises(ValueError):
        cache.incr("never-set")  # the same contract as every Django cache
    assert time.monotonic() - started < 2, "a refused Redis must fail over at once"


def test_values_go_to_redis_when_it_is_up(live_cache, settings):
    live_cache.set("shared", "yes", 60)
    raw = redis.Redis.from_url(settings.REDIS_URL)
    assert raw.exists(live_cache.make_key("shared")) == 1
    assert live_cache.redis_is_skipped is False


def test_redis_is_tried_again_after_the_retry_interval(live_cache, settings):
    """A failure switches to the local cache for a few seconds only, then Redis answers again."""
    live_cache.set("before", 1, 60)
    live_cache.down_until = time.monotonic() + 60  # as after a failure
    assert live_cache.get("before") is None  # answered locally, where nothing is stored
    live_cache.down_until = time.monotonic() - 1  # the retry interval has passed
    assert live_cache.get("before") == 1
    assert live_cache.redis_is_skipped is False


def test_every_call_shares_one_redis_client(live_cache):
    """Django builds a redis.Redis per call; ours keeps one per pool (a tenth of a form POST's CPU)."""
    live_cache.set("one", 1, 60)
    client = live_cache._cache.get_client("one", write=True)
    assert live_cache._cache.get_client("one") is client
    assert live_cache.get("one") == 1
    assert live_cache._cache.get_client("two") is client
