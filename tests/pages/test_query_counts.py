"""Every public page type runs an exact, small number of SQL queries, whatever its content.

The counts are pinned: a change that adds a query per related drug, section, reference,
comparison or search result (an N+1) fails here, and so does one that adds a fixed query,
which should be a deliberate decision (update the number and say why in the commit).
Counted uncached: no full-page cache, only Wagtail's per-process site-root-paths cache warmed.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pages.models import SimilarDrugLink
from tests import factories as f
from tests.i18n.conftest import bilingual_site, editor, english_site, reviewer, spanish  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

#: Queries per public page, uncached. Budget (issue 10): at most 12 for every page type.
# Every Wagtail page: the Site (Wagtail's Site.find_for_request), the site root in the active language as its
# specific type (one query: pages/models/serving.localized_root, no Locale lookup), then for any page below it
# the page's id and type by URL and the specific page with its template's foreign keys (serving.find_descendant),
# the view restrictions of it and its ancestors, the main navigation, and one query for the
# page's ancestors and every translation of it and of them, which the breadcrumbs, the language switcher and
# hreflang share (serving.page_family). The contact settings and the footer's trust settings and licences come
# from the default cache once warm (pages.models.settings.CachedForRequests, pages/disclosures.cached_trust). On top of that: home its library, program index and programs (3); library
# its articles and comparisons (2); article similar drugs, street names, comparisons and its medications record
# (4); comparison both drugs' street names (1); program its levels of care (1); program index its programs (1).
# Search is a Django view (site, view restrictions, count, drug classes, results, their pages, navigation).
EXPECTED = {
    "home": 8,
    "library": 9,
    "article": 11,
    "comparison": 8,
    "program": 8,
    "program_index": 8,
    "search": 7,
}
BUDGET = 12

SMALL, LARGE = 1, 8


def reference(n):
    return {"type": "reference", "value": {"title": f"Source {n}", "publisher": "Example Institute", "url": ""}}


def build_site(home, library, size):
    """A site with `size` of everything a page lists: similar drugs, sections, references, comparisons, programs."""
    doctor = f.MedicalReviewerFactory()
    benzo = f.DrugClassFactory(name="Benzodiazepine", slug="benzodiazepine")
    barb = f.DrugClassFactory(name="Barbiturate", slug="barbiturate")
    article = f.DrugPageFactory(
        parent=library,
        title="Klonopin",
        slug="klonopin",
        drug_class=benzo,
        reviewer=doctor,
        last_reviewed=datetime.date(2026, 6, 15),
        body=[f.section(f"Section {n}", f"Text {n}.") for n in range(size)],
        references=[reference(n) for n in range(size)],
    )
    article.street_names.create(name="K-pin")
    same_class = [f.DrugPageFactory(parent=library, title=f"Benzo {n:02d}", drug_class=benzo) for n in range(size)]
    linked = [f.DrugPageFactory(parent=library, title=f"Barbiturate {n:02d}", drug_class=barb) for n in range(size)]
    for drug in linked:
        SimilarDrugLink.objects.create(page=article, drug=drug)
        drug.street_names.create(name=f"barb {drug.pk}")
    comparisons = [
        f.ComparisonPageFactory(parent=library, drug_a=article, drug_b=drug, reviewer=doctor)
        for drug in same_class + linked
    ]
    programs = f.ProgramIndexPageFactory(parent=home)
    for _ in range(size):
        f.ProgramPageFactory(parent=programs, reviewer=doctor)
    f.ContentPageFactory(parent=home, title="About us", slug="about")
    return {
        "home": home.url,
        "library": library.url,
        "article": article.url,
        "comparison": comparisons[-1].url,
        "program": programs.get_children().last().url,
        "program_index": programs.url,
    }


def count_queries(client, url):
    client.get(url)  # warm the per-process caches (site root paths, content types)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries), response


@pytest.mark.parametrize("size", [SMALL, LARGE])
@pytest.mark.parametrize("page_type", ["home", "library", "article", "comparison", "program", "program_index"])
def test_page_query_count_is_exact_and_does_not_grow(client, home, library, page_type, size):
    urls = build_site(home, library, size)
    queries, response = count_queries(client, urls[page_type])
    assert queries == EXPECTED[page_type], (page_type, size, queries)
    assert queries <= BUDGET


@pytest.mark.parametrize("size", [SMALL, LARGE])
def test_article_shows_everything_it_was_counted_with(client, home, library, size):
    """The count above is only worth something if the article really rendered all its parts."""
    urls = build_site(home, library, size)
    _, response = count_queries(client, urls["article"])
    similar = response.context["similar_drugs"]
    assert len(similar) == min(2 * size, 6)
    assert [drug.title for drug in similar[:size]] == [f"Barbiturate {n:02d}" for n in range(min(size, 6))]
    assert len(response.context["comparisons"]) == 2 * size
    html = response.content.decode()
    assert all(f"Text {n}." in html for n in range(size))
    assert html.count('id="ref-') == size
    assert "Medically reviewed by" in html


@pytest.mark.parametrize(("query", "results"), [("klonopin", 1), ("benzo", LARGE)])
def test_search_query_count_is_the_same_for_one_and_many_results(client, home, library, query, results):
    """Search shows each result's drug class: one query for the page of results, never one per result."""
    build_site(home, library, LARGE)
    queries, response = count_queries(client, f"/search/?q={query}")
    assert response.context["page_obj"].paginator.count == results
    assert all(result.drug_class.name == "Benzodiazepine" for result in response.context["results"])
    assert queries == EXPECTED["search"], (query, queries)


@pytest.mark.parametrize("key", ["klonopin", "es_klonopin"])
def test_the_spanish_article_costs_what_the_english_one_does(client, bilingual_site, key):  # noqa: F811
    """/es/ pages route from the Spanish home in the same one query as English ones (no Locale lookup)."""
    queries, response = count_queries(client, bilingual_site[key].url)
    assert response.context["page"] == bilingual_site[key]
    assert queries == EXPECTED["article"], (key, queries)
