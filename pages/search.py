"""Site search over the public pages, tolerant of slang, plurals and junk input.

Queries are never logged or stored (they can reveal a visitor's health): no `Query.add_hit()`,
no logger calls, and the view touches neither the session nor cookies.
"""

import re

from django.conf import settings
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET
from wagtail.models import Page, Site
from wagtail.search.query import PlainText

from pages.models import DrugPage
from pages.snippets import DrugClass
from pages.suggest import suggest

MAX_QUERY_LENGTH = 100
MAX_WORDS = 8
RESULTS_PER_PAGE = 10
SUGGESTIONS = 6
#: Seconds a browser or Varnish may keep an autocomplete answer (the same for every visitor).
SUGGESTIONS_MAX_AGE = 300
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


def language_root(site):
    """The site's home page in the visitor's language (/es/ → the Spanish home; two queries, Spanish only)."""
    root = site.root_page
    return root if translation.get_language() == settings.LANGUAGE_CODE else root.localized


def search_pages(words, site):
    """Live public pages of this site matching the words, most relevant first.

    SQLite's FTS has no stemming, so when the words as typed find nothing we retry with their
    singular forms ("pins" finds the street name "K-pin"), then with prefix matching.
    """
    # Wagtail's own public(): the search backend only understands plain field filters, not a subquery.
    pages = Page.objects.live().public().specific()
    if site is not None:
        pages = pages.descendant_of(language_root(site), inclusive=True)
    text = " ".join(words)
    results = pages.search(PlainText(text, operator="and"))
    if results.count():
        return results
    singulars = " ".join(dict.fromkeys(singular(word) for word in words))
    results = pages.search(PlainText(singulars, operator="or"))
    if results.count():
        return results
    return pages.autocomplete(text)


def all_drug_classes():
    """Every drug class by id, in one query: a handful of rows, used to name classes and label results."""
    return {drug_class.pk: drug_class for drug_class in DrugClass.objects.all()}


def named_class_ids(words, classes):
    """Ids of the drug classes the query names by name, plural or slang ("opioids", "benzos", "opiates"),
    in English or as the visitor's language says them ("benzodiacepinas")."""
    wanted = {word.lower() for word in words} | {singular(word) for word in words}
    ids = set()
    for drug_class in classes.values():
        translated = [translation.gettext(name) for name in (drug_class.name, drug_class.plural_name) if name]
        names = (drug_class.name, drug_class.plural_name, drug_class.also_known_as, *translated)
        known = {name.strip().lower() for text in names for name in (text or "").split(",") if name.strip()}
        if wanted & (known | {singular(name) for name in known}):
            ids.add(drug_class.pk)
    return ids


def named_classes_first(results, words, classes):
    """The results with the articles of any drug class the query names first, otherwise in rank order.

    Full-text rank alone can put a benzodiazepine article that warns about opioids above the opioid
    articles for "opioids" (SQLite folds every field but the title into one column, so boosts are lost).
    """
    ids = named_class_ids(words, classes)
    if not ids:
        return results
    return sorted(results, key=lambda page: getattr(page, "drug_class_id", None) not in ids)


def with_drug_classes(results, classes):
    """The results as a list, each drug's class attached from `classes` (no query per result)."""
    results = list(results)
    for result in results:
        if isinstance(result, DrugPage):
            result.drug_class = classes[result.drug_class_id]
    return results


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
        classes = all_drug_classes()
        results = named_classes_first(results, words, classes)
        page_obj = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        # Each result shows its drug class: all classes come in one query, never one per result.
        page_obj.object_list = with_drug_classes(page_obj.object_list, classes)
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


@require_GET
def search_suggestions(request):
    """Autocomplete for the header search: up to six pages whose names start like ?q=, as JSON.

    The answer is the same for every visitor (no session, no cookie), so browsers and Varnish may keep it
    for a few minutes; it lives outside /search/, which caches never store. A misspelt whole word
    ("klonopn") falls back to the "Did you mean" vocabulary, so the list still offers the right page.
    """
    text, words = normalise_query(request.GET.get("q", ""))
    found = []
    if len(text) >= 2 and words:
        site = Site.find_for_request(request)
        pages = Page.objects.live().public().specific()
        if site is not None:
            pages = pages.descendant_of(language_root(site), inclusive=True)
        found = list(pages.autocomplete(" ".join(words))[:SUGGESTIONS])
        if not found:
            corrected = suggest(words)
            if corrected:
                found = list(search_pages(normalise_query(corrected)[1], site)[:SUGGESTIONS])
        found = with_drug_classes(found, all_drug_classes())
    suggestions = [
        {
            "title": page.title,
            "url": page.get_url(request),
            "label": translation.gettext(page.drug_class.name) if isinstance(page, DrugPage) else "",
        }
        for page in found
    ]
    response = JsonResponse({"query": text, "suggestions": suggestions})
    patch_cache_control(response, public=True, max_age=SUGGESTIONS_MAX_AGE)
    response["X-Robots-Tag"] = "noindex"
    return response
