"""One scheduler for the whole site, so no cron is needed: publish_scheduled, escalate_intake and
sweep_chat every minute; the retention purges and the medical-review reminders daily.

Only the process holding a PostgreSQL advisory lock runs jobs; a second scheduler started by mistake
(or on a second host) waits on standby and takes over if the first one's database session ends.
"""

import logging
import time
import zlib

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

logger = logging.getLogger(__name__)

LOCK_KEY = zlib.crc32(b"treatment_site.scheduler")
MINUTE_JOBS = ["publish_scheduled", "escalate_intake", "sweep_chat"]
DAILY_JOBS = ["purge_intake", "purge_chat", "send_review_reminders"]


def try_lock():
    """Take (or confirm) the scheduler lock for this database session; True if we hold it."""
    if connection.vendor != "postgresql":
        return True  # SQLite is a single-host development setup: one file, one scheduler
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objid = %s AND pid = pg_backend_pid()",
            [LOCK_KEY],
        )
        if cursor.fetchone():
            return True
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [LOCK_KEY])
        return cursor.fetchone()[0]


def release_lock():
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock_all()")


def daily_due(now, last_daily):
    """True once a day, at the first tick at or after SCHEDULER_DAILY_AT local time."""
    hour, minute = (int(part) for part in settings.SCHEDULER_DAILY_AT.split(":"))
    local = timezone.localtime(now)
    at = local.replace(hour=hour, minute=minute, second=0, microsecond=0)
    return local >= at and (last_daily is None or last_daily < at)


def run_job(name):
    try:
        call_command(name, verbosity=0)
        logger.info("scheduler: %s done", name)
    except Exception:
        logger.exception("scheduler: %s failed", name)


class Scheduler:
    """The loop state: when the daily jobs last ran. `tick()` runs whatever is due now."""

    def __init__(self):
        self.last_daily = None

    def tick(self, now=None):
        """Run due jobs if we hold the lock; returns the job names run (empty on standby)."""
        now = now or timezone.now()
        try:
            leader = try_lock()
        except Exception:
            logger.warning("scheduler: database unavailable, retrying")
            connection.close()  # a fresh session next tick (the lock went with the old one)
            return []
        if not leader:
            return []
        ran = list(MINUTE_JOBS)
        if daily_due(now, self.last_daily):
            ran += DAILY_JOBS
            self.last_daily = timezone.localtime(now)
        for name in ran:
            run_job(name)
        return ran

    def run_forever(self, interval=60, max_ticks=None):
        ticks = 0
        while max_ticks is None or ticks < max_ticks:
            started = time.monotonic()
            self.tick()
            ticks += 1
            if max_ticks is not None and ticks >= max_ticks:
                break
            time.sleep(max(0.0, interval - (time.monotonic() - started)))
