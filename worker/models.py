"""Worker heartbeats: how a live worker tells the others which RUNNING tasks are really running."""

from django.db import models


class WorkerHeartbeat(models.Model):
    """The last time a worker (by its django-tasks-db worker id) was seen alive.

    django-tasks-db records which worker claimed a task but nothing about whether that worker still
    lives; a task whose worker stopped beating is put back in the queue (worker/recovery.py).
    """

    worker_id = models.CharField(max_length=64, primary_key=True)
    started_at = models.DateTimeField()
    last_seen_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"worker {self.worker_id[:8]}"
