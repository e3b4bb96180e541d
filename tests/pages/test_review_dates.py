"""Honest review dates: both dates shown, overdue said plainly, the reviewer's name links to a profile,
and editors and reviewers are reminded a month ahead and on the due date (without personal data)."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from pages.snippets import MedicalReviewer
from tests.factories import DrugPageFactory, MedicalReviewerFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def ada():
    return MedicalReviewer.objects.filter(slug="ada-example").first() or MedicalReviewerFactory(
        name="Dr. Ada Example", slug="ada-example", credentials="MD", role="Medical director"
    )


def reviewed_page(library, due, **extra):
    return DrugPageFactory(
        parent=library,
        reviewer=ada(),
        last_reviewed=due - datetime.timedelta(days=365),
        next_review_due=due,
        **extra,
    )


def test_page_shows_last_reviewed_and_next_review_due(client, library):
    page = reviewed_page(library, TODAY + datetime.timedelta(days=100))
    html = client.get(page.url).content.decode()
    assert "Page last reviewed: <time" in html and "Next review due: <time" in html
    assert f'datetime="{page.next_review_due:%Y-%m-%d}"' in html
    assert "overdue" not in html


def test_an_overdue_page_says_so(client, library):
    page = reviewed_page(library, TODAY - datetime.timedelta(days=1))
    assert "This page is overdue for its medical review." in client.get(page.url).content.decode()


def test_reviewer_name_links_to_a_profile_with_credentials_and_reviewed_pages(client, library):
    page = reviewed_page(library, TODAY + datetime.timedelta(days=100), title="Klonopin")
    html = client.get(page.url).content.decode()
    assert '<a href="/reviewers/ada-example/">Dr. Ada Example</a>, MD' in html
    profile = client.get("/reviewers/ada-example/")
    assert profile.status_code == 200
    body = profile.content.decode()
    assert "Medical director" in body and f'href="{page.url}"' in body
    assert client.get("/reviewers/nobody/").status_code == 404


def test_reminders_go_a_month_ahead_and_on_the_day_without_personal_data(library, django_user_model):
    from django.contrib.auth.models import Group

    editor = django_user_model.objects.create_user("editor1", email="editor@example.test", password="x")
    editor.groups.add(Group.objects.get(name="Editors"))
    django_user_model.objects.create_user("nobody", email="other@example.test", password="x")
    reviewed_page(library, TODAY + datetime.timedelta(days=30), title="Heroin")
    reviewed_page(library, TODAY, title="Fentanyl")
    reviewed_page(library, TODAY + datetime.timedelta(days=10), title="Cocaine")
    mail.outbox.clear()

    call_command("send_review_reminders", stdout=io.StringIO())

    subjects = sorted(message.subject for message in mail.outbox)
    assert subjects == ["1 page(s): medical review due in 30 days", "1 page(s): medical review due today"]
    everything = "\n".join(message.body for message in mail.outbox)
    assert "Heroin" in everything and "Fentanyl" in everything and "Cocaine" not in everything
    assert "Ada Example" not in everything, "no reviewer names in e-mail"
    assert all(message.to == ["editor@example.test"] for message in mail.outbox)
