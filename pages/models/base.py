"""Shared foundations for every page type: SEO fields and the medical-review record."""

import datetime

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page


class BasePage(Page):
    """Common parent of all our page types; never created on its own."""

    is_creatable = False

    class Meta:
        abstract = True

    @property
    def meta_description(self):
        """The description for search engines and link previews, falling back to the summary."""
        return self.search_description or getattr(self, "summary", "") or ""


class MedicallyReviewed(models.Model):
    """Who last checked a health page for accuracy, when, and when it is due again."""

    REVIEW_INTERVAL = datetime.timedelta(days=365)

    reviewer = models.ForeignKey(
        "pages.MedicalReviewer",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Set automatically when a clinical reviewer approves the page.",
    )
    last_reviewed = models.DateField(null=True, blank=True)
    next_review_due = models.DateField(
        null=True, blank=True, help_text="Defaults to twelve months after the last review."
    )

    review_panels = [
        MultiFieldPanel(
            [FieldPanel("reviewer"), FieldPanel("last_reviewed"), FieldPanel("next_review_due")],
            heading="Medical review",
        )
    ]

    class Meta:
        abstract = True

    def record_review(self, reviewer, on_date):
        """Stamp a completed review and schedule the next one."""
        self.reviewer = reviewer
        self.last_reviewed = on_date
        self.next_review_due = on_date + self.REVIEW_INTERVAL
