"""Parsing ids from query strings and form posts: ASCII digits only, within a database integer."""

import re

# str.isdigit() is true for "²" and "①" (int() rejects them) and int() accepts "١٢" (Arabic-Indic 12);
# nineteen digits can overflow a bigint. Only 1–18 ASCII digits are an id.
ID_PATTERN = re.compile(r"[0-9]{1,18}")


def parse_id(value):
    """The id as an int, or None for anything that is not one (never raises)."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    return int(value) if ID_PATTERN.fullmatch(value) else None


def is_id(value):
    return parse_id(value) is not None
