"""intake/escalation.py on its own: who is warned, about which requests, with what, and what a failed send leaves
(written to kill mutmut's survivors; the end-to-end sweep is in test_speed_to_lead.py)."""

import datetime
import smtplib
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.test import override_settings

from accounts.roles import ADMISSIONS, EDITORS
from audit.models import AuditEvent
from chat.availability import set_available
from intake.escalation import due_for_escalation, escalate_due, escalate_if_due, on_duty_recipients, warn_from
from intake.models import VerificationRequest
from intake.tasks import admin_link
from tests.factories.users import make_staff
from tests.intake.test_notifications import FAILING_MAIL

pytestmark = pytest.mark.django_db

NY = zoneinfo.ZoneInfo("America/New_York")
# A Tuesday years ahead of the real clock, office open: target 10:15. Every call is given its time, so a
# call that fell back to the real clock would find nothing due.
CREATED = datetime.datetime(2036, 12, 2, 10, 0, tzinfo=NY)
WARN = datetime.datetime(2036, 12, 2, 10, 10, tzinfo=NY)  # five minutes before the target


@pytest.fixture
def waiting(make_request):
    with time_machine.travel(CREATED, tick=False):
        return make_request()


def test_the_warning_is_due_five_minutes_before_the_target():
    assert warn_from(datetime.datetime(2036, 12, 2, 10, 15, tzinfo=NY)) == WARN


def test_closed_requests_are_never_escalated(waiting):
    VerificationRequest.objects.filter(pk=waiting.pk).update(status=VerificationRequest.Status.CLOSED)
    assert not due_for_escalation(WARN).exists()
    assert escalate_if_due(waiting.pk, WARN) == "not due"
    assert mail.outbox == []


def test_one_request_says_why_nothing_was_sent(waiting):
    mail.outbox.clear()
    assert escalate_if_due(waiting.pk, WARN - datetime.timedelta(minutes=1)) == "not due"
    assert escalate_if_due(waiting.pk, WARN) == "sent"
    assert escalate_if_due(waiting.pk, WARN) == "not due"  # escalated already: no longer due
    waiting.refresh_from_db()
    assert waiting.escalated_at == WARN
    assert len(mail.outbox) == 1


def test_the_sweep_uses_the_time_it_is_given(waiting):
    """The sweep and each request's check use the time given, not the real clock (years earlier)."""
    mail.outbox.clear()
    assert escalate_due(WARN - datetime.timedelta(minutes=1)) == 0
    assert escalate_due(WARN) == 1
    assert len(mail.outbox) == 1
    waiting.refresh_from_db()
    assert waiting.escalated_at == WARN


def test_the_warning_names_the_number_the_deadline_and_the_link(waiting):
    mail.outbox.clear()
    escalate_if_due(waiting.pk, WARN)
    message = mail.outbox[0]
    assert message.subject == f"Request #{waiting.pk} needs someone before 10:15 EST"
    assert message.from_email == "no-reply@harborlight.example"
    assert message.body == (
        f"Request #{waiting.pk} is unassigned and nobody has contacted the visitor yet.\n"
        "Its first-contact target is 10:15 EST. Please pick it up:\n"
        f"{admin_link(waiting.pk)}\n\n"
        "For confidentiality this e-mail never contains the visitor's details."
    )
    assert admin_link(waiting.pk).startswith("http://testserver/")
    event = AuditEvent.objects.get(action=AuditEvent.Action.ESCALATED)
    assert (event.actor, event.target_id, event.detail) == (None, str(waiting.pk), "unassigned near target")


def test_only_available_admissions_staff_with_an_address_are_warned():
    with time_machine.travel(WARN, tick=False):
        zoe = make_staff("zoe-admissions", ADMISSIONS)
        ana = make_staff("ana-admissions", ADMISSIONS)
        blank = make_staff("bo-admissions", ADMISSIONS)
        blank.email = ""
        blank.save()
        away = make_staff("al-admissions", ADMISSIONS)
        editor = make_staff("ed-editor", EDITORS)
        for user in (zoe, ana, blank, editor):
            set_available(user, True)
        set_available(away, False)
        assert on_duty_recipients() == ["ana-admissions@harborlight.example", "zoe-admissions@harborlight.example"]
        set_available(zoe, False)
        set_available(ana, False)
        assert on_duty_recipients() == ["admissions@harborlight.example"]  # nobody on duty with an address


@override_settings(MAILERS=FAILING_MAIL)
def test_a_failed_send_releases_the_claim_for_the_next_sweep(waiting):
    with pytest.raises(smtplib.SMTPException):
        escalate_if_due(waiting.pk, WARN)
    waiting.refresh_from_db()
    assert waiting.escalated_at is None
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.ESCALATED).exists()
    assert due_for_escalation(WARN).filter(pk=waiting.pk).exists()
