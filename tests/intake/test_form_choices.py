"""What the insurance form offers and pre-fills: the provider list, the drug list, the article's ?provider=,
?substance= and ?source= (intake/forms.py; written to kill mutmut's survivors)."""

import pytest
from django.urls import reverse
from wagtail.models import Locale, PageViewRestriction

from intake.forms import InsuranceRequestForm
from pages.translation import publishing_reviewed_content
from tests.factories import DrugPageFactory, InsuranceProviderFactory

pytestmark = pytest.mark.django_db


def spanish_copy(page, title):
    """The page's Spanish translation, live, with its own title."""
    translated = page.copy_for_translation(Locale.objects.get(language_code="es"), copy_parents=True)
    translated.title = title
    with publishing_reviewed_content():  # as the demo loader publishes its reviewed translations
        translated.save_revision().publish()
    return translated


def test_the_provider_list_starts_with_a_prompt_and_ends_with_other(aetna, retired_provider):
    cigna = InsuranceProviderFactory(name="Cigna", sort_order=2)
    assert InsuranceRequestForm().fields["provider"].choices == [
        ("", "Choose a provider"),
        (str(aetna.pk), "Aetna"),
        (str(cigna.pk), "Cigna"),
        ("other", "Other / not listed"),
    ]


def test_only_live_public_english_articles_are_offered_by_title(aetna, library, klonopin):
    ativan = DrugPageFactory(parent=library, title="Ativan", slug="ativan", drug_class=klonopin.drug_class)
    draft = DrugPageFactory(parent=library, title="Bromazepam", slug="bromazepam", drug_class=klonopin.drug_class)
    draft.unpublish()
    private = DrugPageFactory(parent=library, title="Clobazam", slug="clobazam", drug_class=klonopin.drug_class)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    spanish_copy(klonopin, "Klonopin en español")
    assert InsuranceRequestForm().fields["substances"].choices == [
        (str(ativan.pk), "Ativan"),
        (str(klonopin.pk), "Klonopin"),
    ]


def test_the_article_prefills_provider_substance_and_source(aetna, library, klonopin):
    DrugPageFactory(parent=library, title="Ativan", slug="ativan", drug_class=klonopin.drug_class)  # not ticked
    initial = InsuranceRequestForm.initial_from_query(
        {"provider": str(aetna.pk), "substance": str(klonopin.pk), "source": str(klonopin.pk)}
    )
    assert initial == {"provider": str(aetna.pk), "substances": [str(klonopin.pk)], "source": str(klonopin.pk)}
    assert InsuranceRequestForm.initial_from_query({"provider": "other"}) == {"provider": "other"}
    assert InsuranceRequestForm.initial_from_query({}) == {}


def test_a_retired_or_unknown_provider_is_not_prefilled(aetna, retired_provider):
    for provider in (str(retired_provider.pk), "999999", "", "Other"):
        assert InsuranceRequestForm.initial_from_query({"provider": provider}) == {}


def test_the_spanish_article_prefills_the_english_drug(client, aetna, klonopin):
    """The drug list is by English id; the Spanish article's compact form sends its own."""
    spanish = spanish_copy(klonopin, "Klonopin en español")
    assert InsuranceRequestForm.initial_from_query({"substance": str(spanish.pk)}) == {"substances": [str(klonopin.pk)]}
    form = client.get(reverse("intake:verify"), {"substance": spanish.pk}).context["form"]
    assert form["substances"].value() == [str(klonopin.pk)]
