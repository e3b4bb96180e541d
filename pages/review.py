"""Medical review: stamp reviewer and dates when "Clinical review" approves a page; list pages due for review.

Decision (documented in the README): only an approver linked to a MedicalReviewer stamps a review. A page
approved by anyone else (e.g. a superuser with no reviewer profile) is published, but its review record is
left untouched, so the public "Medically reviewed by …" line never names someone who did not review it.
"""

import datetime
import logging

from django.db.models import CharField, DateField, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page, PageLogEntry, Revision, get_page_models

from pages.models.base import MedicallyReviewed
from pages.snippets import MedicalReviewer

logger = logging.getLogger(__name__)

DUE_SOON_DAYS = 30
REVIEW_LOG_ACTION = "pages.medical_review"


def reviewed_page_models():
    """The page types that carry a medical-review record (drug, comparison and program pages)."""
    return [model for model in get_page_models() if issubclass(model, MedicallyReviewed)]


def record_review_on_approval(sender, instance, user, **kwargs):
    """workflow_approved handler: the approved revision is already published (or scheduled) by now."""
    page = instance.content_object
    page = page.specific if isinstance(page, Page) else page
    if not isinstance(page, MedicallyReviewed):
        return
    reviewer = MedicalReviewer.objects.filter(user=user).first() if user is not None else None
    if reviewer is None:
        logger.warning(
            "Page %s approved by user %s, who is not linked to a medical reviewer; review record unchanged.",
            page.pk,
            getattr(user, "pk", None),
        )
        return
    revision = page.latest_revision
    today = timezone.localdate()
    stamp_review(page, revision, reviewer, today, next_review_due(page, revision, today))
    log(
        instance=page,
        action=REVIEW_LOG_ACTION,
        user=user,
        revision=revision,
        data={"reviewer": str(reviewer), "last_reviewed": today.isoformat()},
    )


def next_review_due(page, revision, today):
    """Twelve months on, unless this revision deliberately set a different future due date.

    "Deliberately" means the submitted date differs from the one the previously published version carried;
    an untouched date (or an empty or past one) is replaced by the default.
    """
    default = today + MedicallyReviewed.REVIEW_INTERVAL
    submitted = parse_date(revision.content.get("next_review_due"))
    if submitted is None or submitted <= today:
        return default
    previous_publish = (
        PageLogEntry.objects.filter(page_id=page.pk, action="wagtail.publish")
        .exclude(revision_id=revision.pk)
        .exclude(revision_id__isnull=True)
        .order_by("-timestamp", "-pk")
        .first()
    )
    previous_revision = previous_publish and Revision.objects.filter(pk=previous_publish.revision_id).first()
    previous = parse_date(previous_revision.content.get("next_review_due")) if previous_revision else None
    return submitted if submitted != previous else default


def stamp_review(page, revision, reviewer, today, due):
    """Write the review into the approved revision and, if that revision is live, the live page row.

    No new revision is created, so the page shows no "unpublished changes", and the next edit (which
    starts from the latest revision) carries the new dates forward instead of reverting them.
    """
    fields = {"reviewer": reviewer, "last_reviewed": today, "next_review_due": due}
    if page.live and page.live_revision_id == revision.pk:
        type(page).objects.filter(pk=page.pk).update(**fields)
    content = dict(revision.content)
    content.update(reviewer=reviewer.pk, last_reviewed=today.isoformat(), next_review_due=due.isoformat())
    Revision.objects.filter(pk=revision.pk).update(content=content)
    for name, value in fields.items():
        setattr(page, name, value)


def parse_date(value):
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def review_schedule():
    """Live reviewed pages of every type as Page rows annotated with their review fields (one query)."""
    models = reviewed_page_models()

    def pick(field, output_field):
        subqueries = [Subquery(model.objects.filter(pk=OuterRef("pk")).values(field)[:1]) for model in models]
        return Coalesce(*subqueries, output_field=output_field) if len(subqueries) > 1 else subqueries[0]

    return (
        Page.objects.live()
        .type(*models)
        .annotate(
            review_due=pick("next_review_due", DateField()),
            review_last=pick("last_reviewed", DateField()),
            reviewer_name=pick("reviewer__name", CharField()),
        )
        .select_related("content_type")
    )


def pages_due_for_review(today=None):
    """Never-reviewed, overdue and due-within-30-days pages, most urgent first."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    return (
        review_schedule()
        .filter(Q(review_due__lte=horizon) | Q(review_due__isnull=True))
        .order_by(F("review_due").asc(nulls_first=True), "title")
    )


def review_status(due, today=None):
    """Plain words for a due date: "Overdue by 3 days", "Due in 12 days", "No review date"."""
    today = today or timezone.localdate()
    if due is None:
        return "No review date"
    days = (due - today).days
    if days < 0:
        return f"Overdue by {-days} day{'s' if days != -1 else ''}"
    if days == 0:
        return "Due today"
    return f"Due in {days} day{'s' if days != 1 else ''}"
