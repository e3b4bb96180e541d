"""`purge_intake` deletes closed requests past retention (with their notes) and audits that it did."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from audit.models import AuditEvent
from intake.models import StaffNote, VerificationRequest
from intake.services import add_note

pytestmark = pytest.mark.django_db


def closed_days_ago(make_request, days):
    request = make_request(status=VerificationRequest.Status.CLOSED)
    VerificationRequest.objects.filter(pk=request.pk).update(closed_at=timezone.now() - datetime.timedelta(days=days))
    return request


def test_purges_only_closed_requests_older_than_retention(make_request):
    old_closed = closed_days_ago(make_request, 100)
    add_note(None, old_closed, "private")
    recent_closed = closed_days_ago(make_request, 10)
    old_open = make_request(created_at=timezone.now() - datetime.timedelta(days=400))
    out = StringIO()
    with override_settings(INTAKE_RETENTION_DAYS=90):
        call_command("purge_intake", stdout=out)
    remaining = set(VerificationRequest.objects.values_list("pk", flat=True))
    assert remaining == {recent_closed.pk, old_open.pk}
    assert not StaffNote.objects.exists()
    assert "Deleted 1 closed request(s) older than 90 days" in out.getvalue()
    event = AuditEvent.objects.get(action=AuditEvent.Action.PURGED)
    assert event.actor is None and event.detail == "1 closed request(s) older than 90 days"


def test_days_option_overrides_setting_and_dry_run_changes_nothing(make_request):
    closed_days_ago(make_request, 10)
    out = StringIO()
    call_command("purge_intake", "--days", "5", "--dry-run", stdout=out)
    assert "1 closed request(s)" in out.getvalue()
    assert VerificationRequest.objects.count() == 1 and not AuditEvent.objects.filter(action="purged").exists()
    call_command("purge_intake", "--days", "5", stdout=out)
    assert not VerificationRequest.objects.exists()


def test_reopening_clears_the_closed_date(make_request):
    request = make_request(status=VerificationRequest.Status.CLOSED)
    assert request.closed_at is not None
    request.status = VerificationRequest.Status.IN_REVIEW
    request.save(update_fields=["status"])
    request.refresh_from_db()
    assert request.closed_at is None
