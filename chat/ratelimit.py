"""Rate limits for chat messages: an in-memory window per connection and a shared cache window per client."""

import time
from collections import deque

from django.core.cache import cache

from privacy.crypto import keyed_hash

SLOW_DOWN = "You are sending messages very quickly. Please wait a moment, then send again."


class ConnectionLimiter:
    """A sliding window kept in memory for one WebSocket connection."""

    def __init__(self, limit):
        self.count, self.seconds = limit
        self.sent = deque()

    def allow(self, now=None):
        now = time.monotonic() if now is None else now
        while self.sent and now - self.sent[0] >= self.seconds:
            self.sent.popleft()
        if len(self.sent) >= self.count:
            return False
        self.sent.append(now)
        return True


def client_key(address):
    """A cache key for a client address that does not store the address itself."""
    return keyed_hash(address or "unknown")[:32]


def allow_client(scope_name, address, limit):
    """A fixed window in the shared cache, so every connection and HTTP request from one client counts."""
    count, seconds = limit
    window = int(time.time() // seconds)
    key = f"chat:rl:{scope_name}:{client_key(address)}:{window}"
    if cache.add(key, 1, timeout=seconds + 1):
        return True
    try:
        return cache.incr(key) <= count
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=seconds + 1)
        return True
