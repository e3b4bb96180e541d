"""No claim the services records do not back: find sentences where a page says we offer what we do not.

Regulators (and the FTC's opioid-marketing cases) punish invented services. The levels of care and
medications we offer are records (pages/services.py); this module reads page text and finds
first-person offering sentences ("we prescribe methadone", "our partial hospitalization program")
that name a level of care or medication the records mark as not offered, or an FDA-approved
addiction medication that has no record at all. It is deliberately simple: a sentence counts as a
claim when it speaks for us, uses an offering verb, names the service and does not negate or refer
out. Pages refuse to save with such a sentence (BasePage.clean), the records refuse to be unticked
while a live page still claims them (LevelOfCare/Medication.clean), and a test checks the rendered
demo site.
"""

import json
import re
from dataclasses import dataclass

from django.utils.html import strip_tags

#: FDA-approved medications for opioid and alcohol use disorder (generic and brand names). A page may
#: claim one only while a Medication record says we provide it, so deleting a record cannot hide a claim.
KNOWN_MEDICATIONS = [
    "buprenorphine",
    "Suboxone",
    "Subutex",
    "Zubsolv",
    "Sublocade",
    "Brixadi",
    "methadone",
    "Methadose",
    "Dolophine",
    "naltrexone",
    "Vivitrol",
    "Revia",
    "acamprosate",
    "Campral",
    "disulfiram",
    "Antabuse",
]

SPEAKS_FOR_US = re.compile(r"\b(we|we're|we'll|we've|our|us|here at)\b", re.I)
OFFERS = re.compile(
    r"\b(offer\w*|provid\w*|prescrib\w*|dispens\w*|give|gives|giving|start\w*|administer\w*|have|has|"
    r"run|runs|continu\w*|includ\w*|program|programme|available)\b",
    re.I,
)
NEGATES = re.compile(
    r"\b(not|no|never|don't|doesn't|cannot|can't|without|refer\w*|elsewhere|outside)\b|n't\b",
    re.I,
)
SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+|\n+")
BLOCK_TAGS = re.compile(r"</?(p|li|ul|ol|h[1-6]|td|th|tr|br|div|section|blockquote)\b[^>]*>", re.I)


@dataclass(frozen=True)
class Claim:
    """One sentence that claims a service the records do not back."""

    term: str
    sentence: str

    def __str__(self):
        return f"“{self.sentence}” claims {self.term}"


def _terms(value):
    """Names a record goes by: its name without brackets, plus comma-separated alternatives."""
    names = []
    for part in value.split(","):
        part = re.sub(r"\([^)]*\)", "", part).strip()
        if len(part) >= 3:
            names.append(part)
    return names


def record_names(record):
    """Lower-cased names a LevelOfCare or Medication goes by."""
    return {term.lower() for value in record.claim_names() for term in _terms(value)}


def service_terms(exclude=None):
    """(backed, unbacked) lower-cased names: offered or provided records vs everything else we know of.

    `exclude` leaves one record out, to ask what would stay backed without it.
    """
    from pages.services import LevelOfCare, Medication

    backed, known = set(), {name.lower() for name in KNOWN_MEDICATIONS}
    for model in (LevelOfCare, Medication):
        for record in model.objects.all():
            if exclude is not None and isinstance(exclude, model) and record.pk == exclude.pk:
                continue
            names = record_names(record)
            known |= names
            if record.is_available():
                backed |= names
    return backed, known - backed


def refuse_if_claimed(record, field):
    """Raise on `field` if unticking this record would leave a live page claiming it."""
    from django.core.exceptions import ValidationError

    backed, _ = service_terms(exclude=record)
    names = record_names(record) - backed
    found = live_pages_claiming((set(), names)) if names else []
    if found:
        titles = ", ".join(f"“{page.title}”" for page, _ in found[:5])
        raise ValidationError(
            {field: f"Live pages still say we offer this: {titles}. Change those sentences first, then untick it."}
        )


def sentences(text):
    return [" ".join(part.split()) for part in SENTENCE_END.split(text) if part.strip()]


def unbacked_claims(text, terms=None):
    """The sentences of plain `text` that claim a service the records do not back."""
    _, unbacked = terms or service_terms()
    if not unbacked:
        return []
    patterns = {term: re.compile(rf"\b{re.escape(term)}\b", re.I) for term in unbacked}
    claims = []
    for sentence in sentences(text):
        if not SPEAKS_FOR_US.search(sentence) or not OFFERS.search(sentence) or NEGATES.search(sentence):
            continue
        claims.extend(Claim(term, sentence) for term, pattern in patterns.items() if pattern.search(sentence))
    return claims


def html_to_text(html):
    return strip_tags(BLOCK_TAGS.sub("\n", html))


def _strings(value):
    """Every string inside a StreamField's JSON, depth first."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def page_text(page):
    """The words a page shows from its own fields: title, summary, text fields and every StreamField."""
    from django.db import models
    from wagtail.fields import StreamField

    parts = [page.title]
    for field in type(page)._meta.concrete_fields:
        if field.model is not type(page) and field.name not in {"seo_title", "search_description"}:
            continue
        value = getattr(page, field.attname, None)
        if isinstance(field, StreamField):
            raw = field.get_prep_value(value)
            parts.extend(html_to_text(s) for s in _strings(json.loads(raw) if isinstance(raw, str) else raw))
        elif isinstance(field, models.TextField | models.CharField) and isinstance(value, str) and not field.choices:
            parts.append(html_to_text(value))
    return "\n".join(parts)


def page_claims(page, terms=None):
    return unbacked_claims(page_text(page), terms)


def live_pages_claiming(terms_for_check):
    """(page, claims) for every live page that would claim one of these names if they stopped being backed."""
    from wagtail.models import Page

    found = []
    for page in Page.objects.live().filter(depth__gt=1).specific():
        claims = page_claims(page, terms_for_check)
        if claims:
            found.append((page, claims))
    return found
