"""Kept only so migrations written before the move still load: the fields live in privacy.crypto.

New code imports from privacy.crypto. Delete this module once no migration names intake.fields.
"""

from privacy.crypto import EncryptedCharField, EncryptedDateField, EncryptedTextField  # noqa: F401
