"""Passkeys follow the authenticator app's rule: never enrolled with the password alone; the user is told."""

import pytest
from django.core import mail
from django_otp_webauthn.models import WebAuthnCredential

from accounts.enrolment import enrolment_url, token_valid_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("otp_required")]

BEGIN = "/account/passkeys/registration/begin/"


def passkey_for(user):
    return WebAuthnCredential.objects.create(
        user=user, name="Laptop", credential_id=b"credential-1", public_key=b"key", sign_count=0
    )


def test_a_password_only_session_cannot_start_registering_a_passkey(client, staff):
    """The library alone lets an account with no device register one; we refuse without a link."""
    response = client.post(BEGIN, content_type="application/json")
    assert response.status_code == 403
    assert response.json()["code"] == "enrolment_link_needed"
    assert "otp_webauthn_register_state" not in client.session
    complete = client.post("/account/passkeys/registration/complete/", {}, content_type="application/json")
    assert complete.status_code == 403 and not WebAuthnCredential.objects.exists()


def test_the_set_up_link_opens_passkey_registration(client, staff):
    client.get(enrolment_url(staff).removeprefix("http://testserver"))
    response = client.post(BEGIN, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["rp"] == {"name": "Harbor Light Recovery", "id": "localhost"}
    assert client.session["otp_webauthn_register_state"]["challenge"]


def test_a_passkey_spends_the_link_and_the_user_is_told(client, staff, django_capture_on_commit_callbacks):
    link = enrolment_url(staff).removeprefix("http://testserver").split("/")[-2]
    with django_capture_on_commit_callbacks(execute=True):
        device = passkey_for(staff)
    assert not token_valid_for(staff, link)
    assert [m.subject for m in mail.outbox] == ["A sign-in device was added to your Harbor Light staff account"]
    with django_capture_on_commit_callbacks(execute=True):
        device.delete()
    assert mail.outbox[-1].subject == "A sign-in device was removed from your Harbor Light staff account"


def test_an_account_with_only_a_passkey_is_asked_for_it(client, staff, settings):
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = ["http://testserver"]
    passkey_for(staff)
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/account/two-factor/verify/")
    html = response.content.decode()
    assert 'id="passkey-verification-button"' in html and "Six-digit code" not in html
    assert response["Cache-Control"].startswith("max-age=0") or "no-cache" in response["Cache-Control"]


def test_off_its_origin_a_passkey_only_account_is_told_where_it_works(client, staff):
    """Test settings allow http://localhost only; the test client is http://testserver. No redirect loop."""
    passkey_for(staff)
    response = client.get("/admin/", follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "passkey-verification-button" not in html and "works only at" in html
