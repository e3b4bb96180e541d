"""Create one demo account per staff role, printing each new password once (never stored in plain text)."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from accounts import roles
from pages.snippets import MedicalReviewer

# username -> (group name or None for the superuser, description)
DEMO_ACCOUNTS = {
    "admin": (None, "superuser: everything"),
    "editor": (roles.EDITORS, "drafts pages and submits them for clinical review"),
    "reviewer": (roles.CLINICAL_REVIEWERS, "approves and publishes drug-education pages"),
    "admissions": (roles.ADMISSIONS, "reviews insurance requests and answers live chat"),
    "compliance": (roles.COMPLIANCE, "keeps licences, accreditations and the trust settings true"),
}
# The demo "reviewer" approves pages as this (fictional) clinician from the demo content, so approvals stamp a name.
DEMO_REVIEWER_NAME = "Dr. Maya Okafor"


class Command(BaseCommand):
    help = "Create demo staff accounts for local development (refuses to run with DEBUG off)."

    def add_arguments(self, parser):
        parser.add_argument("--reset-passwords", action="store_true", help="Give existing demo accounts new passwords.")

    def handle(self, *args, reset_passwords=False, **options):
        if not settings.DEBUG:
            raise CommandError("Demo accounts are for local development only (DEBUG is off).")
        user_model = get_user_model()
        for username, (group_name, role) in DEMO_ACCOUNTS.items():
            group = Group.objects.filter(name=group_name).first() if group_name else None
            if group_name and group is None:
                continue
            user, created = user_model.objects.get_or_create(
                username=username, defaults={"email": f"{username}@harborlight.example", "is_staff": True}
            )
            if group is None:
                user.is_superuser = True
                user.save(update_fields=["is_superuser"])
            else:
                user.groups.add(group)
            if username == "reviewer":
                self.link_medical_reviewer(user)
            if created or reset_passwords:
                password = secrets.token_urlsafe(12)
                user.set_password(password)
                user.save(update_fields=["password"])
                self.stdout.write(f"  {username:<11} password: {password}   ({role})")
            else:
                self.stdout.write(f"  {username:<11} exists ({role}); `make demo-users` prints new passwords")
        admin_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/admin/"  # `make run` sets it to what it serves
        self.stdout.write(self.style.SUCCESS(f"Log in at {admin_url} with the accounts above."))

    def link_medical_reviewer(self, user):
        """Give the demo reviewer a MedicalReviewer profile: the demo clinician, any unlinked one, or a new one."""
        if MedicalReviewer.objects.filter(user=user).exists():
            return
        profile = (
            MedicalReviewer.objects.filter(user=None, name=DEMO_REVIEWER_NAME).first()
            or MedicalReviewer.objects.filter(user=None).first()
            or MedicalReviewer(name="Dr. Demo Reviewer", slug="demo-reviewer", credentials="MD (demo account)")
        )
        profile.user = user
        profile.save()
        self.stdout.write(f"  reviewer    approves pages as {profile.name}")
