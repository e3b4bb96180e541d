"""Similar-drug selection and comparison rows come from structured facts."""

import pytest
from django.core.exceptions import ValidationError

from pages.models import SimilarDrugLink
from tests.factories import ComparisonPageFactory, DrugClassFactory, DrugPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def benzo(db):
    return DrugClassFactory(name="Benzodiazepine", slug="benzodiazepine")


def test_similar_drugs_are_explicit_links_then_same_class(library, benzo):
    barb = DrugClassFactory(name="Barbiturate", slug="barbiturate")
    other = DrugClassFactory(name="Stimulant", slug="stimulant")
    klonopin = DrugPageFactory(parent=library, title="Klonopin", drug_class=benzo)
    xanax = DrugPageFactory(parent=library, title="Xanax", drug_class=benzo)
    DrugPageFactory(parent=library, title="Ativan", drug_class=benzo)
    pheno = DrugPageFactory(parent=library, title="Phenobarbital", drug_class=barb)
    DrugPageFactory(parent=library, title="Adderall", drug_class=other)
    draft = DrugPageFactory(parent=library, title="Valium", drug_class=benzo)
    draft.unpublish()
    SimilarDrugLink.objects.create(page=klonopin, drug=pheno, sort_order=0)

    assert [d.title for d in klonopin.similar_drugs()] == ["Phenobarbital", "Ativan", "Xanax"]
    assert xanax not in xanax.similar_drugs()


def test_similar_drugs_respect_the_limit(library, benzo):
    drugs = [DrugPageFactory(parent=library, title=f"Benzo {i:02d}", drug_class=benzo) for i in range(8)]
    assert len(drugs[0].similar_drugs(limit=6)) == 6


def test_comparison_rows_pair_each_fact(library, benzo):
    a = DrugPageFactory(parent=library, title="Klonopin", generic_name="clonazepam", dea_schedule="IV", onset="slow")
    b = DrugPageFactory(parent=library, title="Xanax", generic_name="alprazolam", dea_schedule="IV", onset="fast")
    comparison = ComparisonPageFactory(parent=library, drug_a=a, drug_b=b)
    rows = {label: (x, y) for label, x, y in comparison.comparison_rows()}
    assert rows["Generic name"] == ("clonazepam", "alprazolam")
    assert rows["Starts working"] == ("slow", "fast")
    assert rows["DEA schedule"] == ("Schedule IV", "Schedule IV")


def test_comparison_needs_two_different_drugs(library, benzo):
    a = DrugPageFactory(parent=library, title="Klonopin")
    comparison = ComparisonPageFactory.build(drug_a=a, drug_b=a, title="Same", slug="same")
    with pytest.raises(ValidationError):
        comparison.clean()
