"""What each answer on the public forms becomes in the stored request (intake/forms.py request_fields and the
checks around them), through real posts (written to kill mutmut's survivors)."""

import datetime

import pytest
from django.urls import reverse

from intake.forms import InsuranceRequestForm
from intake.models import VerificationRequest
from tests.factories import DrugPageFactory
from tests.factories.intake_forms import callback_form_post

pytestmark = pytest.mark.django_db

VERIFY = reverse("intake:verify")


def test_someone_elses_request_stores_every_answer_tidied(client, valid_data, klonopin, library):
    xanax = DrugPageFactory(parent=library, title="Xanax", slug="xanax", drug_class=klonopin.drug_class)
    data = {
        **valid_data,
        "full_name": "  Alex   Testperson ",
        "email": "Jordan.T@Example.COM",
        "contact_method": "text",
        "contact_time": "morning",
        "voicemail_ok": "yes",
        "patient": "other",
        "relationship": "my son",
        "authority": "parent",
        "representative_name": "Jordan Testperson",
        "provider_other": "typed, then Aetna chosen",
        "holder_is_patient": "no",
        "holder_name": "Pat Holder",
        "holder_date_of_birth": "07/01/1960",
        "substances": [str(xanax.pk), str(klonopin.pk)],
        "substance_other": "kratom",
        "source": str(klonopin.pk),
        "time_zone": "America/Chicago",
    }
    assert client.post(VERIFY, data).status_code == 302
    stored = VerificationRequest.objects.get()
    assert (stored.full_name, stored.date_of_birth) == ("Alex   Testperson", datetime.date(1988, 4, 12))
    assert (stored.phone, stored.email) == ("+12025550147", "jordan.t@example.com")
    assert (stored.contact_method, stored.contact_time, stored.voicemail_ok) == ("text", "morning", True)
    assert (stored.patient, stored.relationship) == ("other", "my son")
    assert (stored.provider.name, stored.provider_other) == ("Aetna", "")
    assert (stored.member_id, stored.group_number) == ("ZXQ123456789", "GRP-7781")
    assert stored.holder_is_patient is False
    assert (stored.holder_name, stored.holder_date_of_birth) == ("Pat Holder", datetime.date(1960, 7, 1))
    assert stored.substance_ids == f"{xanax.pk},{klonopin.pk}"
    assert stored.substance_other == "kratom"
    assert (stored.source_page_id, stored.visitor_time_zone) == (str(klonopin.pk), "America/Chicago")


def test_answers_the_visitor_took_back_are_not_stored(client, valid_data):
    """Follow-up answers typed before switching back (patient: myself, holder: the patient) are dropped."""
    data = {
        **valid_data,
        "relationship": "my son",
        "holder_name": "Pat Holder",
        "holder_date_of_birth": "1960-07-01",
        "provider": "other",
        "provider_other": "Small Local Plan",
        "voicemail_ok": "no",
    }
    assert client.post(VERIFY, data).status_code == 302
    stored = VerificationRequest.objects.get()
    assert (stored.patient, stored.relationship) == ("self", "")
    assert (stored.holder_is_patient, stored.holder_name, stored.holder_date_of_birth) == (True, "", None)
    assert (stored.provider, stored.provider_other) == (None, "Small Local Plan")
    assert stored.voicemail_ok is False
    assert (stored.substance_ids, stored.source_page_id, stored.visitor_time_zone) == ("", "", "")


def test_a_source_that_is_not_a_live_page_is_not_stored(client, valid_data, klonopin):
    klonopin.unpublish()
    assert client.post(VERIFY, {**valid_data, "source": f" {klonopin.pk} "}).status_code == 302
    assert VerificationRequest.objects.get().source_page_id == ""


def test_a_source_with_spaces_round_it_is_kept(client, valid_data, klonopin):
    assert client.post(VERIFY, {**valid_data, "source": f" {klonopin.pk} "}).status_code == 302
    assert VerificationRequest.objects.get().source_page_id == str(klonopin.pk)


def test_the_callback_form_stores_its_answers(client, klonopin):
    data = callback_form_post(
        full_name="  J.T. ",
        contact_time="evening",
        voicemail_ok="no",
        source=str(klonopin.pk),
        time_zone="America/Denver",
    )
    assert client.post(reverse("intake:callback"), data).status_code == 302
    stored = VerificationRequest.objects.get()
    assert (stored.kind, stored.full_name, stored.phone) == ("callback", "J.T.", "+12025550147")
    assert (stored.contact_method, stored.contact_time, stored.voicemail_ok) == ("phone", "evening", False)
    assert (stored.source_page_id, stored.visitor_time_zone) == (str(klonopin.pk), "America/Denver")


@pytest.mark.parametrize(("website", "stored"), [("", 1), ("   ", 1), ("https://spam.example", 0)])
def test_only_a_filled_honeypot_marks_a_bot(client, valid_data, website, stored):
    response = client.post(VERIFY, {**valid_data, "website": website})
    assert response.status_code == 302
    assert VerificationRequest.objects.count() == stored


def test_the_policy_holders_date_of_birth_is_checked_like_the_patients(valid_data):
    data = {**valid_data, "holder_is_patient": "no", "holder_name": "Pat Holder"}
    form = InsuranceRequestForm({**data, "holder_date_of_birth": "1850-01-01"})
    assert not form.is_valid()
    assert form.errors["holder_date_of_birth"][0].startswith(
        "Check the policy holder's date of birth: it must be after"
    )
    future = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    form = InsuranceRequestForm({**data, "holder_date_of_birth": future})
    assert form.errors["holder_date_of_birth"] == ["The policy holder's date of birth must be in the past"]
    form = InsuranceRequestForm({**data, "holder_date_of_birth": ""})
    assert form.errors["holder_date_of_birth"] == ["Enter the policy holder's date of birth"]
