"""django-tasks-db's Worker, built as the supervisor builds it, to run one claimed task in a test's transaction."""

from worker.supervisor import db_worker


def task_worker(worker_id="test-worker"):
    """A batch Worker over every queue; call .run_task(result) (run() would close the test's connection)."""
    return db_worker(["*"], interval=0, batch=True, worker_id=worker_id)
