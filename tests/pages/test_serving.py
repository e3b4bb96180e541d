"""The few-query routing, view-restriction check and public() behave exactly like Wagtail's."""

import pytest
from wagtail.models import PageViewRestriction

from pages.models import DrugPage
from tests.factories import DrugPageFactory

pytestmark = pytest.mark.django_db


def test_a_deep_page_is_served_and_an_unknown_or_draft_one_is_not(client, library):
    article = DrugPageFactory(parent=library, title="Valium", slug="valium")
    draft = DrugPageFactory(parent=library, title="Draft", slug="draft", live=False)
    assert client.get(article.url).status_code == 200
    assert client.get("/drugs/no-such-drug/").status_code == 404
    assert client.get("/drugs/valium/extra/").status_code == 404
    assert client.get(f"/drugs/{draft.slug}/").status_code == 404


def test_the_served_page_is_the_specific_page_with_its_template_data(client, library):
    article = DrugPageFactory(parent=library, title="Valium", slug="valium")
    response = client.get(article.url)
    assert type(response.context["page"]) is DrugPage
    assert response.context["page"].pk == article.pk


def test_a_login_restriction_on_an_ancestor_still_guards_the_page(client, library):
    article = DrugPageFactory(parent=library, title="Valium", slug="valium")
    PageViewRestriction.objects.create(page=library, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(article.url)
    assert response.status_code == 302
    assert "/login/" in response["Location"] or "login" in response["Location"]


def test_a_restriction_on_the_alias_source_guards_the_alias(client, library):
    article = DrugPageFactory(parent=library, title="Valium", slug="valium")
    alias = article.create_alias(update_slug="valium-alias")
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(alias.url).status_code == 302


def test_private_drugs_are_left_out_of_listings(client, library):
    visible = DrugPageFactory(parent=library, title="Ativan", slug="ativan")
    hidden = DrugPageFactory(parent=library, title="Halcion", slug="halcion")
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    assert list(library.drugs()) == [visible.page_ptr.specific]
    assert [drug.pk for drug in visible.similar_drugs()] == []
    assert hidden.pk not in [drug.pk for drug in DrugPage.objects.live().public()]
    assert hidden.pk in [drug.pk for drug in DrugPage.objects.live()]
