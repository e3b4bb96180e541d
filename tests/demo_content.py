"""The demo site in a test database: built by the real loader once per run, put back from a snapshot after.

`load_demo_content` plus `update_index` takes about 12 s (page revisions, wagtail-localize segments, search
entries), and about 50 tests need the whole demo. The first of them runs the loader; the rows it leaves are
kept with Django's own test serialisation (`serialize_db_to_string`, what `serialized_rollback` uses), and every
later test gets them back (the tables emptied, then `deserialize_db_from_string`), primary keys
and search entries included. Each test still starts from the same rows and leaves nothing behind: its
transaction is rolled back, or a live-server test's database is flushed as before. Primary keys
cannot collide with rows a test creates afterwards: PostgreSQL's sequences and SQLite's autoincrement
counters are past them since the first load. The tests of the loader itself call the command directly.
"""

import io

from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection
from wagtail.models import Site

_snapshot = {}


def load_demo(search_index=False):
    """The demo content in the current test database (and its search index, when asked)."""
    key = search_index
    if key in _snapshot:
        # Emptied first: the snapshot holds every row, and the rows migrations made (Wagtail's welcome
        # page among them) would collide with the demo's. Inside a test's transaction this is rolled back too.
        # Not `manage.py flush`: it would also reset the sequences, and the next row a test creates would
        # take the primary key of a restored one.
        tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
        connection.ops.execute_sql_flush(connection.ops.sql_flush(no_style(), tables))
        connection.creation.deserialize_db_from_string(_snapshot[key])
    else:
        call_command("load_demo_content", stdout=io.StringIO())
        if search_index:
            call_command("update_index", stdout=io.StringIO())
        _snapshot[key] = connection.creation.serialize_db_to_string()
    Site.clear_site_root_paths_cache()
