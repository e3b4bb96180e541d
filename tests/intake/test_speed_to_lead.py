"""Speed to lead: targets across office hours, week-ends and time zones; the clock; attempts; escalation."""

import csv
import datetime
import importlib
import io
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from audit.models import AuditEvent
from chat.availability import set_available
from intake import services
from intake.escalation import escalate_due
from intake.models import ContactAttempt, VerificationRequest
from intake.speed_to_lead import (
    Clock,
    callback_due_for,
    clock,
    duration_label,
    mark_first_contact,
    target_for,
    valid_time_zone,
)

NY = zoneinfo.ZoneInfo("America/New_York")
LA = zoneinfo.ZoneInfo("America/Los_Angeles")


def at(*args, tz=NY):
    return datetime.datetime(*args, tzinfo=tz)


@pytest.mark.parametrize(
    ("created", "target"),
    [
        (at(2026, 12, 1, 10, 0), at(2026, 12, 1, 10, 15)),  # Tuesday, office open: 15 minutes
        (at(2026, 12, 1, 19, 50), at(2026, 12, 1, 20, 5)),  # open at arrival: still 15 minutes
        (at(2026, 12, 1, 21, 30), at(2026, 12, 2, 9, 0)),  # Tuesday night: Wednesday 9:00
        (at(2026, 12, 2, 6, 0), at(2026, 12, 2, 9, 0)),  # before opening: the same morning
        (at(2026, 12, 5, 22, 0), at(2026, 12, 7, 9, 0)),  # Saturday night: closed Sunday → Monday
        (at(2026, 12, 6, 12, 0), at(2026, 12, 7, 9, 0)),  # Sunday noon → Monday
        (at(2026, 12, 1, 18, 0, tz=LA), at(2026, 12, 2, 9, 0)),  # 9pm in New York: office time counts
    ],
)
def test_first_contact_target_follows_office_hours(created, target):
    assert target_for(created) == target


@override_settings(INTAKE_TARGET_MINUTES=30, INTAKE_OFFICE_HOURS={0: "09:00-17:00"}, INTAKE_AFTER_HOURS_TARGET="08:00")
def test_targets_come_from_settings():
    assert target_for(at(2026, 11, 30, 10, 0)) == at(2026, 11, 30, 10, 30)  # Monday
    # Tuesday is closed now: the next open morning is Monday, at the opening time (later than 08:00).
    assert target_for(at(2026, 12, 1, 10, 0)) == at(2026, 12, 7, 9, 0)


def test_evening_callback_is_due_in_the_visitors_zone():
    # 1pm in Los Angeles (4pm New York): "evening" means 5pm Los Angeles = 8pm New York.
    due = callback_due_for(at(2026, 12, 1, 13, 0, tz=LA), "evening", "America/Los_Angeles")
    assert due == at(2026, 12, 1, 17, 0, tz=LA) == at(2026, 12, 1, 20, 0)
    # Without a browser zone the site's is used: 5pm New York.
    assert callback_due_for(at(2026, 12, 1, 13, 0, tz=LA), "evening", "") == at(2026, 12, 1, 17, 0)
    # An unknown zone falls back too; "any" time has no window.
    assert callback_due_for(at(2026, 12, 1, 13, 0, tz=LA), "evening", "Mars/Olympus") == at(2026, 12, 1, 17, 0)
    assert callback_due_for(at(2026, 12, 1, 13, 0), "any", "America/Los_Angeles") is None
    # Inside the window it is due straight away; after it, the next day's window.
    assert callback_due_for(at(2026, 12, 1, 18, 0, tz=LA), "evening", "America/Los_Angeles") == at(
        2026, 12, 1, 18, 0, tz=LA
    )
    assert callback_due_for(at(2026, 12, 1, 21, 0, tz=LA), "evening", "America/Los_Angeles") == at(
        2026, 12, 2, 17, 0, tz=LA
    )


