"""intake/consent.py's model rules on their own: one current version per language, frozen signed wording,
the signed record and why a disclosure is refused (written to kill mutmut's survivors)."""

import datetime
import zoneinfo

import pytest
from django.core.exceptions import ValidationError

from intake.consent import ConsentRevocation, ConsentVersion, SignedConsent, disclosure_block_reason, normalise_name
from intake.models import VerificationRequest

pytestmark = pytest.mark.django_db

WORDING = {"program_name": "p", "information": "i", "purpose": "p", "revocation": "r", "no_conditioning": "n"}


def test_making_a_version_current_retires_only_the_current_one_of_its_language():
    old_english, spanish = ConsentVersion.current(), ConsentVersion.current("es")
    draft = ConsentVersion.objects.create(label="draft", **WORDING)
    new = ConsentVersion.objects.create(label="2026-03 v2", is_current=True, **WORDING)
    current = dict(ConsentVersion.objects.values_list("pk", "is_current"))
    assert current == {old_english.pk: False, spanish.pk: True, draft.pk: False, new.pk: True}


def test_save_passes_its_options_on(client, valid_data):
    """update_fields writes only the named columns, as Django's save does."""
    version = ConsentVersion.objects.create(label="draft", **WORDING)
    ConsentVersion.objects.filter(pk=version.pk).update(label="renamed elsewhere")
    version.is_current = True
    version.save(update_fields=["is_current"])
    version.refresh_from_db()
    assert (version.label, version.is_current) == ("renamed elsewhere", True)


def test_a_signed_version_says_why_it_cannot_be_deleted(client, valid_data):
    client.post("/verify-insurance/", valid_data)
    version = ConsentVersion.current()
    with pytest.raises(ValidationError) as refused:
        version.delete()
    assert refused.value.messages == ["People have signed this version; it is kept as their record."]
    assert ConsentVersion.objects.filter(pk=version.pk).exists()
    unused = ConsentVersion.objects.create(label="unused", **WORDING)
    assert unused.delete()[0] == 1


def test_a_signed_version_says_why_its_wording_cannot_change(client, valid_data):
    client.post("/verify-insurance/", valid_data)
    version = ConsentVersion.current()
    version.purpose = "Marketing"
    with pytest.raises(ValidationError) as refused:
        version.save()
    assert refused.value.messages == [
        "People have signed this version, so its wording cannot change. Add a new version instead."
    ]


def test_a_callback_only_request_says_in_full_why_nothing_may_be_disclosed(client, valid_data):
    data = {**valid_data, "patient": "other", "relationship": "my son", "authority": "none"}
    assert client.post("/verify-insurance/", {**data, "part2_signature": "", "part2_agree": ""}).status_code == 302
    consent = VerificationRequest.objects.get().part2
    assert consent.disclosure_block_reason() == (
        "The person asked on someone else's behalf without authority to consent. Callback only: "
        "disclose nothing to the insurer until the patient signs a consent."
    )


def test_each_reason_a_disclosure_is_refused_is_given_in_full(make_request):
    signed_at = datetime.datetime(2026, 6, 1, 12, 0, tzinfo=zoneinfo.ZoneInfo("America/New_York"))
    consent = SignedConsent.sign(
        make_request(), ConsentVersion.current(), signer="patient", signature="Robin", recipient="Aetna", now=signed_at
    )
    assert consent.expires_on == datetime.date(2026, 8, 30)  # 90 days
    assert consent.disclosure_block_reason(today=datetime.date(2026, 8, 30)) == ""  # the last day still counts
    assert (
        consent.disclosure_block_reason(today=datetime.date(2026, 8, 31)) == "The consent expired on August 30, 2026."
    )
    ConsentRevocation.objects.create(consent=consent, revoked_on=datetime.date(2026, 7, 4), received_via="email")
    consent = SignedConsent.objects.get(pk=consent.pk)
    assert consent.disclosure_block_reason(today=datetime.date(2026, 7, 5)) == (
        "The consent was revoked on July 4, 2026 (by e-mail)."
    )

    closed = make_request(status=VerificationRequest.Status.CLOSED)
    consent = SignedConsent.sign(closed, ConsentVersion.current(), signer="patient", signature="R", recipient="A")
    assert consent.disclosure_block_reason() == (
        "The verification has ended (the request is closed), so the consent has expired."
    )


def test_typed_names_compare_without_case_or_extra_spaces():
    assert normalise_name("  Jordan   TESTperson ") == "jordan testperson"
    assert normalise_name(None) == normalise_name("") == ""


def test_a_callback_only_record_keeps_no_signature_date_or_expiry(make_request):
    consent = SignedConsent.sign(
        make_request(), ConsentVersion.current(), signer="none", signature="Robin Fictional", recipient="Aetna"
    )
    consent.refresh_from_db()
    assert (consent.signature, consent.signed_at, consent.expires_on) == ("", None, None)
    assert (consent.authority, consent.relationship) == ("", "")  # nothing given: nothing stored


def test_a_request_from_before_the_consent_existed_may_not_be_disclosed(make_request):
    assert disclosure_block_reason(make_request()) == (
        "This request has no Part 2 consent on file. Disclose nothing until the patient signs one."
    )


def test_when_two_versions_are_current_the_newest_is_shown():
    """save() keeps one current version per language; rows written around it (a data fix with update()) may not."""
    english = ConsentVersion.current()
    later = english.created_at + datetime.timedelta(days=1)
    older_row = ConsentVersion.objects.create(label="made later", created_at=later, **WORDING)
    newer_row = ConsentVersion.objects.create(label="made earlier", created_at=english.created_at, **WORDING)
    ConsentVersion.objects.filter(pk__in=[older_row.pk, newer_row.pk]).update(is_current=True)
    assert ConsentVersion.current() == older_row  # the later created_at, although its row is older
    ConsentVersion.objects.filter(pk=older_row.pk).update(is_current=False)
    assert ConsentVersion.current() == newer_row  # the same time as `english`: the later row wins
