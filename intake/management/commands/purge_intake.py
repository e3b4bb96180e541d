"""Delete closed requests (and their notes) older than the retention period, and audit that it happened."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import record
from intake.conf import retention_days
from intake.models import VerificationRequest


class Command(BaseCommand):
    help = "Delete closed insurance/callback requests closed more than INTAKE_RETENTION_DAYS (or --days) ago."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="Override INTAKE_RETENTION_DAYS for this run.")
        parser.add_argument("--dry-run", action="store_true", help="Count what would be deleted; change nothing.")

    def handle(self, *args, days=None, dry_run=False, **options):
        days = retention_days() if days is None else days
        if days < 0:
            raise CommandError("--days must be zero or more.")
        cutoff = timezone.now() - datetime.timedelta(days=days)
        expired = VerificationRequest.objects.filter(status=VerificationRequest.Status.CLOSED, closed_at__lt=cutoff)
        if dry_run:
            self.stdout.write(f"{expired.count()} closed request(s) older than {days} days would be deleted.")
            return
        with transaction.atomic():
            ids = list(expired.values_list("pk", flat=True))
            VerificationRequest.objects.filter(pk__in=ids).delete()  # notes go with them (CASCADE)
            record(None, AuditEvent.Action.PURGED, detail=f"{len(ids)} closed request(s) older than {days} days")
        self.stdout.write(self.style.SUCCESS(f"Deleted {len(ids)} closed request(s) older than {days} days."))
