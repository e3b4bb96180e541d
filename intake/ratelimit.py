"""Per-client limits on the public forms, counted in Django's cache (shared Redis in production).

Two counters: accepted submissions (the real limit: typing mistakes never count against a visitor), and
every POST against floods, with a much higher cap.
"""

from django.core.cache import cache

from privacy.crypto import keyed_hash

from .conf import flood_limit, rate_limit


def client_key(request, kind="rate"):
    """A keyed hash of the client address, so the cache never holds a raw IP address.

    Only REMOTE_ADDR, as the ASGI server sets it (`--proxy-headers --forwarded-allow-ips=<the proxy>`):
    any header the client can write, such as the left-most X-Forwarded-For entry, would give a bot a
    fresh bucket per request.
    """
    address = request.META.get("REMOTE_ADDR", "")
    return f"intake:{kind}:" + keyed_hash(address)


def increment(key, window):
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=window)
        return 1


def flooding(request):
    """Count this POST (valid or not); True when the client is over the flood cap."""
    limit, window = flood_limit()
    return increment(client_key(request, "posts"), window) > limit


def over_limit(request):
    """True when this client already had as many submissions accepted as the window allows."""
    limit, _ = rate_limit()
    return (cache.get(client_key(request)) or 0) >= limit


def record_accepted(request):
    """Count one stored submission from this client."""
    _, window = rate_limit()
    increment(client_key(request), window)
