"""Search engines and link previews get a title, description, canonical URL, Open Graph and JSON-LD."""

import json
import re
from xml.etree import ElementTree

import pytest

from tests.factories import ComparisonPageFactory, DrugPageFactory

pytestmark = pytest.mark.django_db


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1, blocks
    return json.loads(blocks[0])


def test_article_head_has_title_description_canonical_and_open_graph(client, reviewed_klonopin):
    html = client.get("/drugs/klonopin/").content.decode()
    assert "<title>Klonopin (clonazepam) | Harbor Light Recovery</title>" in html
    description = "Klonopin facts: uses, street names, withdrawal and treatment."
    assert f'<meta name="description" content="{description}">' in html
    assert '<link rel="canonical" href="http://testserver/drugs/klonopin/">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="Klonopin (clonazepam)">' in html
    assert f'<meta property="og:description" content="{description}">' in html
    assert '<meta property="og:url" content="http://testserver/drugs/klonopin/">' in html


def test_seo_title_overrides_the_page_title(client, reviewed_klonopin):
    reviewed_klonopin.seo_title = "Klonopin addiction and withdrawal"
    reviewed_klonopin.save_revision().publish()
    html = client.get("/drugs/klonopin/").content.decode()
    assert "<title>Klonopin addiction and withdrawal | Harbor Light Recovery</title>" in html


def test_canonical_uses_the_configured_site_not_the_request_host(client, reviewed_klonopin, settings):
    settings.ALLOWED_HOSTS = ["testserver", "evil.example"]
    response = client.get("/drugs/klonopin/", HTTP_HOST="evil.example")
    assert response.status_code == 200  # the article itself, served through the default site
    html = response.content.decode()
    assert '<link rel="canonical" href="http://testserver/drugs/klonopin/">' in html
    assert "evil.example" not in html


def test_article_json_ld_is_a_reviewed_medical_web_page_about_a_drug(client, reviewed_klonopin):
    data = json_ld(client.get("/drugs/klonopin/").content.decode())
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "MedicalWebPage"
    assert data["url"] == "http://testserver/drugs/klonopin/"
    assert data["lastReviewed"] == "2026-06-15"
    assert data["reviewedBy"] == {"@type": "Person", "name": "Dr. Ada Example", "description": "MD"}
    drug = data["about"]
    assert drug["@type"] == "Drug"
    assert drug["nonProprietaryName"] == "clonazepam"
    assert drug["proprietaryName"] == ["Klonopin", "Rivotril"]
    assert drug["drugClass"] == {"@type": "DrugClass", "name": "Benzodiazepine"}
    assert drug["legalStatus"]["name"] == "Schedule IV controlled substance"
    assert drug["alternateName"] == ["K-pin"]


def test_unreviewed_article_has_no_review_claims(client, library):
    DrugPageFactory(parent=library, title="Alcohol", slug="alcohol", dea_schedule="none")
    data = json_ld(client.get("/drugs/alcohol/").content.decode())
    assert "reviewedBy" not in data and "lastReviewed" not in data
    assert data["about"]["legalStatus"]["name"] == "Not a controlled substance"


def test_comparison_json_ld_is_about_both_drugs(client, library, reviewed_klonopin):
    xanax = DrugPageFactory(parent=library, title="Xanax", generic_name="alprazolam")
    ComparisonPageFactory(parent=library, slug="klonopin-vs-xanax", drug_a=reviewed_klonopin, drug_b=xanax)
    data = json_ld(client.get("/drugs/klonopin-vs-xanax/").content.decode())
    assert data["@type"] == "MedicalWebPage"
    assert [drug["nonProprietaryName"] for drug in data["about"]] == ["clonazepam", "alprazolam"]


def test_home_json_ld_is_a_plain_web_page(client, home):
    data = json_ld(client.get("/").content.decode())
    assert data["@type"] == "WebPage" and data["url"] == "http://testserver/"


def test_json_ld_cannot_be_broken_out_of(client, library):
    DrugPageFactory(parent=library, title="Evil </script><script>alert(1)</script> & co", slug="evil")
    html = client.get("/drugs/evil/").content.decode()
    assert "<script>alert(1)" not in html
    assert json_ld(html)["name"] == "Evil </script><script>alert(1)</script> & co"


def test_sitemap_lists_live_pages_on_the_site_host(client, reviewed_klonopin, library):
    draft = DrugPageFactory(parent=library, title="Draft", slug="draft")
    draft.unpublish()
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = {loc.text for loc in ElementTree.fromstring(response.content).findall("s:url/s:loc", namespace)}  # noqa: S314 (our own output)
    assert {"http://testserver/", "http://testserver/drugs/", "http://testserver/drugs/klonopin/"} <= locations
    assert "http://testserver/drugs/draft/" not in locations


def test_robots_txt_keeps_crawlers_out_of_search_and_forms(client, home):
    text = client.get("/robots.txt").content.decode()
    for path in ("/admin/", "/verify-insurance/", "/search/"):
        assert f"Disallow: {path}" in text
