"""The default Wagtail Site takes its host from WAGTAILADMIN_BASE_URL, so canonical links, og:url and the
sitemap name the public address instead of `localhost`."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from wagtail.models import Site


def configured_host():
    """(hostname, port) from WAGTAILADMIN_BASE_URL; Wagtail's Site.root_url writes https for port 443."""
    parts = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ImproperlyConfigured("WAGTAILADMIN_BASE_URL must be an absolute http(s) URL such as https://example.org")
    return parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)


def configure_default_site():
    """Point the default Site at the configured host; returns the Site (None if there is none yet)."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return None
    hostname, port = configured_host()
    if (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save()  # Site.save clears Wagtail's cached site root paths
    return site
