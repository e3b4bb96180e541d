"""Which origins may open a chat socket or post to the visitor chat: exact scheme, host and port.

Host names alone are not enough: `http://` on an HTTPS-only site, or another port on the same host
(a different program, possibly someone else's), is another origin. SITE_ORIGINS lists the site's own.
"""

from urllib.parse import urlsplit

from channels.security.websocket import OriginValidator
from django.conf import settings

DEFAULT_PORTS = {"http": 80, "https": 443}


def normalise(origin):
    """'HTTPS://Care.Example.org:443' -> 'https://care.example.org'; None for anything unparsable."""
    try:
        parts = urlsplit(origin.strip())
        port = parts.port
    except (AttributeError, ValueError):
        return None
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname or parts.path not in {"", "/"}:
        return None
    suffix = f":{port}" if port and port != DEFAULT_PORTS[parts.scheme] else ""
    return f"{parts.scheme}://{parts.hostname}{suffix}"


def is_trusted(origin):
    return origin is not None and normalise(origin) in {normalise(o) for o in settings.SITE_ORIGINS}


class ExactOriginValidator(OriginValidator):
    """Channels' origin check, but comparing the whole origin against SITE_ORIGINS (read on every handshake)."""

    def __init__(self, application):
        super().__init__(application, allowed_origins=[])

    def valid_origin(self, parsed_origin):
        return parsed_origin is not None and is_trusted(parsed_origin.geturl())
