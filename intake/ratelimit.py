"""A per-client limit on public form posts, counted in Django's cache (shared Redis in production)."""

from django.core.cache import cache

from .conf import rate_limit
from .fields import keyed_hash


def client_key(request):
    """A keyed hash of the client address, so the cache never holds a raw IP address.

    Only REMOTE_ADDR, as the ASGI server sets it (`--proxy-headers --forwarded-allow-ips=<the proxy>`):
    any header the client can write, such as the left-most X-Forwarded-For entry, would give a bot a
    fresh bucket per request.
    """
    address = request.META.get("REMOTE_ADDR", "")
    return "intake:rate:" + keyed_hash(address)


def hit(request):
    """Count one post from this client; return True when it is over the limit for the window."""
    limit, window = rate_limit()
    key = client_key(request)
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=window)
        count = 1
    return count > limit
