"""The admissions e-mail: sent once however often its task runs, honest task states, a dashboard flag on give-up."""

import smtplib

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from intake.models import VerificationRequest
from intake.tasks import notify_admissions
from tests.factories.tasks import task_worker
from tests.intake.test_notifications import DB_TASKS, FAILING_MAIL

pytestmark = pytest.mark.django_db


def run_ready_task():
    """Claim and run the ready task with django-tasks-db's own Worker.run_task (run() would close the
    test's connection between polls)."""
    worker = task_worker()
    result = DBTaskResult.objects.ready().get()
    result.claim(worker.worker_id)
    worker.run_task(result)


def test_a_task_run_twice_sends_one_email(make_request):
    request = make_request()
    assert notify_admissions.call(request.pk) == "sent"
    assert notify_admissions.call(request.pk) == "already sent"
    assert len(mail.outbox) == 1
    request.refresh_from_db()
    assert request.notified_at is not None
    assert mail.outbox[0].extra_headers["Message-ID"].startswith(f"<intake-request-{request.pk}@")


@override_settings(TASKS=DB_TASKS, MAILERS=FAILING_MAIL, INTAKE_NOTIFY_RETRY_BASE_SECONDS=120)
def test_a_failed_attempt_is_recorded_as_failed_with_the_retry_queued(make_request):
    request = make_request()
    notify_admissions.enqueue(request.pk)
    run_ready_task()
    first, retry = DBTaskResult.objects.order_by("enqueued_at")
    assert first.status == "FAILED"
    assert first.exception_class_path == "intake.tasks.RetryScheduled"
    assert "SMTPServerDisconnected" in first.traceback
    assert retry.status == "READY"
    assert retry.args_kwargs["kwargs"] == {"attempt": 2}
    assert (retry.run_after - first.finished_at).total_seconds() == pytest.approx(120, abs=5)  # from settings
    request.refresh_from_db()
    assert request.notified_at is None and request.notification_failed_at is None  # still trying


@override_settings(TASKS=DB_TASKS, MAILERS=FAILING_MAIL, INTAKE_NOTIFY_MAX_ATTEMPTS=2)
def test_giving_up_flags_the_request_on_the_dashboard(make_request, client, admissions_user):
    request = make_request()
    other = make_request()
    with pytest.raises(smtplib.SMTPServerDisconnected):
        notify_admissions.call(request.pk, attempt=2)
    request.refresh_from_db()
    assert request.notification_failed_at is not None
    client.force_login(admissions_user)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "<strong>1</strong> open request whose e-mail alert failed" in html
    listed = client.get(reverse("insurance_requests:index"), {"notification_failed": "true", "is_open": "true"})
    assert [obj.pk for obj in listed.context["object_list"]] == [request.pk]
    assert other.pk not in [obj.pk for obj in listed.context["object_list"]]


def test_a_later_success_clears_the_flag(make_request):
    request = make_request()
    VerificationRequest.objects.filter(pk=request.pk).update(notification_failed_at=timezone.now())
    assert notify_admissions.call(request.pk) == "sent"
    request.refresh_from_db()
    assert request.notification_failed_at is None and request.notified_at is not None
