from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Staff accounts: demo users for local development."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
