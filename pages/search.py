"""Site search over the public pages, tolerant of slang, plurals and junk input.

Queries are never logged or stored (they can reveal a visitor's health): no `Query.add_hit()`,
no logger calls, and the view touches neither the session nor cookies.
"""

import re

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.template.response import TemplateResponse
from django.utils import translation
from django.views.decorators.http import require_GET
from wagtail.models import Page, Site
from wagtail.search.query import PlainText

from pages.models import DrugPage
from pages.suggest import suggest

MAX_QUERY_LENGTH = 100
MAX_WORDS = 8
RESULTS_PER_PAGE = 10
WORD = re.compile(r"\w+", re.UNICODE)


def normalise_query(raw):
    """The display text and the searchable words of a raw query: bounded, stripped of punctuation."""
    text = " ".join((raw or "").split())[:MAX_QUERY_LENGTH]
    words = [word for word in WORD.findall(text) if word.strip("_")][:MAX_WORDS]
    return text, words


def singular(word):
    """A crude English singular ("pins" → "pin", "benzos" → "benzo"), for backends without stemming."""
    lower = word.lower()
    if len(lower) > 4 and lower.endswith("ies"):
        return lower[:-3] + "y"
    if len(lower) > 3 and lower.endswith("s") and not lower.endswith(("ss", "us", "is")):
        return lower[:-1]
    return lower


def search_pages(words, site):
    """Live public pages of this site matching the words, most relevant first.

    SQLite's FTS has no stemming, so when the words as typed find nothing we retry with their
    singular forms ("pins" finds the street name "K-pin"), then with prefix matching.
    """
    # Wagtail's own public(): the search backend only understands plain field filters, not a subquery.
    pages = Page.objects.live().public().specific()
    if site is not None:
        root = site.root_page
        if translation.get_language() != settings.LANGUAGE_CODE:
            root = root.localized  # the home page in the visitor's language (two queries, Spanish only)
        pages = pages.descendant_of(root, inclusive=True)
    text = " ".join(words)
    results = pages.search(PlainText(text, operator="and"))
    if results.count():
        return results
    singulars = " ".join(dict.fromkeys(singular(word) for word in words))
    results = pages.search(PlainText(singulars, operator="or"))
    if results.count():
        return results
    return pages.autocomplete(text)


@require_GET
def search(request):
    """Search results for ?q=, paginated; an empty or junk query shows the search form with guidance."""
    text, words = normalise_query(request.GET.get("q", ""))
    page_obj, suggestion = None, None
    if words:
        site = Site.find_for_request(request)
        results = search_pages(words, site)
        if not results.count():
            # A misspelling ("klonopn", "fentinal"): show the closest known name's results and say so.
            suggestion = suggest(words)
            if suggestion:
                results = search_pages(normalise_query(suggestion)[1], site)
        page_obj = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        # Each result shows its drug class: fetch them in one query, not one per result.
        page_obj.object_list = list(page_obj.object_list)
        drug_results = [result for result in page_obj.object_list if isinstance(result, DrugPage)]
        prefetch_related_objects(drug_results, "drug_class")
    context = {
        "search_query": text,
        "suggestion": suggestion,
        "searched": bool(text),
        "page_obj": page_obj,
        "results": page_obj.object_list if page_obj else [],
    }
    response = TemplateResponse(request, "pages/search_results.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response