@time_machine.travel(at(2026, 12, 1, 10, 0), tick=False)
def test_clock_runs_within_near_past_and_stops_at_first_contact(make_request, admissions_user):
    request = make_request()
    assert request.target_at == at(2026, 12, 1, 10, 15)
    assert clock(request, at(2026, 12, 1, 10, 5)).state == "within"
    assert clock(request, at(2026, 12, 1, 10, 11)).label == "4 min left"
    assert clock(request, at(2026, 12, 1, 10, 11)).state == "near"
    late = clock(request, at(2026, 12, 1, 11, 0))
    assert (late.state, late.label) == ("past", "Past target by 45 min")

    with time_machine.travel(at(2026, 12, 1, 10, 8), tick=False):
        services.log_contact_attempt(admissions_user, request, "phone", "no_answer")
    with time_machine.travel(at(2026, 12, 1, 10, 20), tick=False):
        services.log_contact_attempt(admissions_user, request, "phone", "reached")
    request.refresh_from_db()
    assert request.first_contact_at == at(2026, 12, 1, 10, 8)  # the first attempt stopped it
    stopped = clock(request, at(2026, 12, 2, 10, 0))
    assert (stopped.state, stopped.label) == ("met", "Contacted in 8 min")


@time_machine.travel(at(2026, 12, 1, 10, 0), tick=False)
def test_a_note_or_status_change_also_stops_the_clock(make_request, admissions_user):
    noted, changed = make_request(), make_request()
    services.add_note(admissions_user, noted, "Left a message with the front desk.")
    services.change_status_and_assignment(admissions_user, changed, "in_review", None)
    for request in (noted, changed):
        request.refresh_from_db()
        assert request.first_contact_at == at(2026, 12, 1, 10, 0)


@time_machine.travel(at(2026, 12, 1, 10, 0), tick=False)
def test_one_click_attempts_are_audited_and_listed(client, make_request, admissions_user):
    request = make_request(voicemail_ok=True, contact_time="evening", visitor_time_zone="America/Los_Angeles")
    client.force_login(admissions_user)
    url = reverse("insurance_requests:log_attempt", args=[request.pk])
    response = client.post(url, {"channel": "phone", "outcome": "no_answer"})
    assert response.status_code == 302
    client.post(url, {"channel": "text", "outcome": "reached"})
    assert list(request.contact_attempts.values_list("channel", "outcome")) == [
        ("text", "reached"),
        ("phone", "no_answer"),
    ]
    details = list(AuditEvent.objects.filter(action="contact_attempted").values_list("detail", flat=True))
    assert sorted(details) == ["Phone call: No answer", "Text message: Reached"]
    # Bad input: a polite message, nothing stored, no 500.
    response = client.post(url, {"channel": "pigeon", "outcome": "reached"}, follow=True)
    assert "Choose how you contacted the visitor" in response.content.decode()
    assert ContactAttempt.objects.count() == 2

    page = client.get(reverse("insurance_requests:inspect", args=[request.pk])).content.decode()
    assert "No answer" in page and "Contacted in 0 min" in page
    assert "5pm–8pm America/Los_Angeles" in page  # the visitor's window, where staff dial
    assert "Yes" in page.split("Voicemail OK", 1)[1][:80]


@pytest.mark.parametrize("method", ["phone", "text", "email"])
def test_the_attempt_form_starts_on_the_visitors_preferred_method(client, make_request, admissions_user, method):
    """One set of choices serves both: the visitor's preference is the channel ticked for staff."""
    request = make_request(contact_method=method)
    client.force_login(admissions_user)
    page = client.get(reverse("insurance_requests:inspect", args=[request.pk])).content.decode()
    checked = [
        value for value, _label in VerificationRequest.ContactMethod.choices if f'value="{value}" checked' in page
    ]
    assert checked == [method]


