"""Search in Spanish: accents ignored, Spanish plurals, only Spanish pages; PostgreSQL stems with `spanish_unaccent`.

Runs on whichever database the suite uses; run it on SQLite too with
DATABASE_URL=sqlite:////tmp/es-search.sqlite3 pytest tests/i18n/test_spanish_search.py.
"""

import re

import pytest
from django.db import connection

from pages.demo_translations import translate_page

pytestmark = pytest.mark.django_db

HEROIN = {
    "Heroin": "Heroína",
    "A strong opioid.": "La heroína es un opioide muy potente; en la calle se la llama «chiva» o «tecata».",
}


def results(client, prefix, query):
    html = client.get(f"{prefix}/search/", {"q": query}).content.decode()
    return re.findall(r'search-result__title"><a href="([^"]+)"', html)


@pytest.fixture
def heroin_site(bilingual_site, spanish):
    from tests.factories import DrugPageFactory

    heroin = DrugPageFactory(
        parent=bilingual_site["library"], title="Heroin", slug="heroin", summary="A strong opioid.", body=[]
    )
    heroin.save_revision().publish()
    translate_page(heroin, spanish, HEROIN)
    return bilingual_site | {"heroin": heroin, "es_heroin": heroin.get_translation(spanish)}


def test_unaccented_query_finds_the_accented_spanish_page(client, heroin_site):
    assert results(client, "/es", "heroina") == [heroin_site["es_heroin"].url]
    assert results(client, "/es", "heroína") == [heroin_site["es_heroin"].url]


def test_spanish_street_names_find_the_spanish_page(client, heroin_site):
    assert results(client, "/es", "chiva") == [heroin_site["es_heroin"].url]
    assert results(client, "", "chiva") == []  # English search stays in the English pages


def test_benzodiacepinas_finds_the_spanish_benzodiazepine_pages(client, bilingual_site):
    found = results(client, "/es", "benzodiacepinas")
    assert bilingual_site["es_klonopin"].url in found
    assert all(url.startswith("/es/") for url in found)


def test_spanish_search_of_an_english_word_stays_in_spanish(client, bilingual_site):
    found = results(client, "/es", "Klonopin")
    assert bilingual_site["es_klonopin"].url in found
    assert bilingual_site["klonopin"].url not in found


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the spanish_unaccent configuration is PostgreSQL's")
def test_postgresql_stems_spanish_words(client, bilingual_site):
    # "convulsión" (singular, accented) meets "convulsiones" only through Spanish stemming after unaccent.
    assert bilingual_site["es_klonopin"].url in results(client, "/es", "convulsión")
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('spanish_unaccent', 'heroína benzodiacepinas')::text")
        assert cursor.fetchone()[0] == "'benzodiacepin':2 'heroin':1"


def test_a_misspelt_spanish_word_is_corrected_in_spanish(client, bilingual_site):
    html = client.get("/es/search/", {"q": "benzodiasepinas"}).content.decode()
    assert "¿Quiso decir" in html and "Benzodiacepinas" in html
    assert "Benzodiazepines" not in html  # the English class name is no suggestion for a Spanish visitor
    assert bilingual_site["es_klonopin"].url in results(client, "/es", "benzodiasepinas")


def test_naming_the_class_in_spanish_puts_its_articles_first(client, bilingual_site, spanish):
    from tests.factories import DrugClassFactory, DrugPageFactory

    other = DrugPageFactory(
        parent=bilingual_site["library"],
        title="Sleep aids",
        slug="sleep",
        drug_class=DrugClassFactory(name="Sleep aid", slug="sleep-aid"),
        summary="Not a benzodiazepine.",
        body=[],
    )
    other.save_revision().publish()
    translate_page(other, spanish, {"Sleep aids": "Somníferos", "Not a benzodiazepine.": "No es una benzodiacepina."})
    found = results(client, "/es", "benzodiacepina")
    assert found[-1] == other.get_translation(spanish).url  # matches the word, but is not of the class


def test_a_spanish_article_keeps_its_own_street_names_and_spanish_search_finds_them(client, bilingual_site, spanish):
    """Street names are per language: Spanish slang finds the Spanish article, and a sync from English keeps it."""
    from wagtail.search.index import insert_or_update_object
    from wagtail_localize.models import Translation, TranslationSource

    from pages.models import DrugStreetName

    fentanyl = bilingual_site["fentanyl"].specific
    fentanyl.street_names = [DrugStreetName(name="Fetty")]
    fentanyl.save_revision().publish()
    translate_page(fentanyl, spanish, {"Fentanyl": "Fentanilo"}, street_names=["Azulitas"])
    es_fentanyl = fentanyl.get_translation(spanish).specific
    for page in (fentanyl, es_fentanyl):  # as the worker does after commit (see tests/pages/test_search.py)
        insert_or_update_object(page)
    assert es_fentanyl.street_name_list() == ["Azulitas"] and fentanyl.street_name_list() == ["Fetty"]
    assert fentanyl.url in results(client, "", "fetty")
    assert es_fentanyl.url in results(client, "/es", "azulitas")
    assert results(client, "", "azulitas") == []
    assert fentanyl.url in results(client, "", "fetty")

    # The English list changes and the translation is synced, as "Sync translated pages" does.
    fentanyl.street_names = [DrugStreetName(name="Fetty"), DrugStreetName(name="Blues")]
    fentanyl.save_revision().publish()
    source, _ = TranslationSource.update_or_create_from_instance(fentanyl)
    Translation.objects.get(source=source, target_locale=spanish).save_target(publish=False)
    es_fentanyl.refresh_from_db()
    assert es_fentanyl.get_latest_revision().created_at > es_fentanyl.live_revision.created_at  # a new draft
    synced = es_fentanyl.get_latest_revision().as_object()
    assert [street.name for street in synced.street_names.all()] == ["Azulitas"]
