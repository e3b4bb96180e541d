"""Translations (issue 16): what each language keeps of its own, and the review rule for translated pages.

Editors translate pages with wagtail-localize (block by block, in the admin). Three rules of ours sit on top:

- **The medical-review stamp belongs to each language.** wagtail-localize would copy the English reviewer and
  dates into the Spanish page on every sync, so an unreviewed translation would look reviewed. The stamp
  fields are kept per language (`PerLanguageField`), and a new translation starts unreviewed.
- **A translated page goes live only through the Clinical review workflow**: the revision being published must
  be the one the workflow approved (or its approved schedule). wagtail-localize's own "Publish" buttons
  (translation editor, "sync translated pages … and publish") publish without a user and without review;
  they are refused with a message saying to submit the translation for review.
- **Translations learn at once that the English changed**: publishing a source page re-reads it into its
  translation source, so the translation editor and Reports → Translations show the new or changed English
  text as waiting for translation.
"""

import contextlib
import contextvars
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied
from wagtail.models import WorkflowState
from wagtail_localize.fields import BaseTranslatableField

logger = logging.getLogger(__name__)

#: The MedicallyReviewed fields each language keeps for itself.
REVIEW_FIELDS = ("reviewer", "last_reviewed", "next_review_due")

_unreviewed_publish_allowed = contextvars.ContextVar("unreviewed_publish_allowed", default=False)


class PerLanguageField(BaseTranslatableField):
    """A field wagtail-localize neither translates nor copies from the source: each language sets its own."""

    def __repr__(self):
        return f"<PerLanguageField {self.field_name}>"


class UnreviewedTranslationError(PermissionDenied):
    """Raised when a translated page would go live without an approved clinical review."""


def is_translation(page):
    """True for a page in another language than the site's default (English)."""
    return page.locale.language_code.split("-")[0] != settings.LANGUAGE_CODE.split("-")[0]


def approved_by_review(page, revision):
    """Did the Clinical review workflow approve this very revision of the page?"""
    return (
        revision is not None
        and WorkflowState.objects.for_instance(page)
        .filter(status=WorkflowState.STATUS_APPROVED, current_task_state__revision_id=revision.pk)
        .exists()
    )


def check_publish(page, revision):
    """Refuse to put a translated page live unless its review approved this revision (see module docstring)."""
    if _unreviewed_publish_allowed.get() or not is_translation(page):
        return
    revision = revision if not isinstance(revision, int) else page.revisions.filter(pk=revision).first()
    if not approved_by_review(page, revision):
        raise UnreviewedTranslationError(
            "A translated page goes live only after clinical review: save it, then use "
            "“Submit for clinical review” on the page's menu."
        )


@contextlib.contextmanager
def publishing_reviewed_content():
    """For the demo loader only: its fictional Spanish pages arrive already marked as reviewed."""
    token = _unreviewed_publish_allowed.set(True)
    try:
        yield
    finally:
        _unreviewed_publish_allowed.reset(token)


def clear_review_on_new_translation(sender, source_obj, target_obj, **kwargs):
    """copy_for_translation_done: a new translation has not been reviewed, whatever its source says."""
    from pages.models.base import MedicallyReviewed

    if isinstance(target_obj, MedicallyReviewed) and any(getattr(target_obj, f) for f in REVIEW_FIELDS):
        for field in REVIEW_FIELDS:
            setattr(target_obj, field, None)
        type(target_obj).objects.filter(pk=target_obj.pk).update(**dict.fromkeys(REVIEW_FIELDS))


def resync_translation_source(sender, instance, **kwargs):
    """page_published: re-read a source page into its translation source, so changed text shows as untranslated."""
    from wagtail_localize.models import TranslationSource

    source = TranslationSource.objects.filter(object_id=instance.translation_key, locale_id=instance.locale_id).first()
    if source is not None:
        source.update_from_db()
