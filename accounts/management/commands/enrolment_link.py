"""Print a one-time, expiring set-up link for a staff member's authenticator app."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts.enrolment import enrolment_url


class Command(BaseCommand):
    help = "Print a single-use set-up link (valid OTP_ENROLMENT_LINK_SECONDS) to hand to a staff member."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError("No active account has that username.")
        self.stdout.write(enrolment_url(user))
