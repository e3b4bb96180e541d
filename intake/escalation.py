"""Escalation: e-mail on-duty Admissions once when a request nears its first-contact target unassigned.

"On duty" means Admissions staff who set themselves available in the live-chat console (with a
fresh heartbeat); when nobody is, the shared ADMISSIONS_EMAIL inbox gets the warning instead.
The e-mail carries a number, a deadline and a link — never the visitor's details.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import record

logger = logging.getLogger(__name__)


def warn_from(target):
    return target - datetime.timedelta(minutes=settings.INTAKE_ESCALATE_BEFORE_MINUTES)


def due_for_escalation(now=None):
    """Requests near (or past) their target that nobody owns or has contacted, and not yet escalated."""
    from .models import VerificationRequest

    now = now or timezone.now()
    lead = datetime.timedelta(minutes=settings.INTAKE_ESCALATE_BEFORE_MINUTES)
    return VerificationRequest.objects.filter(
        Q(target_at__lte=now + lead),
        assigned_to__isnull=True,
        first_contact_at__isnull=True,
        escalated_at__isnull=True,
    ).exclude(status=VerificationRequest.Status.CLOSED)


def on_duty_recipients():
    from accounts.roles import ADMISSIONS
    from chat.availability import available_staff

    emails = sorted({user.email for user in available_staff().filter(groups__name=ADMISSIONS) if user.email})
    return emails or [settings.ADMISSIONS_EMAIL]


def escalate_if_due(request_id, now=None):
    """Send the warning for one request if it is due; the conditional UPDATE makes it happen only once."""
    from .models import VerificationRequest
    from .tasks import admin_link

    now = now or timezone.now()
    if not due_for_escalation(now).filter(pk=request_id).exists():
        return "not due"
    claimed = due_for_escalation(now).filter(pk=request_id).update(escalated_at=now)
    if not claimed:
        return "already escalated"  # another worker won the race
    request = VerificationRequest.objects.get(pk=request_id)
    target = timezone.localtime(request.target_at).strftime("%H:%M %Z")
    try:
        send_mail(
            f"Request #{request_id} needs someone before {target}",
            (
                f"Request #{request_id} is unassigned and nobody has contacted the visitor yet.\n"
                f"Its first-contact target is {target}. Please pick it up:\n{admin_link(request_id)}\n\n"
                "For confidentiality this e-mail never contains the visitor's details."
            ),
            settings.DEFAULT_FROM_EMAIL,
            on_duty_recipients(),
        )
    except Exception:
        # Not sent: release the claim so the next sweep tries again.
        VerificationRequest.objects.filter(pk=request_id).update(escalated_at=None)
        raise
    record(None, AuditEvent.Action.ESCALATED, target=request, detail="unassigned near target")
    return "sent"


def escalate_due(now=None):
    """The sweep behind `manage.py escalate_intake`: warn about every request that is due."""
    ids = list(due_for_escalation(now).values_list("pk", flat=True))
    return sum(escalate_if_due(pk, now) == "sent" for pk in ids)
