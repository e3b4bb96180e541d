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
from django.utils.translation import gettext_noop
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


#: Text editors keep in settings and snippets, shown on every page: the catalog (locale/es) holds the Spanish for
#: the shipped and demo wording, and templates look each value up at render time. A sentence an editor rewrites
#: shows as written until the catalog has it too.
CATALOG_TEXT = [
    # Trust and contact settings (defaults and the demo's values)
    gettext_noop("Calls and chats are answered by Harbor Light Recovery's own admissions team, not a call center."),
    gettext_noop("911, 988 and the SAMHSA helpline are public services, not run by us."),
    gettext_noop("Free, confidential help, 24 hours a day, 7 days a week."),
    gettext_noop("Admissions counselors answer around the clock."),
    gettext_noop("Admissions counselors answer the phone around the clock, every day of the year."),
    # Contact settings: the demo's visiting hours and directions (the Visit us block)
    gettext_noop(
        "Assessments by appointment, Monday to Friday 9 a.m. to 5 p.m.; family visits on Saturdays and Sundays, 1 to 4 p.m."
    ),
    gettext_noop(
        "Free parking behind the building. The number 5 bus stops at the corner. Use the front door with the ramp; reception is straight ahead."
    ),
    # Demo levels of care (their ASAM names, shown on the program pages)
    gettext_noop("Medically monitored inpatient withdrawal management (detox)"),
    gettext_noop("Clinically managed high-intensity residential treatment"),
    gettext_noop("Partial hospitalization"),
    gettext_noop("Intensive outpatient"),
    gettext_noop("Outpatient therapy"),
    gettext_noop("Medically managed intensive inpatient (hospital) withdrawal management"),
    # Demo medication notes (the MAT box on a medication's article)
    gettext_noop("Only licensed opioid treatment programs may dispense it; we coordinate with one near you."),
    gettext_noop("We refer to your doctor if it suits you."),
    # Insurance box defaults
    gettext_noop("Verify your insurance — free and confidential"),
    gettext_noop("Most major insurance plans are accepted. Checking takes a few minutes."),
    gettext_noop(
        "Most major insurance plans are accepted. Checking your coverage is free, takes a few minutes and commits you to nothing."
    ),
    # Demo drug classes: name, plural
    gettext_noop("Benzodiazepine"),
    gettext_noop("Benzodiazepines"),
    gettext_noop("Barbiturate"),
    gettext_noop("Barbiturates"),
    gettext_noop("Alcohol"),
    gettext_noop("Opioid"),
    gettext_noop("Opioids"),
    gettext_noop("Stimulant"),
    gettext_noop("Stimulants"),
    gettext_noop("Opioid antagonist"),
    gettext_noop("Opioid antagonists"),
    # Demo drug classes: descriptions
    gettext_noop(
        "Prescription sedatives that calm the brain by boosting its main braking chemical, GABA. Doctors use them for anxiety, panic, seizures and alcohol withdrawal. Regular use leads to physical dependence, so they should only be stopped with a doctor's help."
    ),
    gettext_noop(
        "An older family of sedatives that slow the brain in a similar way to benzodiazepines. Today they are mostly used for seizures and in hospitals. The gap between a helpful dose and a dangerous one is small."
    ),
    gettext_noop(
        "The ethanol in beer, wine and spirits is a depressant that acts on the same GABA system as benzodiazepines and barbiturates. Heavy, regular drinking leads to dependence, and withdrawal can be medically dangerous."
    ),
    gettext_noop(
        "Pain-relieving drugs, from prescription medicines such as oxycodone to heroin and fentanyl. They slow breathing, and an overdose can be fatal, especially when mixed with other depressants. Naloxone can reverse an opioid overdose."
    ),
    gettext_noop(
        "Drugs that speed up the brain and body, such as prescription ADHD medicines, cocaine and methamphetamine. They raise heart rate and blood pressure and can lead to dependence and a hard crash when stopped."
    ),
    gettext_noop(
        "Medicines that block opioid receptors. Naloxone reverses an opioid overdose within minutes; naltrexone is used long term to prevent relapse. They do not cause a high and are not addictive."
    ),
]
