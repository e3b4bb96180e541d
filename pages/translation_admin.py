"""Admin for translations (issue 16): send a translated page to the Clinical review workflow.

wagtail-localize's translation editor saves drafts but has no "Submit for moderation"; a translated page's
menu (page listing and header) gets "Submit translation for clinical review" instead, for anyone who may
submit the page. The workflow then runs exactly as for English pages: the reviewers are e-mailed, and
approval publishes the page and stamps its own medical review (pages/review.py).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.admin.widgets import Button
from wagtail.models import Page

from pages.translation import is_translation


def can_submit_translation(page, user):
    return is_translation(page) and page.permissions_for_user(user).can_submit_for_moderation()


def submit_translation_for_review(request, page_id):
    """GET: confirm; POST: start the page's workflow on its latest draft."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not can_submit_translation(page, request.user):
        raise PermissionDenied
    if request.method == "POST":
        page.get_workflow().start(page, request.user)
        messages.success(request, f"“{page.get_admin_display_title()}” was sent for clinical review.")
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return TemplateResponse(request, "pages/admin/submit_translation.html", {"page": page})


def submit_url(page):
    return reverse("pages_submit_translation", args=[page.pk])


def listing_button(page, user):
    if can_submit_translation(page, user):
        yield Button("Submit translation for clinical review", submit_url(page), priority=5)


def header_button(page, user):
    if can_submit_translation(page, user):
        yield Button("Submit translation for clinical review", submit_url(page), priority=5)
