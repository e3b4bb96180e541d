"""Background work for the intake app: telling admissions that a request arrived, exactly once."""

import datetime
import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.tasks import task
from django.urls import reverse
from django.utils import timezone

from .conf import notify_max_attempts, notify_retry_delays

logger = logging.getLogger(__name__)

MAIL_ERRORS = (smtplib.SMTPException, OSError)


class RetryScheduled(Exception):
    """This attempt failed and a later one is queued: the task result says FAILED, and why."""


def retry_delay(attempt):
    """Back off base, 2×base, 4×base… seconds after attempt `attempt`, capped (INTAKE_NOTIFY_RETRY_*)."""
    base, cap = notify_retry_delays()
    return datetime.timedelta(seconds=min(base * 2 ** (attempt - 1), cap))


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


def admissions_message(request_id, kind, language="en"):
    """The e-mail: a number and a link, no personal data. Its Message-ID is fixed per request, so a mail
    client also folds a duplicate (sent if a worker died between the send and the commit) into one."""
    from .models import VerificationRequest

    link = admin_link(request_id)
    what = "callback request" if kind == VerificationRequest.Kind.CALLBACK else "insurance verification request"
    # Issue 16: the language tells Admissions who should call back; it names no one.
    if language == VerificationRequest.Language.SPANISH:
        what = f"Spanish-speaking {what}"
    body = (
        f"A new {what} (#{request_id}) is waiting in the admissions queue.\n\n"
        f"Open it in the admin (log-in required):\n{link}\n\n"
        "For confidentiality this e-mail never contains the visitor's details."
    )
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "localhost"
    return EmailMessage(
        f"New {what} #{request_id}",
        body,
        settings.DEFAULT_FROM_EMAIL,
        [settings.ADMISSIONS_EMAIL],
        headers={"Message-ID": f"<intake-request-{request_id}@{domain}>"},
    )


@task(queue_name="intake")
def notify_admissions(request_id, attempt=1):
    """E-mail the admissions inbox that request #N arrived, once however often the task runs.

    The request row is locked while sending, so two runs (a stale task requeued while the first worker
    was only slow) cannot both send; `notified_at` makes every later run a no-op. If the mail server is
    unreachable the attempt fails with RetryScheduled and a later one is queued; after
    INTAKE_NOTIFY_MAX_ATTEMPTS the request is flagged for the Admissions dashboard.
    """
    from .models import VerificationRequest

    try:
        with transaction.atomic():
            locked = VerificationRequest.objects.select_for_update().filter(pk=request_id)
            request = locked.only("pk", "kind", "language", "notified_at").first()
            if request is None:
                return "gone"  # purged or deleted before the e-mail went out
            if request.notified_at is not None:
                return "already sent"
            admissions_message(request_id, request.kind, request.language).send()
            VerificationRequest.objects.filter(pk=request_id).update(
                notified_at=timezone.now(), notification_failed_at=None
            )
    except MAIL_ERRORS as exc:
        if notify_admissions.get_backend().supports_defer and attempt < notify_max_attempts():
            run_after = timezone.now() + retry_delay(attempt)
            notify_admissions.using(run_after=run_after).enqueue(request_id, attempt=attempt + 1)
            logger.warning("Mail server error for request #%s (%s).", request_id, type(exc).__name__)
            raise RetryScheduled(
                f"Attempt {attempt} failed ({type(exc).__name__}); attempt {attempt + 1} runs after {run_after:%H:%M:%S} UTC."
            ) from exc
        VerificationRequest.objects.filter(pk=request_id).update(notification_failed_at=timezone.now())
        logger.error("Gave up e-mailing admissions about request #%s after %s attempt(s).", request_id, attempt)
        raise
    return "sent"


def enqueue_missed_notifications(older_than=None):
    """Queue the e-mail for requests that were stored but never got a task (the database went away
    between the commit and the enqueue). Run by the task worker's heartbeat; the task is idempotent."""
    from django_tasks_db.models import DBTaskResult

    from .models import VerificationRequest

    older_than = older_than or datetime.timedelta(seconds=settings.INTAKE_NOTIFY_SWEEP_AFTER_SECONDS)
    waiting = VerificationRequest.objects.filter(
        notified_at__isnull=True, notification_failed_at__isnull=True, created_at__lt=timezone.now() - older_than
    ).values_list("pk", flat=True)[:500]
    if not waiting:
        return 0
    queued = {
        args["args"][0]
        for args in DBTaskResult.objects.filter(
            task_path=notify_admissions.module_path, status__in=["READY", "RUNNING"]
        ).values_list("args_kwargs", flat=True)
        if args.get("args")
    }
    missed = [pk for pk in waiting if pk not in queued]
    for pk in missed:
        notify_admissions.enqueue(pk)
    if missed:
        logger.warning("Queued %s admissions e-mail(s) that had no task.", len(missed))
    return len(missed)
