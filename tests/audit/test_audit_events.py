"""Audit events are append-only."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied

from audit.models import AuditEvent
from audit.services import record

pytestmark = pytest.mark.django_db


def test_record_names_actor_action_and_target():
    user = get_user_model().objects.create_user("staff")
    event = record(user, AuditEvent.Action.VIEWED, target=user, detail="opened")
    assert AuditEvent.objects.for_object(user).get() == event
    assert event.actor == user and event.target == user


def test_events_cannot_be_changed_or_deleted():
    event = record(None, AuditEvent.Action.PURGED, detail="3 requests")
    event.detail = "edited"
    with pytest.raises(PermissionDenied, match=r"^Audit events cannot be changed\.$"):
        event.save()
    with pytest.raises(PermissionDenied, match=r"^Audit events cannot be deleted\.$"):
        event.delete()
    with pytest.raises(PermissionDenied, match=r"^Audit events cannot be deleted\.$"):
        AuditEvent.objects.all().delete()
    with pytest.raises(PermissionDenied, match=r"^Audit events cannot be changed\.$"):
        AuditEvent.objects.update(detail="x")
    assert AuditEvent.objects.get().detail == "3 requests"


def test_an_event_reads_as_action_actor_and_time_without_personal_data():
    event = record(None, AuditEvent.Action.PURGED, detail="3 requests")
    assert str(event) == f"Purged by system at {event.at:%Y-%m-%d %H:%M}"
