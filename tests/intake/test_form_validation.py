"""Server-side validation of the public forms: clear messages, an error summary, values kept."""

import datetime
import re

import pytest
from django.urls import reverse

from intake.forms import InsuranceRequestForm
from intake.models import VerificationRequest
from tests.factories.intake_forms import callback_form_post

pytestmark = pytest.mark.django_db


def post(client, data):
    return client.post(reverse("intake:verify"), data)


def test_valid_post_stores_request_and_redirects_to_thank_you(client, valid_data, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, valid_data)
    assert response.status_code == 302
    assert response["Location"] == reverse("intake:verify_thanks")
    stored = VerificationRequest.objects.get()
    assert stored.full_name == "Jordan Testperson"
    assert stored.phone == "+12025550147"
    assert stored.date_of_birth == datetime.date(1988, 4, 12)
    assert stored.voicemail_ok is False and stored.holder_is_patient is True
    assert stored.status == VerificationRequest.Status.NEW
    assert stored.consent_given_at is not None and "may contact me" in stored.consent_text


def test_empty_post_shows_summary_and_messages_next_to_fields(client, aetna):
    response = post(client, {})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html and 'class="error-summary"' in html
    # The summary links to the fields; the field itself carries its message and aria-invalid.
    assert 'href="#id_full_name"' in html
    assert 'href="#id_voicemail_ok_0"' in html  # radio groups link to their first option
    assert 'id="id_full_name_error"' in html
    assert 'aria-invalid="true"' in html
    form = response.context["form"]
    for field in ("full_name", "date_of_birth", "phone", "provider", "member_id", "consent", "voicemail_ok"):
        assert field in form.errors, field
    assert form.errors["consent"] == ["Tick the box to let us contact you, or call us instead"]
    assert not VerificationRequest.objects.exists()
    assert response["Cache-Control"].startswith("max-age=0") or "no-cache" in response["Cache-Control"]


@pytest.mark.parametrize("url_name", ["intake:verify", "intake:callback"])
def test_the_error_summary_lists_the_problems_in_the_order_of_the_page(client, aetna, url_name):
    data = {"patient": "other", "authority": "parent", "part2_signature": "Someone Else"}
    html = client.post(reverse(url_name), data).content.decode()
    summary = html[html.index('class="error-summary"') : html.index("</div>", html.index('class="error-summary"'))]
    targets = re.findall(r'href="#([^"]+)"', summary)
    assert len(targets) >= 4
    form = html[html.index('<form class="intake-form"') :]
    positions = [form.index(f'id="{target}"') for target in targets]
    assert positions == sorted(positions), targets


def test_entered_values_are_kept_after_an_error(client, valid_data):
    valid_data["phone"] = "12"
    response = post(client, valid_data)
    html = response.content.decode()
    assert response.context["form"].errors["phone"] == ["Enter a valid phone number, for example (201) 555-0123"]
    assert 'value="Jordan Testperson"' in html
    assert 'value="ZXQ123456789"' in html
    assert 'value="12"' in html


@pytest.mark.parametrize(
    ("dob", "message"),
    [
        ((datetime.date.today() + datetime.timedelta(days=3)).isoformat(), "must be in the past"),
        (datetime.date.today().isoformat(), "must be in the past"),
        ("1850-01-01", "it must be after"),
        ("1988-02-30", "as a real date"),
        ("yesterday", "as a real date"),
    ],
)
def test_date_of_birth_must_be_past_and_plausible(aetna, valid_data, dob, message):
    form = InsuranceRequestForm({**valid_data, "date_of_birth": dob})
    assert not form.is_valid()
    assert message in form.errors["date_of_birth"][0]


