"""Who viewed, changed, noted or exported a request is recorded, shown on its page, and not editable."""

import pytest
from django.urls import URLResolver, get_resolver, reverse

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


def test_export_is_audited_with_its_filters_and_each_request_and_no_personal_data(
    client, admissions_user, make_request
):
    make_request()
    closed = [make_request(status="closed"), make_request(status="closed", phone="+12025550177")]
    client.force_login(admissions_user)
    response = client.get(reverse("insurance_requests:index") + "?export=csv&status=closed&kind=insurance")
    body = b"".join(response.streaming_content).decode()
    assert body.count("Robin Fictional") == 2  # the filter applies to the export
    summary = AuditEvent.objects.get(action=AuditEvent.Action.EXPORTED, target_id="")
    assert summary.actor == admissions_user
    assert summary.detail == "insurance requests CSV: 2 rows; filters: status=closed, kind=insurance"
    per_request = AuditEvent.objects.filter(action=AuditEvent.Action.EXPORTED).exclude(target_id="")
    assert sorted(per_request.values_list("target_id", flat=True)) == sorted(str(r.pk) for r in closed)
    assert {e.detail for e in per_request} == {f"in CSV export #{summary.pk}"}
    assert all(e.actor == admissions_user for e in per_request)
    # Each exported request's own page lists the export in its audit trail.
    page = client.get(reverse("insurance_requests:inspect", args=[closed[0].pk])).content.decode()
    assert f"in CSV export #{summary.pk}" in page


def test_an_export_by_search_notes_the_search_but_not_its_terms(client, admissions_user, make_request):
    make_request(email="robin@example.com")
    client.force_login(admissions_user)
    response = client.get(reverse("insurance_requests:index"), {"export": "csv", "q": "robin@example.com"})
    b"".join(response.streaming_content)
    summary = AuditEvent.objects.get(action=AuditEvent.Action.EXPORTED, target_id="")
    assert summary.detail == "insurance requests CSV: 1 rows; filters: search (terms not recorded)"
    assert not AuditEvent.objects.filter(detail__contains="robin").exists()


def all_url_patterns(patterns=None, prefix=""):
    """Every URL pattern of the site, flattened, as (route, pattern)."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            yield from all_url_patterns(entry.url_patterns, prefix + str(entry.pattern))
        else:
            yield prefix + str(entry.pattern), entry


def view_model(pattern):
    """The model a generic (Django or Wagtail) view works on, if any."""
    callback = pattern.callback
    initkwargs = getattr(callback, "view_initkwargs", {})
    return initkwargs.get("model") or getattr(getattr(callback, "view_class", None), "model", None)


def test_staff_have_no_admin_url_to_change_audit_rows(client, superuser, make_request):
    request = make_request()
    client.force_login(superuser)
    client.get(reverse("insurance_requests:inspect", args=[request.pk]))
    event = AuditEvent.objects.get(action=AuditEvent.Action.VIEWED)

    # No view anywhere in the URLconf works on audit rows (no list, edit, delete or create view)...
    audit_routes = [route for route, pattern in all_url_patterns() if view_model(pattern) is AuditEvent]
    assert audit_routes == []
    assert not [route for route, _ in all_url_patterns() if "audit" in route.lower()]
    # ...and the URLs a snippet, ModelViewSet or Django admin registration would have all answer 404, even to POST.
    for url in (
        "/admin/audit/",
        f"/admin/audit/auditevent/{event.pk}/change/",
        "/admin/snippets/audit/auditevent/",
        f"/admin/snippets/audit/auditevent/edit/{event.pk}/",
        f"/admin/snippets/audit/auditevent/delete/{event.pk}/",
        f"/admin/auditevent/edit/{event.pk}/",
        f"/admin/audit_events/delete/{event.pk}/",
        f"/django-admin/audit/auditevent/{event.pk}/delete/",
    ):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"action": "deleted"}).status_code in (404, 403), url
    event.refresh_from_db()
    assert event.action == AuditEvent.Action.VIEWED
    assert AuditEvent.objects.count() == 1
