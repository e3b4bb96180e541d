"""Sites that many tests share, built once per run and put back from a snapshot for each test after the first.

The whole demo (`load_demo_content` plus `update_index`) takes about 12 s and about 50 tests need it; the
bilingual site of tests/i18n (eight pages translated with wagtail-localize) takes about 5 s and 30 tests
need it. The first test that asks runs the real build; the rows it leaves are kept with Django's own test
serialisation (`serialize_db_to_string`, what `serialized_rollback` uses), and every later test gets them
back (the tables emptied, then `deserialize_db_from_string`), primary keys and search entries included.
Each test still starts from the same rows and leaves nothing behind: its transaction is rolled back, or a
live-server test's database is flushed as before. Primary keys cannot collide with rows a test creates
afterwards: PostgreSQL's sequences and SQLite's autoincrement counters are past them since the first build.
The tests of the demo loader itself call the command directly.
"""

import io

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection
from wagtail.models import Page, Site

_snapshots = {}


def restore_or_build(name, build):
    """Run `build()` in the first test that asks for `name`, restore its rows in the others; returns its result.

    The result is kept and handed back as it is, so it should name rows by primary key, not hold instances.
    """
    if name in _snapshots:
        rows, result = _snapshots[name]
        if get_user_model().objects.exists() or Page.objects.filter(depth__gt=1).count() > 1:
            raise RuntimeError(
                f"{name}: the database already holds rows a fixture or the test made; restoring the shared "
                "site would delete them. Ask for the site's fixture before fixtures that create rows."
            )
        # Emptied first: the snapshot holds every row, and rows migrations made (Wagtail's welcome page
        # among them) would collide with the site's. Not `manage.py flush`: it would also reset the
        # sequences, and the next row a test creates would take the primary key of a restored one.
        tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
        connection.ops.execute_sql_flush(connection.ops.sql_flush(no_style(), tables))
        connection.creation.deserialize_db_from_string(rows)
    else:
        result = build()
        _snapshots[name] = (connection.creation.serialize_db_to_string(), result)
    Site.clear_site_root_paths_cache()
    return result


def load_demo(search_index=False):
    """The demo content in the current test database (and its search index, when asked)."""

    def build():
        call_command("load_demo_content", stdout=io.StringIO())
        if search_index:
            call_command("update_index", stdout=io.StringIO())

    restore_or_build(f"demo{'+index' if search_index else ''}", build)
