"""Every page type and snippet opens in the Wagtail admin for a superuser."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from pages.models import ContentPage, DrugPage
from tests.factories import ComparisonPageFactory, DrugPageFactory, ProgramIndexPageFactory, ProgramPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("root", "root@example.test", "x" * 12)
    client.force_login(user)
    return client


def test_each_page_type_edit_view_opens(admin_client, home, library):
    drug = DrugPageFactory(parent=library, title="Klonopin")
    other = DrugPageFactory(parent=library, title="Xanax")
    comparison = ComparisonPageFactory(parent=library, drug_a=drug, drug_b=other)
    programs = ProgramIndexPageFactory(parent=home)
    program = ProgramPageFactory(parent=programs)
    for page in (home, library, drug, comparison, programs, program):
        response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200, page


def drug_page_form(drug_class, **fields):
    return nested_form_data(
        {
            "title": "Ativan",
            "slug": "ativan",
            "summary": "Lorazepam is a benzodiazepine.",
            "generic_name": "lorazepam",
            "brand_names": "Ativan",
            "drug_class": drug_class.pk,
            "dea_schedule": "IV",
            "conditions_treated": "",
            "onset": "",
            "duration": "",
            "dosing_interval": "",
            "street_names": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0, "MAX_NUM_FORMS": 1000},
            "similar_drug_links": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0, "MAX_NUM_FORMS": 1000},
            "body": streamfield(
                [("section", {"heading": "What is it?", "anchor": "", "body": rich_text("<p>Facts.</p>")})]
            ),
            "references": streamfield([]),
            **fields,
        }
    )


def test_editor_can_create_a_drug_page_through_the_admin(admin_client, library):
    drug_class = DrugPageFactory(parent=library, title="Xanax").drug_class
    url = reverse("wagtailadmin_pages:add", args=["pages", "drugpage", library.pk])
    response = admin_client.post(url, drug_page_form(drug_class))
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    assert DrugPage.objects.get(slug="ativan").generic_name == "lorazepam"


def test_a_drug_article_cannot_be_published_without_its_summary(admin_client, library):
    """The summary is declared once on BasePage (blank allowed); drug articles still require theirs."""
    drug_class = DrugPageFactory(parent=library, title="Xanax").drug_class
    url = reverse("wagtailadmin_pages:add", args=["pages", "drugpage", library.pk])
    form = admin_client.get(url).content.decode()
    assert "The opening paragraph: what the drug is, in two to four sentences." in form

    response = admin_client.post(url, drug_page_form(drug_class, summary="", **{"action-publish": "publish"}))
    assert response.status_code == 200
    assert "summary" in response.context["form"].errors
    assert not DrugPage.objects.filter(slug="ativan").exists()

    response = admin_client.post(url, drug_page_form(drug_class, summary=""))  # a draft may wait for it
    assert response.status_code == 302
    assert DrugPage.objects.get(slug="ativan").live is False


def test_a_content_page_may_be_published_without_a_summary(admin_client, home):
    url = reverse("wagtailadmin_pages:add", args=["pages", "contentpage", home.pk])
    form = admin_client.get(url).content.decode()
    assert "A sentence or two under the heading." in form
    data = nested_form_data(
        {
            "title": "About",
            "slug": "about",
            "summary": "",
            "body": streamfield([("paragraph", rich_text("<p>Who we are.</p>"))]),
            "action-publish": "publish",
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    assert ContentPage.objects.get(slug="about").live


@pytest.mark.parametrize("model", ["pages_drugclass", "intake_insuranceprovider", "pages_medicalreviewer"])
def test_snippet_listings_open(admin_client, model):
    assert admin_client.get(reverse(f"wagtailsnippets_{model}:list")).status_code == 200
