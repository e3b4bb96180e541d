"""Admin registration: the content snippets under one menu item, and the medical-review report."""

from django.urls import path
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from pages.admin_reports import register_report
from pages.reports import ReviewDuePanel, ReviewDueReportView, can_see_review_report
from pages.review import REVIEW_LOG_ACTION
from pages.snippets import DrugClass, MedicalReviewer


class DrugClassViewSet(SnippetViewSet):
    model = DrugClass
    icon = "tag"
    list_display = ["name", "also_known_as"]
    search_fields = ["name", "also_known_as"]
    copy_view_enabled = False


class MedicalReviewerViewSet(SnippetViewSet):
    model = MedicalReviewer
    icon = "user"
    list_display = ["name", "credentials", "user"]
    search_fields = ["name", "credentials"]
    copy_view_enabled = False


class LibraryGroup(SnippetViewSetGroup):
    menu_label = "Library"
    menu_icon = "folder-open-inverse"
    menu_order = 300
    items = (DrugClassViewSet, MedicalReviewerViewSet)


register_snippet(LibraryGroup)


# --- Medical review: report, dashboard panel, page-history entry (pages/reports.py, pages/review.py) ---


register_report(ReviewDueReportView, slug="due-for-review", can_see=can_see_review_report, order=50)


@hooks.register("construct_homepage_panels")
def add_review_due_panel(request, panels):
    if can_see_review_report(request.user):
        panels.append(ReviewDuePanel())


@hooks.register("register_log_actions")
def register_review_log_action(actions):
    actions.register_action(REVIEW_LOG_ACTION, "Medical review recorded", "Medical review recorded")


# Trust and disclosures: licences, levels of care, medications and the licence-expiry report.
from pages import disclosure_admin  # noqa: E402, F401

# --- Translations (issue 16): submit a translated page for clinical review (pages/translation_admin.py) ---


@hooks.register("register_admin_urls")
def register_translation_urls():
    from pages.translation_admin import submit_translation_for_review

    return [
        path(
            "translations/<int:page_id>/submit-for-review/",
            submit_translation_for_review,
            name="pages_submit_translation",
        )
    ]


@hooks.register("register_page_listing_more_buttons")
def translation_listing_buttons(page, user, next_url=None):
    from pages.translation_admin import listing_button

    yield from listing_button(page, user)


@hooks.register("register_page_header_buttons")
def translation_header_buttons(page, user, view_name, next_url=None):
    from pages.translation_admin import header_button

    yield from header_button(page, user)
