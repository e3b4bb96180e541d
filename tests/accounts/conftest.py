"""Fixtures shared by the staff sign-in tests."""

import pytest
from django.contrib.auth import get_user_model


@pytest.fixture
def staff(client):
    """A superuser signed in with their password through the real admin login form."""
    user = get_user_model().objects.create_superuser("staffer", "staff@example.test", "correct-horse-battery")
    response = client.post("/admin/login/", {"username": "staffer", "password": "correct-horse-battery"})
    assert response.status_code == 302
    return user


@pytest.fixture
def otp_required(settings):
    """Production's two-step sign-in (test settings turn it off)."""
    settings.ADMIN_REQUIRE_OTP = True
