"""New requests e-mail admissions through a task: PK only, no personal data, retried when SMTP fails."""

import datetime
import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
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


@override_settings(TASKS=DB_TASKS)
def test_task_is_enqueued_on_the_intake_queue_with_only_the_pk(client, valid_data, django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    request = submit(client, valid_data, django_capture_on_commit_callbacks)
    queued = DBTaskResult.objects.get(queue_name="intake", task_path__endswith="notify_admissions")
    assert queued.queue_name == "intake"
    assert queued.args_kwargs == {"args": [request.pk], "kwargs": {}}
    assert mail.outbox == []  # nothing sent until a worker runs it


@override_settings(TASKS=DB_TASKS, MAILERS=FAILING_MAIL)
def test_smtp_failure_keeps_the_request_and_schedules_a_retry(client, valid_data, django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    request = submit(client, valid_data, django_capture_on_commit_callbacks)
    before = timezone.now()
    assert notify_admissions.call(request.pk) == "retry scheduled"
    assert VerificationRequest.objects.filter(pk=request.pk).exists()
    first, retry = DBTaskResult.objects.filter(queue_name="intake", task_path__endswith="notify_admissions").order_by(
        "enqueued_at"
    )
    assert first.args_kwargs == {"args": [request.pk], "kwargs": {}}
    assert retry.queue_name == "intake"
    assert retry.args_kwargs == {"args": [request.pk], "kwargs": {"attempt": 2}}
    assert retry.run_after >= before + datetime.timedelta(seconds=59)

    # The mail server comes back: the retried task delivers the message.
    with override_settings(MAILERS={"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}):
        assert notify_admissions.call(request.pk, attempt=2) == "sent"
    assert mail.outbox[0].subject == f"New insurance verification request #{request.pk}"


@override_settings(TASKS=DB_TASKS, MAILERS=FAILING_MAIL, INTAKE_NOTIFY_MAX_ATTEMPTS=3)
def test_retries_stop_after_the_limit(make_request):
    request = make_request()
    with pytest.raises(smtplib.SMTPServerDisconnected):
        notify_admissions.call(request.pk, attempt=3)


@override_settings(MAILERS=FAILING_MAIL)
def test_immediate_backend_smtp_failure_still_saves_the_request(client, valid_data, django_capture_on_commit_callbacks):
    """Without a deferring backend the task fails (recorded by the backend) but the visitor still succeeds."""
    request = submit(client, valid_data, django_capture_on_commit_callbacks)
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
