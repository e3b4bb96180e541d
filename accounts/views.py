"""Set-up and verification of the admin's second sign-in factor (TOTP via django-otp)."""

import base64
import io
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.csp import CSP
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csp import csp_override
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import enrolment, passkeys
from .forms import OTPCodeForm


def safe_next(request):
    target = request.GET.get("next") or request.POST.get("next") or "/admin/"
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return "/admin/"


def qr_data_uri(text):
    buffer = io.BytesIO()
    segno.make(text).save(buffer, kind="svg", xmldecl=False, scale=5, border=2)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


# The QR code is an inline SVG data URI: allow data: images on this one page only.
@never_cache  # shows the secret: no browser or proxy may keep a copy
@csp_override({**settings.SECURE_CSP, "img-src": [CSP.SELF, "data:"]})
@login_required(login_url="/admin/login/")
def otp_setup(request):
    """Register an authenticator app, confirmed by one correct code; only with a set-up link or a verified factor."""
    if not request.user.is_verified() and user_has_device(request.user):
        return redirect(f"{reverse('accounts:otp_verify')}?{urlencode({'next': safe_next(request)})}")
    if not enrolment.may_enrol(request):
        return render(request, "accounts/otp_needs_link.html", status=403)
    device, _ = TOTPDevice.objects.get_or_create(user=request.user, confirmed=False, defaults={"name": "Authenticator"})
    form = OTPCodeForm(device, request.POST or None)
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])  # this also spends the set-up link
        request.session.pop(enrolment.SESSION_KEY, None)
        otp_login(request, device)
        return redirect(safe_next(request))
    secret = base64.b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "qr": qr_data_uri(device.config_url),
        "secret": secret,
        "next": safe_next(request),
        "passkeys": passkeys.enabled(request),
    }
    return render(request, "accounts/otp_setup.html", context)


@never_cache
@login_required(login_url="/admin/login/")
def otp_verify(request):
    """Each sign-in: confirm with a registered passkey, or the current code from the authenticator app."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    has_passkey = passkeys.has_passkey(request.user)
    if device is None and not has_passkey:
        return redirect(f"{reverse('accounts:otp_setup')}?{urlencode({'next': safe_next(request)})}")
    form = OTPCodeForm(device, request.POST or None) if device else None
    if form is not None and request.method == "POST" and form.is_valid():
        otp_login(request, device)
        return redirect(safe_next(request))
    context = {
        "form": form,
        "passkey": has_passkey and passkeys.enabled(request),
        "passkey_elsewhere": has_passkey and not passkeys.enabled(request),
        "passkey_origins": settings.OTP_WEBAUTHN_ALLOWED_ORIGINS,
        "next": safe_next(request),
    }
    return render(request, "accounts/otp_verify.html", context)


@never_cache
@login_required(login_url="/admin/login/")
def otp_enrol(request, token):
    """An administrator's set-up link: remember it in this session, then go to set-up without the token in the URL.

    Signing in first is required, and the link only works for the account it was issued to.
    """
    if not enrolment.token_valid_for(request.user, token):
        return render(request, "accounts/otp_needs_link.html", {"link_refused": True}, status=403)
    request.session[enrolment.SESSION_KEY] = token
    return redirect("accounts:otp_setup")
