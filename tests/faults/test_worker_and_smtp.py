"""The worker killed with SIGKILL mid-task, and the mail server refusing connections, lose no e-mail."""

import time

import pytest

from .delivery import max_pk, raw_deliveries_since, stored_since, wait_delivered
from .stack import FormClient, wait_for
from .traffic import Tally, post_callback

pytestmark = pytest.mark.faults


def running_tasks(postgres):
    return postgres.scalar("SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = 'RUNNING'")


def test_worker_killed_with_queued_and_running_tasks(stack, report):
    postgres, site, smtp = stack["postgres"], stack["site"], stack["smtp"]
    first_pk = max_pk(postgres)
    forms, tally = FormClient(), Tally()
    smtp.delay = 1.5  # a slow mail server, so a task is mid-send when the worker dies
    try:
        for n in range(12):
            post_callback(forms, tally, name=f"Kill {n}")
        wait_for(lambda: running_tasks(postgres) > 0, 30, message="a running task")
        time.sleep(0.5)
        site.kill_worker()
        killed_running = running_tasks(postgres)
        site.start_worker()
        stored = stored_since(postgres, first_pk)
        delivered = wait_delivered(smtp, first_pk, stored)
    finally:
        smtp.delay = 0
    raw = raw_deliveries_since(smtp, first_pk)
    report.update(
        load=f"12 posts, kill -9 with {killed_running} running",
        acknowledged=tally["acknowledged"],
        stored=stored,
        delivered=f"{len(delivered)} ({len(raw)} sent)",
        **{"5xx": tally["5xx"]},
    )
    assert killed_running >= 1
    assert tally["acknowledged"] == stored == 12
    assert len(delivered) == stored  # each request's e-mail reached the inbox
    # At-least-once: a message cut off mid-send may be sent again, with the same Message-ID (folded by mail clients).
    assert len(raw) - len(delivered) <= killed_running
    wait_for(lambda: running_tasks(postgres) == 0, 30, message="no task left RUNNING")


def test_smtp_refused_then_restored(stack, report):
    postgres, smtp = stack["postgres"], stack["smtp"]
    first_pk = max_pk(postgres)
    forms, tally = FormClient(), Tally()
    smtp.stop()
    try:
        for n in range(20):
            post_callback(forms, tally, name=f"Smtp {n}")
        time.sleep(4)  # several attempts fail and are rescheduled
        failed = postgres.scalar(
            "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = 'FAILED' "
            "AND exception_class_path = 'intake.tasks.RetryScheduled'"
        )
    finally:
        smtp.start()
    stored = stored_since(postgres, first_pk)
    delivered = wait_delivered(smtp, first_pk, stored)
    raw = raw_deliveries_since(smtp, first_pk)
    report.update(load="20 posts, SMTP down 4 s", acknowledged=tally["acknowledged"], stored=stored)
    report.update(delivered=len(delivered), **{"5xx": tally["5xx"]})
    assert failed > 0  # the failed attempts say so
    assert tally["acknowledged"] == stored == 20
    assert len(delivered) == len(raw) == 20  # delivered once each
