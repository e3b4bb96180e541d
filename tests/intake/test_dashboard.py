"""The Admissions dashboard: figures, accessible SVG charts with a data table, CSV, permissions, axe."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from chat.models import Conversation
from intake import services
from intake.metrics import build_report, percentile

NY = zoneinfo.ZoneInfo("America/New_York")
NOW = datetime.datetime(2026, 12, 4, 16, 0, tzinfo=NY)  # a Friday afternoon


def test_percentile_is_nearest_rank():
    assert percentile([], 0.5) is None
    assert percentile([5, 1, 3], 0.5) == 3
    assert percentile(list(range(1, 11)), 0.9) == 9
    assert percentile([4, 8], 0.5) == 4


@pytest.fixture
def week(make_request, admissions_user):
    """Three requests contacted after 4, 10 and 40 minutes (target 15), one never contacted, two chats."""
    for day, minutes in ((1, 4), (2, 10), (2, 40)):
        created = datetime.datetime(2026, 12, day, 10, 0, tzinfo=NY)
        with time_machine.travel(created, tick=False):
            request = make_request()
        with time_machine.travel(created + datetime.timedelta(minutes=minutes), tick=False):
            outcome = "reached" if minutes < 30 else "no_answer"
            services.log_contact_attempt(admissions_user, request, "phone", outcome)
    with time_machine.travel(datetime.datetime(2026, 12, 3, 11, 0, tzinfo=NY), tick=False):
        make_request()
        answered = datetime.datetime(2026, 12, 3, 11, 5, tzinfo=NY)
        Conversation.objects.create(token_hash="a" * 64, status="closed", claimed_at=answered, closed_at=answered)
        Conversation.objects.create(token_hash="b" * 64, status="closed", closed_at=answered)


def test_week_figures(week):
    report = build_report(7, now=NOW)
    assert [day.requests for day in report.days] == [0, 0, 0, 1, 2, 1, 0]  # Sat 28 Nov … Fri 4 Dec
    assert (report.median_minutes, report.p90_minutes) == (10, 40)
    assert report.within_share == 50  # 2 of 4 judged requests (the uncontacted one is past its target)
    assert dict(report.outcomes) == {"Reached": 2, "Left voicemail": 0, "No answer": 1, "Wrong number": 0}
    assert (report.chats_answered, report.chats_missed) == (1, 1)
    wednesday = report.days[4]
    assert (wednesday.median_minutes, wednesday.p90_minutes, wednesday.within_share) == (10, 40, 50)


def test_dashboard_renders_labelled_svg_charts_with_tables(client, week, admissions_user):
    with time_machine.travel(NOW, tick=False):
        client.force_login(admissions_user)  # signed in "now", or the staff idle timeout would sign them out
        page = client.get(reverse("admissions_dashboard")).content.decode()
    assert page.count('role="img"') >= 5
    assert 'aria-labelledby="time-to-contact-title time-to-contact-desc"' in page
    assert '<title id="time-to-contact-title">Time to first contact (minutes)</title>' in page
    assert "median 10 min, 90th percentile 40 min" in page  # the week's figure, readable in the chart's text
    assert '<th scope="row">Wed 2</th><td>10 min</td><td>40 min</td>' in page
    assert "<script" not in page.split('id="requests-per-day"', 1)[1].split("</figure>", 1)[0]


def test_dashboard_csv_and_periods(client, week, admissions_user):
    with time_machine.travel(NOW, tick=False):
        client.force_login(admissions_user)  # signed in "now", or the staff idle timeout would sign them out
        body = client.get(reverse("admissions_dashboard"), {"days": "30", "format": "csv"}).content.decode()
        assert client.get(reverse("admissions_dashboard"), {"days": "banana"}).status_code == 200
    lines = body.splitlines()
    assert lines[0].startswith("Date,Requests,Median minutes")
    assert "2026-12-02,2,10,40,50,0,0" in lines
    assert len([line for line in lines if line.startswith("2026-")]) == 30
    assert "No answer,1" in lines


def test_dashboard_is_for_admissions_only(client, editor_user):
    client.force_login(editor_user)
    response = client.get(reverse("admissions_dashboard"))
    assert response.status_code in (302, 403)
    assert b"Time to first contact" not in response.content