def test_us_style_date_is_accepted(valid_data):
    form = InsuranceRequestForm({**valid_data, "date_of_birth": "04/12/1988"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["date_of_birth"] == datetime.date(1988, 4, 12)


@pytest.mark.parametrize("phone", ["555-0000", "abc", "+44 20", "1234567890123456"])
def test_phone_must_be_valid(valid_data, phone):
    form = InsuranceRequestForm({**valid_data, "phone": phone})
    assert not form.is_valid()
    assert "phone" in form.errors


def test_inactive_provider_is_not_offered(valid_data, retired_provider):
    form = InsuranceRequestForm({**valid_data, "provider": str(retired_provider.pk)})
    assert not form.is_valid()
    assert form.errors["provider"] == ["Choose a provider from the list"]


def test_other_provider_needs_a_name(valid_data):
    form = InsuranceRequestForm({**valid_data, "provider": "other"})
    assert not form.is_valid()
    assert form.errors["provider_other"] == ["Enter the name of the insurance provider"]
    form = InsuranceRequestForm({**valid_data, "provider": "other", "provider_other": "Small Local Plan"})
    assert form.is_valid(), form.errors
    fields = form.request_fields()
    assert fields["provider"] is None and fields["provider_other"] == "Small Local Plan"


def test_someone_else_needs_relationship_and_holder_details(valid_data):
    form = InsuranceRequestForm({**valid_data, "patient": "other", "holder_is_patient": "no"})
    assert not form.is_valid()
    # "authority": the Part 2 consent asks whether they may consent for the patient (intake/consent_forms.py).
    assert set(form.errors) == {"relationship", "holder_name", "holder_date_of_birth", "authority"}
    form = InsuranceRequestForm(
        {
            **valid_data,
            "patient": "other",
            "relationship": "my brother",
            "holder_is_patient": "no",
            "holder_name": "Pat Testholder",
            "holder_date_of_birth": "1960-07-01",
            "authority": "poa",
            "representative_name": "Jordan Testperson",
        }
    )
    assert form.is_valid(), form.errors


def test_email_required_when_chosen_as_contact_method(valid_data):
    form = InsuranceRequestForm({**valid_data, "contact_method": "email", "email": ""})
    assert not form.is_valid()
    assert form.errors["email"] == ["Enter an e-mail address, or choose another way to contact you"]
    form = InsuranceRequestForm({**valid_data, "email": "not-an-address"})
    assert not form.is_valid() and "email" in form.errors


def test_callback_form_validates_and_stores_a_callback(client, django_capture_on_commit_callbacks):
    response = client.post(reverse("intake:callback"), {"full_name": "", "phone": "x", "contact_time": "any"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"full_name", "phone", "voicemail_ok", "consent"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("intake:callback"), callback_form_post())
    assert response["Location"] == reverse("intake:callback_thanks")
    stored = VerificationRequest.objects.get()
    assert stored.kind == VerificationRequest.Kind.CALLBACK
    assert stored.full_name == "J.T." and stored.voicemail_ok is True and stored.date_of_birth is None


def test_thank_you_pages_show_no_submitted_data(client, valid_data, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("intake:verify"), valid_data, follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == "/verify-insurance/thank-you/"
    assert "What happens next" in html
    pk = VerificationRequest.objects.get().pk
    for secret in ("Jordan", "Testperson", "555-0147", "ZXQ123456789", "jordan@example.com", f"#{pk}"):
        assert secret not in html


@pytest.mark.parametrize("source", ["²", "①", "٣", "12a", "-1"])
def test_a_source_page_id_that_is_not_plain_digits_is_ignored_not_a_500(client, valid_data, source):
    """str.isdigit() accepts "²" and "①", which int() rejects: the id must be matched as [0-9]+."""
    response = client.post(reverse("intake:verify"), {**valid_data, "source": source})
    assert response.status_code == 302
    assert VerificationRequest.objects.latest("pk").source_page_id == ""


@pytest.mark.parametrize("param", ["source", "substance"])
def test_prefill_ids_that_are_not_plain_digits_are_ignored_not_a_500(client, aetna, param):
    response = client.get(reverse("intake:verify"), {param: "²"})
    assert response.status_code == 200
    assert 'value="²"' not in response.content.decode()


def test_the_phone_example_shown_to_visitors_is_accepted():
    from intake.form_fields import PHONE_EXAMPLE, phone_field

    assert phone_field().clean(PHONE_EXAMPLE).as_e164 == "+12015550123"


@pytest.mark.parametrize(
    ("url_name", "heading"), [("intake:verify", "Verify your insurance"), ("intake:callback", "Ask for a call back")]
)
def test_both_forms_share_one_page_frame(client, aetna, url_name, heading):
    """intake/public_form.html: noindex, intake.css, the scripts, and "Error:" in the title only after an error."""
    fresh = client.get(reverse(url_name)).content.decode()
    assert f"<h1>{heading}</h1>" in fresh and '<meta name="robots" content="noindex">' in fresh
    assert "css/intake.css" in fresh and "js/visitor-time-zone.js" in fresh and "js/error-summary.js" not in fresh
    assert re.search(rf"<title>\s*{heading}", fresh)
    failed = client.post(reverse(url_name), {}).content.decode()
    assert re.search(rf"<title>\s*Error: {heading}", failed) and "js/error-summary.js" in failed


def test_the_oldest_plausible_date_of_birth_is_exactly_120_years_ago(valid_data):
    today = datetime.date.today()
    oldest = today.replace(year=today.year - 120)
    assert InsuranceRequestForm({**valid_data, "date_of_birth": oldest.isoformat()}).is_valid()
    form = InsuranceRequestForm({**valid_data, "date_of_birth": (oldest - datetime.timedelta(days=1)).isoformat()})
    assert form.errors["date_of_birth"] == [f"Check the date of birth: it must be after {today.year - 120}"]


def test_an_email_address_is_needed_only_when_email_is_the_way_to_contact(valid_data):
    assert InsuranceRequestForm({**valid_data, "contact_method": "phone", "email": ""}).is_valid()
    assert InsuranceRequestForm({**valid_data, "contact_method": "email"}).is_valid()


@pytest.mark.parametrize(
    ("extra", "field", "limit", "then"),
    [
        (
            {"patient": "other", "relationship": "x" * 81, "authority": "none", "part2_signature": ""},
            "relationship",
            80,
            "Tell us your relationship to the person who needs treatment",
        ),
        (
            {"provider": "other", "provider_other": "x" * 121},
            "provider_other",
            120,
            "Enter the name of the insurance provider",
        ),
        (
            {"holder_is_patient": "no", "holder_name": "x" * 121},
            "holder_name",
            120,
            "Enter the policy holder's full name",
        ),
    ],
)
def test_an_over_long_follow_up_answer_is_refused_politely(client, valid_data, extra, field, limit, then):
    """Django drops a field that failed its own checks from cleaned_data: clean() must cope, not fail."""
    response = post(client, {**valid_data, **extra})
    assert response.status_code == 200
    too_long = f"Ensure this value has at most {limit} characters (it has {limit + 1})."
    assert response.context["form"].errors[field] == [too_long, then]
    assert not VerificationRequest.objects.exists()
