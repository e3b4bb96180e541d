"""Tell the clinical reviewer which page went live, and when, right after their approval.

Wagtail's workflow views approve without a message of their own (the dashboard's Approve button posts to the
workflow-action view, the editor's Approve to the edit view), and its approval signals carry no request to
attach one to. So the admin's URLs are wrapped: after an approve POST, if the page is now live and was
published moments ago, the reviewer sees "“Klonopin” went live on December 2, 2026 at 8:15 AM."
"""

import datetime
import functools

from django.contrib import messages
from django.utils import timezone
from django.utils.dateformat import format as format_date
from wagtail.models import Page

#: An approval publishes at once; a page published longer ago than this was not published by this request.
JUST_PUBLISHED = datetime.timedelta(minutes=1)


def approved_in(request, kwargs):
    """The page id an approve POST acted on, or None (every other admin request)."""
    if request.method != "POST":
        return None
    action = kwargs.get("action_name") or request.POST.get("workflow-action-name")
    if action != "approve" or ("action_name" not in kwargs and "action-workflow-action" not in request.POST):
        return None
    return kwargs.get("page_id")


def announce_publication(request, page_id):
    page = Page.objects.filter(pk=page_id, live=True).only("title", "last_published_at").first()
    if page is None or page.last_published_at is None:
        return  # a workflow with a further step: nothing went live yet
    if timezone.now() - page.last_published_at > JUST_PUBLISHED:
        return
    when = format_date(timezone.localtime(page.last_published_at), r"F j, Y \a\t g:i A")
    messages.success(request, f"“{page.title}” went live on {when}.")


def announce_approvals(view):
    """Wrap an admin view so a successful approval that published a page says so."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        page_id = approved_in(request, kwargs)
        if page_id is not None and response.status_code < 400:
            announce_publication(request, page_id)
        return response

    return wrapped
