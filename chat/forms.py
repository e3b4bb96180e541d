"""Visitor and staff chat forms; message text is cleaned by chat.text so every path applies the same rules."""

from django import forms
from django.conf import settings

from .models import Conversation
from .text import MessageRejected, clean_message


class MessageField(forms.CharField):
    """A plain-text chat message: control characters stripped, length-limited, polite errors."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Your message")
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
        label="Who are you asking for? (optional)",
        choices=Conversation.AskingFor.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    topic = forms.CharField(
        label="What is it about? (optional)",
        help_text="For example a substance or a kind of treatment. Leave it empty if you prefer.",
        max_length=200,
        required=False,
    )
    message = MessageField(help_text="Up to 2,000 characters, plain text. No name needed.")


class MessageForm(forms.Form):
    """One more message in an open conversation."""

    message = MessageField(help_text="Up to 2,000 characters, plain text.")
