"""Whether a session has passed the admin's second sign-in factor (for places the middleware cannot see)."""

from django.conf import settings
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.models import Device


def session_passed_second_factor(user, session):
    """True if two-step sign-in is off, or this session confirmed a code from one of the user's devices.

    The OTP middleware only guards HTTP; WebSocket consumers under /admin/ call this instead.
    """
    if not settings.ADMIN_REQUIRE_OTP:
        return True
    persistent_id = session.get(DEVICE_ID_SESSION_KEY) if session is not None else None
    device = Device.from_persistent_id(persistent_id) if persistent_id else None
    return bool(device and device.user_id == user.pk and getattr(device, "confirmed", False))
