"""Serving a page in a fixed number of queries, however deep it sits in the tree.

Wagtail's defaults cost a query per level of the URL (and another for each `.specific`), two
for the view-restriction check and one more for every `.public()` in a listing. On a
four-level article that was half of its queries before the page's own content. Its i18n routing
(`site.root_page.localized.specific`) adds a Locale query on every request, and two more on /es/.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.db.models.lookups import StartsWith
from django.http import Http404
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, PageManager, PageViewRestriction, Site
from wagtail.query import PageQuerySet


def ancestor_paths(page):
    """Materialised paths of the page and all its ancestors, computed from its own path (no query)."""
    return [page.path[:end] for end in range(page.steplen, len(page.path) + 1, page.steplen)]


def page_family(page, request=None):
    """(ancestors, translations) of a page, in one query, memoised on the request per page.

    `ancestors`: the page's ancestors below the tree root, live or not, top first: what
    `page.get_ancestors()` gives the breadcrumbs. `translations`: the live pages, in every locale and with
    their locale, that translate the page or one of its ancestors: what the language switcher and hreflang
    need (pages/templatetags/language_tags.py). Both come from the page's path, so one query serves both.
    """
    memo = getattr(request, "_page_family", None) if request is not None else None
    if memo is not None and page.pk in memo:
        return memo[page.pk]
    paths = [path for path in ancestor_paths(page) if len(path) > Page.steplen]  # not the tree root
    keys = Page.objects.filter(path__in=paths).values("translation_key")
    rows = list(
        Page.objects.filter(translation_key__in=Subquery(keys))
        .filter(Q(live=True) | Q(path__in=paths[:-1]))
        .select_related("locale")
        .order_by("path")
    )
    above = set(paths[:-1])
    family = ([row for row in rows if row.path in above], [row for row in rows if row.live])
    if request is not None:
        if memo is None:
            memo = request._page_family = {}
        memo[page.pk] = family
    return family


class PublicPageQuerySet(PageQuerySet):
    """Wagtail's page queryset with `public()` as a subquery instead of a query of its own."""

    def public(self):
        """Pages outside every private section: same result as Wagtail's, resolved inside the one SQL query."""
        restricted = PageViewRestriction.objects.filter(StartsWith(OuterRef("path"), F("page__path")))
        return self.exclude(Exists(restricted))


PublicPageManager = PageManager.from_queryset(PublicPageQuerySet)


def view_restrictions(page):
    """The restrictions on the page or any ancestor (aliases use their source's), in one query."""
    pages = Page.objects.filter(path__in=ancestor_paths(page))
    return PageViewRestriction.objects.filter(page_id__in=pages.values(source=Coalesce("alias_of_id", "id")))


def find_descendant(root, path_components):
    """The live specific page at root's URL + components, in two queries, or None.

    The second query also fetches the foreign keys the page's template shows
    (`related_on_serve`), so the reviewer or drug class costs nothing more.
    """
    url_path = root.url_path + "".join(f"{component}/" for component in path_components)
    found = Page.objects.filter(url_path=url_path, path__startswith=root.path).values_list("pk", "content_type_id")
    found = found.first()
    if found is None:
        return None
    model = ContentType.objects.get_for_id(found[1]).model_class()
    pages = model._default_manager.filter(pk=found[0])
    related = getattr(model, "related_on_serve", ())
    if related:  # select_related() with no names would follow every foreign key
        pages = pages.select_related(*related)
    return pages.first()


def localized_root(root):
    """The site's root page in the active language, as its specific type, in one query.

    The same page as Wagtail's `root.localized.specific` (its live translation in the active
    language, else the root itself), which costs a Locale query, a translation query on /es/
    and the `.specific` query. Here the locale is matched by its language code in a join, so there is
    no Locale row to look up or cache (nothing to go stale when a Locale is edited, on any server).
    Whenever that one query finds nothing (no live translation, an unknown language) Wagtail's own
    lookup decides, so the result is Wagtail's in every case.
    """
    if getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        try:
            code = get_supported_content_language_variant(translation.get_language())
        except LookupError:
            code = None
        if code is not None:
            model = ContentType.objects.get_for_id(root.content_type_id).model_class()
            found = model._default_manager.filter(
                translation_key=root.translation_key, locale__language_code=code, live=True
            ).first()
            if found is not None:
                return found
    return root.localized.specific


def route_for_request(request, path):
    """Wagtail's `Page.route_for_request`, starting from `localized_root` instead of `root_page.localized`."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    try:
        return localized_root(site.root_page).route(request, [component for component in path.split("/") if component])
    except Http404:
        return None
