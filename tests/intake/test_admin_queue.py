"""The staff queue: keyed-hash search, filters, ordering, the dashboard panel, duplicates, safe CSV."""

import pytest
from django.urls import reverse

from intake.models import VerificationRequest

pytestmark = pytest.mark.django_db

INDEX = "insurance_requests:index"


@pytest.fixture
def staff(client, admissions_user):
    client.force_login(admissions_user)
    return client


def listed(response):
    return {obj.pk for obj in response.context["object_list"]}


def test_list_shows_no_personal_data(staff, make_request):
    make_request()
    html = staff.get(reverse(INDEX)).content.decode()
    assert "Request #" in html and "Aetna" in html
    for secret in ("Robin", "Fictional", "2025550199", "robin@example.com", "MEM-0001"):
        assert secret not in html
    assert "cannot be searched" in html  # the UI says why names are not searchable


@pytest.mark.parametrize(
    ("query", "which"),
    [
        ("#{pk}", "first"),
        ("{pk}", "first"),
        ("(202) 555-0199", "both"),
        ("+1 202 555 0199", "both"),
        ("ROBIN@example.com", "first"),
        ("Robin", "none"),
        ("robin@", "none"),
    ],
)
def test_search_by_number_or_exact_phone_and_email(staff, make_request, query, which):
    first = make_request()
    second = make_request(email="other@example.com")
    make_request(phone="+12025550100", email="third@example.com")
    expected = {"first": {first.pk}, "both": {first.pk, second.pk}, "none": set()}[which]
    response = staff.get(reverse(INDEX), {"q": query.format(pk=first.pk)})
    assert listed(response) == expected


def test_filters_by_status_provider_assignee_and_kind(staff, make_request, admissions_user, aetna):
    new = make_request()
    covered = make_request(status="covered", assigned_to=admissions_user)
    other_provider = make_request(provider=None, provider_other="Local Plan")
    callback = make_request(kind="callback")
    assert listed(staff.get(reverse(INDEX), {"status": "covered"})) == {covered.pk}
    assert listed(staff.get(reverse(INDEX), {"provider": "null"})) == {other_provider.pk}
    assert listed(staff.get(reverse(INDEX), {"provider": aetna.pk})) == {new.pk, covered.pk, callback.pk}
    assert listed(staff.get(reverse(INDEX), {"assigned_to": admissions_user.pk})) == {covered.pk}
    assert covered.pk not in listed(staff.get(reverse(INDEX), {"assigned_to": "null"}))
    assert listed(staff.get(reverse(INDEX), {"kind": "callback"})) == {callback.pk}


def test_date_filter_ordering_and_pagination(staff, make_request):
    import datetime

    from django.utils import timezone

    old = make_request(created_at=timezone.now() - datetime.timedelta(days=30))
    for _ in range(26):
        make_request()
    since = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    response = staff.get(reverse(INDEX), {"created_at_after": since})
    assert old.pk not in listed(response)
    response = staff.get(reverse(INDEX), {"ordering": "created_at"})
    assert response.context["object_list"][0].pk == old.pk
    assert len(response.context["object_list"]) == 25
    assert len(staff.get(reverse(INDEX), {"p": 2}).context["object_list"]) == 2


def test_dashboard_panel_counts_new_and_unassigned(staff, make_request, admissions_user):
    make_request()
    make_request()
    make_request(status="in_review", assigned_to=admissions_user)
    make_request(status="in_review")
    make_request(status="closed")
    html = staff.get(reverse("wagtailadmin_home")).content.decode()
    assert "<strong>2</strong> new" in html
    assert "<strong>3</strong> open and unassigned" in html
    # The panel's link lands on the same three requests.
    linked = staff.get(reverse(INDEX), {"assigned_to": "null", "is_open": "true"})
    assert len(linked.context["object_list"]) == 3


def test_detail_flags_possible_duplicates(staff, make_request):
    first = make_request()
    second = make_request()
    html = staff.get(reverse("insurance_requests:inspect", args=[second.pk])).content.decode()
    assert (
        f'Possible duplicate of <a href="{reverse("insurance_requests:inspect", args=[first.pk])}">#{first.pk}</a>'
        in html
    )


def test_csv_neutralises_formulas_typed_by_visitors(staff, make_request):
    make_request(full_name='=HYPERLINK("http://evil.example")', member_id="@SUM(A1)")
    body = b"".join(staff.get(reverse(INDEX), {"export": "csv"}).streaming_content).decode()
    assert "'=HYPERLINK" in body and "'@SUM(A1)" in body
    assert "+12025550199" in body  # phone numbers stay usable
    notice, header = body.splitlines()[:2]
    assert notice.startswith('"Notice against redisclosure')  # first, before any record
    assert header.startswith("Request #,Kind,Status,Assigned to,Received,Came from")


def test_invalid_note_is_refused_politely(staff, make_request):
    request = make_request()
    response = staff.post(reverse("insurance_requests:add_note", args=[request.pk]), {"text": ""}, follow=True)
    assert response.status_code == 200
    assert "The note was not saved" in response.content.decode()
    assert not request.notes.exists()


def test_status_form_only_offers_admissions_staff(staff, make_request, editor_user, admissions_user):
    request = make_request()
    response = staff.get(reverse("insurance_requests:inspect", args=[request.pk]))
    choices = {str(value) for value, _ in response.context["status_form"].fields["assigned_to"].choices}
    assert str(admissions_user.pk) in choices and str(editor_user.pk) not in choices
    refused = staff.post(
        reverse("insurance_requests:edit", args=[request.pk]), {"status": "covered", "assigned_to": editor_user.pk}
    )
    assert refused.status_code == 200  # the edit page with an error, nothing saved
    request.refresh_from_db()
    assert request.status == VerificationRequest.Status.NEW and request.assigned_to is None


def test_requests_stay_out_of_the_reference_index(make_request, aetna, django_capture_on_commit_callbacks):
    from wagtail.models import ReferenceIndex

    reverse(INDEX)  # loads the admin URLconf, which registers the viewsets
    with django_capture_on_commit_callbacks(execute=True):
        make_request()
    assert not ReferenceIndex.is_indexed(VerificationRequest)
    assert not ReferenceIndex.get_references_to(aetna).exists()