def test_the_migration_stores_logged_calls_as_phone_and_back(make_request, admissions_user):
    """0009 maps the old "call" value onto ContactMethod.PHONE; text and e-mail were already the same."""
    from django.apps import apps

    migration = importlib.import_module("intake.migrations.0009_contact_attempt_channel_is_contact_method")
    request = make_request()
    for channel in ("call", "text", "email"):
        ContactAttempt.objects.create(request=request, staff=admissions_user, channel=channel, outcome="reached")
    migration.call_to_phone(apps, None)
    assert sorted(ContactAttempt.objects.values_list("channel", flat=True)) == ["email", "phone", "text"]
    migration.phone_to_call(apps, None)
    assert sorted(ContactAttempt.objects.values_list("channel", flat=True)) == ["call", "email", "text"]


def test_attempts_need_the_change_permission(client, make_request, editor_user):
    request = make_request()
    client.force_login(editor_user)
    client.post(
        reverse("insurance_requests:log_attempt", args=[request.pk]), {"channel": "phone", "outcome": "reached"}
    )
    assert not ContactAttempt.objects.exists()


def test_queue_shows_the_badge_and_sorts_by_due_next(client, make_request, admissions_user):
    with time_machine.travel(at(2026, 12, 1, 13, 0), tick=False):
        evening = make_request(contact_time="evening", visitor_time_zone="America/Los_Angeles")  # due 8pm NY
        morning = make_request(contact_time="any")  # due at its target, 1:15pm NY
    with time_machine.travel(at(2026, 12, 1, 13, 12), tick=False):
        client.force_login(admissions_user)
        page = client.get(reverse("insurance_requests:index"), {"ordering": "due_at"}).content.decode()
    assert page.index(f"Request #{morning.pk}") < page.index(f"Request #{evening.pk}")
    assert 'intake-clock--near">3 min left' in page
    assert "8:00 p.m." in page or "8:00 pm" in page.lower()  # the evening call in New York time
    assert "their time: Tue 5:00 p.m. (America/Los_Angeles)" in page


def test_browser_time_zone_is_stored_from_the_form(client, valid_data):
    client.post(reverse("intake:verify"), {**valid_data, "time_zone": "America/Los_Angeles"})
    client.post(reverse("intake:verify"), {**valid_data, "phone": "(202) 555-0148", "time_zone": "<script>"})
    zones = list(VerificationRequest.objects.order_by("pk").values_list("visitor_time_zone", flat=True))
    assert zones == ["America/Los_Angeles", ""]


def test_escalation_emails_on_duty_admissions_exactly_once(make_request, admissions_user, superuser):
    admissions_user.email = "casey@harborlight.example"
    admissions_user.save()
    with time_machine.travel(at(2026, 12, 1, 10, 0), tick=False):
        waiting = make_request()
        assigned = make_request(assigned_to=superuser)
        set_available(admissions_user, True)
    mail.outbox.clear()
    with time_machine.travel(at(2026, 12, 1, 10, 5), tick=False):
        assert escalate_due() == 0  # 10 minutes before the target: too early
    with time_machine.travel(at(2026, 12, 1, 10, 10), tick=False):
        set_available(admissions_user, True)  # a fresh heartbeat: on duty
        assert escalate_due() == 1
        assert escalate_due() == 0  # once
    with time_machine.travel(at(2026, 12, 1, 10, 30), tick=False):
        assert escalate_due() == 0  # still once, even past the target
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["casey@harborlight.example"]
    assert f"#{waiting.pk}" in message.subject and f"#{assigned.pk}" not in message.body
    for secret in ("Robin", "Fictional", "0199", "robin@example.com", "MEM-0001"):
        assert secret not in message.subject + message.body
    assert AuditEvent.objects.filter(action="escalated", target_id=str(waiting.pk)).count() == 1


def test_escalation_falls_back_to_the_inbox_and_skips_contacted_requests(make_request, admissions_user):
    with time_machine.travel(at(2026, 12, 1, 10, 0), tick=False):
        contacted = make_request()
        services.log_contact_attempt(admissions_user, contacted, "phone", "voicemail")
        waiting = make_request()
    mail.outbox.clear()
    with time_machine.travel(at(2026, 12, 1, 10, 12), tick=False):
        assert escalate_due() == 1
    assert mail.outbox[0].to == ["admissions@harborlight.example"]
    assert f"#{waiting.pk}" in mail.outbox[0].subject


