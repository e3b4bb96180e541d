"""Which URLs go stale when content changes, and purging them from Varnish/CDN and the in-app cache.

Signals connected in PagesConfig.ready call these handlers. Each works out the affected URLs while the
old state is still readable (before a delete or move) and purges once the transaction has committed, so
the next visitor can only fetch the new content. The shared cache is purged through
wagtail.contrib.frontend_cache (as a task: the worker sends the requests in production); the in-app
cache straight away.
"""

from urllib.parse import urlsplit

from django.db import transaction
from django.db.models import Q
from django.tasks.base import TASK_MAX_PRIORITY
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, Site

from pages import caching

SITEMAP_PATH = "/sitemap.xml"
#: Each language's sitemap (issue 16); a page change purges them all, which is cheap and never wrong.
SITEMAP_PATHS = [SITEMAP_PATH, "/es/sitemap.xml"]


def _site_root_pages():
    """The site roots and their translations (each language's home page has its own navigation)."""
    roots = Site.objects.values("root_page__translation_key")
    return set(Page.objects.filter(translation_key__in=roots).values_list("pk", flat=True))


def affected_pages(page):
    """The page, its descendants (their URLs and breadcrumbs) and the pages that list or link to it."""
    from pages.models import ComparisonPage, DrugIndexPage, DrugPage, SimilarDrugLink

    page = page.specific_deferred if type(page) is Page else page
    affected = {page.pk: page}
    # Ancestors list their children (library, program index) and grandchildren (home lists programs).
    related = Page.objects.ancestor_of(page).filter(depth__gt=1) | Page.objects.descendant_of(page)
    if isinstance(page, DrugPage):
        # Other articles show it under "similar drugs" (same class or chosen by an editor) and comparisons name it.
        linking_ids = SimilarDrugLink.objects.filter(drug=page).values_list("page_id", flat=True)
        related |= Page.objects.filter(
            Q(pk__in=DrugPage.objects.filter(drug_class_id=page.drug_class_id).values("pk"))
            | Q(pk__in=linking_ids)
            | Q(pk__in=ComparisonPage.objects.filter(Q(drug_a=page) | Q(drug_b=page)).values("pk"))
        )
    if isinstance(page, DrugPage | ComparisonPage):
        related |= Page.objects.type(DrugIndexPage)
    if isinstance(page, ComparisonPage):
        related |= Page.objects.filter(pk__in=[page.drug_a_id, page.drug_b_id])
    # Issue 16: the page's translations show it in their language switcher and hreflang links.
    related |= Page.objects.filter(translation_key=page.translation_key)
    for other in related.live().specific(defer=True):
        affected[other.pk] = other
    return list(affected.values())


def changes_every_page(page):
    """Pages directly under a site root appear in the header or footer navigation of every page."""
    return page.pk in _site_root_pages() or page.get_parent().pk in _site_root_pages()


def page_urls(pages):
    """Full URLs of these pages (and their routable sub-paths), as frontend_cache would purge them."""
    batch = PurgeBatch()
    batch.add_pages(pages)
    return batch.urls


def all_public_urls():
    """Every live page's URL plus the sitemap and robots.txt: "purge all" for any cache backend."""
    urls = page_urls(Page.objects.live().filter(depth__gt=1).specific(defer=True))
    return urls | site_urls([*SITEMAP_PATHS, "/robots.txt"])


def site_urls(paths):
    """Absolute URLs of site-level paths (sitemap …) on every Site, for purge requests."""
    return {site.root_url + path for site in Site.objects.all() for path in paths}


def purge_urls_on_commit(urls, *, everything=False):
    """After the current transaction commits: purge these URLs from the shared cache and the in-app cache."""
    urls = set(urls)

    def purge():
        send_purge_requests(urls)
        if everything:
            caching.purge_all()
        else:
            caching.purge_paths(urlsplit(url).path or "/" for url in urls)

    transaction.on_commit(purge)


def send_purge_requests(urls):
    """Queue frontend_cache's purge task (PURGE to Varnish, or the CDN's API) ahead of every other task.

    PurgeBatch.purge() queues it at the default priority, behind whatever is waiting: after the demo
    loader or a bulk import that is hundreds of search- and reference-index jobs, and Varnish kept
    serving an unpublished page for as long as the workers took to reach it (seen in tests/scale).
    """
    from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task

    if urls:
        purge_urls_from_cache_task.using(priority=TASK_MAX_PRIORITY).enqueue(sorted(urls))


def purge_page(page):
    """Purge everything that shows this page (the whole site if it sits in the navigation)."""
    if changes_every_page(page):
        # all_public_urls() lists live pages only: after an unpublish (or before a delete) the page itself
        # is not among them, and Varnish kept serving it (seen in tests/scale). Its own URLs go too.
        purge_urls_on_commit(all_public_urls() | page_urls(affected_pages(page)), everything=True)
    else:
        purge_urls_on_commit(page_urls(affected_pages(page)) | site_urls(SITEMAP_PATHS))


def purge_everything():
    purge_urls_on_commit(all_public_urls(), everything=True)


# --- signal handlers (connected in PagesConfig.ready) ---


def on_page_published_or_unpublished(sender, instance, **kwargs):
    """Publish, unpublish, scheduled go-live and expiry (publish_scheduled sends the same signals)."""
    purge_page(instance)


def on_page_deleted(sender, instance, **kwargs):
    """pre_delete: the page's URL and its listings are still readable now, and gone after the delete.

    Django sends pre_delete for the Page row and for the specific row; one purge is enough.
    """
    if isinstance(instance, Page) and type(instance) is instance.specific_class and instance.depth > 1:
        purge_page(instance)


def on_page_moved(sender, instance, **kwargs):
    """pre_page_move and post_page_move: the old URLs and listings, then the new ones."""
    purge_page(instance)


def on_drug_class_saved(sender, instance, **kwargs):
    """A drug class name shows on its articles, their similar-drug cards, comparisons and the library."""
    from pages.models import ComparisonPage, DrugIndexPage, DrugPage

    drugs = DrugPage.objects.filter(drug_class=instance)
    pages = Page.objects.live().filter(
        Q(pk__in=drugs.values("pk"))
        | Q(pk__in=ComparisonPage.objects.filter(Q(drug_a__in=drugs) | Q(drug_b__in=drugs)).values("pk"))
        | Q(pk__in=DrugIndexPage.objects.values("pk"))
    )
    purge_urls_on_commit(page_urls(pages.specific(defer=True)))


def on_reviewer_saved(sender, instance, **kwargs):
    """A reviewer's name and credentials show in the "Medically reviewed by" line of the pages they reviewed."""
    from pages.models import ComparisonPage, DrugPage, ProgramPage

    ids = [
        pk
        for model in (DrugPage, ComparisonPage, ProgramPage)
        for pk in model.objects.filter(reviewer=instance).values_list("pk", flat=True)
    ]
    purge_urls_on_commit(page_urls(Page.objects.live().filter(pk__in=ids).specific(defer=True)))


def on_sitewide_change(sender, instance, **kwargs):
    """Contact details and insurers show on every page (header, insurance box in any body): purge all."""
    purge_everything()
