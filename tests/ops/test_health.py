"""/healthz and /readyz against the real database and a real Redis; nothing internal in the bodies."""

import datetime
import json

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from ops import health

DEAD_REDIS = "redis://127.0.0.1:8299/0"  # a port in this suite's range where nothing listens
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "intake"]}}


@pytest.fixture
def live_redis(settings):
    settings.CHAT_REDIS_URL = settings.CHAT_TEST_REDIS_URL


def assert_never_cached(response):
    assert "no-cache" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def queue_task(enqueued_minutes_ago, run_after=None):
    task = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="intake.tasks.notify_admissions",
        backend_name="default",
        run_after=run_after or get_date_max(),
    )
    DBTaskResult.objects.filter(pk=task.pk).update(
        enqueued_at=timezone.now() - datetime.timedelta(minutes=enqueued_minutes_ago)
    )


def test_healthz_answers_without_the_database(client, settings):
    """No django_db mark: any database access in this view would raise."""
    settings.CHAT_REDIS_URL = DEAD_REDIS
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert_never_cached(response)


@pytest.mark.django_db
def test_readyz_ok_when_database_redis_migrations_and_queue_are_fine(client, live_redis, settings):
    settings.TASKS = DB_TASKS
    queue_task(enqueued_minutes_ago=1)  # recent work is normal
    response = client.get("/readyz")
    assert response.status_code == 200, health.failing_checks()
    assert response.json() == {"status": "ok"}
    assert_never_cached(response)


@pytest.mark.django_db
def test_readyz_unavailable_without_redis_and_says_nothing_more(client, settings):
    settings.CHAT_REDIS_URL = DEAD_REDIS
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable"}
    assert b"redis" not in response.content.lower()
    assert_never_cached(response)


@pytest.mark.django_db
def test_readyz_unavailable_when_the_task_queue_lags(client, live_redis, settings):
    settings.TASKS = DB_TASKS
    settings.READYZ_MAX_TASK_LAG_SECONDS = 300
    queue_task(enqueued_minutes_ago=10)
    assert client.get("/readyz").status_code == 503
    assert health.failing_checks() == ["task_queue"]


@pytest.mark.django_db
def test_a_task_scheduled_for_later_is_not_lag(live_redis, settings):
    settings.TASKS = DB_TASKS
    queue_task(enqueued_minutes_ago=60, run_after=timezone.now() + datetime.timedelta(hours=1))
    assert health.failing_checks() == []


@pytest.mark.django_db
def test_readyz_unavailable_with_unapplied_migrations(live_redis, monkeypatch):
    monkeypatch.setattr(health, "_migrations_applied", False)
    from django.db.migrations.recorder import MigrationRecorder

    MigrationRecorder.Migration.objects.filter(app="pages").order_by("-id").first().delete()
    assert health.failing_checks() == ["migrations"]


def test_readyz_refuses_posts(client):
    assert client.post("/readyz").status_code == 405


def test_health_bodies_are_json(client, db, live_redis):
    for url in ("/healthz", "/readyz"):
        assert set(json.loads(client.get(url).content)) == {"status"}
