"""Lockout tiers: one account from many addresses, one address against many accounts, and neither is named."""

import logging

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, override_settings

pytestmark = [pytest.mark.django_db]

LOGIN_URL = "/admin/login/"
PASSWORD = "correct-horse-battery"


@pytest.fixture
def staff_user():
    return get_user_model().objects.create_superuser("staffer", "staff@example.test", PASSWORD)


def attempt(username, password, address):
    return Client().post(LOGIN_URL, {"username": username, "password": password}, REMOTE_ADDR=address)


@override_settings(AXES_FAILURE_LIMIT=3)
def test_many_addresses_one_guess_each_lock_the_account(staff_user):
    for n in range(3):
        attempt("staffer", "wrong-password", f"198.51.100.{n + 1}")
    locked = attempt("staffer", PASSWORD, "198.51.100.200")  # a fresh address, the right password
    assert locked.status_code == 429
    assert "sessionid" not in locked.cookies


@override_settings(AXES_FAILURE_LIMIT=3)
def test_one_address_trying_many_accounts_is_locked(staff_user):
    for name in ("alice", "bobby", "carol"):
        attempt(name, "wrong-password", "198.51.100.7")
    assert attempt("staffer", PASSWORD, "198.51.100.7").status_code == 429
    assert attempt("staffer", PASSWORD, "198.51.100.8").status_code == 302  # the account itself is fine


@override_settings(AXES_FAILURE_LIMIT=3)
def test_the_lockout_page_is_the_same_whichever_tier_tripped(staff_user):
    for n in range(3):
        attempt("staffer", "wrong-password", f"198.51.100.{n + 1}")
    by_account = attempt("staffer", "wrong-password", "198.51.100.50")
    for name in ("alice", "bobby", "carol"):
        attempt(name, "wrong-password", "198.51.100.9")
    by_address = attempt("dave", "wrong-password", "198.51.100.9")
    assert by_account.status_code == by_address.status_code == 429
    assert by_account.content == by_address.content
    assert "account" not in by_account.content.decode().split("<main", 1)[-1].lower()


@override_settings(AXES_FAILURE_LIMIT=2)
def test_lockout_log_lines_name_no_address_or_username(staff_user, caplog):
    with caplog.at_level(logging.DEBUG):
        for _ in range(3):
            attempt("staffer", "wrong-password", "198.51.100.77")
    assert any("Locking out" in record.getMessage() for record in caplog.records)
    for record in caplog.records:
        assert "198.51.100.77" not in record.getMessage()
        assert "staffer" not in record.getMessage()
