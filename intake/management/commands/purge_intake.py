"""Delete closed requests (and their notes) older than the retention period, and audit that it happened."""

from django.core.management.base import BaseCommand, CommandError

from intake.conf import retention_days
from intake.services import expired_requests, purge_closed


class Command(BaseCommand):
    help = "Delete closed insurance/callback requests closed more than INTAKE_RETENTION_DAYS (or --days) ago."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="Override INTAKE_RETENTION_DAYS for this run.")
        parser.add_argument("--dry-run", action="store_true", help="Count what would be deleted; change nothing.")

    def handle(self, *args, days=None, dry_run=False, **options):
        days = retention_days() if days is None else days
        if days < 0:
            raise CommandError("--days must be zero or more.")
        if dry_run:
            count = expired_requests(days).count()
            self.stdout.write(f"{count} closed request(s) older than {days} days would be deleted.")
            return
        deleted = purge_closed(days)
        self.stdout.write(self.style.SUCCESS(f"Deleted {deleted} closed request(s) older than {days} days."))
