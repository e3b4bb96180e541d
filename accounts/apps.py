from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Staff accounts: roles (groups), two-step sign-in and second-factor enrolment, sign-in limits and lockout pages, demo users."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"

    def ready(self):
        from . import session_limits  # noqa: F401  (connects the sign-in signal that starts the session clocks)
        from .enrolment import connect_signals

        connect_signals()
