"""The "Articles due for review" admin report and its dashboard panel."""

import datetime

from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from pages.review import DUE_SOON_DAYS, pages_due_for_review, review_status

# Anyone who can write or approve pages sees what is due; Admissions (no page permissions) does not.
REPORT_PERMISSIONS = ["add", "change", "publish"]


def can_see_review_report(user):
    """Editors, clinical reviewers and superusers: anyone with a page permission."""
    return PagePermissionPolicy().user_has_any_permission(user, REPORT_PERMISSIONS)


def due_pages_for_user(user, today=None):
    """Pages due for review that this user may edit or publish."""
    editable = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["change", "publish"])
    return pages_due_for_review(today).filter(pk__in=editable.values("pk"))


def format_date(value):
    return value.strftime("%b %-d, %Y") if isinstance(value, datetime.date) else "—"


class ReviewDueReportView(ReportView):
    """Live health pages whose medical review is overdue, missing or due within 30 days."""

    page_title = "Articles due for review"
    header_icon = "time"
    model = Page
    any_permission_required = REPORT_PERMISSIONS
    index_url_name = "pages_review_due_report"
    index_results_url_name = "pages_review_due_report_results"
    paginate_by = 50
    context_object_name = "pages"
    columns = [
        TitleColumn("title", label="Page", get_url=lambda page: reverse("wagtailadmin_pages:edit", args=[page.pk])),
        Column("page_type", label="Type", accessor=lambda page: page.specific_class._meta.verbose_name.capitalize()),
        Column("reviewer_name", label="Reviewer"),
        Column("review_last", label="Last reviewed", accessor=lambda page: format_date(page.review_last)),
        Column("review_due", label="Next review due", accessor=lambda page: format_date(page.review_due)),
        Column("status", label="Status", accessor=lambda page: review_status(page.review_due)),
    ]
    list_export = ["title", "reviewer_name", "review_last", "review_due"]
    export_headings = {
        "title": "Page",
        "reviewer_name": "Reviewer",
        "review_last": "Last reviewed",
        "review_due": "Next review due",
    }
    no_results_message = f"No page is overdue or due for review in the next {DUE_SOON_DAYS} days."

    def get_filename(self):
        return f"articles-due-for-review-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self):
        return due_pages_for_user(self.request.user)


class ReviewDuePanel(Component):
    """Dashboard panel: how many pages are overdue or due soon, linking to the report."""

    name = "review_due"
    template_name = "pages/admin/review_due_panel.html"
    order = 150

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        today = timezone.localdate()
        due = list(due_pages_for_user(request.user, today).values_list("review_due", flat=True))
        overdue = sum(1 for date in due if date is None or date < today)
        return {
            "overdue": overdue,
            "due_soon": len(due) - overdue,
            "total": len(due),
            "days": DUE_SOON_DAYS,
            "report_url": reverse("pages_review_due_report"),
        }
