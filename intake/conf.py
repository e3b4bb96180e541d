"""The intake app's tunable settings, with their defaults in one place."""

from django.conf import settings


def retention_days():
    """How long closed requests are kept before `purge_intake` deletes them."""
    return int(getattr(settings, "INTAKE_RETENTION_DAYS", 90))


def rate_limit():
    """(submissions, seconds): how many form posts one client may make in a window."""
    return tuple(getattr(settings, "INTAKE_RATE_LIMIT", (5, 3600)))


def notify_max_attempts():
    return int(getattr(settings, "INTAKE_NOTIFY_MAX_ATTEMPTS", 6))
