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
    with pytest.raises(PermissionDenied):
        event.save()
    with pytest.raises(PermissionDenied):
        event.delete()
    with pytest.raises(PermissionDenied):
        AuditEvent.objects.all().delete()
    with pytest.raises(PermissionDenied):
        AuditEvent.objects.update(detail="x")
    assert AuditEvent.objects.get().detail == "3 requests"
