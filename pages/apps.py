from django.apps import AppConfig


class PagesConfig(AppConfig):
    """Public content: the Wagtail page types, blocks, snippets and site settings."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "pages"
