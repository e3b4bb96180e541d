"""Repeated failed admin sign-ins lock the account out (django-axes)."""

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings

pytestmark = pytest.mark.django_db

LOGIN_URL = "/admin/login/"


@pytest.fixture
def staff_user():
    return get_user_model().objects.create_superuser("staffer", "staff@example.test", "correct-horse-battery")


def attempt(client, password):
    return client.post(LOGIN_URL, {"username": "staffer", "password": password})


@override_settings(AXES_FAILURE_LIMIT=3)
def test_lockout_after_repeated_failures(client, staff_user):
    for _ in range(2):
        response = attempt(client, "wrong-password")
        assert response.status_code == 200  # the login form again, with an error
    response = attempt(client, "wrong-password")
    assert response.status_code == 429
    assert "Sign-in is paused" in response.content.decode()
    # Even the right password is refused while locked out.
    assert attempt(client, "correct-horse-battery").status_code == 429
    assert "_auth_user_id" not in client.session


def test_correct_password_signs_in(client, staff_user):
    response = attempt(client, "correct-horse-battery")
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_lockout_page_reveals_no_username(client, staff_user):
    with override_settings(AXES_FAILURE_LIMIT=1):
        response = attempt(client, "wrong-password")
    assert response.status_code == 429
    assert "staffer" not in response.content.decode()
