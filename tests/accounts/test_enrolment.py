"""A password alone cannot enrol a second factor: it takes an administrator's one-time link or a verified factor."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.enrolment import enrolment_url

pytestmark = [pytest.mark.django_db]

SETUP = "/account/two-factor/setup/"
PASSWORD = "correct-horse-battery"


@pytest.fixture(autouse=True)
def require_otp(settings):
    settings.ADMIN_REQUIRE_OTP = True


@pytest.fixture
def staff(client):
    user = get_user_model().objects.create_superuser("staffer", "staffer@example.test", PASSWORD)
    assert client.post("/admin/login/", {"username": "staffer", "password": PASSWORD}).status_code == 302
    return user


def path_of(url):
    return url.removeprefix("http://testserver")


def code_for(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift):06d}"


def enrol_with_current_code(client, user):
    assert client.get(SETUP).status_code == 200  # shows the secret of a new, unconfirmed device
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    return client.post(SETUP, {"code": code_for(device), "next": "/admin/"}), device


def test_a_password_only_session_sees_no_secret_and_cannot_enrol(client, staff):
    page = client.get(SETUP)
    assert page.status_code == 403
    assert "set-up link" in page.content.decode()
    assert "data:image/svg+xml" not in page.content.decode()
    assert not TOTPDevice.objects.filter(user=staff).exists()
    attempt = client.post(SETUP, {"code": "123456"})
    assert attempt.status_code == 403
    assert not TOTPDevice.objects.filter(user=staff, confirmed=True).exists()
    assert client.get("/admin/").status_code == 302


def test_the_set_up_link_enrols_once_and_mails_the_user(client, staff, django_capture_on_commit_callbacks):
    link = path_of(enrolment_url(staff))
    opened = client.get(link)
    assert opened.status_code == 302 and opened["Location"] == SETUP  # the token leaves the address bar
    assert "data:image/svg+xml" in client.get(SETUP).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        done, device = enrol_with_current_code(client, staff)
    assert done["Location"] == "/admin/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/").status_code == 200

    assert [m.to for m in mail.outbox] == [["staffer@example.test"]]
    assert "added" in mail.outbox[0].subject
    assert "staffer" not in mail.outbox[0].body and "127.0.0.1" not in mail.outbox[0].body

    # The same link is spent: a second browser that has the password cannot use it.
    other = client.__class__()
    other.post("/admin/login/", {"username": "staffer", "password": PASSWORD})
    assert other.get(link).status_code == 403
    assert other.get(SETUP).status_code == 302  # to the verify page, which needs the enrolled app


def test_an_expired_or_foreign_link_is_refused(client, staff, settings):
    colleague = get_user_model().objects.create_user("colleague", "c@example.test", PASSWORD)
    assert client.get(path_of(enrolment_url(colleague))).status_code == 403
    settings.OTP_ENROLMENT_LINK_SECONDS = -1
    assert client.get(path_of(enrolment_url(staff))).status_code == 403
    assert client.get("/account/two-factor/enrol/not-a-token/").status_code == 403
    assert client.get(SETUP).status_code == 403


def test_a_verified_session_may_add_another_device(client, staff, django_capture_on_commit_callbacks):
    client.get(path_of(enrolment_url(staff)))
    enrol_with_current_code(client, staff)
    assert client.get(SETUP).status_code == 200  # the session passed the second factor
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        enrol_with_current_code(client, staff)
    assert TOTPDevice.objects.filter(user=staff, confirmed=True).count() == 2
    assert len(mail.outbox) == 1


def test_removing_a_device_mails_the_user(staff, django_capture_on_commit_callbacks):
    device = TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        device.delete()
    assert len(mail.outbox) == 1 and "removed" in mail.outbox[0].subject


def test_the_management_command_prints_a_working_link(client, staff):
    out = io.StringIO()
    call_command("enrolment_link", "staffer", stdout=out)
    assert client.get(path_of(out.getvalue().strip()))["Location"] == SETUP
