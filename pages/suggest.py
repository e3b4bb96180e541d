""" "Did you mean …?" for misspelt drug names, from the library's own vocabulary.

The vocabulary is every live drug article's title words, generic, brand and street names in the visitor's
language, and the drug class names as that language says them (three small queries, run only when a search
found nothing): a Spanish visitor's "benzodiasepinas" becomes "Benzodiacepinas", never an English word.
The closest known name is found by PostgreSQL's trigram similarity (`pg_trgm`, one more query per unknown
word) when the site runs on PostgreSQL, and by difflib's ratio elsewhere (SQLite in development), so both
behave alike.
"""

import difflib
import re

from django.db import connection
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant

from pages.models import DrugPage, DrugStreetName
from pages.snippets import DrugClass

WORD = re.compile(r"[^\W\d_][\w-]+")
#: difflib ratio a known name needs to be offered ("klonopn" → "klonopin" is 0.93).
DIFFLIB_CUTOFF = 0.75
#: pg_trgm similarity a known name needs ("fentinal" → "fentanyl" shares few trigrams: 0.29).
TRIGRAM_CUTOFF = 0.25


def vocabulary():
    """Known names, keyed by lower case, with their display spelling."""
    language = get_supported_content_language_variant(translation.get_language())
    names = {}
    pages = DrugPage.objects.live().public().filter(locale__language_code=language)
    for title, generic, brands in pages.values_list("title", "generic_name", "brand_names"):
        for text in (title, generic, brands):
            for word in WORD.findall(text or ""):
                names.setdefault(word.lower(), word)
    street_names = DrugStreetName.objects.filter(page__live=True, page__locale__language_code=language)
    for name in street_names.values_list("name", flat=True):
        names.setdefault(name.lower(), name)
    for name, plural in DrugClass.objects.values_list("name", "plural_name"):
        for word in (translation.gettext(name), plural and translation.gettext(plural)):
            if word:
                names.setdefault(word.lower(), word)
    return names


def closest_by_difflib(word, known):
    """The known name (lower case) most like `word` by difflib's ratio, or None."""
    match = difflib.get_close_matches(word, known, n=1, cutoff=DIFFLIB_CUTOFF)
    return match[0] if match else None


def closest_by_trigram(word, known):
    """The known name (lower case) most like `word`, or None (PostgreSQL only).

    pg_trgm picks the few names sharing enough trigrams; of those, the one closest in spelling as a whole
    wins, since trigram similarity alone favours short names ("fentinal" is nearer "fent" than "fentanyl").
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM unnest(%s::text[]) AS name WHERE similarity(name, %s) >= %s "
            "ORDER BY similarity(name, %s) DESC, name LIMIT 5",
            [list(known), word, TRIGRAM_CUTOFF, word],
        )
        candidates = [row[0] for row in cursor.fetchall()]
    return max(candidates, key=lambda name: difflib.SequenceMatcher(None, word, name).ratio(), default=None)


def default_matcher():
    """Trigram similarity on PostgreSQL (migration 0006 enables pg_trgm), difflib on any other database."""
    return closest_by_trigram if connection.vendor == "postgresql" else closest_by_difflib


def suggest(words, matcher=None):
    """The query with each unknown word replaced by its closest known name, or None if nothing changes."""
    matcher = matcher or default_matcher()
    names = vocabulary()
    corrected, changed = [], False
    for word in words:
        lower = word.lower()
        match = None if lower in names else matcher(lower, names.keys())
        if match:
            corrected.append(names[match])
            changed = True
        else:
            corrected.append(word)
    return " ".join(corrected) if changed else None
