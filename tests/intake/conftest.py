"""Fixtures for the intake tests: providers, the Klonopin article, staff in each role, valid form data."""

import datetime

import pytest
from django.core.cache import cache

from accounts.roles import ADMISSIONS, EDITORS
from intake.models import VerificationRequest
from tests.factories import DrugClassFactory, DrugPageFactory, InsuranceProviderFactory
from tests.factories.intake_forms import insurance_form_post
from tests.factories.users import make_staff


@pytest.fixture(autouse=True)
def clear_cache():
    """Rate-limit counters and the provider list live in the cache; start every test clean."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def aetna(db):
    return InsuranceProviderFactory(name="Aetna", sort_order=1)


@pytest.fixture
def retired_provider(db):
    return InsuranceProviderFactory(name="Retired Health", active=False)


@pytest.fixture
def klonopin(library):
    benzo = DrugClassFactory(name="Benzodiazepine", slug="benzodiazepine")
    return DrugPageFactory(parent=library, title="Klonopin", slug="klonopin", drug_class=benzo)


@pytest.fixture
def admissions_user(db):
    return make_staff("casey-admissions", ADMISSIONS)


@pytest.fixture
def editor_user(db):
    return make_staff("eddie-editor", EDITORS)


@pytest.fixture
def superuser(db):
    return make_staff("sam-super", is_superuser=True)


@pytest.fixture
def valid_data(aetna):
    """A complete, valid insurance form post (fictional person)."""
    return insurance_form_post(aetna)


@pytest.fixture
def make_request(aetna):
    """Create a stored request directly (as the public form would), returning it."""

    def factory(**overrides):
        fields = {
            "kind": VerificationRequest.Kind.INSURANCE,
            "full_name": "Robin Fictional",
            "date_of_birth": datetime.date(1990, 1, 2),
            "phone": "+12025550199",
            "email": "robin@example.com",
            "provider": aetna,
            "member_id": "MEM-0001",
            "group_number": "G-1",
        }
        fields.update(overrides)
        request = VerificationRequest(**fields)
        request.save()
        return request

    return factory
