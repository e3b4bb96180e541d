"""Speed to lead: when a new request must first be contacted, when the visitor asked to be called,
and how each request stands against its target right now.

All office-hour arithmetic happens in the office's time zone (INTAKE_OFFICE_TIME_ZONE); the
preferred callback window is read in the visitor's own time zone, sent by their browser.
"""

import datetime
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

#: The visitor's "best time" choices as local (start, end) hours; "any" has no window.
CONTACT_WINDOWS = {"morning": (8, 12), "afternoon": (12, 17), "evening": (17, 20)}


def parse_time(text):
    hours, minutes = text.split(":")
    return datetime.time(int(hours), int(minutes))


def office_zone():
    return zoneinfo.ZoneInfo(settings.INTAKE_OFFICE_TIME_ZONE)


def office_hours(day):
    """(opens, closes) on a date in the office's time zone, or None when the office is closed."""
    span = settings.INTAKE_OFFICE_HOURS.get(day.weekday())
    if not span:
        return None
    opens, closes = span.split("-")
    return parse_time(opens), parse_time(closes)


def is_open(at):
    local = timezone.localtime(at, office_zone())
    hours = office_hours(local.date())
    return bool(hours) and hours[0] <= local.time() < hours[1]


def target_for(created_at):
    """When the first contact is due: minutes later in office hours, else the next office morning."""
    if is_open(created_at):
        return created_at + datetime.timedelta(minutes=settings.INTAKE_TARGET_MINUTES)
    zone = office_zone()
    local = timezone.localtime(created_at, zone)
    morning = parse_time(settings.INTAKE_AFTER_HOURS_TARGET)
    day = local.date()
    for _ in range(8):
        hours = office_hours(day)
        if hours:
            target = datetime.datetime.combine(day, max(morning, hours[0]), tzinfo=zone)
            if target > created_at:
                return target
        day += datetime.timedelta(days=1)
    # An office configured with no open day at all: fall back to the plain minutes target.
    return created_at + datetime.timedelta(minutes=settings.INTAKE_TARGET_MINUTES)


def valid_time_zone(name):
    """The IANA zone name if it is one we know, else "" (the site's zone is used)."""
    name = (name or "").strip()
    if not name or len(name) > 64:
        return ""
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return ""
    return name


def visitor_zone(name):
    return zoneinfo.ZoneInfo(valid_time_zone(name) or settings.TIME_ZONE)


def callback_due_for(created_at, contact_time, time_zone_name):
    """The start of the visitor's next preferred window in *their* zone (now, if it is open), or None."""
    window = CONTACT_WINDOWS.get(contact_time)
    if window is None:
        return None
    zone = visitor_zone(time_zone_name)
    local = timezone.localtime(created_at, zone)
    start = datetime.datetime.combine(local.date(), datetime.time(window[0]), tzinfo=zone)
    end = datetime.datetime.combine(local.date(), datetime.time(window[1]), tzinfo=zone)
    if start <= local < end:
        return created_at
    if local >= end:
        start = datetime.datetime.combine(local.date() + datetime.timedelta(days=1), datetime.time(window[0]), zone)
    return start


@dataclass(frozen=True)
class Clock:
    """How one request stands against its first-contact target, ready for a badge."""

    state: str  # "within", "near", "past" while waiting; "met" or "missed" once contacted
    minutes: int  # minutes left (waiting, within/near), over (past) or taken (contacted)
    label: str


def minutes_between(start, end):
    return max(0, int((end - start).total_seconds() // 60))


def duration_label(minutes):
    if minutes < 60:
        return f"{minutes} min"
    hours, rest = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {rest} min" if rest else f"{hours} h"
    return f"{hours // 24} days"


def clock(request, now=None):
    """The request's speed-to-lead clock; it stops at the first contact."""
    now = now or timezone.now()
    target = request.target_at or target_for(request.created_at)
    if request.first_contact_at:
        taken = minutes_between(request.created_at, request.first_contact_at)
        if request.first_contact_at <= target:
            return Clock("met", taken, f"Contacted in {duration_label(taken)}")
        return Clock("missed", taken, f"Contacted in {duration_label(taken)}, after the target")
    if now >= target:
        over = minutes_between(target, now)
        return Clock("past", over, f"Past target by {duration_label(over)}")
    left = minutes_between(now, target)
    state = "near" if target - now <= datetime.timedelta(minutes=settings.INTAKE_NEAR_TARGET_MINUTES) else "within"
    return Clock(state, left, f"{duration_label(left)} left")


def mark_first_contact(request, at=None):
    """Stop the clock the first time staff act on a request (later calls change nothing)."""
    from .models import VerificationRequest

    at = at or timezone.now()
    updated = VerificationRequest.objects.filter(pk=request.pk, first_contact_at__isnull=True).update(
        first_contact_at=at
    )
    if updated:
        request.first_contact_at = at
    return bool(updated)
