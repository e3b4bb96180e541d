"""Who may register a second sign-in factor: a password alone is never enough.

A staff member enrols an authenticator either with an administrator-issued set-up link (signed,
expiring after OTP_ENROLMENT_LINK_SECONDS, and spent as soon as any device is confirmed, because the
signature covers the account's confirmed devices, authenticator apps and passkeys alike, and password) or from a session that already passed
the second factor. Someone who guessed the password of a not-yet-enrolled account has neither.
"""

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

# Every kind of second factor a staff member can register: authenticator apps and passkeys.
DEVICE_MODELS = (TOTPDevice, WebAuthnCredential)

SALT = "accounts.enrolment"
SESSION_KEY = "otp_enrolment_link"


def _account_state(user):
    """Changes when the password changes or any device is confirmed, which spends every earlier link."""
    devices = ",".join(
        f"{model._meta.label}:{pk}"
        for model in DEVICE_MODELS
        for pk in model.objects.filter(user=user, confirmed=True).order_by("pk").values_list("pk", flat=True)
    )
    state = f"{user.pk}|{user.password}|{user.is_active}|{devices}"
    return salted_hmac(SALT, state, algorithm="sha256").hexdigest()


def make_token(user):
    return signing.dumps({"u": user.pk, "s": _account_state(user)}, salt=SALT, compress=True)


def enrolment_url(user):
    """The absolute set-up link an administrator hands to (or e-mails to) the staff member."""
    path = reverse("accounts:otp_enrol", args=[make_token(user)])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def token_valid_for(user, token):
    """True if `token` is an unexpired, unspent set-up link for this very user."""
    try:
        data = signing.loads(token or "", salt=SALT, max_age=settings.OTP_ENROLMENT_LINK_SECONDS)
    except signing.BadSignature:  # also SignatureExpired
        return False
    return data.get("u") == user.pk and constant_time_compare(data.get("s", ""), _account_state(user))


def may_enrol(request):
    """An already verified factor, or a set-up link for this user opened in this session."""
    return request.user.is_verified() or token_valid_for(request.user, request.session.get(SESSION_KEY))


# --- telling the user ---------------------------------------------------------------------------


def _device_confirmed(sender, instance, created, **kwargs):
    before = getattr(instance, "_enrolment_was_confirmed", False)
    if instance.confirmed and not before:
        _notify(instance.user_id, "added")


def _remember_confirmed(sender, instance, **kwargs):
    instance._enrolment_was_confirmed = (
        bool(instance.pk) and sender.objects.filter(pk=instance.pk, confirmed=True).exists()
    )


def _device_deleted(sender, instance, **kwargs):
    if instance.confirmed:
        _notify(instance.user_id, "removed")


def _notify(user_id, change):
    from .tasks import notify_device_change

    transaction.on_commit(lambda: notify_device_change.enqueue(user_id, change))


def connect_signals():
    from django.db.models.signals import pre_save

    for model in DEVICE_MODELS:
        label = model._meta.label_lower
        pre_save.connect(_remember_confirmed, sender=model, dispatch_uid=f"enrolment_pre_save_{label}")
        post_save.connect(_device_confirmed, sender=model, dispatch_uid=f"enrolment_post_save_{label}")
        post_delete.connect(_device_deleted, sender=model, dispatch_uid=f"enrolment_post_delete_{label}")
