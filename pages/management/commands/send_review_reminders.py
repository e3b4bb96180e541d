"""Queue today's review-reminder e-mails (run daily from cron)."""

from django.core.management.base import BaseCommand

from pages.reminders import enqueue_review_reminders


class Command(BaseCommand):
    help = "E-mail editors and reviewers about pages whose medical review is due in 30 days or today."

    def handle(self, *args, **options):
        queued = enqueue_review_reminders()
        self.stdout.write(f"{queued} reminder e-mail(s) queued.")
