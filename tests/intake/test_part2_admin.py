"""Staff side of Part 2: the signed consent on the request page, disclosures, revocation, printing, audit."""

import csv
import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from intake.consent import REDISCLOSURE_NOTICE, ConsentVersion, Disclosure, SignedConsent
from intake.models import VerificationRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client, admissions_user):
    client.force_login(admissions_user)
    return client


@pytest.fixture
def signed_request(make_request):
    request = make_request()
    SignedConsent.sign(
        request, ConsentVersion.current(), signer="patient", signature="Robin Fictional", recipient="Aetna"
    )
    return request


def disclose(client, request, **fields):
    data = {
        "recipient": "Aetna",
        "disclosed_on": timezone.localdate().isoformat(),
        "method": "phone",
        "information": "name, date of birth, member ID",
        "purpose": "Eligibility and benefits",
        **fields,
    }
    return client.post(reverse("part2_disclosure", args=[request.pk]), data)


def page_text(response):
    return " ".join(BeautifulSoup(response.content.decode(), "html.parser").get_text(" ").split())


def test_request_page_shows_the_signed_consent(staff, signed_request):
    text = page_text(staff.get(reverse("insurance_requests:inspect", args=[signed_request.pk])))
    assert "Part 2 consent (42 CFR §2.31)" in text
    assert "2026-02 v1" in text and "“Robin Fictional”" in text
    assert signed_request.part2.text_hash in text
    assert "Patient: Robin Fictional." in text and "To whom: Aetna." in text
    assert "Record a disclosure" in text and "Record a revocation" in text


def test_accounting_lists_exactly_the_disclosures_recorded_in_order(staff, signed_request, admissions_user):
    today = timezone.localdate()
    disclose(staff, signed_request, recipient="Aetna", disclosed_on=(today - datetime.timedelta(days=2)).isoformat())
    disclose(staff, signed_request, recipient="Clearinghouse X", information="member ID")
    disclose(
        staff, signed_request, recipient="Aetna again", disclosed_on=(today - datetime.timedelta(days=1)).isoformat()
    )
    stored = list(signed_request.disclosures.values_list("disclosed_on", flat=True))
    assert stored == sorted(stored) and len(stored) == 3
    response = staff.get(reverse("part2_print", args=[signed_request.pk, "accounting"]))
    rows = BeautifulSoup(response.content.decode(), "html.parser").select("tbody tr")
    assert [row.find_all("td")[1].get_text() for row in rows] == ["Aetna", "Aetna again", "Clearinghouse X"]
    assert "Eligibility and benefits" in rows[0].get_text()
    assert "Patient: Robin Fictional" in page_text(response)
    assert REDISCLOSURE_NOTICE[:80] in response.content.decode()
    actions = list(AuditEvent.objects.for_object(signed_request).values_list("action", "detail"))
    assert actions.count(("printed", "accounting")) == 1
    assert sum(1 for action, _ in actions if action == "disclosed") == 3
    assert Disclosure.objects.filter(disclosed_by=admissions_user).count() == 3


def test_revocation_blocks_further_disclosures(staff, signed_request):
    disclose(staff, signed_request)
    response = staff.post(
        reverse("part2_revocation", args=[signed_request.pk]),
        {"revoked_on": timezone.localdate().isoformat(), "received_via": "email"},
    )
    assert response.status_code == 302
    assert AuditEvent.objects.for_object(signed_request).filter(action="consent_revoked").exists()
    page = staff.get(reverse("insurance_requests:inspect", args=[signed_request.pk]))
    text = page_text(page)
    assert "Disclosure actions are blocked. The consent was revoked on" in text
    assert "Record a disclosure" not in text and "Record a revocation" not in text
    response = disclose(staff, signed_request, recipient="Should not be stored")
    assert response.status_code == 302
    assert signed_request.disclosures.count() == 1
    assert not AuditEvent.objects.for_object(signed_request).filter(action="disclosed").count() > 1


@pytest.mark.parametrize(
    "state", ["no consent", "callback only", "expired", "closed"], ids=lambda state: state.replace(" ", "-")
)
def test_disclosure_refused_without_a_valid_consent(staff, make_request, state):
    request = make_request()
    if state != "no consent":
        signer = "none" if state == "callback only" else "patient"
        SignedConsent.sign(request, ConsentVersion.current(), signer=signer, signature="Robin Fictional", recipient="A")
    if state == "expired":
        SignedConsent.objects.filter(request=request).update(expires_on=timezone.localdate() - datetime.timedelta(1))
    if state == "closed":
        request.status = VerificationRequest.Status.CLOSED
        request.save()
    disclose(staff, request)
    assert request.disclosures.count() == 0


