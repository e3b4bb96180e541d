"""Fixtures shared by the public-page tests: a fully described, reviewed Klonopin article."""

import datetime

import pytest

from tests.factories import DrugClassFactory, KlonopinPageFactory, MedicalReviewerFactory, section


@pytest.fixture
def reviewed_klonopin(library):
    """A published article with every key fact, a street name, a reviewer and a review date."""
    benzo = DrugClassFactory(name="Benzodiazepine", slug="benzodiazepine", plural_name="Benzodiazepines")
    page = KlonopinPageFactory(
        parent=library,
        drug_class=benzo,
        dea_schedule="IV",
        summary="Klonopin is a long-acting benzodiazepine.",
        search_description="Klonopin facts: uses, street names, withdrawal and treatment.",
        body=[section(f"Section {n}", f"Text {n}.") for n in range(1, 7)],
        reviewer=MedicalReviewerFactory(name="Dr. Ada Example", credentials="MD"),
        last_reviewed=datetime.date(2026, 6, 15),
    )
    page.street_names.create(name="K-pin")
    page.save_revision().publish()
    return page
