"""Shared fixtures: a real Wagtail tree with our home page as the default site's root."""

import os

import pytest
from wagtail.models import Page, Site

from tests.factories import DrugIndexPageFactory, HomePageFactory

# Playwright's sync API runs an event loop in this thread; the ORM must still be usable from tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def home(db):
    """Our HomePage at depth 2, set as the root of the default Site (replacing Wagtail's welcome page)."""
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
