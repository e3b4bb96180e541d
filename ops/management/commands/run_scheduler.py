"""The scheduler process (deploy/Procfile `scheduler`): replaces cron for publish_scheduled and the purges."""

from django.core.management.base import BaseCommand

from ops.scheduler import Scheduler, release_lock


class Command(BaseCommand):
    help = "Run publish_scheduled every minute and purge_intake/purge_chat daily; safe to start twice."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=60.0, help="Seconds between ticks (default 60).")
        parser.add_argument("--ticks", type=int, default=None, help="Stop after this many ticks (for tests).")

    def handle(self, *args, interval, ticks, **options):
        scheduler = Scheduler()
        try:
            scheduler.run_forever(interval=interval, max_ticks=ticks)
        except KeyboardInterrupt:
            pass
        finally:
            release_lock()
