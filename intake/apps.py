from django.apps import AppConfig


class IntakeConfig(AppConfig):
    """Confidential insurance-verification requests and their staff review."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "intake"

    def ready(self):
        from . import providers  # noqa: F401  (connects the cache-invalidation signals)
