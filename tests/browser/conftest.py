"""Real-browser fixtures: Debian's Chromium driven by Playwright against pytest-django's live server.

Chromium is never downloaded. If /usr/bin/chromium is missing every browser test is skipped with a
warning and a banner in the terminal summary, so a skipped run is never mistaken for a pass.
"""

import os
import warnings
from pathlib import Path

import pytest
from django.conf import settings

from tests.demo_content import load_demo

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}
SKIP_MESSAGE = (
    f"BROWSER TESTS SKIPPED: {CHROMIUM} was not found. Install Debian's chromium package "
    "(`make browser`, or apt-get install chromium); never `playwright install`."
)
_skipped = []
_migration_data = {}


@pytest.hookimpl(tryfirst=True)  # before pytest's own -m selection reads the marks
def pytest_collection_modifyitems(items):
    """Every test in this folder is a browser test (``-m browser`` selects it) on a transactional database
    restored afterwards: the live server answers from another thread, so it sees committed rows only."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


def restore_migration_data():
    """Put back the rows migrations created (root page, default Site, groups) if a flush removed them.

    pytest-django restores them itself through `serialized_rollback`, but only on the database
    connection object that serialised them. Playwright's sync API runs test code in a greenlet with
    its own context, where Django's context-local `connections` hands out a fresh connection object
    without that snapshot, so from the second live-server test on nothing would be restored.
    """
    from django.db import connection
    from wagtail.models import Page

    snapshot = _migration_data.get("default")
    if snapshot and not hasattr(connection, "_test_serialized_contents"):
        connection._test_serialized_contents = snapshot  # lets later tests restore as designed
    if snapshot and not Page.objects.filter(depth=1).exists():
        connection.creation.deserialize_db_from_string(snapshot)


def pytest_terminal_summary(terminalreporter):
    if _skipped:
        terminalreporter.section("BROWSER TESTS SKIPPED", sep="!", red=True, bold=True)
        terminalreporter.write_line(SKIP_MESSAGE, red=True, bold=True)


@pytest.fixture(autouse=True)
def orm_usable_beside_playwright(monkeypatch):
    """Playwright's sync API runs an event loop in the test thread; the ORM must still work in these tests.

    Set per browser test and undone afterwards, never at import: conftest modules are imported for
    every run, and suite-wide the flag would also hide a synchronous database call inside a Channels
    consumer (the socket tests in tests/chat must then fail with SynchronousOnlyOperation).
    """
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def browser(transactional_db):
    """Chromium for one test, started after the test database is ready and closed before it is flushed.

    Playwright's sync API keeps an event loop running in this thread while it is open: left open
    across tests it breaks pytest-django's flush-and-restore and every later async_to_sync call.
    """
    if not Path(CHROMIUM).exists():
        _skipped.append(True)
        warnings.warn(SKIP_MESSAGE, pytest.PytestWarning, stacklevel=1)
        pytest.skip(SKIP_MESSAGE)
    from django.db import connection
    from playwright.sync_api import sync_playwright

    # Taken before Playwright starts: see restore_migration_data().
    _migration_data["default"] = getattr(connection, "_test_serialized_contents", None)

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def demo_site(live_server):
    """The demo content in the live server's database, with the search index built.

    live_server tests are transactional (the database is flushed afterwards), so the content is put back
    for each test, from the snapshot of the first load (tests/demo_content.py).
    """
    restore_migration_data()
    load_demo(search_index=True)
    return live_server


def new_page(browser, live_server, viewport=DESKTOP):
    """A fresh browser context (no shared cookies) whose console errors are collected on page.console_errors."""
    context = browser.new_context(viewport=viewport, base_url=live_server.url, reduced_motion="reduce")
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    return page


@pytest.fixture
def page(browser, demo_site):
    """A desktop-sized page on the demo site."""
    page = new_page(browser, demo_site)
    yield page
    page.context.close()


@pytest.fixture
def phone_page(browser, demo_site):
    """A 375 px wide page on the demo site."""
    page = new_page(browser, demo_site, viewport=PHONE)
    yield page
    page.context.close()


def assert_no_csp_violations(page):
    """Nothing on the page was blocked by the Content-Security-Policy."""
    blocked = [text for text in page.console_errors if "Content Security Policy" in text]
    assert blocked == [], blocked
