"""Shared fixtures: a real Wagtail tree with our home page as the default site's root."""

import pytest
from wagtail.models import Page, Site

from tests.factories import DrugIndexPageFactory, HomePageFactory


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
def _site_language_after_each_test():
    """A request to a Spanish page leaves Spanish active in this thread (LocaleMiddleware); without this a
    later test's reverse() would build /es/ addresses, depending on the order the tests ran in."""
    from django.utils import translation

    yield
    translation.deactivate()
