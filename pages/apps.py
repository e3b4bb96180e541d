from django.apps import AppConfig


class PagesConfig(AppConfig):
    """Public content: the Wagtail page types, blocks, snippets and site settings."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "pages"

    def ready(self):
        from wagtail.models import WorkflowState
        from wagtail.signals import workflow_approved

        from pages.review import record_review_on_approval

        workflow_approved.connect(
            record_review_on_approval, sender=WorkflowState, dispatch_uid="pages.record_review_on_approval"
        )
