"""django-tasks-db's own Worker, set up to run one claimed task inside a test's transaction."""

from django_tasks_db.management.commands.db_worker import Worker


def task_worker(worker_id="test-worker"):
    """A batch Worker over every queue; call .run_task(result) (run() would close the test's connection)."""
    return Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )
