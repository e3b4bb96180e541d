"""intake/consent_forms.py on its own: the signature rules of the public form and what it hands the service
(written to kill mutmut's survivors; the end-to-end consent tests are in test_part2_consent.py)."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from intake.consent import ConsentVersion, SignedConsent
from intake.forms import InsuranceRequestForm
from intake.models import VerificationRequest

pytestmark = pytest.mark.django_db

VERIFY = reverse("intake:verify")


def test_without_a_current_consent_the_form_takes_nothing(client, valid_data):
    ConsentVersion.objects.update(is_current=False)
    form = InsuranceRequestForm()
    assert form.part2_consent_version is None and form.part2_consent_text() == ""
    response = client.post(VERIFY, valid_data)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "We cannot take insurance details online right now. Please call us or ask for a call back."
    ]
    assert not VerificationRequest.objects.exists()


def test_an_authority_chosen_before_switching_to_myself_is_not_stored(client, valid_data):
    """Answers for "someone else" typed before choosing "myself" are not put on the patient's own consent."""
    assert client.post(VERIFY, {**valid_data, "authority": "parent", "relationship": "my son"}).status_code == 302
    consent = VerificationRequest.objects.get().part2
    assert (consent.signer, consent.authority, consent.relationship) == (SignedConsent.Signer.PATIENT, "", "")


def test_a_form_signed_under_an_older_wording_asks_again_and_carries_the_new_one(client, valid_data):
    new = ConsentVersion.objects.create(
        label="test v2", program_name="p", information="i", purpose="p", revocation="r", no_conditioning="n"
    )
    new.is_current = True
    new.save()
    response = client.post(VERIFY, valid_data)  # signed under the version shown before
    assert response.context["form"].errors["part2_agree"] == [
        "The consent wording was updated while you were filling in the form. Please read it again and sign."
    ]
    shown = BeautifulSoup(response.content.decode(), "html.parser").select_one("input[name=part2_version]")
    assert shown["value"] == str(new.pk)
    assert client.post(VERIFY, {**valid_data, "part2_version": shown["value"]}).status_code == 302
    assert VerificationRequest.objects.get().part2.version == new


def test_a_representative_must_give_their_own_name(client, valid_data):
    data = {**valid_data, "patient": "other", "relationship": "my son", "full_name": "Alex Testperson"}
    response = client.post(VERIFY, {**data, "authority": "parent", "representative_name": "   "})
    assert response.status_code == 200
    assert response.context["form"].errors["representative_name"] == [
        "Enter your full name, as the person consenting for them"
    ]
    assert not VerificationRequest.objects.exists()


def test_a_representatives_signature_must_match_their_own_name(client, valid_data):
    data = {**valid_data, "patient": "other", "relationship": "my son", "full_name": "Alex Testperson"}
    data.update(authority="poa", representative_name="Jordan Testperson", part2_signature="Alex Testperson")
    errors = client.post(VERIFY, data).context["form"].errors
    assert errors["part2_signature"] == ["The signature must match your full name as entered under “Your full name”"]


def test_a_missing_name_is_asked_for_once_not_as_a_signature_mismatch(client, valid_data):
    errors = client.post(VERIFY, {**valid_data, "full_name": ""}).context["form"].errors
    assert "full_name" in errors and "part2_signature" not in errors


TOO_LONG = "Ensure this value has at most 120 characters (it has 121)."


@pytest.mark.parametrize(
    ("extra", "field", "messages"),
    [
        ({"part2_signature": "x" * 121}, "part2_signature", [TOO_LONG, "Type your full name to sign the consent"]),
        (
            {"patient": "other", "relationship": "my son", "authority": "parent", "representative_name": "x" * 121},
            "representative_name",
            [TOO_LONG, "Enter your full name, as the person consenting for them"],
        ),
    ],
)
def test_an_over_long_signature_or_representative_name_is_refused_politely(client, valid_data, extra, field, messages):
    """Django drops a field that failed its own checks from cleaned_data: the signature rules must cope."""
    response = client.post(VERIFY, {**valid_data, **extra})
    assert response.status_code == 200
    assert response.context["form"].errors[field] == messages
    assert not VerificationRequest.objects.exists()


def test_the_unticked_consent_box_is_named_on_the_box(client, valid_data):
    errors = client.post(VERIFY, {**valid_data, "part2_agree": ""}).context["form"].errors
    assert errors["part2_agree"] == ["Tick the box to sign the consent, or call us instead"]
    assert not VerificationRequest.objects.exists()


def test_the_form_carries_the_version_it_shows(client, aetna):
    page = BeautifulSoup(client.get(VERIFY).content.decode(), "html.parser")
    assert page.select_one("input[name=part2_version]")["value"] == str(ConsentVersion.current().pk)


def test_a_regional_spanish_shows_the_spanish_consent(aetna):
    with translation.override("es-mx"):
        assert InsuranceRequestForm().part2_consent_version == ConsentVersion.current("es")
