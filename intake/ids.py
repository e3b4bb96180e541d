"""Recognising a database id in untrusted text (query strings, hidden fields, stored id lists)."""

import re

PLAIN_ID = re.compile(r"[0-9]+")


def is_plain_id(text):
    """True only for ASCII digits: str.isdigit() also accepts "²" or "①", which int() then rejects (a 500)."""
    return bool(PLAIN_ID.fullmatch(text or ""))
