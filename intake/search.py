"""Staff search over encrypted data: by request number, or by exact phone/e-mail via keyed hashes."""

import re

import phonenumbers
from django.db.models import Q

from privacy.crypto import keyed_hash

REQUEST_NUMBER = re.compile(r"^#?\s*([0-9]{1,12})$")  # ASCII only: \d also matches "١٢"


def search_filter(query):
    """A Q object matching the query, or None when the query can match nothing.

    Names and other free text are encrypted, so they cannot be searched with SQL at all.
    """
    query = query.strip()
    condition = Q()
    if match := REQUEST_NUMBER.match(query):
        condition |= Q(pk=int(match.group(1)))
    if "@" in query:
        condition |= Q(email_hash=keyed_hash(query.lower()))
    else:
        try:
            number = phonenumbers.parse(query, "US")
        except phonenumbers.NumberParseException:
            number = None
        if number is not None and phonenumbers.is_valid_number(number):
            e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
            condition |= Q(phone_hash=keyed_hash(e164))
    return condition or None
