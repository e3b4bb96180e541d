"""One sitemap per language (issue 16): /sitemap.xml lists the English pages, /es/sitemap.xml the Spanish ones."""

from django.conf import settings
from django.utils import translation
from wagtail.contrib.sitemaps import Sitemap


class LanguageSitemap(Sitemap):
    """Wagtail's sitemap of the site's pages, from the home page in the active language (the URL prefix)."""

    def items(self):
        root = self.get_wagtail_site().root_page
        if translation.get_language() != settings.LANGUAGE_CODE:
            root = root.localized
        return root.get_descendants(inclusive=True).live().public().order_by("path").defer_streamfields().specific()


SITEMAPS = {"wagtail": LanguageSitemap}
