"""The fault suite's stack (started once per run) and the summary table it prints.

Run with `make test-faults` (pytest -m faults). Everything runs on private servers that the tests stop,
kill and restart on purpose; see tests/faults/stack.py.
"""

import shutil
import tempfile

import pytest

from .stack import Postgres, Redis, Site, SmtpSink, fault_environment

ROWS = []
COLUMNS = ["test", "load", "acknowledged", "stored", "delivered", "5xx"]


def pytest_terminal_summary(terminalreporter):
    if not ROWS:
        return
    widths = [
        max(len(str(row.get(c, ""))) for row in [dict(zip(COLUMNS, COLUMNS, strict=True)), *ROWS]) for c in COLUMNS
    ]
    terminalreporter.section("fault-injection results")
    for row in [dict(zip(COLUMNS, COLUMNS, strict=True)), *ROWS]:
        terminalreporter.write_line(
            "  ".join(str(row.get(c, "")).ljust(w) for c, w in zip(COLUMNS, widths, strict=True))
        )


@pytest.fixture
def report(request):
    """Record one line of the summary table for this test."""
    row = {"test": request.node.name.removeprefix("test_")}
    ROWS.append(row)
    return row


@pytest.fixture(scope="session")
def stack():
    folder = tempfile.mkdtemp(prefix="faults-")
    env = fault_environment(folder)
    postgres, redis, smtp = Postgres(folder), Redis(folder), SmtpSink()
    site = Site(folder, env)
    postgres.init()
    try:
        conn = postgres.connect("postgres")
        conn.autocommit = True
        conn.cursor().execute("CREATE DATABASE faults")
        conn.close()
        redis.start()
        smtp.start()
        site.manage("migrate", "--noinput", "-v0")
        site.manage("collectstatic", "--noinput", "-v0")
        site.manage("load_demo_content")
        site.start_server()
        site.start_worker()
        yield {"postgres": postgres, "redis": redis, "smtp": smtp, "site": site, "folder": folder}
    finally:
        site.stop()
        smtp.stop()
        if redis.ping():
            redis.kill()
        try:
            postgres.stop()
        finally:
            shutil.rmtree(folder, ignore_errors=True)
