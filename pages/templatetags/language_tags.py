"""The language switcher and hreflang alternates (issue 16): the same page in the other language, or its section.

For a Wagtail page, one query finds its live translations (with their locales). A language without a
translation links to the nearest ancestor that has one (the section's home, else the home page) and says
so. Pages that are Django views (search, the forms, their thank-you pages) switch by URL: the same view
under the other language's prefix.
"""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page, Site

from pages.models.serving import page_family
from treatment_site.languages import language_tag

register = template.Library()


@dataclass(frozen=True)
class Alternate:
    """One language's version of the current page, for the switcher and <link rel="alternate" hreflang>."""

    code: str  # "es"
    name: str  # "Español", in its own language
    tag: str  # "es-US", for hreflang
    url: str  # site-relative, for the switcher
    href: str  # absolute on the configured Site (never the Host header), for hreflang
    is_current: bool
    #: False when that language has no translation and the link goes to the section (or home) instead.
    translated: bool = True


def _absolute(request, url):
    if url.startswith(("http://", "https://")):
        return url
    site = Site.find_for_request(request)
    return (site.root_url if site else "") + url


def _languages():
    return [(code, name) for code, name in settings.LANGUAGES]


def page_alternates(page, request):
    """Every language's version of a Wagtail page, in one query (shared with the breadcrumbs).

    The query fetches the live translations of the page and of all its ancestors (their paths come from the
    page's own path: pages.models.serving.page_family); a language without the page falls back to its
    deepest translated ancestor.
    """
    current = translation.get_language()
    found = {}
    for other in page_family(page, request)[1]:
        best = found.get(other.locale.language_code)
        if best is None or other.depth > best.depth:
            found[other.locale.language_code] = other
    alternates = []
    for code, name in _languages():
        other = found.get(code)
        translated = other is not None and other.translation_key == page.translation_key
        url = other.get_url(request) if other is not None else translate_url("/", code)
        alternates.append(
            Alternate(code, name, language_tag(code), url, _absolute(request, url), code == current, translated)
        )
    return alternates


def view_alternates(request):
    """Every language's version of a Django view: the same path and query under each language's prefix."""
    current = translation.get_language()
    query = request.META.get("QUERY_STRING", "")
    alternates = []
    for code, name in _languages():
        path = translate_url(request.path, code)
        # A view with no version in that language (a path outside i18n_patterns) links to its home page, saying so.
        translated = code == current or path != request.path
        url = path + (f"?{query}" if query else "") if translated else translate_url("/", code)
        alternates.append(
            Alternate(code, name, language_tag(code), url, _absolute(request, url), code == current, translated)
        )
    return alternates


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """The alternates of whatever is being shown, memoised on the request (the head and the switcher share it)."""
    request = context.get("request")
    if request is None:
        return []
    if not hasattr(request, "_language_alternates"):
        page = context.get("page")
        if isinstance(page, Page) and page.pk:
            request._language_alternates = page_alternates(page, request)
        else:
            request._language_alternates = view_alternates(request)
    return request._language_alternates


@register.simple_tag
def og_locale():
    """The active language for Open Graph: "en_US" / "es_US"."""
    return language_tag().replace("-", "_")


@register.simple_tag
def home_url():
    """The home page in the active language ("/" or "/es/")."""
    return translate_url("/", translation.get_language())
