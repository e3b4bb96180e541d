""" "Did you mean …?" for misspelt drug names, from the library's own vocabulary.

The vocabulary is every live drug article's title words, generic, brand and street names, and the drug
class names. It works the same on SQLite and PostgreSQL (difflib, no database extension), and costs
three small queries, run only when a search found nothing.
"""

import difflib
import re

from pages.models import DrugPage, DrugStreetName
from pages.snippets import DrugClass

WORD = re.compile(r"[A-Za-z][A-Za-z-]+")
CUTOFF = 0.75


def vocabulary():
    """Known names, keyed by lower case, with their display spelling."""
    names = {}
    for title, generic, brands in DrugPage.objects.live().public().values_list("title", "generic_name", "brand_names"):
        for text in (title, generic, brands):
            for word in WORD.findall(text or ""):
                names.setdefault(word.lower(), word)
    for name in DrugStreetName.objects.filter(page__live=True).values_list("name", flat=True):
        names.setdefault(name.lower(), name)
    for name, plural in DrugClass.objects.values_list("name", "plural_name"):
        for word in (name, plural):
            if word:
                names.setdefault(word.lower(), word)
    return names


def suggest(words):
    """The query with each unknown word replaced by its closest known name, or None if nothing changes."""
    names = vocabulary()
    corrected, changed = [], False
    for word in words:
        lower = word.lower()
        if lower in names:
            corrected.append(word)
            continue
        match = difflib.get_close_matches(lower, names.keys(), n=1, cutoff=CUTOFF)
        if match:
            corrected.append(names[match[0]])
            changed = True
        else:
            corrected.append(word)
    return " ".join(corrected) if changed else None
