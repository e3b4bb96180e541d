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

        self.connect_cache_purges()
        self.connect_translations()

    @staticmethod
    def connect_translations():
        """Issue 16: a new translation starts unreviewed; publishing English re-reads it for its translations."""
        from wagtail.signals import copy_for_translation_done, page_published

        from pages import translation

        copy_for_translation_done.connect(
            translation.clear_review_on_new_translation, dispatch_uid="pages.translation.clear_review"
        )
        page_published.connect(translation.resync_translation_source, dispatch_uid="pages.translation.resync")

    @staticmethod
    def connect_cache_purges():
        """Purge Varnish/CDN and the in-app page cache whenever something shown on public pages changes."""
        from django.db.models.signals import post_delete, post_save, pre_delete
        from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

        from intake.models import InsuranceProvider  # kept by Admissions, listed on public pages
        from pages import disclosures, purge
        from pages.disclosures import Credential, TrustSettings
        from pages.models import ContactSettings, DrugClass, MedicalReviewer
        from pages.services import LevelOfCare, Medication

        # Connected first, so the cached footer data is gone before the pages showing it are purged.
        for model in (TrustSettings, Credential):
            label = model._meta.label_lower
            post_save.connect(disclosures.forget_cached_trust, sender=model, dispatch_uid=f"pages.trust.{label}.saved")
            post_delete.connect(disclosures.forget_cached_trust, sender=model, dispatch_uid=f"pages.trust.{label}.gone")
        post_save.connect(ContactSettings.forget, sender=ContactSettings, dispatch_uid="pages.contact.saved")
        post_delete.connect(ContactSettings.forget, sender=ContactSettings, dispatch_uid="pages.contact.gone")
        page_published.connect(purge.on_page_published_or_unpublished, dispatch_uid="pages.purge.published")
        page_unpublished.connect(purge.on_page_published_or_unpublished, dispatch_uid="pages.purge.unpublished")
        pre_page_move.connect(purge.on_page_moved, dispatch_uid="pages.purge.pre_move")
        post_page_move.connect(purge.on_page_moved, dispatch_uid="pages.purge.post_move")
        pre_delete.connect(purge.on_page_deleted, dispatch_uid="pages.purge.page_deleted")
        for model, handler in (
            (DrugClass, purge.on_drug_class_saved),
            (MedicalReviewer, purge.on_reviewer_saved),
            (InsuranceProvider, purge.on_sitewide_change),
            (ContactSettings, purge.on_sitewide_change),
            # The trust records: who answers and licences show in every footer; services on program and drug pages.
            (TrustSettings, purge.on_sitewide_change),
            (Credential, purge.on_sitewide_change),
            (LevelOfCare, purge.on_sitewide_change),
            (Medication, purge.on_sitewide_change),
        ):
            label = model._meta.label_lower
            post_save.connect(handler, sender=model, dispatch_uid=f"pages.purge.{label}.saved")
            # Before the delete: the pages that showed the record can still be found.
            pre_delete.connect(handler, sender=model, dispatch_uid=f"pages.purge.{label}.deleted")
