"""Visitor and staff chat forms; message text is cleaned by chat.text so every path applies the same rules."""

from django import forms
from django.conf import settings
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .models import Conversation
from .text import MessageRejected, clean_message


class MessageField(forms.CharField):
    """A plain-text chat message: control characters stripped, length-limited, polite errors."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Your message"))
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3, "maxlength": settings.CHAT_MAX_MESSAGE_LENGTH}))
        super().__init__(strip=False, **kwargs)

    def clean(self, value):
        try:
            return clean_message(value)
        except MessageRejected as exc:
            raise forms.ValidationError(exc.message, code=exc.code) from None


class StartChatForm(forms.Form):
    """The optional first line (who the visitor asks for, and what about) and the first message."""

    asking_for = forms.ChoiceField(
        label=_("Who are you asking for? (optional)"),
        choices=Conversation.AskingFor.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    topic = forms.CharField(
        label=_("What is it about? (optional)"),
        help_text=_("For example a substance or a kind of treatment. Leave it empty if you prefer."),
        max_length=200,
        required=False,
    )
    message = MessageField(
        help_text=format_lazy(
            _("Up to {max} characters, plain text. No name needed."), max=f"{settings.CHAT_MAX_MESSAGE_LENGTH:,}"
        )
    )
    source = forms.CharField(required=False, widget=forms.HiddenInput)  # the page they came from (chat/source.py)

    def clean_source(self):
        from .source import clean_page_id

        return clean_page_id(self.cleaned_data.get("source", ""))


class MessageForm(forms.Form):
    """One more message in an open conversation."""

    message = MessageField(
        help_text=format_lazy(_("Up to {max} characters, plain text."), max=f"{settings.CHAT_MAX_MESSAGE_LENGTH:,}")
    )


class MissedChatCallbackForm(forms.Form):
    """Staff turn a missed chat into a callback request: the number the visitor gave (the chat's text goes
    with the request by itself)."""

    full_name = forms.CharField(
        label="First name or initials",
        max_length=60,
        required=False,
        help_text="If the visitor gave one; otherwise the request says “Chat visitor”.",
    )
    contact_time = forms.ChoiceField(label="Best time to call", initial="any")
    voicemail_ok = forms.BooleanField(label="The visitor said a voicemail is OK", required=False)

    def __init__(self, *args, **kwargs):
        from intake.form_fields import phone_field
        from intake.models import VerificationRequest

        super().__init__(*args, **kwargs)
        self.fields["phone"] = phone_field("Visitor's phone number")
        self.fields["contact_time"].choices = VerificationRequest.ContactTime.choices
        self.order_fields(["full_name", "phone", "contact_time", "voicemail_ok"])

    def request_fields(self):
        data = self.cleaned_data
        return {
            "full_name": data["full_name"].strip() or "Chat visitor",
            "phone": data["phone"].as_e164,
            "contact_time": data["contact_time"],
            "voicemail_ok": data["voicemail_ok"],
        }
