"""Template helpers for the public site: main navigation, canonical URL and JSON-LD."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import F, Subquery
from django.db.models.lookups import StartsWith
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.models import Page, Site

register = template.Library()

# The same escapes as django.utils.html.json_script: the JSON can never close its <script> element.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def json_ld(context, page):
    """The page's schema.org data as <script type="application/ld+json"> (data, never executed)."""
    data = page.structured_data(context.get("request"))
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


@register.simple_tag(takes_context=True)
def breadcrumb_ancestors(context, page):
    """The page's ancestors below the tree root, top first, from the query the language switcher also uses."""
    from pages.models.serving import page_family

    return page_family(page, context.get("request"))[0]


@register.simple_tag(takes_context=True)
def canonical_url(context, page):
    """The page's absolute URL on its configured Site (never the request's Host header)."""
    return page.get_full_url(context.get("request"))


def _site_sections(request):
    """(main, more): section index pages and plain content pages directly under the site root, in tree order.

    In the active language: the home page in that language is found inside the same query (a subquery on the
    site root's translation key), so Spanish navigation costs no more than English.
    """
    from pages.models import ContentPage, DrugIndexPage, ProgramIndexPage

    if not hasattr(request, "_site_sections"):
        main, more = [], []
        site = Site.find_for_request(request)
        if site is not None:
            root = site.root_page
            home = Page.objects.filter(
                translation_key=root.translation_key, locale__language_code=translation.get_language()
            ).values("path")[:1]
            children = (
                Page.objects.live()
                .type(DrugIndexPage, ProgramIndexPage, ContentPage)
                .filter(StartsWith(F("path"), Subquery(home)), depth=root.depth + 1)
                .select_related("content_type")
                .order_by("path")
            )
            for child in children:
                is_section = child.content_type.model_class() in (DrugIndexPage, ProgramIndexPage)
                (main if is_section else more).append((child.title, child.get_url(request)))
        request._site_sections = (main, more)
    return request._site_sections


@register.simple_tag(takes_context=True)
def primary_nav(context):
    """The section pages under the site root (drug library, treatment), found rather than hard-coded.

    One query per request, memoised on the request and shared with footer_nav.
    Each item is (title, url, is_current).
    """
    request = context.get("request")
    if request is None:
        return []
    current = getattr(context.get("page"), "url", None) or request.path
    return [(title, url, current.startswith(url)) for title, url in _site_sections(request)[0]]


@register.simple_tag(takes_context=True)
def footer_nav(context):
    """Plain pages under the site root (About, Privacy, Contact) as (title, url)."""
    request = context.get("request")
    return _site_sections(request)[1] if request is not None else []


@register.simple_tag(takes_context=True)
def editor_userbar(context):
    """Wagtail's userbar, only for requests that carry a session cookie (a signed-in editor).

    Wagtail's own tag reads request.user, which loads the session and adds `Vary: Cookie` to every
    response; an anonymous visitor has no session cookie, so nothing is read and pages stay shareable.
    """
    from django.conf import settings
    from wagtail.admin.templatetags.wagtailuserbar import wagtailuserbar

    request = context.get("request")
    if request is None or settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return ""
    return wagtailuserbar(context)
