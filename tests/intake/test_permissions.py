"""Only Admissions (and superusers) see requests: every URL, every action, for every role."""

import pytest
from django.urls import reverse

from intake.models import StaffNote, VerificationRequest

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "editor", "admissions", "superuser"]
ALLOWED = {"admissions", "superuser"}


@pytest.fixture
def as_role(client, editor_user, admissions_user, superuser):
    users = {"editor": editor_user, "admissions": admissions_user, "superuser": superuser}

    def login(role):
        if role != "anonymous":
            client.force_login(users[role])
        return client

    return login


def assert_refused(response, role):
    if role == "anonymous":
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    else:
        # Wagtail turns PermissionDenied into a redirect to the dashboard with a message, or a 403.
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert response["Location"] == reverse("wagtailadmin_home")


@pytest.mark.parametrize("role", ROLES)
def test_list(as_role, make_request, role):
    make_request()
    response = as_role(role).get(reverse("insurance_requests:index"))
    if role in ALLOWED:
        assert response.status_code == 200
        assert "Request #" in response.content.decode()
        assert "Download CSV" in response.content.decode()
    else:
        assert_refused(response, role)


@pytest.mark.parametrize("role", ROLES)
def test_detail(as_role, make_request, role):
    request = make_request()
    response = as_role(role).get(reverse("insurance_requests:inspect", args=[request.pk]))
    if role in ALLOWED:
        assert response.status_code == 200
        assert "Robin Fictional" in response.content.decode()
    else:
        assert_refused(response, role)
        assert "Robin Fictional" not in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_status_change(as_role, make_request, role):
    request = make_request()
    response = as_role(role).post(
        reverse("insurance_requests:edit", args=[request.pk]), {"status": "covered", "assigned_to": ""}
    )
    request.refresh_from_db()
    if role in ALLOWED:
        assert response.status_code == 302
        assert request.status == VerificationRequest.Status.COVERED
    else:
        assert_refused(response, role)
        assert request.status == VerificationRequest.Status.NEW


@pytest.mark.parametrize("role", ROLES)
def test_note(as_role, make_request, role):
    request = make_request()
    response = as_role(role).post(
        reverse("insurance_requests:add_note", args=[request.pk]), {"text": "Left a voicemail"}
    )
    if role in ALLOWED:
        assert response.status_code == 302
        assert StaffNote.objects.get(request=request).text == "Left a voicemail"
    else:
        assert_refused(response, role)
        assert not StaffNote.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_export(as_role, make_request, role):
    make_request()
    response = as_role(role).get(reverse("insurance_requests:index") + "?export=csv")
    if role in ALLOWED:
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        assert "Robin Fictional" in b"".join(response.streaming_content).decode()
    else:
        assert_refused(response, role)


@pytest.fixture
def viewer(db):
    """A staff member who may view requests and nothing else."""
    from django.contrib.auth.models import Permission

    from tests.factories.users import make_staff

    user = make_staff("vic-viewer")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_verificationrequest"),
    )
    return user


def test_export_needs_its_own_permission(client, make_request, viewer):
    """A staff member who may view requests but lacks the export permission gets neither button nor file."""
    make_request()
    client.force_login(viewer)
    listing = client.get(reverse("insurance_requests:index"))
    assert listing.status_code == 200
    assert "Download CSV" not in listing.content.decode() and "Download XLSX" not in listing.content.decode()
    assert_refused(client.get(reverse("insurance_requests:index") + "?export=csv"), "viewer")
    assert_refused(client.get(reverse("insurance_requests:index") + "?export=xlsx"), "viewer")


def test_a_viewer_cannot_add_notes_or_log_attempts(client, make_request, viewer):
    """The buttons on a request's page (RequestActionView) need "change": viewing the request is not enough."""
    request = make_request()
    client.force_login(viewer)
    client.post(reverse("insurance_requests:add_note", args=[request.pk]), {"text": "Called, no answer"})
    client.post(
        reverse("insurance_requests:log_attempt", args=[request.pk]), {"channel": "phone", "outcome": "reached"}
    )
    assert not request.notes.exists() and not request.contact_attempts.exists()


@pytest.mark.parametrize("role", ["editor", "admissions", "superuser"])
def test_menu_item_and_dashboard_panel_only_for_admissions(as_role, make_request, role):
    make_request()
    html = as_role(role).get(reverse("wagtailadmin_home")).content.decode()
    shown = role in ALLOWED
    assert ("Insurance requests" in html) is shown
    assert (reverse("insurance_requests:index") in html) is shown


def test_no_add_copy_or_delete_views(as_role, make_request):
    request = make_request()
    client = as_role("superuser")
    for path in ("new/", f"copy/{request.pk}/", f"delete/{request.pk}/", f"history/{request.pk}/"):
        assert client.get(reverse("insurance_requests:index") + path).status_code == 404, path


def test_admissions_group_has_exactly_the_intake_permissions():
    from django.contrib.auth.models import Group

    codenames = set(
        Group.objects.get(name="Admissions")
        .permissions.filter(content_type__app_label="intake")
        .values_list("codename", flat=True)
    )
    requests = {"view_verificationrequest", "change_verificationrequest", "export_verificationrequest"}
    insurers = {"add_insuranceprovider", "change_insuranceprovider", "view_insuranceprovider"}  # moved from pages
    assert codenames == requests | insurers
