"""Two-factor sign-in for the admin: staff must confirm a one-time code before they see anything."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import user_has_device

# Admin paths reachable before the second factor: signing in and out.
OPEN_ADMIN_PATHS = ("/admin/login/", "/admin/logout/", "/admin/password_reset/")


class RequireAdminOTPMiddleware:
    """Send a signed-in staff member who has not passed the second factor to set-up or verification."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self.needs_second_factor(request):
            target = "accounts:otp_verify" if user_has_device(request.user) else "accounts:otp_setup"
            return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    @staticmethod
    def needs_second_factor(request):
        if not settings.ADMIN_REQUIRE_OTP or not request.path.startswith("/admin/"):
            return False
        if request.path.startswith(OPEN_ADMIN_PATHS):
            return False
        user = request.user
        return user.is_authenticated and not user.is_verified()
