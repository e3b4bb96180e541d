"""Readiness checks behind /readyz: each returns True when its dependency can serve a request."""

import datetime
import logging

import redis
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

logger = logging.getLogger(__name__)

# Once every migration is applied it stays applied for this process (a new release restarts it).
_migrations_applied = False


def database_ok():
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
    return True


def redis_ok():
    client = redis.Redis.from_url(settings.CHAT_REDIS_URL, socket_timeout=1, socket_connect_timeout=1)
    try:
        return bool(client.ping())
    finally:
        client.close()


def migrations_ok():
    global _migrations_applied
    if not _migrations_applied:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        _migrations_applied = not executor.migration_plan(executor.loader.graph.leaf_nodes())
    return _migrations_applied


def task_queue_ok():
    """False when the oldest task that is due has waited longer than READYZ_MAX_TASK_LAG_SECONDS."""
    if "django_tasks_db" not in settings.TASKS["default"]["BACKEND"]:
        return True
    from django.db.models import Q
    from django_tasks_db.models import DBTaskResult, get_date_max

    limit = timezone.now() - datetime.timedelta(seconds=settings.READYZ_MAX_TASK_LAG_SECONDS)
    # A task without run_after is due from its enqueue time; one with run_after from that time.
    late = Q(run_after=get_date_max(), enqueued_at__lt=limit) | Q(run_after__lt=limit)
    return not DBTaskResult.objects.ready().filter(late).exists()


CHECKS = {"database": database_ok, "redis": redis_ok, "migrations": migrations_ok, "task_queue": task_queue_ok}


def failing_checks():
    """Names of the checks that fail; the reason goes to the server log, never to the client."""
    failing = []
    for name, check in CHECKS.items():
        try:
            ok = check()
        except Exception as exc:  # a dependency that is down raises its own error types
            logger.warning("readyz: %s check raised %s", name, type(exc).__name__)
            ok = False
        if not ok:
            failing.append(name)
    return failing
