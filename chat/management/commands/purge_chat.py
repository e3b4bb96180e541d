"""Delete live-chat conversations closed (or idle) for longer than CHAT_RETENTION_DAYS."""

from django.conf import settings
from django.core.management.base import BaseCommand

from chat.services import purge_closed


class Command(BaseCommand):
    help = "Delete closed or abandoned live-chat conversations older than the retention period."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=settings.CHAT_RETENTION_DAYS, help="Retention in days (default: setting)."
        )

    def handle(self, *args, days, **options):
        count = purge_closed(days)
        self.stdout.write(f"Deleted {count} chat conversation(s) older than {days} days.")
