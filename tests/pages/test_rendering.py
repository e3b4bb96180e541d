"""Every page type renders through the real URL routing with its content."""

import datetime
import re

import pytest

from tests.factories import (
    ComparisonPageFactory,
    ContentPageFactory,
    DrugClassFactory,
    DrugPageFactory,
    KlonopinPageFactory,
    MedicalReviewerFactory,
    ProgramIndexPageFactory,
    ProgramPageFactory,
    section,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def klonopin(library):
    reviewer = MedicalReviewerFactory(name="Dr. Ada Example", credentials="MD")
    page = KlonopinPageFactory(
        parent=library,
        title="Klonopin",
        dea_schedule="IV",
        conditions_treated="panic disorder, seizures",
        onset="20–60 minutes",
        duration="6–12 hours",
        dosing_interval="every 12 hours",
        summary="Klonopin is a long-acting benzodiazepine.",
        body=[
            section("What does it treat?", "Panic disorder and seizures."),
            {"type": "insurance_cta", "value": {"heading": "Check your coverage", "text": "It is confidential."}},
            section("Withdrawal", "Never stop suddenly."),
        ],
        reviewer=reviewer,
        last_reviewed=datetime.date(2026, 6, 15),
    )
    page.street_names.create(name="K-pin")
    page.save_revision().publish()
    return page


def test_home_page(client, home, library):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "Help is here" in html
    assert 'href="/drugs/"' in html


def test_drug_page_shows_facts_sections_and_calls_to_action(client, klonopin):
    response = client.get("/drugs/klonopin/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    for text in ("clonazepam", "Rivotril", "Schedule IV", "K-pin", "every 12 hours", "panic disorder"):
        assert text in html
    assert 'href="#what-does-it-treat"' in html and 'id="what-does-it-treat"' in html
    assert "Check your coverage" in html
    assert "Verify your insurance — free and confidential" in html
    assert "Medically reviewed by <a" in html and "Dr. Ada Example</a>" in html
    assert 'href="tel:+18005550123"' in html
    assert 'aria-label="Breadcrumb"' in html
    assert html.count('href="/chat/"') >= 2, "live chat belongs in the header and on every article"


def breadcrumbs(html):
    nav = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S).group(0)
    return re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', nav)


def test_breadcrumbs_list_every_ancestor_below_the_root_even_an_unpublished_one(client, library, klonopin):
    """The trail comes from the query the language switcher shares (serving.page_family): all ancestors, in order."""
    assert breadcrumbs(client.get("/drugs/klonopin/").content.decode()) == [
        ("/", "Home"),
        ("/drugs/", library.title),
        ("/drugs/klonopin/", "Klonopin"),
    ]
    library.unpublish()  # its article stays live and routable; its trail still names the section
    assert breadcrumbs(client.get("/drugs/klonopin/").content.decode()) == [
        ("/", "Home"),
        ("/drugs/", library.title),
        ("/drugs/klonopin/", "Klonopin"),
    ]


def test_article_page_sets_no_cookie(client, klonopin):
    response = client.get("/drugs/klonopin/")
    assert response.cookies == {}
    assert "csrfmiddlewaretoken" not in response.content.decode()


def test_drug_index_lists_by_letter_and_class(client, library, klonopin):
    other_class = DrugClassFactory(name="Barbiturate", slug="barbiturate", plural_name="Barbiturates")
    DrugPageFactory(parent=library, title="Phenobarbital", drug_class=other_class)
    html = client.get("/drugs/").content.decode()
    assert "Klonopin" in html and "Phenobarbital" in html
    assert "Barbiturates" in html and "Benzodiazepines" in html
    assert 'id="letter-k"' in html and 'id="letter-p"' in html


def test_comparison_page_renders_table(client, library, klonopin):
    xanax = DrugPageFactory(parent=library, title="Xanax", generic_name="alprazolam", dosing_interval="every 4–6 hours")
    ComparisonPageFactory(
        parent=library, title="Klonopin vs Xanax", slug="klonopin-vs-xanax", drug_a=klonopin, drug_b=xanax
    )
    html = client.get("/drugs/klonopin-vs-xanax/").content.decode()
    assert "<table" in html
    assert "clonazepam" in html and "alprazolam" in html
    assert "every 12 hours" in html and "every 4–6 hours" in html
    assert "Klonopin vs Xanax" in client.get("/drugs/klonopin/").content.decode()


def test_program_pages(client, home):
    index = ProgramIndexPageFactory(parent=home)
    ProgramPageFactory(parent=index, title="Medical detox", slug="medical-detox", summary="Safe withdrawal.")
    assert "Medical detox" in client.get("/treatment/").content.decode()
    response = client.get("/treatment/medical-detox/")
    assert response.status_code == 200
    assert "Safe withdrawal." in response.content.decode()


def test_content_page(client, home):
    ContentPageFactory(parent=home, title="Privacy", slug="privacy")
    response = client.get("/privacy/")
    assert response.status_code == 200
    assert "<h1>Privacy</h1>" in response.content.decode()


def test_unknown_page_gets_the_site_404(client, home):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "couldn't find that page" in response.content.decode()


def test_robots_txt_points_to_sitemap(client, home):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "Disallow: /admin/" in response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
