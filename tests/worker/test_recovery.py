"""Stale RUNNING tasks (worker killed mid-task) go back to the queue; live workers' tasks are left alone."""

import datetime

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from intake.tasks import notify_admissions
from tests.factories.tasks import task_worker
from worker import recovery
from worker.supervisor import backoff

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "intake"]}}
STALE = datetime.timedelta(minutes=5)


def running_task(request_pk, worker_id, started_minutes_ago):
    """A notification task claimed by `worker_id` that long ago, as a worker leaves it when it is killed."""
    notify_admissions.enqueue(request_pk)
    result = DBTaskResult.objects.latest("enqueued_at")
    result.claim(worker_id)
    DBTaskResult.objects.filter(pk=result.pk).update(
        started_at=timezone.now() - datetime.timedelta(minutes=started_minutes_ago)
    )
    return result.pk


@override_settings(TASKS=DB_TASKS)
def test_only_tasks_of_silent_workers_are_requeued(make_request):
    request = make_request()
    recovery.beat("alive", timezone.now())
    half_an_hour_ago = timezone.now() - datetime.timedelta(minutes=30)
    recovery.beat("silent", half_an_hour_ago, now=half_an_hour_ago)
    by_silent = running_task(request.pk, "silent", 10)
    by_unknown = running_task(request.pk, "never-beat", 10)
    by_alive = running_task(request.pk, "alive", 10)
    just_started = running_task(request.pk, "never-beat-2", 1)

    assert recovery.recover_stale_tasks(STALE) == 2
    status = dict(DBTaskResult.objects.values_list("pk", "status"))
    assert status[by_silent] == status[by_unknown] == "READY"
    assert status[by_alive] == status[just_started] == "RUNNING"
    assert DBTaskResult.objects.ready().filter(pk__in=[by_silent, by_unknown]).count() == 2  # runnable now


@override_settings(TASKS=DB_TASKS)
def test_requeued_notification_is_delivered_once(make_request):
    """Killed after sending but before recording success: the rerun finds the request notified."""
    request = make_request()
    assert notify_admissions.call(request.pk) == "sent"  # the first worker sent it, then died
    stale = running_task(request.pk, "killed", 10)
    recovery.recover_stale_tasks(STALE)
    result = DBTaskResult.objects.get(pk=stale)
    result.claim("new-worker")
    task_worker("new-worker").run_task(result)
    result.refresh_from_db()
    assert result.status == "SUCCESSFUL" and result.return_value == "already sent"
    assert len(mail.outbox) == 1
    assert result.worker_ids == ["killed", "new-worker"]


@override_settings(TASKS=DB_TASKS)
def test_a_restarted_worker_requeues_what_its_earlier_ids_held(make_request):
    request = make_request()
    mine = running_task(request.pk, "before-outage", 0)
    other = running_task(request.pk, "another-process", 0)
    assert recovery.requeue_tasks_of(["before-outage"]) == 1
    assert DBTaskResult.objects.get(pk=mine).status == "READY"
    assert DBTaskResult.objects.get(pk=other).status == "RUNNING"


def test_reconnect_back_off_doubles_up_to_the_cap():
    assert [backoff(n, cap=30) for n in range(1, 8)] == [1, 2, 4, 8, 16, 30, 30]


@override_settings(TASKS=DB_TASKS)
def test_requests_without_a_task_get_one_from_the_sweep(make_request):
    """The database went away between the commit and the enqueue: the heartbeat's sweep queues the e-mail."""
    from intake.models import VerificationRequest
    from intake.tasks import enqueue_missed_notifications

    orphan, queued, notified, fresh = (make_request() for _ in range(4))
    ten_minutes_ago = timezone.now() - datetime.timedelta(minutes=10)
    VerificationRequest.objects.exclude(pk=fresh.pk).update(created_at=ten_minutes_ago)
    notify_admissions.enqueue(queued.pk)
    VerificationRequest.objects.filter(pk=notified.pk).update(notified_at=timezone.now())

    assert enqueue_missed_notifications(datetime.timedelta(minutes=2)) == 1
    tasks = [result.args_kwargs["args"][0] for result in DBTaskResult.objects.ready()]
    assert sorted(tasks) == sorted([queued.pk, orphan.pk])
    assert enqueue_missed_notifications(datetime.timedelta(minutes=2)) == 0  # now it has one
