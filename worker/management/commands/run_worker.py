"""`manage.py run_worker`: the task worker every environment runs (make run, Procfile, systemd)."""

import datetime
import logging

from django.conf import settings
from django.core.management.base import BaseCommand

from worker.supervisor import Supervisor


class Command(BaseCommand):
    help = "Run the task worker for all queues, surviving database outages and recovering stale tasks."

    def add_arguments(self, parser):
        parser.add_argument("--queue-name", default="*", help="Comma-separated queues, or '*' for all (default).")
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds between polls of an empty queue.")

    def handle(self, *, queue_name, interval, verbosity, **options):
        if verbosity and not logging.getLogger("django_tasks_db").hasHandlers():
            logging.getLogger("django_tasks_db").setLevel(logging.INFO)
        Supervisor(
            queue_names=queue_name.split(","),
            interval=interval,
            stale_after=datetime.timedelta(seconds=settings.TASK_STALE_AFTER_SECONDS),
            heartbeat_seconds=settings.TASK_HEARTBEAT_SECONDS,
            max_backoff=settings.TASK_WORKER_MAX_BACKOFF_SECONDS,
        ).run()
