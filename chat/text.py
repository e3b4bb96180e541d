"""Visitor and staff messages are plain text: control characters stripped, length-limited, never HTML."""

import re
import unicodedata

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# Every C0/C1 control character except tab and newline, plus bidi overrides that can disguise text.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# A JSON frame can carry "\ud800": a lone surrogate, which no UTF-8 encoder (or the encryption) accepts.
_SURROGATE = re.compile(r"[\ud800-\udfff]")


class MessageRejected(ValueError):
    """A message that cannot be sent; `message` is safe to show the sender and never quotes their text."""

    def __init__(self, code, message):
        message = str(message)  # a lazy translation is read now, in the language active for this visitor
        super().__init__(message)
        self.code = code
        self.message = message


def clean_message(raw, max_length=None):
    """Return the text to store, or raise MessageRejected with a polite reason."""
    max_length = max_length or settings.CHAT_MAX_MESSAGE_LENGTH
    if not isinstance(raw, str) or _SURROGATE.search(raw):
        raise MessageRejected("malformed", _("That message could not be read. Please type it again."))
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    text = _CONTROL.sub("", text).strip()
    if not text:
        raise MessageRejected("empty", _("Type a message before sending."))
    if len(text) > max_length:
        reason = ngettext(
            "Messages can be up to %(max)s characters; yours has %(count)s. Please shorten it.",
            "Messages can be up to %(max)s characters; yours has %(count)s. Please shorten it.",
            len(text),
        )
        raise MessageRejected("too_long", reason % {"max": max_length, "count": len(text)})
    return text
