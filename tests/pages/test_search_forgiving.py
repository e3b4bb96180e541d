"""Search that forgives: misspellings, opioid names and classes, and the header's autocomplete endpoint.

Runs on the suite's database (PostgreSQL in CI: full text plus pg_trgm) and on SQLite
(`DATABASE_URL=sqlite:///…`: FTS5 plus difflib); the two suggestion matchers are also tested directly.
"""

import pytest
from django.db import connection

from pages.suggest import closest_by_difflib, closest_by_trigram, suggest
from tests.factories import DrugClassFactory, DrugPageFactory, section
from tests.pages.test_search import publish, result_slugs

pytestmark = pytest.mark.django_db

MATCHERS = [
    pytest.param(closest_by_difflib, id="difflib"),
    pytest.param(
        closest_by_trigram,
        id="trigram",
        marks=pytest.mark.skipif("connection.vendor != 'postgresql'", reason="pg_trgm is PostgreSQL only"),
    ),
]


@pytest.fixture
def library_drugs(library):
    opioid = DrugClassFactory(name="Opioid", slug="opioid", plural_name="Opioids", also_known_as="opiates, painkillers")
    benzo = DrugClassFactory(name="Benzodiazepine", slug="benzodiazepine", plural_name="Benzodiazepines")
    made = {}
    for slug, title, generic, brands, streets, drug_class in [
        ("fentanyl", "Fentanyl", "fentanyl", "Duragesic, Sublimaze", ["Fent", "China white"], opioid),
        ("heroin", "Heroin", "diacetylmorphine", "", ["Smack", "Dope"], opioid),
        ("oxycodone", "Oxycodone (OxyContin, Percocet)", "oxycodone", "OxyContin, Percocet", ["Percs"], opioid),
        ("klonopin", "Klonopin (clonazepam)", "clonazepam", "Klonopin", ["K-pin"], benzo),
    ]:
        page = DrugPageFactory(
            parent=library, title=title, slug=slug, generic_name=generic, brand_names=brands, drug_class=drug_class
        )
        for name in streets:
            page.street_names.create(name=name)
        made[slug] = publish(page)
    # A benzodiazepine article that talks about opioids a lot (the danger of mixing) must not outrank them.
    made["ativan"] = publish(
        DrugPageFactory(
            parent=library,
            title="Ativan (lorazepam)",
            slug="ativan",
            generic_name="lorazepam",
            drug_class=benzo,
            body=[section("Mixing with opioids", "Opioids and benzodiazepines together slow breathing. " * 3)],
        )
    )
    return made


@pytest.mark.parametrize(
    ("query", "expected", "slug"), [("klonopn", "Klonopin", "klonopin"), ("fentinal", "Fentanyl", "fentanyl")]
)
def test_misspelt_names_say_did_you_mean_and_land_on_the_article(client, library_drugs, query, expected, slug):
    slugs, response = result_slugs(client, query)
    assert response.context["suggestion"] == expected
    assert slugs[:1] == [slug]
    assert f'Did you mean <a href="?q={expected}">{expected}</a>?' in response.content.decode()


@pytest.mark.parametrize("query", ["heroin", "smack", "opioids", "opioid", "opiates"])
def test_opioid_words_find_opioid_pages_first(client, library_drugs, query):
    slugs, _ = result_slugs(client, query)
    opioids = {"fentanyl", "heroin", "oxycodone"}
    assert slugs and slugs[0] in opioids, slugs
    if "ativan" in slugs:  # it may match (its text mentions opioids), but after every opioid article it ranks below
        assert set(slugs[: slugs.index("ativan")]) >= (opioids if query.startswith("opi") else {slugs[0]}), slugs


def test_heroin_finds_the_heroin_article_first(client, library_drugs):
    assert result_slugs(client, "heroin")[0][:1] == ["heroin"]


@pytest.mark.parametrize("matcher", MATCHERS)
@pytest.mark.parametrize(
    ("words", "expected"),
    [(["klonopn"], "Klonopin"), (["fentinal"], "Fentanyl"), (["oxycontn"], "OxyContin"), (["fentanyl"], None)],
)
def test_each_matcher_suggests_the_known_name(library_drugs, matcher, words, expected):
    assert suggest(words, matcher=matcher) == expected


@pytest.mark.parametrize("matcher", MATCHERS)
def test_no_suggestion_for_words_like_nothing_known(library_drugs, matcher):
    assert suggest(["zzzzqqq"], matcher=matcher) is None


def test_the_default_matcher_follows_the_database(library_drugs):
    from pages.suggest import default_matcher

    expected = closest_by_trigram if connection.vendor == "postgresql" else closest_by_difflib
    assert default_matcher() is expected


def suggestions(client, query):
    response = client.get("/suggest/", {"q": query})
    assert response.status_code == 200
    return response, response.json()["suggestions"]


@pytest.mark.parametrize(
    ("query", "first"), [("fen", "/drugs/fentanyl/"), ("k-p", "/drugs/klonopin/"), ("perc", "/drugs/oxycodone/")]
)
def test_autocomplete_offers_pages_by_the_start_of_any_name(client, library_drugs, query, first):
    _, found = suggestions(client, query)
    assert found and found[0]["url"] == first, found
    assert found[0]["label"] == ("Benzodiazepine" if "klonopin" in first else "Opioid")


def test_autocomplete_forgives_a_misspelt_whole_word(client, library_drugs):
    _, found = suggestions(client, "fentinal")
    assert found[0] == {"title": "Fentanyl", "url": "/drugs/fentanyl/", "label": "Opioid"}


@pytest.mark.parametrize("query", ["", "f", "  ", "!!", "a" * 500, "'; DROP TABLE wagtailcore_page; --"])
def test_autocomplete_is_quiet_for_short_or_junk_input(client, library_drugs, query):
    _, found = suggestions(client, query)
    assert isinstance(found, list) and len(found) <= 6


def test_autocomplete_answers_are_the_same_for_everyone_so_caches_may_keep_them(client, library_drugs):
    response, _ = suggestions(client, "fen")
    assert response.cookies == {}
    assert "cookie" not in response.get("Vary", "").lower()
    assert response["Cache-Control"] == "public, max-age=300"
    assert response["Content-Type"] == "application/json"
    assert response["X-Robots-Tag"] == "noindex"


def test_autocomplete_lists_only_live_pages(client, library_drugs):
    library_drugs["fentanyl"].unpublish()
    _, found = suggestions(client, "fen")
    assert "/drugs/fentanyl/" not in [item["url"] for item in found]


def test_header_search_form_points_the_script_at_the_endpoint_and_works_without_it(client, library_drugs):
    html = client.get("/drugs/fentanyl/").content.decode()
    assert 'action="/search/" data-search-suggest="/suggest/"' in html
    assert 'name="q" type="search"' in html  # a plain GET form: the script only adds the listbox
    assert "js/search-autocomplete" in html
