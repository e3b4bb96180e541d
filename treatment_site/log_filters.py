"""A logging filter that removes client addresses from every line it sees.

uvicorn logs each WebSocket handshake at INFO with the client's address and port
('127.0.0.1:54988 - "WebSocket /chat/ws/" [accepted]') even with --no-access-log; a visitor's address
next to /chat/ is personal data we do not keep.
"""

import logging
import re

IPV4 = r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?(?![\w.])"
IPV6 = r"\[?(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?:%\w+)?\]?(?::\d{1,5})?(?![\w:])"
ADDRESS = re.compile(f"{IPV4}|{IPV6}")
REDACTED = "[client]"


def redact(text):
    return ADDRESS.sub(lambda match: REDACTED if _is_address(match.group()) else match.group(), text)


def _is_address(candidate):
    # "22:24:01" is a time, not an address: IPv6 needs "::" or at least three colons.
    return "." in candidate or "::" in candidate or candidate.count(":") >= 3


class RedactClientAddresses(logging.Filter):
    """Rewrite the record's message with every IPv4/IPv6 address (and port) replaced by [client]."""

    def filter(self, record):
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        return True
