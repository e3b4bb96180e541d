"""Registers the intake app with the Wagtail admin: permission policy, staff queue, dashboard panel, insurers."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .dashboard import RequestQueuePanel
from .dashboard_views import AdmissionsDashboardView
from .models import InsuranceProvider, VerificationRequest
from .viewsets import VerificationRequestViewSet

# Registered before the viewset so it (not a fallback) decides view/change/export.
request_permission_policy = ModelPermissionPolicy(VerificationRequest)
register_permission_policy(VerificationRequest, request_permission_policy)


@hooks.register("register_admin_viewset")
def register_request_viewset():
    return VerificationRequestViewSet("insurance_requests")


@hooks.register("construct_homepage_panels")
def add_request_queue_panel(request, panels):
    if request_permission_policy.user_has_any_permission(request.user, ["view", "change"]):
        panels.append(RequestQueuePanel())


# 42 CFR Part 2: consent versions, disclosures, revocations and printing (intake/consent_admin.py).
from . import consent_admin  # noqa: E402, F401


@hooks.register("insert_global_admin_css")
def admissions_admin_css():
    from django.templatetags.static import static
    from django.utils.html import format_html

    return format_html('<link rel="stylesheet" href="{}">', static("css/admin-admissions.css"))


class AdmissionsDashboardMenuItem(MenuItem):
    """ "Admissions dashboard", shown to the people who work the request queue."""

    def is_shown(self, request):
        return request_permission_policy.user_has_any_permission(request.user, ["view", "change"])


@hooks.register("register_admin_urls")
def register_dashboard_url():
    return [path("admissions-dashboard/", AdmissionsDashboardView.as_view(), name="admissions_dashboard")]


@hooks.register("register_admin_menu_item")
def register_dashboard_menu_item():
    return AdmissionsDashboardMenuItem(
        "Admissions dashboard",
        reverse("admissions_dashboard"),
        name="admissions-dashboard",
        icon_name="time",
        order=260,
    )


class InsuranceProviderViewSet(SnippetViewSet):
    """The insurers Admissions works with, in their own menu item (not among the content snippets)."""

    model = InsuranceProvider
    icon = "pick"
    list_display = ["name", "active", "sort_order"]
    list_filter = ["active"]
    search_fields = ["name"]
    copy_view_enabled = False
    menu_label = "Insurers"
    add_to_admin_menu = True
    menu_order = 270


register_snippet(InsuranceProviderViewSet)
