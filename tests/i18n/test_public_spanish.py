"""Every public page in both languages: status, lang, hreflang pairs, the switcher's target, caching, JSON-LD."""

import json
import re

import pytest

pytestmark = pytest.mark.django_db

PAGE_KEYS = ["home", "library", "klonopin", "comparison", "programs", "detox", "about"]


def hreflangs(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


def switcher_links(html):
    nav = re.search(r'<nav class="language-switcher language-switcher--header".*?</nav>', html, re.S).group(0)
    return dict(re.findall(r'<a href="([^"]+)" hreflang="([^"]+)"', nav))


@pytest.mark.parametrize("key", PAGE_KEYS)
def test_each_page_and_its_translation_point_at_each_other(client, bilingual_site, key):
    english, spanish = bilingual_site[key], bilingual_site[f"es_{key}"]
    assert spanish.url.startswith("/es/")
    for page, lang, other in [(english, "en", spanish), (spanish, "es", english)]:
        response = client.get(page.url)
        html = response.content.decode()
        assert response.status_code == 200, page.url
        assert f'<html lang="{lang}">' in html
        assert hreflangs(html) == {"en-US": english.full_url, "es-US": spanish.full_url}
        assert switcher_links(html) == {other.url: "en-US" if lang == "es" else "es-US"}
        assert response["Content-Language"] == lang


def test_spanish_pages_are_as_cacheable_as_english_ones(client, bilingual_site):
    """The language is in the URL: no cookie, no Vary header, a public Cache-Control."""
    for url in ["/es/", bilingual_site["es_klonopin"].url, "/", bilingual_site["klonopin"].url]:
        response = client.get(url)
        assert response.status_code == 200
        assert "public" in response["Cache-Control"], url
        assert not response.has_header("Vary"), (url, response.get("Vary"))
        assert not response.cookies


def test_a_page_without_translation_links_to_the_section_and_says_so(client, bilingual_site):
    html = client.get(bilingual_site["fentanyl"].url).content.decode()
    assert switcher_links(html) == {bilingual_site["es_library"].url: "es-US"}
    assert "esta página aún no está traducida" in html
    assert "es-US" not in hreflangs(html)  # no hreflang to a page that is not its translation


def test_spanish_article_reads_in_spanish(client, bilingual_site):
    html = client.get(bilingual_site["es_klonopin"].url).content.decode()
    assert "El clonazepam calma el pánico y previene las convulsiones." in html
    assert "Datos clave" in html and "Key facts" not in html
    assert "Nombre genérico" in html
    assert "Benzodiacepina" in html  # the drug class, from the catalog
    # Crisis notice with the 988 Spanish option and SAMHSA; the bilingual language-assistance notice.
    assert "marque 2 para hablar en español" in html and "AYUDA" in html and "1-800-662-4357" in html
    assert 'lang="en">Free language help' in html and "servicios gratuitos de asistencia lingüística" in html
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["inLanguage"] == "es-US"
    assert '<meta property="og:locale" content="es_US">' in html


def test_spanish_breadcrumbs_walk_the_spanish_tree(client, bilingual_site):
    """Same trail as in English, through the Spanish home and library (shared with the switcher's query)."""
    html = client.get(bilingual_site["es_klonopin"].url).content.decode()
    nav = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S).group(0)
    assert re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', nav) == [
        ("/es/", "Inicio"),
        (bilingual_site["es_library"].url, "Biblioteca de drogas"),
        (bilingual_site["es_klonopin"].url, "Klonopin (clonazepam)"),
    ]


def test_english_article_keeps_english_json_ld_and_notice(client, bilingual_site):
    html = client.get(bilingual_site["klonopin"].url).content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["inLanguage"] == "en-US"
    assert "Call or text <a" in html and "servicios gratuitos de asistencia lingüística" in html


