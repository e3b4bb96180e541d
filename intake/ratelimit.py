"""A per-client limit on public form posts, counted in Django's cache (shared Redis in production)."""

from django.conf import settings
from django.core.cache import cache

from privacy.crypto import keyed_hash

from .conf import rate_limit


def client_key(request):
    """A keyed hash of the client address, so the cache never holds a raw IP address."""
    header = getattr(settings, "INTAKE_CLIENT_IP_HEADER", "REMOTE_ADDR")
    address = request.META.get(header, "") or request.META.get("REMOTE_ADDR", "")
    address = address.split(",")[0].strip()  # the first entry is the client for X-Forwarded-For style headers
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
