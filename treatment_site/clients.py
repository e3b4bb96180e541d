"""Who is this client, and how often it may do something: the one home for per-client limits.

The client address is REMOTE_ADDR (HTTP) or the ASGI scope's "client" (WebSocket), and nothing else: any
header the client can write, such as the left-most X-Forwarded-For entry, would give a bot a fresh
bucket per request. Behind the proxy the servers set that address from X-Forwarded-For, trusting only
the proxies listed in FORWARDED_ALLOW_IPS and reading the list from the right (each proxy appends the
address it saw), so the first untrusted entry is the client:

- uvicorn (chat WebSockets): `--proxy-headers --forwarded-allow-ips "$FORWARDED_ALLOW_IPS"`;
- gunicorn (HTTP) never rewrites REMOTE_ADDR itself (its --forwarded-allow-ips only governs the scheme
  headers), so treatment_site/wsgi.py wraps the application in `ForwardedForMiddleware`, the same rule.

Limits are counted in Django's cache (shared Redis in production) in fixed windows, under a keyed hash
of the address so the cache never holds an IP address. django-axes asks `axes_client_address`.
"""

import ipaddress
import time

from django.conf import settings
from django.core.cache import cache

from privacy.crypto import keyed_hash

# name -> the setting holding its (count, seconds); the defaults live in settings/base.py only.
LIMITS = {
    "intake-accepted": "INTAKE_RATE_LIMIT",  # stored public form submissions (mistakes never count)
    "intake-posts": "INTAKE_POST_FLOOD_LIMIT",  # every public form POST, valid or not, against floods
    "chat-message": "CHAT_RATE_PER_CLIENT",  # visitor chat messages over every socket and HTTP
    "chat-start": "CHAT_RATE_NEW_CONVERSATIONS",  # new chat conversations
}


# --- who is this client ---------------------------------------------------------------------------


def request_address(request):
    """The client address of an HTTP request, as the server set it."""
    return request.META.get("REMOTE_ADDR", "")


def scope_address(scope):
    """The client address of an ASGI (WebSocket) connection, as the server set it."""
    client = scope.get("client") or ("", 0)
    return client[0] or ""


def axes_client_address(request):
    """AXES_CLIENT_IP_CALLABLE: the sign-in lockout's IP tiers count the same address as every other limit."""
    return request_address(request)


class TrustedProxies:
    """The proxies allowed to say who the client is: addresses and networks, as in FORWARDED_ALLOW_IPS."""

    def __init__(self, entries):
        self.networks = [ipaddress.ip_network(entry.strip(), strict=False) for entry in entries if entry.strip()]

    def __contains__(self, host):
        try:
            address = ipaddress.ip_address(host.strip().strip("[]"))
        except ValueError:
            return False
        return any(address in network for network in self.networks)

    def client_from(self, peer, forwarded_for):
        """The client behind `peer`: the right-most X-Forwarded-For entry that is not a trusted proxy.

        A peer that is not a trusted proxy is the client itself, whatever it wrote in the header.
        """
        if peer not in self or not forwarded_for:
            return peer
        hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
        for hop in reversed(hops):
            if hop not in self:
                return hop
        return hops[0] if hops else peer  # every hop is one of our proxies (uvicorn does the same)


class ForwardedForMiddleware:
    """WSGI: set REMOTE_ADDR to the client behind the trusted proxies (gunicorn leaves it as the proxy's)."""

    def __init__(self, application, trusted=None):
        self.application = application
        self.trusted = TrustedProxies(settings.FORWARDED_ALLOW_IPS if trusted is None else trusted)

    def __call__(self, environ, start_response):
        peer = environ.get("REMOTE_ADDR", "")
        client = self.trusted.client_from(peer, environ.get("HTTP_X_FORWARDED_FOR", ""))
        if client != peer:
            environ["REMOTE_ADDR"] = client
            environ.pop("REMOTE_PORT", None)  # the proxy's port, not the client's
        return self.application(environ, start_response)


# --- how often ----------------------------------------------------------------------------------


def limit(name):
    """(count, seconds) for one of LIMITS, read from settings each time (tests override them)."""
    count, seconds = getattr(settings, LIMITS[name])
    return int(count), int(seconds)


def bucket(name, address):
    """The cache key of this client's current window; a keyed hash, never the address itself."""
    _, seconds = limit(name)
    window = int(time.time() // seconds)
    return f"client-limit:{name}:{keyed_hash(address or 'unknown')[:32]}:{window}"


def hit(name, address):
    """Count one use now; True while this client is still within the limit (this use included)."""
    count, seconds = limit(name)
    key = bucket(name, address)
    if cache.add(key, 1, timeout=seconds + 1):
        return count >= 1
    try:
        return cache.incr(key) <= count
    except ValueError:  # the window expired between add() and incr()
        cache.add(key, 1, timeout=seconds + 1)
        return count >= 1


def reached(name, address):
    """True when this client has already used up the window (counts nothing)."""
    count, _ = limit(name)
    return (cache.get(bucket(name, address)) or 0) >= count
