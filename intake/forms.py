"""The public forms: the full insurance check and the short callback request.

Plain forms (not ModelForms) so every public field, label and message is written out, here or in form_fields.py;
services.create_request maps the cleaned data onto the encrypted model.
"""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from treatment_site.ids import is_id, parse_id

from .consent_forms import Part2ConsentMixin
from .form_fields import (
    check_date_of_birth,
    contact_time_field,
    date_of_birth_field,
    follow_up_field,
    name_field,
    phone_field,
    radio_field,
    yes_no_field,
)
from .models import CONSENT_TEXT, VerificationRequest
from .providers import active_providers

OTHER = "other"  # the provider choice "Other / not listed"


def in_english(drug_page_id):
    """The English article's id for an article in any language: the form lists the drugs once, by English id.

    The Spanish article's compact form sends its own id; it pre-ticks the same drug as the English one.
    """
    from pages.models import DrugPage

    same_article = DrugPage.objects.filter(pk=drug_page_id).values("translation_key")
    return DrugPage.objects.filter(
        translation_key__in=same_article, locale__language_code=settings.LANGUAGE_CODE
    ).values_list("pk", flat=True)


class PublicRequestForm(forms.Form):
    """What both public forms share: the voicemail question, the honeypot, the source page and the consent box."""

    voicemail_ok = yes_no_field(_("May we leave a voicemail?"), help_text=_("We never say what the call is about."))

    # A field people never see (moved off-screen by .hp-field in intake.css, aria-hidden); bots fill it in.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    # Hidden and advisory: a tampered value is dropped, never shown as an error the visitor cannot fix.
    source = forms.CharField(required=False, widget=forms.HiddenInput)
    # Filled in by static/js/visitor-time-zone.js from the browser; the site's zone when missing or unknown.
    time_zone = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        error_messages={"required": _("Tick the box to let us contact you, or call us instead")},
    )

    #: (heading, field names) in the order the page shows them; consent comes last, on its own.
    sections = []
    #: The visible fields the page shows below the sections, in order.
    fields_after_sections = ["consent"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The error summary lists errors in field order: the order a visitor meets the fields on the page.
        self.order_fields([name for _heading, names in self.sections for name in names] + self.fields_after_sections)

    def grouped_fields(self):
        """The visible fields grouped under their section headings, for the template."""
        return [(heading, [self[name] for name in names]) for heading, names in self.sections]

    def is_bot(self):
        """True when the honeypot was filled in; reads the raw data, so it works before or without is_valid()."""
        return bool(self.data.get("website", "").strip())

    def clean_source(self):
        value = self.cleaned_data.get("source", "").strip()
        return value if is_id(value) else ""

    def source_page_id(self):
        from wagtail.models import Page

        pk = self.cleaned_data.get("source", "").strip()
        return pk if is_id(pk) and Page.objects.filter(pk=parse_id(pk), live=True).exists() else ""

    def visitor_time_zone(self):
        from .speed_to_lead import valid_time_zone

        return valid_time_zone(self.cleaned_data.get("time_zone"))


class InsuranceRequestForm(Part2ConsentMixin, PublicRequestForm):
    """The full, confidential insurance-verification request, signed with a 42 CFR Part 2 consent."""

    full_name = name_field(
        _("Full name"),
        _("Of the person who needs treatment."),
        error_messages={
            "required": _("Enter the full name of the person who needs treatment"),
            "max_length": _("Shorten the name to 120 characters or fewer"),
        },
    )
    date_of_birth = date_of_birth_field(
        _("Date of birth"), help_text=_("Of the person who needs treatment, for example 03/27/1985.")
    )
    phone = phone_field()
    email = forms.EmailField(
        label=_("E-mail address (optional)"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": _("Enter an e-mail address like name@example.com")},
    )
    contact_method = radio_field(
        _("How should we contact you?"),
        VerificationRequest.ContactMethod,
        VerificationRequest.ContactMethod.PHONE,
        required_message=_("Choose how we should contact you"),
    )
    contact_time = contact_time_field(_("Best time to reach you"), _("Choose the best time to reach you"))
    patient = radio_field(
        _("Who needs treatment?"),
        VerificationRequest.Patient,
        VerificationRequest.Patient.SELF,
        required_message=_("Tell us who needs treatment"),
    )
    relationship = follow_up_field(
        _("Your relationship to them"), 80, _("Only if someone else needs treatment, for example “my son”.")
    )
    provider = forms.ChoiceField(
        label=_("Insurance provider"),
        error_messages={
            "required": _("Choose the insurance provider"),
            "invalid_choice": _("Choose a provider from the list"),
        },
    )
    provider_other = follow_up_field(
        _("Name of your insurance provider"), 120, _("Only if you chose “Other / not listed”.")
    )
    member_id = forms.CharField(
        label=_("Member ID"),
        max_length=40,
        help_text=_("On the front of the insurance card."),
        error_messages={"required": _("Enter the member ID from the insurance card")},
    )
    group_number = forms.CharField(label=_("Group number (optional)"), max_length=40, required=False)
    holder_is_patient = yes_no_field(_("Is the person who needs treatment the policy holder?"))
    holder_name = follow_up_field(_("Policy holder's full name"), 120, _("Only if it is someone else."))
    holder_date_of_birth = date_of_birth_field(_("Policy holder's date of birth"), required=False)
    substances = forms.MultipleChoiceField(
        label=_("Which substances? (optional)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick any that apply; it helps us plan care. Nobody outside admissions sees it."),
        error_messages={"invalid_choice": _("Choose substances from the list")},
    )
    substance_other = forms.CharField(label=_("Another substance (optional)"), max_length=120, required=False)

    sections = [
        (
            _("About the person who needs treatment"),
            [
                "patient",
                "relationship",
                "authority",
                "representative_name",
                "full_name",
                "date_of_birth",
            ],
        ),
        (_("How to reach you"), ["phone", "email", "contact_method", "contact_time", "voicemail_ok"]),
        (
            _("Insurance"),
            [
                "provider",
                "provider_other",
                "member_id",
                "group_number",
                "holder_is_patient",
                "holder_name",
                "holder_date_of_birth",
            ],
        ),
        (_("Substances of concern"), ["substances", "substance_other"]),
    ]
    fields_after_sections = ["part2_signature", "part2_agree", "consent"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from pages.models import DrugPage

        self.fields["provider"].choices = [
            ("", _("Choose a provider")),
            *[(str(pk), name) for pk, name in active_providers()],
            (OTHER, _("Other / not listed")),
        ]
        self.fields["substances"].choices = [
            (str(pk), title)
            for pk, title in DrugPage.objects.live()
            .public()
            .filter(locale__language_code=settings.LANGUAGE_CODE)  # one list of drugs (their ids), in English
            .order_by("title")
            .values_list("pk", "title")
        ]

    @classmethod
    def initial_from_query(cls, query):
        """Pre-fill from the article's compact form: ?provider=&substance=&source= (ids only)."""
        initial = {}
        if query.get("provider", "") in {str(pk) for pk, _ in active_providers()} | {OTHER}:
            initial["provider"] = query["provider"]
        substance = query.get("substance", "")
        if is_id(substance):
            initial["substances"] = [str(pk) for pk in in_english(substance)]
        source = query.get("source", "")
        if is_id(source):
            initial["source"] = source
        return initial

    def clean_date_of_birth(self):
        return check_date_of_birth(self.cleaned_data["date_of_birth"], _("Date of birth"))

    def clean_holder_date_of_birth(self):
        value = self.cleaned_data.get("holder_date_of_birth")
        return check_date_of_birth(value, _("Policy holder's date of birth")) if value else value

    def clean(self):
        data = super().clean()
        if data.get("contact_method") == VerificationRequest.ContactMethod.EMAIL and not data.get("email"):
            self.add_error("email", _("Enter an e-mail address, or choose another way to contact you"))
        if data.get("patient") == VerificationRequest.Patient.OTHER and not data.get("relationship", "").strip():
            self.add_error("relationship", _("Tell us your relationship to the person who needs treatment"))
        if data.get("provider") == OTHER and not data.get("provider_other", "").strip():
            self.add_error("provider_other", _("Enter the name of the insurance provider"))
        if data.get("holder_is_patient") is False:
            if not data.get("holder_name", "").strip():
                self.add_error("holder_name", _("Enter the policy holder's full name"))
            if not data.get("holder_date_of_birth") and "holder_date_of_birth" not in self.errors:
                self.add_error("holder_date_of_birth", _("Enter the policy holder's date of birth"))
        self.clean_part2(data)
        return data

    def request_fields(self):
        """The model field values for services.create_request."""
        from .models import InsuranceProvider

        data = self.cleaned_data
        holder_is_patient = data["holder_is_patient"]
        is_other_provider = data["provider"] == OTHER
        return {
            "full_name": data["full_name"].strip(),
            "date_of_birth": data["date_of_birth"],
            "phone": data["phone"].as_e164,
            "email": data["email"].strip().lower(),
            "contact_method": data["contact_method"],
            "contact_time": data["contact_time"],
            "voicemail_ok": data["voicemail_ok"],
            "patient": data["patient"],
            "relationship": data["relationship"].strip()
            if data["patient"] == VerificationRequest.Patient.OTHER
            else "",
            "provider": None if is_other_provider else InsuranceProvider.objects.get(pk=data["provider"]),
            "provider_other": data["provider_other"].strip() if is_other_provider else "",
            "member_id": data["member_id"].strip(),
            "group_number": data["group_number"].strip(),
            "holder_is_patient": holder_is_patient,
            "holder_name": "" if holder_is_patient else data["holder_name"].strip(),
            "holder_date_of_birth": None if holder_is_patient else data["holder_date_of_birth"],
            "substance_ids": ",".join(data["substances"]),
            "substance_other": data["substance_other"].strip(),
            "source_page_id": self.source_page_id(),
            "visitor_time_zone": self.visitor_time_zone(),
        }


class CallbackRequestForm(PublicRequestForm):
    """The short "call me back" form, linked from the live chat when no staff are online."""

    full_name = forms.CharField(
        label=_("First name or initials"),
        max_length=60,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
        help_text=_("Just enough for us to greet you."),
        error_messages={
            "required": _("Enter a first name or initials"),
            "max_length": _("Shorten it to 60 characters"),
        },
    )
    phone = phone_field()
    contact_time = contact_time_field(_("Best time to call"), _("Choose the best time to call"))

    sections = [(_("How to reach you"), ["full_name", "phone", "contact_time", "voicemail_ok"])]

    def request_fields(self):
        data = self.cleaned_data
        return {
            "full_name": data["full_name"].strip(),
            "phone": data["phone"].as_e164,
            "contact_method": VerificationRequest.ContactMethod.PHONE,
            "contact_time": data["contact_time"],
            "voicemail_ok": data["voicemail_ok"],
            "source_page_id": self.source_page_id(),
            "visitor_time_zone": self.visitor_time_zone(),
        }
