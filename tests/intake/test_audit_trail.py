"""Who viewed, changed, noted or exported a request is recorded, shown on its page, and not editable."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_viewing_a_request_records_an_audit_row(client, admissions_user, make_request):
    request = make_request()
    client.force_login(admissions_user)
    client.get(reverse("insurance_requests:inspect", args=[request.pk]))
    event = AuditEvent.objects.for_object(request).get(action=AuditEvent.Action.VIEWED)
    assert event.actor == admissions_user


def test_refused_viewers_leave_no_viewed_row(client, editor_user, make_request):
    request = make_request()
    client.force_login(editor_user)
    client.get(reverse("insurance_requests:inspect", args=[request.pk]))
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.VIEWED).exists()


def test_status_assignment_and_note_are_audited_and_shown(client, admissions_user, make_request):
    request = make_request()
    client.force_login(admissions_user)
    client.post(
        reverse("insurance_requests:edit", args=[request.pk]),
        {"status": "covered", "assigned_to": str(admissions_user.pk)},
    )
    client.post(reverse("insurance_requests:add_note", args=[request.pk]), {"text": "Benefits confirmed with insurer"})
    actions = list(AuditEvent.objects.for_object(request).values_list("action", "detail"))
    assert ("status_changed", "status: New → Covered") in actions
    assert ("assigned", "assigned: nobody → casey-admissions") in actions
    assert any(action == "note_added" and "Benefits" not in detail for action, detail in actions)
    page = client.get(reverse("insurance_requests:inspect", args=[request.pk])).content.decode()
    assert "Audit trail" in page
    for label in ("Changed status", "Changed assignment", "Added a note", "Viewed"):
        assert label in page
    assert "Benefits confirmed with insurer" in page  # the note itself, decrypted for staff


def test_saving_without_changes_records_nothing(client, admissions_user, make_request):
    request = make_request()
    client.force_login(admissions_user)
    client.post(reverse("insurance_requests:edit", args=[request.pk]), {"status": "new", "assigned_to": ""})
    assert not AuditEvent.objects.for_object(request).exclude(action="viewed").exists()


def test_export_is_audited_with_a_row_count_and_no_personal_data(client, admissions_user, make_request):
    make_request()
    make_request(status="closed")
    client.force_login(admissions_user)
    response = client.get(reverse("insurance_requests:index") + "?export=csv&status=closed")
    body = b"".join(response.streaming_content).decode()
    assert body.count("Robin Fictional") == 1  # the filter applies to the export
    event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORTED)
    assert event.actor == admissions_user
    assert event.detail == "insurance requests CSV: 1 rows"


def test_staff_have_no_admin_url_to_change_audit_rows(client, superuser, make_request):
    request = make_request()
    client.force_login(superuser)
    client.get(reverse("insurance_requests:inspect", args=[request.pk]))
    page = client.get(reverse("insurance_requests:inspect", args=[request.pk])).content.decode()
    assert "/admin/audit" not in page
    assert AuditEvent.objects.filter(action="viewed").count() == 1  # a reload within 10 minutes is one view
