"""Run django-tasks-db's worker under supervision: a database outage means back off and reconnect, not exit."""

import logging
import threading
import time

from django.conf import settings
from django.db import InterfaceError, OperationalError, close_old_connections, connections
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.module_loading import import_string
from django_tasks_db.management.commands.db_worker import Worker

from . import recovery

logger = logging.getLogger(__name__)

# What a PostgreSQL that restarts or goes away raises through Django.
DATABASE_DOWN = (OperationalError, InterfaceError)


def backoff(attempt, base=1.0, cap=30.0):
    """Seconds to wait before reconnect attempt `attempt` (1, 2, 3…): 1, 2, 4… capped."""
    return min(cap, base * 2 ** (attempt - 1))


def db_worker(queue_names, *, interval, batch, worker_id):
    """A django-tasks-db Worker on the default backend, started at once and never stopped by a task count."""
    return Worker(
        queue_names=queue_names,
        interval=interval,
        batch=batch,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )


class Heartbeat(threading.Thread):
    """Beats for the current worker id and recovers stale tasks, on its own thread and DB connection.

    A separate thread keeps beating while the main thread runs a long task, so only a dead (or frozen)
    process goes stale.
    """

    daemon = True

    def __init__(self, interval, stale_after):
        super().__init__(name="worker-heartbeat")
        self.interval = interval
        self.stale_after = stale_after
        self.worker_id = None
        self.started_at = None
        self.stopped = threading.Event()

    def run(self):
        while not self.stopped.wait(self.interval):
            self.tick()
        connections.close_all()

    def tick(self):
        worker_id = self.worker_id
        if worker_id is None:
            return
        try:
            close_old_connections()
            recovery.beat(worker_id, self.started_at)
            recovery.recover_stale_tasks(self.stale_after)
            for path in settings.TASK_WORKER_SWEEPS:
                import_string(path)()
        except DATABASE_DOWN as exc:
            logger.warning("Worker heartbeat: database unavailable (%s).", type(exc).__name__)
            connections.close_all()


class Supervisor:
    """Runs one django-tasks-db Worker after another, each with a fresh worker id, until asked to stop."""

    def __init__(self, *, queue_names, interval, stale_after, heartbeat_seconds, max_backoff, sleep=time.sleep):
        self.queue_names = queue_names
        self.interval = interval
        self.max_backoff = max_backoff
        self.heartbeat = Heartbeat(heartbeat_seconds, stale_after)
        self.sleep = sleep
        self.previous_ids = []
        self.failures = 0

    def new_worker(self):
        return db_worker(self.queue_names, interval=self.interval, batch=False, worker_id=get_random_string(32))

    def run_once(self):
        """Run one worker until it stops; True when it stopped on purpose (signal), False after a DB outage."""
        worker = self.new_worker()
        started = time.monotonic()
        try:
            recovery.requeue_tasks_of(self.previous_ids)
            self.previous_ids = []
            recovery.beat(worker.worker_id, timezone.now())
            self.heartbeat.worker_id, self.heartbeat.started_at = worker.worker_id, timezone.now()
            worker.configure_signals()
            worker.run()
            return True
        except DATABASE_DOWN as exc:
            self.heartbeat.worker_id = None
            self.previous_ids.append(worker.worker_id)
            connections.close_all()
            if time.monotonic() - started > 60:
                self.failures = 0  # it had been running fine: start the back-off again from 1 s
            self.failures += 1
            delay = backoff(self.failures, cap=self.max_backoff)
            logger.warning("Worker: database unavailable (%s); reconnecting in %.0f s.", type(exc).__name__, delay)
            self.sleep(delay)
            return False

    def run(self):
        self.heartbeat.start()
        try:
            while not self.run_once():
                pass
        finally:
            self.heartbeat.stopped.set()