def test_repeat_views_within_ten_minutes_are_one_audit_row(client, make_request, admissions_user):
    request = make_request()
    client.force_login(admissions_user)
    with time_machine.travel(at(2026, 12, 1, 10, 0), tick=False):
        client.get(reverse("insurance_requests:inspect", args=[request.pk]))
        client.get(reverse("insurance_requests:inspect", args=[request.pk]))
    with time_machine.travel(at(2026, 12, 1, 10, 11), tick=False):
        client.get(reverse("insurance_requests:inspect", args=[request.pk]))
    assert AuditEvent.objects.filter(action="viewed", target_id=str(request.pk)).count() == 2


def test_export_has_every_field_the_request_page_shows(client, make_request, klonopin, library, admissions_user):
    request = make_request(
        patient="other",
        relationship="my brother",
        holder_is_patient=False,
        holder_name="Pat Holder",
        holder_date_of_birth=datetime.date(1960, 5, 6),
        substance_ids=str(klonopin.pk),
        substance_other="kratom",
        source_page_id=str(klonopin.pk),
        visitor_time_zone="America/Los_Angeles",
    )
    services.add_note(admissions_user, request, "First note")
    services.log_contact_attempt(admissions_user, request, "phone", "reached")
    client.force_login(admissions_user)
    body = b"".join(client.get(reverse("insurance_requests:index"), {"export": "csv"}).streaming_content).decode()
    notice, header, row = list(csv.reader(io.StringIO(body)))[:3]
    assert notice[0].startswith("Notice against redisclosure")
    for heading in (
        "Who needs treatment",
        "Relationship to the patient",
        "Policy holder",
        "Policy holder date of birth",
        "Substances of concern",
        "Came from",
        "Staff notes",
        "Contact attempts",
        "Visitor's time zone",
        "First-contact target",
    ):
        assert heading in header
    for value in (
        "Someone else",
        "my brother",
        "Pat Holder",
        "1960-05-06",
        "Klonopin; other: kratom",
        "America/Los_Angeles",
    ):
        assert value in row
    assert row[-1] == "1"  # one note


@pytest.mark.parametrize(
    ("created", "target"),
    [
        (at(2026, 12, 1, 8, 0), at(2026, 12, 1, 8, 15)),  # the minute the office opens: open
        (at(2026, 12, 1, 20, 0), at(2026, 12, 2, 9, 0)),  # the minute it closes: closed, next morning
        (at(2026, 12, 1, 8, 30), at(2026, 12, 1, 8, 45)),  # open before the after-hours target time
    ],
)
def test_office_hours_include_the_opening_minute_and_exclude_the_closing_one(created, target):
    assert target_for(created) == target


@override_settings(INTAKE_OFFICE_HOURS={})
def test_an_office_with_no_open_day_falls_back_to_the_minutes_target():
    assert target_for(at(2026, 12, 1, 22, 0)) == at(2026, 12, 1, 22, 15)


@override_settings(INTAKE_OFFICE_HOURS={0: "10:00-12:00"}, INTAKE_AFTER_HOURS_TARGET="09:00")
def test_after_hours_a_week_ahead_is_still_found():
    # Monday 12:00 (just closed): the only open morning is the next Monday, seven days on.
    assert target_for(at(2026, 11, 30, 12, 0)) == at(2026, 12, 7, 10, 0)


def test_a_callback_window_includes_its_start_and_excludes_its_end():
    assert callback_due_for(at(2026, 12, 1, 17, 0), "evening", "") == at(2026, 12, 1, 17, 0)
    assert callback_due_for(at(2026, 12, 1, 20, 0), "evening", "") == at(2026, 12, 2, 17, 0)
    assert callback_due_for(at(2026, 12, 1, 6, 30), "morning", "") == at(2026, 12, 1, 8, 0)
    assert callback_due_for(at(2026, 12, 1, 12, 0), "afternoon", "") == at(2026, 12, 1, 12, 0)
    assert callback_due_for(at(2026, 12, 1, 16, 59), "afternoon", "") == at(2026, 12, 1, 16, 59)


