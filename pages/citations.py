"""Numbered in-text citations: "[2]" in an article's text becomes a superscript link to reference 2.

Editors type the number in square brackets, e.g. "… can be fatal [1, 3]." Only numbers that match an entry
in the page's reference list are linked; anything else is left as typed. The first citation of each
reference gets id="cite-N" so the reference list can link back to where it was first cited.
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

CITATION = re.compile(r"\[(\d{1,3}(?:\s*,\s*\d{1,3})*)\]")
TAG = re.compile(r"(<[^>]*>)")


class Citations:
    """Per-render state: how many references the page has and which were cited so far."""

    def __init__(self, reference_count):
        self.reference_count = reference_count
        self.cited = []

    def was_cited(self, number):
        return number in self.cited

    def _link(self, match):
        numbers = [int(n) for n in re.split(r"\s*,\s*", match.group(1))]
        if any(n < 1 or n > self.reference_count for n in numbers):
            return match.group(0)
        links = []
        for n in numbers:
            id_attr = "" if n in self.cited else f' id="cite-{n}"'
            if n not in self.cited:
                self.cited.append(n)
            links.append(f'<a href="#ref-{n}"{id_attr} aria-label="Reference {n}">{n}</a>')
        return '<sup class="cite">[' + ", ".join(links) + "]</sup>"

    def link_html(self, html):
        """Link citations in text nodes only (never inside a tag's attributes)."""
        parts = TAG.split(str(html))
        # Input is already-safe HTML (rendered rich text or escaped text); only our own <sup><a> is added.
        linked = "".join(part if part.startswith("<") else CITATION.sub(self._link, part) for part in parts)
        return mark_safe(linked)  # noqa: S308

    def link_text(self, text):
        return self.link_html(escape(text))
