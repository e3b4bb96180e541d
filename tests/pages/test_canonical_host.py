"""Canonical links, og:url and the sitemap name the host from WAGTAILADMIN_BASE_URL, never localhost."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from wagtail.models import Site

PUBLIC = "https://www.harborlight.example"


@pytest.fixture
def public_host(settings):
    settings.WAGTAILADMIN_BASE_URL = PUBLIC
    settings.ALLOWED_HOSTS = ["www.harborlight.example", "testserver", "127.0.0.1"]


def test_set_site_host_moves_canonical_og_url_and_sitemap_to_the_configured_host(
    client, reviewed_klonopin, public_host
):
    call_command("set_site_host", stdout=open("/dev/null", "w"))  # noqa: SIM115
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == ("www.harborlight.example", 443, PUBLIC)

    # A request through the load balancer's address still gets the public canonical URL.
    html = client.get("/drugs/klonopin/", HTTP_HOST="127.0.0.1").content.decode()
    assert f'<link rel="canonical" href="{PUBLIC}/drugs/klonopin/">' in html
    assert f'<meta property="og:url" content="{PUBLIC}/drugs/klonopin/">' in html
    sitemap = client.get("/sitemap.xml", HTTP_HOST="www.harborlight.example").content.decode()
    assert f"<loc>{PUBLIC}/drugs/klonopin/</loc>" in sitemap
    assert "localhost" not in sitemap and "testserver" not in sitemap


@pytest.mark.django_db
def test_the_demo_loader_sets_the_configured_host(public_host):
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Site.objects.get(is_default_site=True).root_url == PUBLIC


def test_a_plain_http_base_url_keeps_its_port(home, settings):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8200"
    call_command("set_site_host", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Site.objects.get(is_default_site=True).root_url == "http://127.0.0.1:8200"


def test_a_base_url_without_a_scheme_is_refused(home, settings):
    settings.WAGTAILADMIN_BASE_URL = "www.harborlight.example"
    with pytest.raises(ImproperlyConfigured):
        call_command("set_site_host")