@pytest.mark.parametrize(
    ("minutes", "label"),
    [
        (0, "0 min"),
        (59, "59 min"),
        (60, "1 h"),
        (61, "1 h 1 min"),
        (47 * 60 + 59, "47 h 59 min"),
        (48 * 60, "2 days"),
        (71 * 60, "2 days"),
        (72 * 60, "3 days"),
    ],
)
def test_duration_labels(minutes, label):
    assert duration_label(minutes) == label


@time_machine.travel(at(2026, 12, 1, 10, 0), tick=False)
def test_the_clock_at_its_boundaries(make_request):
    """Contacted exactly at the target is met; exactly at the target unanswered is past; 5 minutes is near."""
    request = make_request()
    target = at(2026, 12, 1, 10, 15)
    assert clock(request, target) == Clock("past", 0, "Past target by 0 min")
    assert clock(request, at(2026, 12, 1, 10, 10)) == Clock("near", 5, "5 min left")
    assert clock(request, at(2026, 12, 1, 10, 9)) == Clock("within", 6, "6 min left")
    assert clock(request, at(2026, 12, 1, 10, 9, 30)).minutes == 5  # whole minutes, rounded down
    request.first_contact_at = target
    assert clock(request) == Clock("met", 15, "Contacted in 15 min")
    request.first_contact_at = at(2026, 12, 1, 12, 5)
    assert clock(request) == Clock("missed", 125, "Contacted in 2 h 5 min, after the target")


@time_machine.travel(at(2026, 12, 1, 10, 0), tick=False)
def test_the_clock_uses_the_stored_target_and_now_by_default(make_request):
    request = make_request()
    request.target_at = at(2026, 12, 1, 11, 0)  # a stored target wins over one worked out again
    assert clock(request) == Clock("within", 60, "1 h left")


def test_only_the_first_contact_stops_the_clock(make_request):
    request = make_request()
    first, later = at(2026, 12, 1, 10, 3), at(2026, 12, 1, 10, 9)
    assert mark_first_contact(request, first) is True
    assert request.first_contact_at == first
    assert mark_first_contact(request, later) is False
    assert request.first_contact_at == first
    request.refresh_from_db()
    assert request.first_contact_at == first


@time_machine.travel(at(2026, 12, 1, 10, 0), tick=False)
def test_first_contact_defaults_to_now(make_request):
    request = make_request()
    assert mark_first_contact(request) is True
    request.refresh_from_db()
    assert request.first_contact_at == at(2026, 12, 1, 10, 0)


@pytest.mark.parametrize(
    ("name", "stored"),
    [
        ("  America/Chicago ", "America/Chicago"),
        ("Europe/Madrid", "Europe/Madrid"),
        ("Not/AZone", ""),
        ("../../etc/passwd", ""),
        ("", ""),
        (None, ""),
        ("America/" + "x" * 60, ""),
    ],
)
def test_only_known_time_zones_are_kept(name, stored):
    assert valid_time_zone(name) == stored


def test_first_contact_on_one_request_leaves_the_others_waiting(make_request):
    contacted, waiting = make_request(), make_request()
    assert mark_first_contact(contacted, at(2026, 12, 1, 10, 3)) is True
    waiting.refresh_from_db()
    assert waiting.first_contact_at is None


def test_a_request_not_yet_stored_is_timed_from_its_creation():
    """target_at is set when a request is saved; before that the clock works the target out itself."""
    request = VerificationRequest(created_at=at(2026, 12, 1, 10, 0))
    assert request.target_at is None
    assert clock(request, at(2026, 12, 1, 10, 5)) == Clock("within", 10, "10 min left")
