"""Field makers for the public forms (insurance check, callback, the chat's callback offer, the Part 2 consent).

Each says once how a kind of answer is asked (labels and error messages in the visitor's language), so
every form that asks it asks it the same way.
"""

from django import forms
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField

from .models import VerificationRequest

lower = lazy(lambda text: str(text).lower(), str)  # "Date of birth" → "date of birth", in the visitor's language

OLDEST_PLAUSIBLE_AGE = 120
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%m/%d/%Y", "%m-%d-%Y", "%m/%d/%y"]
YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def yes_no_field(label, **kwargs):
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": format_lazy(_("Select yes or no for “{}”"), label)},
        **kwargs,
    )


def radio_field(label, choices, initial, *, required_message):
    """One choice from a model's TextChoices, as radio buttons, starting on ``initial``."""
    return forms.ChoiceField(
        label=label,
        choices=choices.choices,
        initial=initial,
        widget=forms.RadioSelect,
        error_messages={"required": required_message},
    )


def follow_up_field(label, max_length, only_if):
    """Free text that only a certain earlier answer calls for: optional here, required by clean() after that answer."""
    return forms.CharField(label=label, max_length=max_length, required=False, help_text=only_if)


def contact_time_field(label, required_message):
    """The visitor's best time to be reached, in their own time zone (both public forms ask it)."""
    return forms.ChoiceField(
        label=label,
        choices=VerificationRequest.ContactTime.choices,
        help_text=_("In your own local time."),
        error_messages={"required": required_message},
    )


DATE_HELP = _("For example, 03/27/1985.")


def date_of_birth_field(label, required=True, help_text=DATE_HELP):
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=help_text,
        error_messages={
            "required": format_lazy(_("Enter the {}"), lower(label)),
            "invalid": format_lazy(_("Enter the {} as a real date, for example 03/27/1985"), lower(label)),
        },
    )


def check_date_of_birth(value, label):
    """A date of birth must be in the past and within a human lifetime."""
    today = timezone.localdate()
    if value >= today:
        raise forms.ValidationError(_("The {label} must be in the past").format(label=str(label).lower()))
    if value < today.replace(year=today.year - OLDEST_PLAUSIBLE_AGE):
        raise forms.ValidationError(
            _("Check the {label}: it must be after {year}").format(
                label=str(label).lower(), year=today.year - OLDEST_PLAUSIBLE_AGE
            )
        )
    return value


#: Shown in the help text and error; it must itself be valid (555-0100 to 555-0199 are fictional numbers).
PHONE_EXAMPLE = "(201) 555-0123"


PHONE_LABEL = _("Phone number")


def phone_field(label=PHONE_LABEL):
    return PhoneNumberField(
        label=label,
        region="US",
        help_text=format_lazy(_("A US number, for example {}."), PHONE_EXAMPLE),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        error_messages={
            "required": _("Enter a phone number we can reach you on"),
            "invalid": format_lazy(_("Enter a valid phone number, for example {}"), PHONE_EXAMPLE),
        },
    )


def name_field(label, help_text, *, autocomplete="name", **kwargs):
    """A person's full name as typed; ``autocomplete="off"`` where typing it is the signature."""
    return forms.CharField(
        label=label,
        max_length=120,
        help_text=help_text,
        widget=forms.TextInput(attrs={"autocomplete": autocomplete}),
        **kwargs,
    )