def test_spanish_navigation_lists_the_spanish_sections(client, bilingual_site):
    html = client.get("/es/").content.decode()
    nav = re.search(r'<nav class="site-nav".*?</nav>', html, re.S).group(0)
    assert bilingual_site["es_library"].url in nav and "Biblioteca de drogas" in nav
    assert "Verificar el seguro" in nav and 'href="/es/verify-insurance/"' in nav


def test_a_translated_comparison_compares_the_translated_drugs(client, bilingual_site):
    html = client.get(bilingual_site["es_comparison"].url).content.decode()
    assert f'<a href="{bilingual_site["es_klonopin"].url}">' in html
    assert f'<a href="{bilingual_site["klonopin"].url}">' not in html


@pytest.mark.parametrize(
    "path",
    [
        "/search/",
        "/verify-insurance/",
        "/verify-insurance/thank-you/",
        "/request-callback/",
        "/request-callback/thank-you/",
    ],
)
def test_views_in_both_languages(client, bilingual_site, path):
    for prefix, lang, other in [("", "en", "/es" + path), ("/es", "es", path)]:
        response = client.get(prefix + path)
        html = response.content.decode()
        assert response.status_code == 200
        assert f'<html lang="{lang}">' in html
        assert switcher_links(html) == {other: "es-US" if lang == "en" else "en-US"}


def test_404_in_spanish(client, bilingual_site):
    response = client.get("/es/no-existe/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="es">' in html and "No encontramos esa página" in html


def test_sitemaps_per_language(client, bilingual_site):
    english = client.get("/sitemap.xml").content.decode()
    spanish = client.get("/es/sitemap.xml").content.decode()
    assert bilingual_site["klonopin"].full_url in english and bilingual_site["es_klonopin"].full_url not in english
    assert bilingual_site["es_klonopin"].full_url in spanish and bilingual_site["klonopin"].full_url not in spanish
    assert "/es/sitemap.xml" in client.get("/robots.txt").content.decode()


def test_the_chat_page_links_to_the_spanish_chat(client, bilingual_site):
    """Issue 16: the chat has a Spanish page now, so the switcher goes there, not to the Spanish home."""
    html = client.get("/chat/").content.decode()
    assert switcher_links(html) == {"/es/chat/": "es-US"}
    assert "esta página aún no está traducida" not in html
    assert switcher_links(client.get("/es/chat/").content.decode()) == {"/chat/": "en-US"}


def test_the_spanish_articles_insurance_box_pre_ticks_its_drug(client, bilingual_site):
    """The form lists each drug once, by its English id; the Spanish article's box still names its drug."""
    es_klonopin, klonopin = bilingual_site["es_klonopin"], bilingual_site["klonopin"]
    article = client.get(es_klonopin.url).content.decode()
    assert f'name="substance" value="{es_klonopin.pk}"' in article
    form = client.get("/es/verify-insurance/", {"substance": es_klonopin.pk, "source": es_klonopin.pk})
    assert form.context["form"]["substances"].value() == [str(klonopin.pk)]
    assert re.search(rf'value="{klonopin.pk}"[^>]*checked', form.content.decode())


def test_the_reviewers_credentials_read_in_the_pages_language(client, bilingual_site):
    from pages.models import DrugPage

    english, spanish = bilingual_site["klonopin"].specific, bilingual_site["es_klonopin"]
    reviewer = english.reviewer
    reviewer.credentials, reviewer.credentials_es = "MD, addiction medicine", "MD, medicina de las adicciones"
    reviewer.save()
    # The Spanish page's own stamp, by the same person.
    DrugPage.objects.filter(pk=spanish.pk).update(reviewer=reviewer, last_reviewed=english.last_reviewed)
    html = client.get(spanish.url).content.decode()
    assert f"{reviewer.name}</a>, MD, medicina de las adicciones" in html and "addiction medicine" not in html
    html = client.get(english.url).content.decode()
    assert f"{reviewer.name}</a>, MD, addiction medicine" in html and "medicina de las adicciones" not in html
