"""The intake app's tunable settings, with their defaults in one place."""

from django.conf import settings


def retention_days():
    """How long closed requests are kept before `purge_intake` deletes them."""
    return int(getattr(settings, "INTAKE_RETENTION_DAYS", 90))


def notify_max_attempts():
    """How many times the admissions e-mail is tried before the request is flagged on the dashboard."""
    return int(getattr(settings, "INTAKE_NOTIFY_MAX_ATTEMPTS", 6))


def notify_retry_delays():
    """(first delay, longest delay) in seconds between attempts of the admissions e-mail."""
    return (
        int(getattr(settings, "INTAKE_NOTIFY_RETRY_BASE_SECONDS", 60)),
        int(getattr(settings, "INTAKE_NOTIFY_RETRY_MAX_SECONDS", 3600)),
    )
