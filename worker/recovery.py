"""Putting RUNNING tasks whose worker died back in the queue, and keeping this worker's heartbeat."""

import datetime
import logging

from django.db import transaction
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from .models import WorkerHeartbeat

logger = logging.getLogger(__name__)


def beat(worker_id, started_at, now=None):
    """Record that `worker_id` is alive (one row per worker, updated in place)."""
    now = now or timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id, defaults={"started_at": started_at, "last_seen_at": now}
    )


def requeue(results, now):
    """READY again, to run as soon as a worker is free; a row that finished meanwhile is left alone."""
    requeued = 0
    for result in results:
        requeued += DBTaskResult.objects.filter(
            pk=result.pk, status=TaskResultStatus.RUNNING, started_at=result.started_at
        ).update(status=TaskResultStatus.READY, run_after=now)
    return requeued


def recover_stale_tasks(stale_after, now=None):
    """Requeue RUNNING tasks older than `stale_after` whose worker has not beaten within `stale_after`.

    Delivery becomes at-least-once, so the tasks themselves must be idempotent (intake/tasks.py is).
    """
    now = now or timezone.now()
    cutoff = now - stale_after
    alive = set(WorkerHeartbeat.objects.filter(last_seen_at__gte=cutoff).values_list("worker_id", flat=True))
    candidates = DBTaskResult.objects.running().filter(started_at__lt=cutoff).only("pk", "started_at", "worker_ids")
    stale = [result for result in candidates if not result.worker_ids or result.worker_ids[-1] not in alive]
    with transaction.atomic():
        count = requeue(stale, now)
        WorkerHeartbeat.objects.filter(last_seen_at__lt=now - max(stale_after, datetime.timedelta(days=1))).delete()
    if count:
        logger.warning("Worker: requeued %s task(s) left running by a worker that stopped.", count)
    return count


def requeue_tasks_of(worker_ids, now=None):
    """Requeue what this process's earlier worker ids still hold: after a crash nothing of theirs is running."""
    if not worker_ids:
        return 0
    candidates = DBTaskResult.objects.running().only("pk", "started_at", "worker_ids")
    mine = [result for result in candidates if result.worker_ids and result.worker_ids[-1] in set(worker_ids)]
    count = requeue(mine, now or timezone.now())
    WorkerHeartbeat.objects.filter(worker_id__in=worker_ids).delete()
    if count:
        logger.warning("Worker: requeued %s task(s) interrupted by a database error.", count)
    return count
