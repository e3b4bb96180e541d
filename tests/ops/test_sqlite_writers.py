"""`make run` on SQLite: the server, the task worker and the scheduler write one file without "database is locked"."""

import threading

import pytest
from django.db import connections, transaction
from django.db.utils import ConnectionHandler, OperationalError

from treatment_site.settings.base import database_settings

WRITERS = ("sqlite_first", "sqlite_second")


@pytest.fixture
def writers(tmp_path, django_db_blocker):
    """Two connections to one SQLite file, as two processes of `make run` hold them; options are the test's."""

    def open_with(options):
        database = database_settings(f"sqlite:///{tmp_path / 'db.sqlite3'}")
        if options is not None:
            database["OPTIONS"] = options
        complete = ConnectionHandler({"default": database}).settings["default"]  # Django's defaults filled in
        for alias in WRITERS:
            connections.settings[alias] = dict(complete)
        with connections[WRITERS[0]].cursor() as cursor:
            cursor.execute("CREATE TABLE counter (n integer)")
            cursor.execute("INSERT INTO counter VALUES (0)")

    with django_db_blocker.unblock():
        yield open_with
        for alias in WRITERS:
            connections[alias].close()
            del connections[alias]
            connections.settings.pop(alias, None)


def read_then_write(alias, errors, read_done=None, go_on=None):
    """One process's transaction: read the counter, then (maybe after another process wrote) write it."""
    try:
        with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
            cursor.execute("SELECT n FROM counter")
            (n,) = cursor.fetchone()
            if read_done:
                read_done.set()
                go_on.wait(2)  # the other writer has had its chance to go first
            cursor.execute("UPDATE counter SET n = %s", [n + 1])
    except OperationalError as exc:
        errors.append(exc)
    finally:
        connections[alias].close()


@pytest.mark.parametrize("configured", [True, False], ids=["our settings", "Django's defaults"])
def test_two_writers_read_then_write_without_losing_either(writers, configured):
    writers(None if configured else {})
    read_done, go_on, errors = threading.Event(), threading.Event(), []
    first = threading.Thread(target=read_then_write, args=(WRITERS[0], errors, read_done, go_on))
    first.start()
    read_done.wait(5)
    second = threading.Thread(target=read_then_write, args=(WRITERS[1], errors))
    second.start()
    second.join(0.5)  # with IMMEDIATE it waits at BEGIN for the first writer; without, it writes now
    go_on.set()
    first.join(10)
    second.join(10)

    with connections[WRITERS[0]].cursor() as cursor:
        cursor.execute("SELECT n FROM counter")
        total = cursor.fetchone()[0]
    if configured:
        assert (errors, total) == ([], 2)
    else:  # what the scheduler logged on a first `make run`: the writer whose read went stale fails
        assert "database is locked" in str(errors[0]) and total == 1
