"""New requests e-mail admissions through a task: PK only, no personal data, retried when SMTP fails."""

import datetime
import io
import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.tasks.signals import task_finished
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from intake.models import VerificationRequest
from intake.tasks import notify_admissions

pytestmark = pytest.mark.django_db

PERSONAL = ["Jordan", "Testperson", "202", "0147", "jordan@example.com", "ZXQ123456789", "GRP-7781", "1988"]
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "intake"]}}
FAILING_MAIL = {"default": {"BACKEND": "tests.intake.test_notifications.FailingEmailBackend"}}


class FailingEmailBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def run_worker():
    """Run django-tasks-db's own worker over the intake queue until nothing is due."""
    call_command("db_worker", "--batch", "--queue-name", "intake", "--no-startup-delay", stdout=io.StringIO())


def submit(client, data, capture):
    with capture(execute=True):
        response = client.post(reverse("intake:verify"), data)
    assert response.status_code == 302
    return VerificationRequest.objects.latest("pk")


def test_new_request_emails_admissions_without_personal_data(client, valid_data, django_capture_on_commit_callbacks):
    request = submit(client, valid_data, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == f"New insurance verification request #{request.pk}"
    assert message.to == ["admissions@harborlight.example"]
    assert f"http://testserver/admin/insurance_requests/inspect/{request.pk}/" in message.body
    for secret in PERSONAL:
        assert secret not in message.subject + message.body, secret


# The worker closes and reopens database connections between tasks, as in production: only a
# transactional test (real commits) lets it see the queued rows.
real_commits = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@real_commits
@override_settings(TASKS=DB_TASKS)
def test_task_is_enqueued_on_the_intake_queue_with_only_the_pk(client, valid_data, django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    request = submit(client, valid_data, django_capture_on_commit_callbacks)
    queued = DBTaskResult.objects.get(queue_name="intake", task_path__endswith="notify_admissions")
    assert (queued.queue_name, queued.task_path) == ("intake", "intake.tasks.notify_admissions")
    assert queued.args_kwargs == {"args": [request.pk], "kwargs": {}}
    assert mail.outbox == []  # nothing sent until a worker runs it

    run_worker()
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL" and queued.return_value == "sent"
    assert [message.subject for message in mail.outbox] == [f"New insurance verification request #{request.pk}"]


@real_commits
@override_settings(TASKS=DB_TASKS, MAILERS=FAILING_MAIL)
def test_smtp_failure_keeps_the_request_and_schedules_a_retry(client, valid_data, django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    request = submit(client, valid_data, django_capture_on_commit_callbacks)
    before = timezone.now()
    run_worker()  # the mail server is down
    assert VerificationRequest.objects.filter(pk=request.pk).exists()
    first, retry = DBTaskResult.objects.filter(queue_name="intake", task_path__endswith="notify_admissions").order_by(
        "enqueued_at"
    )
    assert first.args_kwargs == {"args": [request.pk], "kwargs": {}}
    # The failed attempt is recorded as FAILED (saying when the next runs) and a new attempt is queued.
    assert first.status == "FAILED"
    assert "Attempt 1 failed (SMTPServerDisconnected); attempt 2 runs after" in first.traceback
    assert (retry.queue_name, retry.task_path, retry.status) == ("intake", "intake.tasks.notify_admissions", "READY")
    assert retry.args_kwargs == {"args": [request.pk], "kwargs": {"attempt": 2}}
    assert retry.run_after >= before + datetime.timedelta(seconds=59)

    # The mail server comes back and the retry falls due: a real worker delivers the message.
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    with override_settings(MAILERS={"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}):
        run_worker()
    retry.refresh_from_db()
    assert retry.status == "SUCCESSFUL" and retry.return_value == "sent"
    assert [message.subject for message in mail.outbox] == [f"New insurance verification request #{request.pk}"]


@override_settings(TASKS=DB_TASKS, MAILERS=FAILING_MAIL, INTAKE_NOTIFY_MAX_ATTEMPTS=3)
def test_retries_stop_after_the_limit(make_request):
    request = make_request()
    with pytest.raises(smtplib.SMTPServerDisconnected):
        notify_admissions.call(request.pk, attempt=3)


@override_settings(MAILERS=FAILING_MAIL)
def test_immediate_backend_smtp_failure_still_saves_the_request(client, valid_data, django_capture_on_commit_callbacks):
    """Without a deferring backend the task fails (recorded by the backend) but the visitor still succeeds."""
    finished = []

    def record(sender, task_result, **kwargs):
        finished.append(task_result)

    task_finished.connect(record)
    try:
        request = submit(client, valid_data, django_capture_on_commit_callbacks)
    finally:
        task_finished.disconnect(record)
    [result] = finished
    assert result.task.func is notify_admissions.func and result.args == [request.pk]
    assert result.status == TaskResultStatus.FAILED
    assert result.errors[0].exception_class is smtplib.SMTPServerDisconnected
    assert VerificationRequest.objects.filter(pk=request.pk).exists()


def test_callback_email_says_callback_and_links_to_the_configured_site(
    client, valid_data, django_capture_on_commit_callbacks, settings
):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8712/"
    data = {k: valid_data[k] for k in ("full_name", "phone", "contact_time", "voicemail_ok", "consent")}
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("intake:callback"), {**data, "full_name": "Jo"}).status_code == 302
    request = VerificationRequest.objects.latest("pk")
    assert mail.outbox[0].subject == f"New callback request #{request.pk}"
    assert "insurance verification" not in mail.outbox[0].body
    assert f"http://127.0.0.1:8712/admin/insurance_requests/inspect/{request.pk}/" in mail.outbox[0].body
