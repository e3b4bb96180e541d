"""Staff must pass a TOTP second factor before any admin page when ADMIN_REQUIRE_OTP is on."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = [pytest.mark.django_db]


@pytest.fixture(autouse=True)
def require_otp(settings):
    settings.ADMIN_REQUIRE_OTP = True


def current_code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift):06d}"


def test_first_sign_in_must_set_up_an_authenticator(client, staff):
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/two-factor/setup/?next=%2Fadmin%2Fpages%2F")

    from accounts.enrolment import enrolment_url

    client.get(enrolment_url(staff).removeprefix("http://testserver"))  # the administrator's set-up link
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "data:image/svg+xml;base64," in page.content.decode()
    assert "img-src 'self' data:" in page["Content-Security-Policy"]
    device = TOTPDevice.objects.get(user=staff, confirmed=False)

    wrong = client.post(response["Location"], {"code": "000000" if current_code(device) != "000000" else "111111"})
    assert wrong.status_code == 200
    assert "did not match" in wrong.content.decode()
    assert client.get("/admin/").status_code == 302
    device.refresh_from_db()
    device.throttle_reset()  # django-otp slows down guessing after a wrong code

    done = client.post(response["Location"], {"code": current_code(device), "next": "/admin/pages/"})
    assert done["Location"] == "/admin/pages/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/").status_code == 200


def test_later_sign_in_asks_for_the_code(client, staff):
    device = TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    response = client.get("/admin/")
    assert response["Location"].startswith("/account/two-factor/verify/")
    assert client.post(response["Location"], {"code": "12"}).status_code == 200
    device.refresh_from_db()
    device.throttle_reset()
    done = client.post(response["Location"], {"code": current_code(device)})
    assert done.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_next_cannot_send_staff_off_site(client, staff):
    device = TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    done = client.post("/account/two-factor/verify/?next=https://evil.example/", {"code": current_code(device)})
    assert done["Location"] == "/admin/"


def test_anonymous_visitors_are_sent_to_sign_in(client):
    assert client.get("/account/two-factor/verify/")["Location"].startswith("/admin/login/")
    assert client.get("/admin/")["Location"].startswith("/admin/login/")


def test_guessing_is_throttled(client, staff):
    device = TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    wrong = "000000" if current_code(device) != "000000" else "111111"
    client.post("/account/two-factor/verify/", {"code": wrong})
    response = client.post("/account/two-factor/verify/", {"code": current_code(device)})
    assert "Too many attempts" in response.content.decode()
    assert client.get("/admin/").status_code == 302
