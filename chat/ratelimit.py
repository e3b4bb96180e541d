"""The in-memory rate limit of one chat connection; per-client limits live in treatment_site/clients.py."""

import time
from collections import deque

from django.utils.translation import gettext_lazy as _

SLOW_DOWN = _("You are sending messages very quickly. Please wait a moment, then send again.")


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
