"""Staff sessions: idle timeout, absolute cap, end at browser close; two-factor pages are never cached."""

import pytest
from django.conf import settings
from django.test import Client

from accounts.session_limits import LAST_ACTIVE_AT, SIGNED_IN_AT

pytestmark = [pytest.mark.django_db]


def shift(client, key, seconds):
    session = client.session
    session[key] = session[key] - seconds
    session.save()


def test_the_session_cookie_ends_when_the_browser_closes(client, staff):
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == "" and cookie["expires"] == ""
    assert client.session.get_expiry_age() <= 12 * 3600


def test_an_idle_session_is_signed_out(client, staff):
    assert client.get("/admin/").status_code == 200
    shift(client, LAST_ACTIVE_AT, settings.STAFF_SESSION_IDLE_SECONDS + 1)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=%2Fadmin%2Fpages%2F")
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_activity_keeps_the_session_but_background_polling_does_not(client, staff):
    shift(client, LAST_ACTIVE_AT, settings.STAFF_SESSION_IDLE_SECONDS - 5)
    assert client.get("/admin/", headers={"X-Staff-Background": "1"}).status_code == 200
    assert client.session[LAST_ACTIVE_AT] < client.session[SIGNED_IN_AT]
    assert client.get("/admin/").status_code == 200  # a person clicked: the idle clock restarts
    assert client.session[LAST_ACTIVE_AT] >= client.session[SIGNED_IN_AT]


def test_the_absolute_cap_applies_even_to_an_active_session(client, staff, settings):
    settings.STAFF_SESSION_MAX_SECONDS = 3600
    shift(client, SIGNED_IN_AT, 3601)
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
    assert "_auth_user_id" not in client.session


def test_idle_timeout_is_configurable(client, staff, settings):
    settings.STAFF_SESSION_IDLE_SECONDS = 120
    shift(client, LAST_ACTIVE_AT, 121)
    assert client.get("/admin/").status_code == 302


@pytest.mark.parametrize("path", ["/account/two-factor/setup/", "/account/two-factor/verify/"])
def test_two_factor_pages_are_never_cached(client, staff, settings, path):
    from accounts.enrolment import enrolment_url

    settings.ADMIN_REQUIRE_OTP = True
    client.get(enrolment_url(staff).removeprefix("http://testserver"))
    response = client.get(path, follow=True)
    assert response.status_code == 200
    for hop in [response, *[client.get(url) for url, _ in response.redirect_chain]]:
        assert "no-store" in hop["Cache-Control"] and "private" in hop["Cache-Control"]
    # The views say so themselves, not only the site's cache middleware (which marks every private page).
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != "pages.caching.PageCacheMiddleware"]
    fresh = Client()  # a client builds its middleware chain once
    fresh.cookies = client.cookies
    assert "no-store" in fresh.get(path).get("Cache-Control", "")


def test_the_console_heartbeat_counts_only_when_the_counselor_was_active(client, settings):
    from tests.factories.users import make_staff

    client.force_login(make_staff("casey", "Admissions"))
    shift(client, LAST_ACTIVE_AT, settings.STAFF_SESSION_IDLE_SECONDS - 90)
    idle = client.post("/admin/chat/heartbeat/", headers={"X-Staff-Background": "1"}).json()
    assert 0 < idle["signed_out_in"] <= 90  # the console shows its warning below two minutes
    active = client.post("/admin/chat/heartbeat/").json()
    assert active["signed_out_in"] > settings.STAFF_SESSION_IDLE_SECONDS - 5
