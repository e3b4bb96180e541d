"""Passkeys (django-otp-webauthn) beside TOTP: the phishing-resistant second factor.

A passkey is bound to this site's origin, so a look-alike sign-in page cannot relay it. Passkeys are a
second factor only (OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN is off): the password and django-axes'
lockout still come first.

The library lets a session register a passkey when the account has no device yet, which is exactly the
password-only enrolment issue 17 closed for TOTP. Registration here goes through the same rule as the
authenticator app (accounts.enrolment.may_enrol): an administrator's set-up link or an already verified
factor.
"""

from django.conf import settings
from django.urls import path
from django.views.i18n import JavaScriptCatalog
from django_otp_webauthn import exceptions, views
from django_otp_webauthn.models import WebAuthnCredential

from . import enrolment


class EnrolmentLinkNeeded(exceptions.OTPWebAuthnApiError):
    status_code = 403
    default_code = "enrolment_link_needed"
    default_detail = "A password alone cannot add a passkey: open your administrator's set-up link first."


class LinkOrVerifiedFactorRequired:
    """Registration only from a session with a set-up link or a verified factor (never the password alone)."""

    def check_can_register(self):
        if not enrolment.may_enrol(self.request):
            raise EnrolmentLinkNeeded()


class BeginRegistration(LinkOrVerifiedFactorRequired, views.BeginCredentialRegistrationView):
    pass


class CompleteRegistration(LinkOrVerifiedFactorRequired, views.CompleteCredentialRegistrationView):
    def post(self, *args, **kwargs):
        response = super().post(*args, **kwargs)
        self.request.session.pop(enrolment.SESSION_KEY, None)  # the link is spent (the new device changed it too)
        return response


def enabled(request):
    """Passkeys work only on the origins they are registered for (a secure origin with a host name:
    https://, or http://localhost in development); `make run` on http://127.0.0.1 offers TOTP only."""
    return f"{request.scheme}://{request.get_host()}" in settings.OTP_WEBAUTHN_ALLOWED_ORIGINS


def has_passkey(user):
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).exists()


# The library's URL names (its template tags reverse them), with our registration views.
app_name = "otp_webauthn"
urlpatterns = [
    path("registration/begin/", BeginRegistration.as_view(), name="credential-registration-begin"),
    path("registration/complete/", CompleteRegistration.as_view(), name="credential-registration-complete"),
    path(
        "authentication/begin/",
        views.BeginCredentialAuthenticationView.as_view(),
        name="credential-authentication-begin",
    ),
    path(
        "authentication/complete/",
        views.CompleteCredentialAuthenticationView.as_view(),
        name="credential-authentication-complete",
    ),
    path("jsi18n/", JavaScriptCatalog.as_view(packages=["django_otp_webauthn"]), name="js-i18n-catalog"),
]
