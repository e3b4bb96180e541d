"""Shared foundations for every page type: the summary, SEO fields and the medical-review record."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.csp import CSP
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.url_routing import RouteResult

from pages.blocks import ReferenceBlock
from pages.citations import Citations
from pages.disclosures import organization_json_ld
from pages.translation import REVIEW_FIELDS, PerLanguageField, check_publish
from treatment_site.languages import language_tag
from treatment_site.model_fields import optional_link

from .serving import PublicPageManager, find_descendant, view_restrictions


class BasePageForm(WagtailAdminPageForm):
    """The editing form of every page type: requires the summary on types that set `summary_required`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "summary" in self.fields and self.instance.summary_required:
            self.fields["summary"].required = True  # still deferred when saving a draft, like any required field


def summary_panel(help_text):
    """The summary field in a page type's content panels, with that type's own advice to the editor."""
    return FieldPanel("summary", help_text=help_text)


class BasePage(Page):
    """Common parent of all our page types; never created on its own."""

    is_creatable = False
    base_form_class = BasePageForm

    # Every page type has a summary (declared once here); each says in its panels what it is for there.
    summary = models.TextField(
        blank=True,
        help_text="A sentence or two under the heading; also the search-engine description when none is set.",
    )
    #: Page types whose summary is their opening text require it in the editor (see BasePageForm).
    summary_required = False

    class Meta:
        abstract = True

    #: Open Graph type; articles override it.
    og_type = "website"
    #: schema.org type for the page itself.
    schema_type = "WebPage"
    #: Foreign keys the template shows, fetched with the page when it is served (see serving.py).
    related_on_serve = ()

    objects = PublicPageManager()

    def serve_preview(self, request, mode_name):
        """The editor's preview, framed by the admin's side panel (same origin only).

        Wagtail renders a preview through the whole middleware chain with a request for the page's public
        URL, so it would get the public policy's frame-ancestors 'none' and the browser would refuse the
        panel. Only this response, reachable through the admin's permission-checked preview views, may be
        framed by the site itself; public pages keep refusing every frame.
        """
        response = super().serve_preview(request, mode_name)
        response._csp_config = {**settings.SECURE_CSP, "frame-ancestors": [CSP.SELF]}
        response["X-Frame-Options"] = "SAMEORIGIN"
        return response

    def route(self, request, path_components):
        """Resolve the whole remaining URL in one lookup instead of one per level.

        Falls back to Wagtail's level-by-level routing when no page has that URL, so a page type
        that routes its own sub-paths (RoutablePageMixin) keeps working.
        """
        if path_components:
            page = find_descendant(self, path_components)
            if page is not None:
                if not page.live:
                    raise Http404
                return RouteResult(page)
        return super().route(request, path_components)

    def publish(self, revision, *args, **kwargs):
        """Publish a revision; a translated page only once its clinical review approved it (pages/translation.py)."""
        check_publish(self, revision)
        return super().publish(revision, *args, **kwargs)

    def get_view_restrictions(self):
        """Wagtail's check for this page and its ancestors, in one query instead of two."""
        return view_restrictions(self)

    def clean(self):
        """No claim the services records do not back (pages/claims.py): refuse the save and say which sentence."""
        super().clean()
        from pages.claims import page_claims

        claims = page_claims(self)
        if claims:
            raise ValidationError(
                "This page says we offer something our services records (Trust and disclosures → Levels of care, "
                "Medications) mark as not offered or do not list: "
                + "; ".join(str(claim) for claim in claims[:3])
                + ". Reword the sentence, or ask a clinical reviewer to update the record if it is now true."
            )

    @property
    def meta_description(self):
        """The description for search engines and link previews, falling back to the summary."""
        return self.search_description or self.summary

    @property
    def html_title(self):
        """The <title> text before the site name: the SEO title when an editor set one."""
        return self.seo_title or self.title

    def structured_data(self, request=None):
        """schema.org JSON-LD for this page, as a plain dict (rendered by the `json_ld` template tag)."""
        data = {
            "@context": "https://schema.org",
            "@type": self.schema_type,
            "name": self.html_title,
            "url": self.get_full_url(request),
            "inLanguage": language_tag(),  # the language it is served in (its URL prefix), no locale query
        }
        if self.meta_description:
            data["description"] = self.meta_description
        if self.last_published_at:
            data["dateModified"] = self.last_published_at.date().isoformat()
        data["publisher"] = organization_json_ld(request)  # licences as hasCredential (pages/disclosures.py)
        return data


class MedicallyReviewed(models.Model):
    """Who last checked a health page for accuracy, when, and when it is due again."""

    REVIEW_INTERVAL = datetime.timedelta(days=365)

    reviewer = optional_link(
        "pages.MedicalReviewer", help_text="Set automatically when a clinical reviewer approves the page."
    )
    last_reviewed = models.DateField(null=True, blank=True)
    next_review_due = models.DateField(
        null=True, blank=True, help_text="Defaults to twelve months after the last review."
    )
    references = StreamField(
        [("reference", ReferenceBlock())],
        blank=True,
        help_text="Numbered sources. Cite one in the text by typing its number in brackets, e.g. [2].",
    )

    review_panels = [
        MultiFieldPanel(
            ["reviewer", "last_reviewed", "next_review_due"],
            heading="Medical review",
        )
    ]

    class Meta:
        abstract = True

    #: wagtail-localize keeps the review stamp per language: a reviewed English page says nothing of its translation.
    override_translatable_fields = [PerLanguageField(name) for name in REVIEW_FIELDS]

    og_type = "article"
    schema_type = "MedicalWebPage"
    related_on_serve = ("reviewer",)

    def structured_data(self, request=None):
        """A MedicalWebPage with its reviewer and last-reviewed date where known."""
        data = super().structured_data(request)
        if self.last_reviewed:
            data["lastReviewed"] = self.last_reviewed.isoformat()
        if self.reviewer_id:
            data["reviewedBy"] = {
                "@type": "Person",
                "name": self.reviewer.name,
                "description": self.reviewer.shown_credentials,
            }
        return data

    @property
    def review_overdue(self):
        """True once the next review date has passed: the page then says so instead of only showing a date."""
        return bool(self.next_review_due and self.next_review_due < timezone.localdate())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["citations"] = Citations(len(self.references))
        return context

    def record_review(self, reviewer, on_date):
        """Stamp a completed review and schedule the next one."""
        self.reviewer = reviewer
        self.last_reviewed = on_date
        self.next_review_due = on_date + self.REVIEW_INTERVAL
