"""The scheduler process: publishes scheduled pages and escalates requests every minute, runs the daily
purges and review reminders once a day, and a second
scheduler holding no PostgreSQL advisory lock runs nothing."""

import datetime
import zoneinfo

import psycopg2
import pytest
from django.db import connection
from django.utils import timezone

from ops import scheduler
from tests.factories import ContentPageFactory

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
# Spelled out (not read from ops.scheduler), so a job dropped from the scheduler fails here.
EVERY_MINUTE = ["publish_scheduled", "escalate_intake", "sweep_chat"]
ONCE_A_DAY = ["purge_intake", "purge_chat", "send_review_reminders"]


@pytest.fixture
def scheduled_title(home):
    """A published page with a revision approved to go live a minute ago."""
    page = ContentPageFactory(parent=home, title="Visiting hours", slug="visiting-hours")
    page.save_revision().publish()
    page.title = "Visiting hours (winter)"
    page.save_revision(approved_go_live_at=timezone.now() - datetime.timedelta(minutes=1))
    return page


@pytest.fixture
def other_scheduler_session():
    """A second database session, as a second scheduler process would have."""
    params = connection.get_connection_params()
    other = psycopg2.connect(**params)
    other.autocommit = True
    yield other
    other.close()


def published_title(page):
    page.refresh_from_db()
    return page.live_revision.content["title"]


@pytest.mark.django_db
def test_a_tick_publishes_pages_whose_time_has_come(scheduled_title):
    ran = scheduler.Scheduler().tick()
    assert "publish_scheduled" in ran
    assert published_title(scheduled_title) == "Visiting hours (winter)"
    scheduler.release_lock()


@pytest.mark.django_db
def test_a_second_scheduler_stays_on_standby_while_the_first_holds_the_lock(scheduled_title, other_scheduler_session):
    if connection.vendor != "postgresql":
        pytest.skip("the scheduler lock is a PostgreSQL advisory lock")
    with other_scheduler_session.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [scheduler.LOCK_KEY])
        assert cursor.fetchone()[0]
    assert scheduler.Scheduler().tick() == []
    assert published_title(scheduled_title) == "Visiting hours"

    # The first scheduler dies (its session ends): the standby takes over on its next tick.
    with other_scheduler_session.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_unlock(%s)", [scheduler.LOCK_KEY])
    assert "publish_scheduled" in scheduler.Scheduler().tick()
    assert published_title(scheduled_title) == "Visiting hours (winter)"
    scheduler.release_lock()


@pytest.mark.django_db
def test_the_leader_keeps_its_lock_across_ticks(other_scheduler_session):
    if connection.vendor != "postgresql":
        pytest.skip("the scheduler lock is a PostgreSQL advisory lock")
    leader = scheduler.Scheduler()
    assert leader.tick()
    assert leader.tick()
    with other_scheduler_session.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [scheduler.LOCK_KEY])
        assert cursor.fetchone()[0] is False
    scheduler.release_lock()


@pytest.mark.django_db
def test_daily_purges_run_once_a_day_at_the_configured_time(settings, monkeypatch):
    settings.SCHEDULER_DAILY_AT = "03:30"
    calls = []
    monkeypatch.setattr(scheduler, "run_job", calls.append)
    s = scheduler.Scheduler()
    day = datetime.datetime(2026, 12, 2, 3, 0, tzinfo=NEW_YORK)
    s.tick(now=day)
    assert calls == EVERY_MINUTE
    calls.clear()
    s.tick(now=day.replace(minute=31))
    assert calls == EVERY_MINUTE + ONCE_A_DAY
    calls.clear()
    s.tick(now=day.replace(hour=9))
    assert calls == EVERY_MINUTE
    calls.clear()
    s.tick(now=day + datetime.timedelta(days=1, minutes=30))
    assert calls == EVERY_MINUTE + ONCE_A_DAY
    scheduler.release_lock()


@pytest.mark.django_db
def test_the_daily_jobs_are_real_commands():
    """Every job the scheduler names is a real command that runs without error on an empty database."""
    for name in scheduler.MINUTE_JOBS + scheduler.DAILY_JOBS:
        scheduler.run_job(name)


def test_run_scheduler_command_runs_the_given_ticks(db, scheduled_title):
    from django.core.management import call_command

    call_command("run_scheduler", "--ticks", "1", "--interval", "0")
    assert published_title(scheduled_title) == "Visiting hours (winter)"
