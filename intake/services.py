"""What happens to a request: creating it, staff changes (each audited), notifying admissions, purging it."""

import datetime
import logging

from django.db import transaction
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import record

from .models import CONSENT_TEXT, ContactAttempt, StaffNote, VerificationRequest
from .speed_to_lead import mark_first_contact

logger = logging.getLogger(__name__)


def create_request(kind, part2=None, **fields):
    """Store a new request from the public (with its Part 2 consent, if signed) and enqueue the staff e-mail."""
    from .consent import SignedConsent
    from .tasks import escalate_request, notify_admissions

    with transaction.atomic():
        request = VerificationRequest(
            kind=kind, consent_given_at=timezone.now(), consent_text=str(CONSENT_TEXT), **fields
        )
        request.save()
        if part2 is not None:
            SignedConsent.sign(request, recipient=request.provider_display.removeprefix("Other: "), **part2)
        record(None, AuditEvent.Action.CREATED, target=request, detail=f"kind: {kind}")
        transaction.on_commit(lambda: enqueue_notification(notify_admissions, request.pk))
        transaction.on_commit(lambda: schedule_escalation(escalate_request, request))
    return request


def schedule_escalation(task, request):
    """Queue the "nobody has it yet" warning for shortly before the target (when the backend can defer)."""
    from .escalation import warn_from

    try:
        if task.get_backend().supports_defer:
            task.using(run_after=warn_from(request.target_at)).enqueue(request.pk)
    except Exception:
        logger.exception("Could not schedule the escalation for request #%s", request.pk)


def enqueue_notification(task, pk):
    """Enqueue the staff e-mail; a broken queue must never lose the request that was just saved."""
    try:
        task.enqueue(pk)
    except Exception:
        logger.exception("Could not enqueue the notification for request #%s", pk)


def change_status_and_assignment(actor, request, status, assigned_to):
    """Apply a staff member's status/assignment change and audit each part that changed."""
    old_status, old_assignee = request.status, request.assigned_to
    changed = []
    if status != old_status:
        request.status = status
        changed.append("status")
    if assigned_to != old_assignee:
        request.assigned_to = assigned_to
        changed.append("assigned_to")
    if not changed:
        return False
    with transaction.atomic():
        request.save(update_fields=changed)
        if "status" in changed:
            labels = VerificationRequest.Status
            detail = f"status: {labels(old_status).label} → {labels(status).label}"
            record(actor, AuditEvent.Action.STATUS_CHANGED, target=request, detail=detail)
            mark_first_contact(request)
        if "assigned_to" in changed:
            detail = f"assigned: {staff_label(old_assignee)} → {staff_label(assigned_to)}"
            record(actor, AuditEvent.Action.ASSIGNED, target=request, detail=detail)
    return True


def add_note(actor, request, text):
    """Add an encrypted staff note and audit it (the audit row never repeats the text)."""
    with transaction.atomic():
        note = StaffNote.objects.create(request=request, author=actor, text=text)
        record(actor, AuditEvent.Action.NOTE_ADDED, target=request, detail=f"note #{note.pk}")
        mark_first_contact(request, note.created_at)
    return note


def log_contact_attempt(actor, request, channel, outcome):
    """Log a call/text/e-mail attempt and its outcome (audited); the first attempt stops the clock."""
    with transaction.atomic():
        attempt = ContactAttempt.objects.create(request=request, staff=actor, channel=channel, outcome=outcome)
        detail = f"{attempt.get_channel_display()}: {attempt.get_outcome_display()}"
        record(actor, AuditEvent.Action.CONTACT_ATTEMPTED, target=request, detail=detail)
        mark_first_contact(request, attempt.at)
    return attempt


def staff_label(user):
    """How the audit trail names a staff member: their username, never a patient detail."""
    return user.get_username() if user else "nobody"


def expired_requests(days):
    """Closed requests whose closing is more than `days` days ago."""
    cutoff = timezone.now() - datetime.timedelta(days=days)
    return VerificationRequest.objects.filter(status=VerificationRequest.Status.CLOSED, closed_at__lt=cutoff)


def purge_closed(days):
    """Delete closed requests (their notes go with them) older than `days` days, audited; returns how many."""
    with transaction.atomic():
        ids = list(expired_requests(days).values_list("pk", flat=True))
        VerificationRequest.objects.filter(pk__in=ids).delete()  # notes go with them (CASCADE)
        record(None, AuditEvent.Action.PURGED, detail=f"{len(ids)} closed request(s) older than {days} days")
    return len(ids)
