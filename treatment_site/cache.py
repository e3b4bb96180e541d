"""The default cache: Django's RedisCache, falling back to a per-process memory cache while Redis is down.

Why not django-redis with IGNORE_EXCEPTIONS: it turns every failed call into ``None``, so
``cache.incr`` (the rate limiters) and ``cache.add`` stop meaning anything and callers need their own
fallbacks. Here a failed call is answered by a local-memory cache with the same interface instead:
Wagtail's site-root lookup, the insurer list and both rate limiters keep working per process, and the
first call after Redis returns reaches Redis again (no restart).
"""

import logging
import time

import redis
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)

# What a dead or unreachable Redis raises through redis-py (OSError covers refused sockets on some paths).
REDIS_DOWN = (redis.ConnectionError, redis.TimeoutError, redis.BusyLoadingError, OSError)


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's Redis cache client, keeping one ``redis.Redis`` per connection pool instead of one per call.

    Django builds a new ``redis.Redis`` for every cache call, and redis-py 8's constructor fills a table of
    several hundred response callbacks each time: in a profile of the insurance form's POST that was 7
    clients and about a tenth of the request's CPU, more than the Redis round trips. A ``redis.Redis``
    over a connection pool is safe to share between threads.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


def _falls_back(name):
    """FallbackRedisCache's ``name``: RedisCache's own method, answered by the local cache while Redis fails."""

    def method(self, *args, **kwargs):
        return self._call(name, *args, **kwargs)

    method.__name__ = method.__qualname__ = name
    method.__doc__ = getattr(RedisCache, name).__doc__
    return method


class FallbackRedisCache(RedisCache):
    """RedisCache whose every call is answered locally while Redis fails.

    After a failure Redis is skipped for ``FALLBACK_RETRY_SECONDS`` (OPTIONS, default 5) so an outage
    costs one connection attempt per process per interval, not one per cache call. Values written
    during the outage live only in this process; Redis keeps its own until they expire.
    """

    def __init__(self, server, params):
        params = {**params, "OPTIONS": dict(params.get("OPTIONS", {}))}
        self.retry_seconds = float(params["OPTIONS"].pop("FALLBACK_RETRY_SECONDS", 5))
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
        local_params = {key: value for key, value in params.items() if key != "OPTIONS"}
        self.local = LocMemCache(f"fallback-{id(self)}", {**local_params, "OPTIONS": {"MAX_ENTRIES": 2000}})
        self.down_until = 0.0

    @property
    def redis_is_skipped(self):
        return time.monotonic() < self.down_until

    def _call(self, name, *args, **kwargs):
        if self.redis_is_skipped:
            return getattr(self.local, name)(*args, **kwargs)
        try:
            result = getattr(RedisCache, name)(self, *args, **kwargs)
        except REDIS_DOWN as exc:
            if not self.down_until:
                logger.warning("Cache: Redis is unreachable (%s); using a local cache.", type(exc).__name__)
            self.down_until = time.monotonic() + self.retry_seconds
            return getattr(self.local, name)(*args, **kwargs)
        if self.down_until:
            logger.warning("Cache: Redis is reachable again.")
            self.down_until = 0.0
            self.local.clear()  # what was cached during the outage may be older than Redis' copy
        return result

    # Every public method RedisCache defines; what BaseCache adds on top (decr, get_or_set, ...) calls these.
    add = _falls_back("add")
    get = _falls_back("get")
    set = _falls_back("set")
    touch = _falls_back("touch")
    delete = _falls_back("delete")
    get_many = _falls_back("get_many")
    has_key = _falls_back("has_key")
    incr = _falls_back("incr")
    set_many = _falls_back("set_many")
    delete_many = _falls_back("delete_many")
    clear = _falls_back("clear")
