"""Whether a visitor can chat right now: chat hours, staff who are present, and a reachable channel layer."""

import datetime
import logging

import redis
from django.conf import settings
from django.utils import timezone

from .models import StaffPresence

logger = logging.getLogger(__name__)

OPEN = "open"
CLOSED_HOURS = "closed_hours"
NO_STAFF = "no_staff"
UNAVAILABLE = "unavailable"


def presence_cutoff(now=None):
    return (now or timezone.now()) - datetime.timedelta(seconds=settings.CHAT_PRESENCE_TIMEOUT_SECONDS)


def set_available(user, available):
    """A staff member says they are available (or away); this also counts as a heartbeat."""
    presence, _ = StaffPresence.objects.update_or_create(
        user=user, defaults={"available": available, "last_seen_at": timezone.now()}
    )
    return presence


def heartbeat(user):
    """The console is still open: keep an available staff member counted as present."""
    StaffPresence.objects.filter(user=user).update(last_seen_at=timezone.now())


def is_available(user):
    return StaffPresence.objects.filter(user=user, available=True, last_seen_at__gte=presence_cutoff()).exists()


def available_staff():
    """Users who said they are available and whose console checked in within the presence timeout."""
    from django.contrib.auth import get_user_model

    ids = StaffPresence.objects.filter(available=True, last_seen_at__gte=presence_cutoff()).values("user_id")
    return get_user_model().objects.filter(pk__in=ids, is_active=True).order_by("first_name", "username")


def within_chat_hours(contact, now=None):
    """True when the site settings' chat hours include `now` (both times empty means 24/7)."""
    opens, closes = contact.chat_opens_at, contact.chat_closes_at
    if opens is None or closes is None or opens == closes:
        return True
    current = timezone.localtime(now or timezone.now()).time()
    if opens < closes:
        return opens <= current < closes
    return current >= opens or current < closes  # hours that run past midnight


def channel_layer_reachable():
    """Ping the Redis behind the channel layer quickly; a non-Redis layer counts as reachable."""
    config = settings.CHANNEL_LAYERS.get("default", {})
    if not config.get("BACKEND", "").startswith("channels_redis"):
        return bool(config)
    for host in config.get("CONFIG", {}).get("hosts", []):
        url = host if isinstance(host, str) else host.get("address")
        try:
            client = redis.Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=0.5)
            client.ping()
            client.close()
        except (redis.RedisError, OSError):
            logger.warning("Live chat: the channel-layer Redis is not reachable.")
            return False
    return True


def visitor_status(contact, now=None):
    """What the visitor page should offer: OPEN, or why not (UNAVAILABLE, CLOSED_HOURS, NO_STAFF)."""
    if not channel_layer_reachable():
        return UNAVAILABLE
    if not within_chat_hours(contact, now):
        return CLOSED_HOURS
    if not available_staff().exists():
        return NO_STAFF
    return OPEN
