"""The "Articles due for review" report and dashboard panel, around the 30-day horizon."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from pages.review import pages_due_for_review, review_status
from tests.factories import ComparisonPageFactory, DrugPageFactory, ProgramIndexPageFactory, ProgramPageFactory

pytestmark = pytest.mark.django_db


def due_in(days):
    return timezone.localdate() + datetime.timedelta(days=days)


@pytest.fixture
def schedule(home, library):
    """Pages of each reviewed type at the interesting distances from today."""
    programs = ProgramIndexPageFactory(parent=home)
    pages = {
        "overdue": DrugPageFactory(parent=library, title="Overdue drug", next_review_due=due_in(-1)),
        "due-29": ProgramPageFactory(parent=programs, title="Program due in 29", next_review_due=due_in(29)),
        "due-30": DrugPageFactory(parent=library, title="Drug due in 30", next_review_due=due_in(30)),
        "due-31": DrugPageFactory(parent=library, title="Drug due in 31", next_review_due=due_in(31)),
        "far": DrugPageFactory(parent=library, title="Reviewed recently", next_review_due=due_in(300)),
        "never": DrugPageFactory(parent=library, title="Never reviewed drug", next_review_due=None),
        "draft": DrugPageFactory(parent=library, title="Unpublished draft", live=False, next_review_due=due_in(-5)),
    }
    drug_a, drug_b = pages["far"], pages["due-31"]
    pages["comparison"] = ComparisonPageFactory(
        parent=library, title="A vs B due today", drug_a=drug_a, drug_b=drug_b, next_review_due=due_in(0)
    )
    return pages


def test_due_pages_are_overdue_missing_or_within_30_days(schedule):
    titles = [page.title for page in pages_due_for_review()]
    assert titles == [
        "Never reviewed drug",
        "Overdue drug",
        "A vs B due today",
        "Program due in 29",
        "Drug due in 30",
    ]


def test_status_words():
    assert review_status(due_in(-3)) == "Overdue by 3 days"
    assert review_status(due_in(-1)) == "Overdue by 1 day"
    assert review_status(due_in(0)) == "Due today"
    assert review_status(due_in(29)) == "Due in 29 days"
    assert review_status(None) == "No review date"


def test_report_lists_due_pages_with_dates_and_reviewer(client, schedule, reviewer):
    overdue = schedule["overdue"]
    overdue.reviewer = reviewer.medical_reviewer
    overdue.save()
    client.force_login(reviewer)
    response = client.get(reverse("pages_review_due_report"))
    assert response.status_code == 200
    html = response.content.decode()
    for title in ("Overdue drug", "Program due in 29", "Drug due in 30", "A vs B due today", "Never reviewed drug"):
        assert title in html
    for title in ("Drug due in 31", "Reviewed recently", "Unpublished draft"):
        assert title not in html
    assert "Dr. Maya Okafor" in html
    assert "Overdue by 1 day" in html and "Due in 29 days" in html
    assert due_in(29).strftime("%b ") in html
    assert reverse("wagtailadmin_pages:edit", args=[overdue.pk]) in html


def test_report_exports_csv(client, schedule, reviewer):
    client.force_login(reviewer)
    response = client.get(reverse("pages_review_due_report") + "?export=csv")
    assert response.status_code == 200
    body = b"".join(response.streaming_content if response.streaming else [response.content]).decode()
    assert body.splitlines()[0] == "Page,Reviewer,Last reviewed,Next review due"
    assert "Overdue drug" in body and "Drug due in 31" not in body


def test_dashboard_panel_counts_due_pages(client, schedule, editor):
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="review-due-section"' in html
    assert "5 pages</strong> need a medical review" in html
    assert "2 overdue or never reviewed, 3 due in the next 30 days" in html


def test_dashboard_panel_when_nothing_is_due(client, library, editor):
    DrugPageFactory(parent=library, next_review_due=due_in(200))
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "No page is overdue or due for review in the next 30 days." in html


def test_status_words_use_the_singular_for_one_day_only():
    assert review_status(due_in(1)) == "Due in 1 day"
    assert review_status(due_in(2)) == "Due in 2 days"
