"""intake/consent_forms.py on its own: the signature rules of the public form and what it hands the service
(written to kill mutmut's survivors; the end-to-end consent tests are in test_part2_consent.py)."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

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
    assert "We cannot take insurance details online right now. Please call us or ask for a call back." in (
        response.content.decode()
    )
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
