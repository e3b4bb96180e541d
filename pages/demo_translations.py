"""The demo site's Spanish pages (issue 16), made the way an editor makes them: with wagtail-localize.

Each file in pages/demo/es/ names an English page (its path under the home page) and gives Spanish for its
text, keyed by the English segment exactly as wagtail-localize extracts it (one per field, heading,
paragraph or list item). Where one English word is two fields that Spanish tells apart (the slug
"fentanyl" stays, the generic name becomes "fentanilo"), "fields" gives Spanish by field name, and a drug article's "street_names" are the Spanish page's own list. The loader starts a translation of the English page, fills the segments from the
file (a segment the file does not give, such as a source's title or a link, keeps the English), and
publishes the Spanish page. So the demo's translations are real wagtail-localize translations: "Up to date"
in Reports → Translations until the English page changes. Like the English demo, the pages arrive with a
(fictional) clinical review of their own, dated in the file.
"""

import json
from pathlib import Path

from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource

from pages.review import stamp_review
from pages.snippets import MedicalReviewer
from pages.translation import publishing_reviewed_content

SPANISH_DIR = Path(__file__).resolve().parent / "demo" / "es"


def load_spanish(home):
    """Translate every page named in pages/demo/es/ that has no Spanish version yet; returns how many."""
    spanish = Locale.objects.get(language_code="es")
    created = 0
    for path in sorted(SPANISH_DIR.glob("*.json")):
        data = json.loads(path.read_text())
        url_path = home.url_path + (f"{data['source']}/" if data["source"] else "")
        page = Page.objects.get(url_path=url_path, locale=home.locale).specific
        if page.has_translation(spanish):
            continue
        translate_page(page, spanish, data["strings"], data.get("review"), data.get("fields"), data.get("street_names"))
        created += 1
    return created


def translate_page(page, locale, strings, review=None, fields=None, street_names=None):
    """Translate and publish one page; returns the English segments the strings did not cover."""
    source, _ = TranslationSource.get_or_create_from_instance(page)
    translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
    po = translation.export_po()
    missing = []
    fields = fields or {}
    for entry in po:
        entry.msgstr = fields.get(entry.msgctxt) or strings.get(entry.msgid, entry.msgid)
        if entry.msgid not in strings and entry.msgctxt not in fields:
            missing.append(entry.msgid)
    translation.import_po(po)
    translation.save_target(publish=False)  # a draft; published below, as reviewed demo content
    translated = page.get_translation(locale).specific
    revision = translated.get_latest_revision()
    if street_names is not None:  # the language's own slang (DrugPage keeps street names per language)
        from pages.models import DrugStreetName

        translated.street_names = [DrugStreetName(name=name) for name in street_names]
        revision = translated.save_revision()
    with publishing_reviewed_content():
        revision.publish()
    if review:
        reviewer = MedicalReviewer.objects.get(name=review["reviewer"])
        from pages.management.commands.load_demo_content import parse_demo_date

        day = parse_demo_date(review["last_reviewed"])
        translated.refresh_from_db()
        stamp_review(translated, translated.live_revision, reviewer, day, day + translated.REVIEW_INTERVAL)
    return missing
