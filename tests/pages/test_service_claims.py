"""No claim the services records do not back: pages derive their services from the records and may not say more."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Page, Site
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from pages.claims import page_claims, unbacked_claims
from pages.disclosures import TrustSettings
from pages.services import LevelOfCare, Medication
from tests.demo_content import load_demo
from tests.factories import (
    ContentPageFactory,
    DrugPageFactory,
    ProgramIndexPageFactory,
    ProgramPageFactory,
    section,
)
from tests.factories.users import make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(db):
    return {
        "php": LevelOfCare.objects.create(
            name="Partial hospitalization", asam_level="2.5", offered=False, also_called="PHP, day treatment"
        ),
        "iop": LevelOfCare.objects.create(name="Intensive outpatient", asam_level="2.1", offered=True),
        "bup": Medication.objects.create(
            name="buprenorphine", brand_names="Suboxone, Sublocade", use_disorder="oud", provided=True
        ),
        "methadone": Medication.objects.create(name="methadone", use_disorder="oud", provided=False),
    }


@pytest.mark.parametrize(
    "text",
    [
        "We prescribe methadone at admission.",
        "Our partial hospitalization program runs on weekdays.",
        "We run a PHP for adults, with evening groups.",
        "Here at Harbor Light we give Vivitrol before discharge.",  # no record at all: still not backed
    ],
)
def test_a_claim_the_records_do_not_back_is_found(records, text):
    assert unbacked_claims(text), text


@pytest.mark.parametrize(
    "text",
    [
        "We prescribe buprenorphine and Suboxone.",  # provided
        "We offer intensive outpatient care, days or evenings.",  # offered
        "We do not prescribe methadone; we refer you to a licensed program.",  # negated, referred out
        "Methadone is given at licensed opioid treatment programs.",  # not speaking for us
        "Partial hospitalization is a level between residential and outpatient care.",  # describes, no offer
    ],
)
def test_honest_sentences_are_not_claims(records, text):
    assert unbacked_claims(text) == [], text


def test_a_page_that_claims_an_unoffered_service_cannot_be_saved(records, home):
    page = ContentPageFactory(parent=home, title="Our care", slug="our-care")
    page.body = [section("Day care", "We offer partial hospitalization five days a week.")]
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "partial hospitalization" in str(error.value).lower()
    assert "Levels of care" in str(error.value)


def test_the_page_editor_refuses_the_claim_and_keeps_the_text(client, records, home):
    page = ContentPageFactory(parent=home, title="Our care", slug="our-care")
    client.force_login(make_staff("sam-claims", is_superuser=True))
    claim = "We prescribe methadone to everyone who asks."
    data = nested_form_data(
        {
            "title": "Our care",
            "slug": "our-care",
            "summary": "",
            "body": streamfield(
                [("section", {"heading": "Medication", "anchor": "", "body": rich_text(f"<p>{claim}</p>")})]
            ),
            "seo_title": "",
            "search_description": "",
            "go_live_at": "",
            "expire_at": "",
        }
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 200
    assert "This page says we offer something our services records" in response.content.decode()
    assert "methadone" in response.content.decode()
    assert page.get_latest_revision() is None or claim not in str(page.get_latest_revision().content)
    # The same edit passes once a clinical reviewer records that we provide it.
    Medication.objects.filter(pk=records["methadone"].pk).update(provided=True)
    assert client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data).status_code == 302


def test_a_record_cannot_be_unticked_while_a_live_page_claims_it(client, records, home):
    page = ContentPageFactory(parent=home, title="Medication treatment", slug="mat")
    page.body = [section("Medicines", "We prescribe Suboxone from your first day.")]
    page.save_revision().publish()
    reviewer = make_staff("rita-reviewer", "Clinical reviewers")
    client.force_login(reviewer)
    response = client.post(
        reverse("wagtailsnippets_pages_medication:edit", args=[records["bup"].pk]),
        {"name": "buprenorphine", "brand_names": "Suboxone, Sublocade", "use_disorder": "oud", "note": ""},
    )
    assert response.status_code == 200
    assert "Live pages still say we offer this: “Medication treatment”" in response.content.decode()
    records["bup"].refresh_from_db()
    assert records["bup"].provided is True
    # Once the page no longer claims it, the record may say the truth.
    page.body = [section("Medicines", "We refer you to a prescriber for Suboxone.")]
    page.save_revision().publish()
    response = client.post(
        reverse("wagtailsnippets_pages_medication:edit", args=[records["bup"].pk]),
        {"name": "buprenorphine", "brand_names": "Suboxone, Sublocade", "use_disorder": "oud", "note": ""},
    )
    assert response.status_code == 302
    records["bup"].refresh_from_db()
    assert records["bup"].provided is False


def main_text(response):
    return " ".join(BeautifulSoup(response.content.decode(), "html.parser").select_one("main").get_text(" ").split())


def main_lines(response):
    """The main text with one line per element, so sentences do not run across headings and table cells."""
    return BeautifulSoup(response.content.decode(), "html.parser").select_one("main").get_text("\n")


def test_program_and_drug_pages_show_the_records_not_free_text(client, records, home, library):
    services = ContentPageFactory(parent=home, title="Services", slug="services")
    trust = TrustSettings.for_site(Site.objects.get(is_default_site=True))
    trust.services_page = services
    trust.save()
    program = ProgramPageFactory(parent=ProgramIndexPageFactory(parent=home), title="Day treatment")
    LevelOfCare.objects.filter(pk=records["php"].pk).update(program_page=program)
    methadone = DrugPageFactory(parent=library, title="Methadone", slug="methadone")
    Medication.objects.filter(pk=records["methadone"].pk).update(drug_page=methadone, note="We coordinate with one.")

    text = main_text(client.get(program.url))
    assert "ASAM level 2.5: Partial hospitalization. Not offered here: we refer you" in text
    assert BeautifulSoup(client.get(program.url).content, "html.parser").select_one(
        f'main .services a[href="{services.url}"]'
    )
    text = main_text(client.get(methadone.url))
    assert "Methadone for opioid use disorder: we do not provide it here. We coordinate with one." in text

    Medication.objects.filter(pk=records["methadone"].pk).update(provided=True)
    LevelOfCare.objects.filter(pk=records["php"].pk).update(offered=True)
    assert "Methadone for opioid use disorder: we provide it." in main_text(client.get(methadone.url))
    assert "ASAM level 2.5: Partial hospitalization. Offered here." in main_text(client.get(program.url))


def test_the_demo_site_claims_nothing_the_records_do_not_back(client):
    """Every live demo page, both as stored (its fields) and as rendered (its main text)."""
    load_demo()
    assert LevelOfCare.objects.filter(offered=False).exists() and Medication.objects.filter(provided=False).exists()
    pages = list(Page.objects.live().filter(depth__gt=2).specific())
    assert len(pages) > 20
    for page in pages:
        assert page_claims(page) == [], page.url
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert unbacked_claims(main_lines(response)) == [], page.url
    # The MAT box on the demo drug pages comes from the records.
    methadone = next(page for page in pages if page.slug == "methadone")
    assert "we do not provide it here" in main_text(client.get(methadone.url))
