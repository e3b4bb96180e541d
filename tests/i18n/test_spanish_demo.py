"""The Spanish demo pages read in Spanish all the way down: list items, dates, records and footer included."""

import json

from bs4 import BeautifulSoup
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import Translation

from pages.demo_translations import SPANISH_DIR
from tests.caching.conftest import demo_site  # noqa: F401 (the demo served for the test client)

#: Segments that may stay as the English page has them: sources are cited as published, anchors and slugs
#: are addresses, and drug titles, generic and brand names are the same words in Spanish.
KEPT_AS_PUBLISHED = ("references.", "slug", "title", "generic_name", "brand_names")


def main_text(client, path):
    response = client.get(path)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return " ".join(soup.select_one("main").get_text(" ").split())


def test_every_segment_of_the_spanish_demo_is_translated_and_shows_in_spanish(client, demo_site):  # noqa: F811
    spanish = Locale.objects.get(language_code="es")
    home = Site.objects.get(is_default_site=True).root_page
    untranslated = []
    for path in sorted(SPANISH_DIR.glob("*.json")):
        data = json.loads(path.read_text())
        url_path = home.url_path + (f"{data['source']}/" if data["source"] else "")
        page = Page.objects.get(url_path=url_path, locale=home.locale)
        translation = Translation.objects.get(source__object_id=page.translation_key, target_locale=spanish)
        for entry in translation.export_po():
            kept = entry.msgctxt.startswith(KEPT_AS_PUBLISHED) or entry.msgctxt.endswith(".anchor")
            if not kept and entry.msgid not in data["strings"] and entry.msgctxt not in data.get("fields", {}):
                untranslated.append((path.name, entry.msgctxt.rsplit(".", 1)[-1], entry.msgid))
    assert untranslated == []

    # List items (interactions, withdrawal stages, detection windows) are segments too, so they read in Spanish.
    klonopin = main_text(client, "/es/drugs/klonopin/")
    assert "Opioides (fentanilo, heroína, oxicodona, metadona y otros)" in klonopin
    assert "Together they can slow or stop breathing" not in klonopin
    assert "Consultado el 10 de junio de 2026." in klonopin and "Accessed" not in klonopin
    fentanyl = main_text(client, "/es/drugs/fentanyl/")
    assert "De semanas a meses" in fentanyl and "Weeks to months" not in fentanyl
    assert "hasta 90 días" in fentanyl
    # A Spanish program page shows the levels of care recorded for its English source, in Spanish.
    detox = main_text(client, "/es/treatment/medical-detox/")
    assert (
        "Nivel ASAM 3.7-WM: Manejo de la abstinencia en internación con supervisión médica (desintoxicación). "
        "Lo ofrecemos aquí." in detox
    )
    assert "ASAM level 3.7-WM" in main_text(client, "/treatment/medical-detox/")
    contact = main_text(client, "/es/contact/")
    assert "Visítenos" in contact and "Evaluaciones con cita previa" in contact and "Visit us" not in contact


def test_the_footers_licences_and_notices_read_in_the_pages_language(client, demo_site):  # noqa: F811
    def footer(path):
        return BeautifulSoup(client.get(path).content.decode(), "html.parser").select_one("footer")

    def text(element):
        return " ".join(element.get_text(" ").split())

    spanish, english = footer("/es/"), footer("/")
    assert "licencia estatal #EXAMPLE-LIC-0001 [ejemplo ficticio] — verificar" in text(
        spanish.select_one(".credentials")
    )
    assert "state licence #EXAMPLE-LIC-0001 [fictional example] — verify" in text(english.select_one(".credentials"))
    # The notices are English pages: from a Spanish page the link says so.
    notice = spanish.select_one(".site-footer__policies a")
    assert text(notice) == "Aviso al paciente (42 CFR Parte 2) (en inglés)" and notice["hreflang"] == "en"
    notice = english.select_one(".site-footer__policies a")
    assert text(notice) == "Patient notice (42 CFR Part 2)" and not notice.has_attr("hreflang")
