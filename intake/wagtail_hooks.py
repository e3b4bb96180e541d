"""Registers the intake app with the Wagtail admin: permission policy, staff queue, dashboard panel."""

from wagtail import hooks
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import VerificationRequest
from .panels import RequestQueuePanel
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


@hooks.register("insert_global_admin_css")
def admissions_admin_css():
    from django.templatetags.static import static
    from django.utils.html import format_html

    return format_html('<link rel="stylesheet" href="{}">', static("css/admin-admissions.css"))
