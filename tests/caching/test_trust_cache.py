"""The footer's trust settings and licences are cached in the default cache, and never shown stale.

Every public page shows them, so they are read from the cache (pages/disclosures.cached_trust) instead of
two queries per request; a save or delete of either drops the cached copy at once.
"""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from pages.disclosures import TrustSettings
from tests.factories import CredentialFactory

pytestmark = pytest.mark.django_db


def footer(client, home):
    response = client.get(home.url)
    assert response.status_code == 200
    return response.content.decode()


def queried_tables(client, url):
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    return " ".join(query["sql"] for query in ctx.captured_queries)


def test_a_warm_page_reads_neither_table(client, home):
    CredentialFactory(number="EX-1")
    first = queried_tables(client, home.url)
    assert "pages_trustsettings" in first and "pages_credential" in first
    again = queried_tables(client, home.url)
    assert "pages_trustsettings" not in again and "pages_credential" not in again


def test_editing_the_settings_shows_at_once(client, home):
    assert "Our own nurses answer" not in footer(client, home)  # now cached
    trust = TrustSettings.for_site(Site.objects.get(is_default_site=True))
    trust.who_answers = "Our own nurses answer, day and night."
    trust.save()
    assert "Our own nurses answer, day and night." in footer(client, home)


def test_adding_hiding_and_deleting_a_licence_shows_at_once(client, home):
    assert "EX-2" not in footer(client, home)
    credential = CredentialFactory(number="EX-2")
    assert "EX-2" in footer(client, home)
    credential.show_publicly = False
    credential.save()
    assert "EX-2" not in footer(client, home)
    credential.show_publicly = True
    credential.save()
    assert "EX-2" in footer(client, home)
    credential.delete()
    assert "EX-2" not in footer(client, home)


def test_pages_render_with_redis_down(client, home, settings):
    """The default cache in production is FallbackRedisCache: with Redis unreachable the footer still renders."""
    settings.CACHES = {
        "default": {
            "BACKEND": "treatment_site.cache.FallbackRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    caches["default"]  # noqa: B018 - the new backend, built from the overridden settings
    CredentialFactory(number="EX-3")
    assert "EX-3" in footer(client, home)
    trust = TrustSettings.for_site(Site.objects.get(is_default_site=True))
    trust.who_answers = "Answered by our admissions nurses."
    trust.save()
    assert "Answered by our admissions nurses." in footer(client, home)
