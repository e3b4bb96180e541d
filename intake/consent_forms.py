"""The Part 2 consent part of the public insurance form, and the staff forms for disclosures and revocations.

Kept apart from forms.py: InsuranceRequestForm mixes Part2ConsentMixin in, and the view passes
`part2_fields()` to services.create_request, which stores a SignedConsent with the request.
"""

from django import forms
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .consent import ConsentRevocation, ConsentVersion, Disclosure, SignedConsent, normalise_name
from .form_fields import name_field
from .models import VerificationRequest

Patient = VerificationRequest.Patient

Authority = SignedConsent.Authority


class Part2ConsentMixin(forms.Form):
    """Signature, representative and version fields; needs the form's patient, full_name and provider fields."""

    authority = forms.ChoiceField(
        label=_("Can you legally consent for them?"),
        choices=Authority.choices,
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "Only if someone else needs treatment. If not, we call you back and share nothing with "
            "their insurer until they consent themselves."
        ),
    )
    representative_name = name_field(_("Your full name"), _("Only if you consent on their behalf."), required=False)
    part2_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    part2_signature = name_field(
        _("Type your full name to sign"),
        _("Your typed name is your electronic signature. We record the date and time."),
        autocomplete="off",
        required=False,
    )
    part2_agree = forms.BooleanField(
        label=_("I have read this consent and I sign it electronically."),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The wording in the visitor's language; the signature records this version, so its language too.
        self.part2_consent_version = ConsentVersion.current((get_language() or "en").split("-")[0])
        if self.part2_consent_version is not None and not self.is_bound:
            self.initial.setdefault("part2_version", self.part2_consent_version.pk)

    def part2_consent_text(self):
        """The consent exactly as the form shows it (the stored hash is of this text)."""
        version = self.part2_consent_version
        return version.render_text() if version else ""

    def is_callback_only(self, data):
        return data.get("patient") == Patient.OTHER and data.get("authority") == Authority.NONE

    def clean_part2(self, data):
        """Every rule of the signature; called from the form's clean()."""
        version = self.part2_consent_version
        if version is None:
            raise forms.ValidationError(
                _("We cannot take insurance details online right now. Please call us or ask for a call back.")
            )
        if data.get("part2_version") != version.pk:
            self.add_error(
                "part2_agree",
                _("The consent wording was updated while you were filling in the form. Please read it again and sign."),
            )
            self.data = self.data.copy()
            self.data["part2_version"] = version.pk
            return
        is_other = data.get("patient") == Patient.OTHER
        if is_other and not data.get("authority"):
            self.add_error("authority", _("Tell us whether you can legally consent for the person who needs treatment"))
            return
        if self.is_callback_only(data):
            return  # nothing is signed; the request becomes callback-only
        if is_other:
            signer_name = data.get("representative_name", "").strip()
            if not signer_name:
                self.add_error("representative_name", _("Enter your full name, as the person consenting for them"))
                return
            expected = _("your full name as entered under “Your full name”")
        else:
            signer_name = data.get("full_name", "")
            expected = _("the full name of the person who needs treatment, as entered above")
        signature = data.get("part2_signature", "").strip()
        if not signature:
            self.add_error("part2_signature", _("Type your full name to sign the consent"))
        elif signer_name and normalise_name(signature) != normalise_name(signer_name):
            self.add_error("part2_signature", _("The signature must match %(expected)s") % {"expected": expected})
        if not data.get("part2_agree"):
            self.add_error("part2_agree", _("Tick the box to sign the consent, or call us instead"))

    def part2_fields(self):
        """Keyword arguments for SignedConsent.sign (the request itself is added by the service)."""
        data = self.cleaned_data
        if self.is_callback_only(data):
            signer = SignedConsent.Signer.NONE
        elif data["patient"] == Patient.OTHER:
            signer = SignedConsent.Signer.REPRESENTATIVE
        else:
            signer = SignedConsent.Signer.PATIENT
        return {
            "version": self.part2_consent_version,
            "signer": signer,
            "signature": data.get("part2_signature", "").strip(),
            "authority": data.get("authority", "") if data["patient"] == Patient.OTHER else "",
            "relationship": data.get("relationship", "").strip() if data["patient"] == Patient.OTHER else "",
        }


def not_in_future(value, what):
    """Staff record what has already happened, so a date after today is a slip of the keyboard."""
    if value > timezone.localdate():
        raise forms.ValidationError(f"{what} cannot be dated in the future")
    return value


class DisclosureForm(forms.ModelForm):
    """What staff record each time they tell an insurer something about a request."""

    class Meta:
        model = Disclosure
        fields = ["recipient", "disclosed_on", "method", "information", "purpose"]
        widgets = {
            "disclosed_on": forms.DateInput(attrs={"type": "date"}),
            "information": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {"disclosed_on": "Date disclosed", "information": "What was disclosed"}

    def clean_disclosed_on(self):
        return not_in_future(self.cleaned_data["disclosed_on"], "A disclosure")


class RevocationForm(forms.ModelForm):
    """The patient revoked their consent: when, and how we received it."""

    class Meta:
        model = ConsentRevocation
        fields = ["revoked_on", "received_via"]
        widgets = {"revoked_on": forms.DateInput(attrs={"type": "date"})}
        labels = {"revoked_on": "Date revoked", "received_via": "How we received it"}

    def clean_revoked_on(self):
        return not_in_future(self.cleaned_data["revoked_on"], "A revocation")
