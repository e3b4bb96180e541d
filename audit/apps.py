from django.apps import AppConfig


class AuditConfig(AppConfig):
    """An append-only trail of who saw or changed confidential records, and when."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "audit"