@pytest.mark.parametrize(
    ("url_name", "data", "message"),
    [
        ("part2_disclosure", {"disclosed_on": "2999-01-01"}, "A disclosure cannot be dated in the future"),
        ("part2_revocation", {"revoked_on": "2999-01-01"}, "A revocation cannot be dated in the future"),
    ],
)
def test_future_dated_disclosure_or_revocation_is_refused_politely(staff, signed_request, url_name, data, message):
    if url_name == "part2_disclosure":
        response = disclose(staff, signed_request, **data)
    else:
        response = staff.post(reverse(url_name, args=[signed_request.pk]), {**data, "received_via": "email"})
    assert response.status_code == 302
    assert signed_request.disclosures.count() == 0
    assert signed_request.part2.revocation_or_none() is None
    page = staff.get(response["Location"])
    assert message in page_text(page)


def test_print_of_consent_fits_the_notice_and_is_audited(staff, signed_request):
    response = staff.get(reverse("part2_print", args=[signed_request.pk, "consent"]))
    text = page_text(response)
    assert "Signed electronically by “Robin Fictional”" in text
    assert "Notice against redisclosure (42 CFR §2.32)" in text
    assert staff.get(reverse("part2_print", args=[signed_request.pk, "other"])).status_code == 404


def test_csv_export_carries_the_redisclosure_notice(client, superuser, make_request):
    make_request()
    client.force_login(superuser)
    response = client.get(reverse("insurance_requests:index"), {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][0].startswith("Notice against redisclosure (42 CFR 2.32)")  # read before any record
    assert rows[1][0] == "Request #"


def test_editors_cannot_record_disclosures(client, editor_user, signed_request):
    client.force_login(editor_user)
    response = disclose(client, signed_request)
    assert response.status_code == 403 or response.url == "/admin/"  # Wagtail's admin redirects refusals
    assert signed_request.disclosures.count() == 0


def test_only_superusers_manage_consent_versions(client, admissions_user, superuser):
    url = reverse("part2_consent_versions:index")
    client.force_login(admissions_user)
    assert client.get(url).status_code in {302, 403}
    client.force_login(superuser)
    assert client.get(url).status_code == 200


def test_accounting_leaves_out_other_requests_disclosures(staff, signed_request, make_request):
    other = make_request()
    SignedConsent.sign(other, ConsentVersion.current(), signer="patient", signature="Robin Fictional", recipient="B")
    disclose(staff, other, recipient="Other Plan")
    disclose(staff, signed_request, recipient="Aetna")
    rows = BeautifulSoup(
        staff.get(reverse("part2_print", args=[signed_request.pk, "accounting"])).content.decode(), "html.parser"
    ).select("tbody tr")
    assert [row.find_all("td")[1].get_text() for row in rows] == ["Aetna"]


def test_the_request_page_carries_the_redisclosure_notice_when_printed(staff, signed_request):
    """A browser print of the request page itself (not only the print views) has the §2.32 notice."""
    soup = BeautifulSoup(
        staff.get(reverse("insurance_requests:inspect", args=[signed_request.pk])).content.decode(), "html.parser"
    )
    notice = " ".join(soup.select_one(".part2-notice").get_text(" ").split())
    assert notice.startswith("Notice against redisclosure (42 CFR §2.32).")
    assert " ".join(REDISCLOSURE_NOTICE.split())[:200] in notice


@pytest.fixture
def signed_version(signed_request):
    return signed_request.part2.version


def test_consent_version_form_says_the_wording_needs_counsel(client, superuser, signed_version):
    client.force_login(superuser)
    for url in (
        reverse("part2_consent_versions:add"),
        reverse("part2_consent_versions:edit", args=[signed_version.pk]),
    ):
        text = page_text(client.get(url))
        assert "Template wording: have counsel review it before it is made current." in text, url


def test_a_signed_version_shows_its_wording_frozen_and_ignores_edits(client, superuser, signed_version):
    client.force_login(superuser)
    url = reverse("part2_consent_versions:edit", args=[signed_version.pk])
    soup = BeautifulSoup(client.get(url).content.decode(), "html.parser")
    assert "People have signed this version, so its wording is frozen." in soup.get_text()
    assert soup.select_one("textarea[name=purpose]").has_attr("disabled")
    purpose = signed_version.purpose
    response = client.post(url, {"purpose": "Marketing", "is_current": "on"})
    assert response.status_code == 302
    signed_version.refresh_from_db()
    assert signed_version.purpose == purpose and signed_version.is_current


def test_a_signed_version_cannot_be_deleted_even_by_a_superuser(client, superuser, signed_version):
    client.force_login(superuser)
    url = reverse("part2_consent_versions:delete", args=[signed_version.pk])
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 302 and response.url == reverse("part2_consent_versions:index")
    assert ConsentVersion.objects.filter(pk=signed_version.pk).exists()
    edit = client.get(reverse("part2_consent_versions:edit", args=[signed_version.pk])).content.decode()
    assert url not in edit  # no delete action is offered
    unused = ConsentVersion.objects.create(
        label="unused", program_name="p", information="i", purpose="p", revocation="r", no_conditioning="n"
    )
    assert client.post(reverse("part2_consent_versions:delete", args=[unused.pk])).status_code == 302
    assert not ConsentVersion.objects.filter(pk=unused.pk).exists()
