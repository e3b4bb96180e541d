"""intake/services.py on its own: what each staff change stores and audits (written to kill mutmut's survivors)."""

import datetime

import pytest
from django.utils import timezone

from audit.models import AuditEvent
from intake.models import VerificationRequest
from intake.services import add_note, change_status_and_assignment, expired_requests

pytestmark = pytest.mark.django_db

Status = VerificationRequest.Status


def test_no_change_stores_and_audits_nothing(make_request, admissions_user):
    request = make_request()
    assert change_status_and_assignment(admissions_user, request, Status.NEW, None) is False
    assert not AuditEvent.objects.for_object(request).exists()


def test_status_and_assignment_changes_are_stored_and_audited_as_the_actor(make_request, admissions_user, superuser):
    request = make_request(assigned_to=superuser)
    assert change_status_and_assignment(admissions_user, request, Status.IN_REVIEW, admissions_user) is True
    request.refresh_from_db()
    assert (request.status, request.assigned_to) == (Status.IN_REVIEW, admissions_user)
    events = {event.action: event for event in AuditEvent.objects.for_object(request)}
    assert events[AuditEvent.Action.STATUS_CHANGED].actor == admissions_user
    assert events[AuditEvent.Action.STATUS_CHANGED].detail == "status: New → In review"
    assert events[AuditEvent.Action.ASSIGNED].actor == admissions_user
    assert events[AuditEvent.Action.ASSIGNED].detail == "assigned: sam-super → casey-admissions"


def test_a_note_names_its_author_audits_its_id_and_stops_the_clock_at_its_time(make_request, admissions_user):
    request = make_request()
    note = add_note(admissions_user, request, "Left a voicemail.")
    note.refresh_from_db()
    assert note.author == admissions_user
    event = AuditEvent.objects.for_object(request).get(action=AuditEvent.Action.NOTE_ADDED)
    assert (event.actor, event.detail) == (admissions_user, f"note #{note.pk}")
    request.refresh_from_db()
    assert request.first_contact_at == note.created_at


def test_a_reopened_request_is_not_expired_by_its_old_closing_date(make_request):
    reopened = make_request(status=Status.IN_REVIEW)
    long_ago = timezone.now() - datetime.timedelta(days=400)
    VerificationRequest.objects.filter(pk=reopened.pk).update(closed_at=long_ago)
    assert not expired_requests(90).exists()
