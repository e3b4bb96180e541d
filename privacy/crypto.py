"""Field-level encryption for health data (MultiFernet) and keyed hashes for look-ups.

Keys come from settings.FIELD_ENCRYPTION_KEYS (newest first) so old keys keep decrypting
while `rotate_intake_keys` re-encrypts rows with the newest one. Look-ups (duplicate
detection) never touch plaintext: they compare HMAC-SHA256 digests made with a separate key.
"""

import datetime
import hashlib
import hmac
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models


@cache
def _fernet_for(keys):
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS must hold at least one Fernet key.")
    return MultiFernet([Fernet(key) for key in keys])


def get_fernet():
    """The MultiFernet built from the configured keys (cached per key set)."""
    return _fernet_for(tuple(settings.FIELD_ENCRYPTION_KEYS))


def encrypt(text):
    return get_fernet().encrypt(text.encode()).decode()


def decrypt(token):
    try:
        return get_fernet().decrypt(token.encode()).decode()
    except InvalidToken as exc:
        # Never include the token or any plaintext in the error.
        raise ImproperlyConfigured("An encrypted value cannot be read with the configured keys.") from exc


def rotate(token):
    """Re-encrypt a stored token with the newest key."""
    return get_fernet().rotate(token.encode()).decode()


def keyed_hash(value):
    """A stable HMAC-SHA256 of a normalised value, for finding duplicates without plaintext."""
    normalised = " ".join(str(value).split()).casefold()
    return hmac.new(settings.FIELD_HASH_KEY.encode(), normalised.encode(), hashlib.sha256).hexdigest()


class EncryptedTextField(models.TextField):
    """Text encrypted at rest; the database only ever sees a Fernet token. Not searchable or sortable."""

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return self.from_plaintext(decrypt(value))

    def get_prep_value(self, value):
        # Field's (not TextField's) get_prep_value: TextField would call to_python, which turns an
        # EncryptedDateField's ISO text back into a date before it could be encrypted.
        value = self.to_plaintext(models.Field.get_prep_value(self, value))
        if value is None or value == "":
            return value
        return encrypt(str(value))

    def from_plaintext(self, text):
        return text

    def to_plaintext(self, value):
        return value

    def get_lookup(self, lookup_name):
        if lookup_name not in {"isnull", "exact"}:
            return None  # ciphertext cannot be compared: only null/empty checks are meaningful
        return super().get_lookup(lookup_name)


class EncryptedCharField(EncryptedTextField):
    """Short encrypted text; max_length is enforced on the plaintext by forms and validation."""

    def formfield(self, **kwargs):
        from django import forms

        return super().formfield(**{"form_class": forms.CharField, "max_length": self.max_length, **kwargs})


class EncryptedDateField(EncryptedTextField):
    """A date stored encrypted as its ISO form."""

    def from_plaintext(self, text):
        return datetime.date.fromisoformat(text)

    def to_plaintext(self, value):
        if isinstance(value, datetime.date):
            return value.isoformat()
        return value

    def to_python(self, value):
        if isinstance(value, str) and value:
            return datetime.date.fromisoformat(value)
        return value

    def formfield(self, **kwargs):
        from django import forms

        return super().formfield(**{"form_class": forms.DateField, **kwargs})
