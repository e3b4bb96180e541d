from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Staff accounts: the roles (groups), two-step admin sign-in and lockout pages, and demo users for development."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
