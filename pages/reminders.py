"""Review reminders: editors and clinical reviewers hear a month before a page's review is due, and on the day.

`manage.py send_review_reminders` (daily, from cron) finds the pages and queues one e-mail task. The e-mail
names pages and links to their edit screens; it carries no personal data (no reviewer names, no visitors).
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q
from django.tasks import task
from django.urls import reverse
from django.utils import timezone

from pages.review import reviewed_page_models

REMINDER_LEAD = datetime.timedelta(days=30)
REMINDER_GROUPS = ["Editors", "Clinical reviewers"]


def pages_needing_reminder(today):
    """Live reviewed pages whose review is due in exactly 30 days ("soon") or today ("due")."""
    found = {"soon": [], "due": []}
    for model in reviewed_page_models():
        for page in (
            model.objects.live()
            .filter(next_review_due__in=[today, today + REMINDER_LEAD])
            .only("pk", "next_review_due")
        ):
            found["due" if page.next_review_due == today else "soon"].append(page.pk)
    return found


def reminder_recipients():
    """Active editors, clinical reviewers and superusers with an e-mail address."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    users = users.filter(Q(groups__name__in=REMINDER_GROUPS) | Q(is_superuser=True)).distinct()
    return sorted(users.values_list("email", flat=True))


def enqueue_review_reminders(today=None):
    """Queue the reminder e-mails for today; returns how many tasks were queued."""
    today = today or timezone.localdate()
    queued = 0
    for kind, page_ids in pages_needing_reminder(today).items():
        if page_ids:
            send_review_reminder.enqueue(kind, sorted(page_ids))
            queued += 1
    return queued


@task()
def send_review_reminder(kind, page_ids):
    """E-mail the editorial team the list of pages whose medical review is due soon (or today)."""
    from wagtail.models import Page

    pages = Page.objects.filter(pk__in=page_ids).specific().order_by("title")
    recipients = reminder_recipients()
    if not pages or not recipients:
        return "nothing to send"
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    lines = [
        f"- {page.title} (due {page.next_review_due:%d %B %Y})\n  {base}{reverse('wagtailadmin_pages:edit', args=[page.pk])}"
        for page in pages
    ]
    when = "today" if kind == "due" else "in 30 days"
    body = (
        f"The medical review of these pages is due {when}:\n\n" + "\n".join(lines) + "\n\n"
        "Open a page, check it against current guidance and submit it for clinical review. "
        "Once the date passes, the public page says that its review is overdue."
    )
    subject = f"{len(pages)} page(s): medical review due {when}"
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    return "sent"
