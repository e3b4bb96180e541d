"""Staff of each role (in the groups the migrations made), a published drug page, and admin form helpers."""

import datetime

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from tests.factories import DrugPageFactory, MedicalReviewerFactory
from tests.factories.users import make_staff


@pytest.fixture
def editor(db):
    return make_staff("editor", "Editors")


@pytest.fixture
def reviewer(db):
    user = make_staff("reviewer", "Clinical reviewers")
    MedicalReviewerFactory(name="Dr. Maya Okafor", credentials="MD", user=user)
    return user


@pytest.fixture
def admissions(db):
    return make_staff("admissions", "Admissions")


@pytest.fixture
def superuser(db):
    return make_staff("root", is_superuser=True)


@pytest.fixture
def klonopin(library):
    """A published drug page, reviewed long ago by someone else; published through publish() as in real life."""
    page = DrugPageFactory(
        parent=library,
        title="Klonopin",
        slug="klonopin",
        reviewer=MedicalReviewerFactory(name="Dr. Elias Brennan", credentials="PharmD"),
        last_reviewed=datetime.date(2024, 1, 10),
        next_review_due=datetime.date(2025, 1, 10),
    )
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def drug_form_data(page, **overrides):
    """The POST body of the DrugPage edit form, built from the page's current values."""
    fields = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "generic_name": page.generic_name,
        "brand_names": page.brand_names,
        "drug_class": page.drug_class_id,
        "dea_schedule": page.dea_schedule,
        "conditions_treated": page.conditions_treated,
        "onset": page.onset,
        "duration": page.duration,
        "dosing_interval": page.dosing_interval,
        "street_names": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0, "MAX_NUM_FORMS": 1000},
        "similar_drug_links": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0, "MAX_NUM_FORMS": 1000},
        "body": streamfield(
            [("section", {"heading": "What is it?", "anchor": "", "body": rich_text("<p>Plain facts.</p>")})]
        ),
        "references": streamfield([]),
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
        "reviewer": page.reviewer_id or "",
        "last_reviewed": page.last_reviewed.isoformat() if page.last_reviewed else "",
        "next_review_due": page.next_review_due.isoformat() if page.next_review_due else "",
    }
    fields.update(overrides)
    return nested_form_data(fields)


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])
