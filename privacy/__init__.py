"""Cryptography shared by the apps that hold personal data (intake requests, chat transcripts).

Not a Django app: no models, no settings of its own beyond FIELD_ENCRYPTION_KEYS and FIELD_HASH_KEY.
"""
