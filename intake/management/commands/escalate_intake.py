"""Warn on-duty Admissions about requests nearing their target unassigned (run every minute or two)."""

from django.core.management.base import BaseCommand

from intake.escalation import escalate_due


class Command(BaseCommand):
    help = "E-mail on-duty Admissions once per request that nears its first-contact target with nobody assigned."

    def handle(self, *args, **options):
        sent = escalate_due()
        self.stdout.write(f"{sent} escalation e-mail(s) sent.")
