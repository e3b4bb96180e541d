"""Shared fixtures: a real Wagtail tree with our home page as the default site's root."""

import pytest
from wagtail.models import Page, Site

from tests.factories import DrugIndexPageFactory, HomePageFactory


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Run tests in file order however they were named: `make mutate` (mutmut) passes its test ids as an
    unordered set, and a test that follows a transactional one out of turn would meet an emptied database.
    pytest-django's own sort (transactional tests last) runs after this and keeps the order within each kind."""
    items.sort(key=lambda item: (str(item.path), item.location[1] or 0))


_database_names = {}


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings):
    """Note each database's own name before pytest-django renames it to its test name (see django_db_setup)."""
    from django.db import connections

    _database_names.update({alias: connections[alias].settings_dict["NAME"] for alias in connections})


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request):
    """Leave a reused test database (--reuse-db) as this run found it, for the next run.

    `make mutate` (mutmut) runs pytest once per mutant on one kept database, two of those runs in one process.
    A transactional test ends with Django's flush, which empties every table, migration rows included (root
    page, default Site, locales, groups, the current consent): put back the rows this run started with. And
    pytest-django leaves a kept database's test name in the settings, so a second run in the same process
    would test "test_test_..." instead: give each database its own name back."""
    yield
    if not request.config.getoption("reuse_db"):
        return  # pytest-django drops the test databases and restores the names itself
    from django.conf import settings
    from django.db import connection, connections

    snapshot = getattr(connection, "_test_serialized_contents", None)
    with django_db_blocker.unblock():
        if snapshot and not Site.objects.exists():  # flushed: a transactional test's teardown empties this too
            connection.creation.deserialize_db_from_string(snapshot)
    for alias, name in _database_names.items():
        connections[alias].close()
        connections[alias].settings_dict["NAME"] = settings.DATABASES[alias]["NAME"] = name


@pytest.fixture
def home(db):
    """Our HomePage at depth 2, set as the root of the default Site (replacing Wagtail's welcome page)."""
    return make_home()


def make_home():
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug="home-test")
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.hostname = "testserver"
    site.save()
    return home


@pytest.fixture
def library(home):
    return DrugIndexPageFactory(parent=home)


@pytest.fixture(autouse=True)
def _empty_default_cache():
    """Each test starts with an empty default cache (local memory in tests): nothing cached by an earlier
    test's rolled-back rows (the footer's trust settings, rate-limit counters) leaks into the next."""
    from django.core.cache import caches

    caches["default"].clear()


@pytest.fixture(autouse=True)
def _no_language_left_active():
    """A Spanish page or socket a test drove leaves Spanish active in the test's thread (LocaleMiddleware);
    without this a later test's reverse() would build /es/ addresses, or a chat would start in Spanish,
    depending on the order the tests ran in."""
    from django.utils import translation

    yield
    translation.deactivate()
