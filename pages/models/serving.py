"""Serving a page in a fixed number of queries, however deep it sits in the tree.

Wagtail's defaults cost a query per level of the URL (and another for each `.specific`), two
for the view-restriction check and one more for every `.public()` in a listing. On a
four-level article that was half of its queries before the page's own content.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, F, OuterRef
from django.db.models.functions import Coalesce
from django.db.models.lookups import StartsWith
from wagtail.models import Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet


def ancestor_paths(page):
    """Materialised paths of the page and all its ancestors, computed from its own path (no query)."""
    return [page.path[:end] for end in range(page.steplen, len(page.path) + 1, page.steplen)]


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
