"""A passkey in real Chromium (a CDP virtual authenticator): enrolled from a set-up link, then used to sign in.

The set-up and verify pages keep the strict public Content-Security-Policy: the library's scripts are
files from /static/ and its configuration is a JSON data block, so nothing may be blocked.
"""

from django.contrib.auth import get_user_model
from django.core import mail
from django_otp_webauthn.models import WebAuthnCredential
from playwright.sync_api import expect

from accounts.enrolment import enrolment_url
from tests.browser.axe import assert_no_axe_violations

from .conftest import assert_no_csp_violations, new_page, restore_migration_data

PASSWORD = "correct-horse-battery"
AUTHENTICATOR = {
    "protocol": "ctap2",
    "transport": "internal",
    "hasResidentKey": True,
    "hasUserVerification": True,
    "isUserVerified": True,
    "automaticPresenceSimulation": True,
}


def sign_in_with_password(page):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("casey")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_passkey_enrolled_with_a_set_up_link_signs_in_without_a_code(browser, live_server, settings):
    restore_migration_data()
    settings.ADMIN_REQUIRE_OTP = True
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]  # http://localhost:<port>
    user = get_user_model().objects.create_superuser("casey", "casey@example.test", PASSWORD)
    page = new_page(browser, live_server)
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send("WebAuthn.addVirtualAuthenticator", {"options": AUTHENTICATOR})
    try:
        # The password alone reaches only the "ask for a set-up link" page: nothing to register with.
        sign_in_with_password(page)
        expect(page.get_by_role("heading", name="Ask an administrator for a set-up link")).to_be_visible()
        expect(page.get_by_role("button", name="Register a passkey")).to_have_count(0)
        page.console_errors.clear()  # Chromium logs that page's 403 status as a console error

        page.goto(enrolment_url(user).removeprefix("http://testserver"))
        expect(page.get_by_role("heading", name="Or use a passkey")).to_be_visible()
        assert_no_axe_violations(page)
        page.get_by_role("button", name="Register a passkey").click()
        page.wait_for_url(f"{live_server.url}/admin/")
        assert WebAuthnCredential.objects.filter(user=user, confirmed=True).count() == 1
        assert "A sign-in device was added" in mail.outbox[-1].subject
        assert_no_csp_violations(page)

        # Next sign-in: the password, then the passkey instead of a six-digit code.
        page.context.clear_cookies()
        sign_in_with_password(page)
        expect(page.get_by_role("heading", name="Confirm it is you")).to_be_visible()
        assert_no_axe_violations(page)
        page.get_by_role("button", name="Use my passkey").click()
        page.wait_for_url(f"{live_server.url}/admin/")
        expect(page.get_by_role("heading", name="Ask an administrator for a set-up link")).to_have_count(0)
        assert_no_csp_violations(page)
        assert page.console_errors == []
    finally:
        page.context.close()
