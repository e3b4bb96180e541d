"""The Admissions dashboard's figures, per day in the site's time zone, for the last 7/30/90 days."""

import datetime
import math
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone

PERIODS = (7, 30, 90)


def percentile(values, share):
    """The nearest-rank percentile (share 0.5 = median) of a list of numbers, or None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


@dataclass
class Day:
    date: datetime.date
    requests: int = 0
    contact_minutes: list = field(default_factory=list)
    within_target: int = 0
    judged: int = 0  # requests whose target has passed or that were contacted: the share's denominator
    chats_answered: int = 0
    chats_missed: int = 0

    @property
    def median_minutes(self):
        return percentile(self.contact_minutes, 0.5)

    @property
    def p90_minutes(self):
        return percentile(self.contact_minutes, 0.9)

    @property
    def within_share(self):
        return round(100 * self.within_target / self.judged) if self.judged else None


@dataclass
class Report:
    days: list
    outcomes: list  # (label, count) for every outcome, in the model's order
    median_minutes: int | None
    p90_minutes: int | None
    within_share: int | None
    requests: int
    chats_answered: int
    chats_missed: int


def build_report(days=7, now=None):
    """Collect every figure for the last `days` days (today included) in one pass per table."""
    from chat.models import Conversation

    from .models import ContactAttempt, VerificationRequest

    now = now or timezone.now()
    today = timezone.localdate(now)
    first = today - datetime.timedelta(days=days - 1)
    start = timezone.make_aware(datetime.datetime.combine(first, datetime.time.min))
    by_date = {first + datetime.timedelta(days=n): Day(first + datetime.timedelta(days=n)) for n in range(days)}
    all_minutes, within, judged = [], 0, 0

    rows = VerificationRequest.objects.filter(created_at__gte=start, created_at__lte=now).values_list(
        "created_at", "target_at", "first_contact_at"
    )
    for created, target, contacted in rows:
        day = by_date[timezone.localdate(created)]
        day.requests += 1
        if contacted:
            minutes = int((contacted - created).total_seconds() // 60)
            day.contact_minutes.append(minutes)
            all_minutes.append(minutes)
        if contacted or (target and target <= now):
            day.judged += 1
            judged += 1
            if contacted and target and contacted <= target:
                day.within_target += 1
                within += 1

    chats = Conversation.objects.filter(created_at__gte=start, created_at__lte=now, closed_at__isnull=False)
    for created, claimed in chats.values_list("created_at", "claimed_at"):
        day = by_date[timezone.localdate(created)]
        if claimed:
            day.chats_answered += 1
        else:
            day.chats_missed += 1

    counts = Counter(
        dict(
            ContactAttempt.objects.filter(at__gte=start, at__lte=now)
            .values_list("outcome")
            .annotate(n=Count("pk"))
            .values_list("outcome", "n")
        )
    )
    series = list(by_date.values())
    return Report(
        days=series,
        outcomes=[(label, counts.get(value, 0)) for value, label in ContactAttempt.Outcome.choices],
        median_minutes=percentile(all_minutes, 0.5),
        p90_minutes=percentile(all_minutes, 0.9),
        within_share=round(100 * within / judged) if judged else None,
        requests=sum(day.requests for day in series),
        chats_answered=sum(day.chats_answered for day in series),
        chats_missed=sum(day.chats_missed for day in series),
    )
