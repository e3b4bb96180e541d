"""Background work for the intake app: telling admissions that a request arrived."""

import datetime
import logging
import smtplib

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.urls import reverse
from django.utils import timezone

from .conf import notify_max_attempts

logger = logging.getLogger(__name__)


def retry_delay(attempt):
    """Back off 1, 2, 4, 8… minutes, capped at an hour."""
    return datetime.timedelta(minutes=min(2 ** (attempt - 1), 60))


def admin_link(request_id):
    """The request's admin page on the configured site address (WAGTAILADMIN_BASE_URL)."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("insurance_requests:inspect", args=[request_id])


@task(queue_name="intake")
def escalate_request(request_id):
    """Warn on-duty Admissions shortly before request #N passes its target with nobody assigned (once).

    Enqueued when the request is stored; if it runs early (a backend that cannot defer) it does
    nothing and `manage.py escalate_intake`, run every minute or two, catches the request instead.
    """
    from .escalation import escalate_if_due

    return escalate_if_due(request_id)


@task(queue_name="intake")
def notify_admissions(request_id, attempt=1):
    """E-mail the admissions inbox that request #N arrived: a number and a link, no personal data.

    If the mail server is unreachable the request is already saved; the task schedules itself
    again later (when the backend can defer) and gives up after INTAKE_NOTIFY_MAX_ATTEMPTS.
    """
    from .models import VerificationRequest

    kind = VerificationRequest.objects.filter(pk=request_id).values_list("kind", flat=True).first()
    if kind is None:
        return "gone"  # purged or deleted before the e-mail went out
    link = admin_link(request_id)
    what = "callback request" if kind == VerificationRequest.Kind.CALLBACK else "insurance verification request"
    body = (
        f"A new {what} (#{request_id}) is waiting in the admissions queue.\n\n"
        f"Open it in the admin (log-in required):\n{link}\n\n"
        "For confidentiality this e-mail never contains the visitor's details."
    )
    try:
        send_mail(
            f"New {what} #{request_id}",
            body,
            settings.DEFAULT_FROM_EMAIL,
            [settings.ADMISSIONS_EMAIL],
        )
    except (smtplib.SMTPException, OSError) as exc:
        backend = notify_admissions.get_backend()
        if backend.supports_defer and attempt < notify_max_attempts():
            run_after = timezone.now() + retry_delay(attempt)
            notify_admissions.using(run_after=run_after).enqueue(request_id, attempt=attempt + 1)
            logger.warning(
                "Mail server error for request #%s (%s); retry %s scheduled.",
                request_id,
                type(exc).__name__,
                attempt + 1,
            )
            return "retry scheduled"
        raise
    return "sent"
