"""Load the demo site from pages/demo/*.json; running it again changes nothing."""

import datetime
import json
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from wagtail import blocks
from wagtail.blocks import StreamValue
from wagtail.models import Page, Site
from wagtail.signal_handlers import disable_reference_index_auto_update

from intake.models import InsuranceProvider
from ops.site_host import configure_default_site
from pages import models as page_models
from pages.demo_images import demo_image
from pages.demo_translations import load_spanish
from pages.models import ContactSettings, DrugPage, DrugStreetName, SimilarDrugLink
from pages.snippets import DrugClass, MedicalReviewer

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"


def english(model):
    """The English pages of a type: the Spanish translations share their slugs."""
    return model.objects.filter(locale__language_code=settings.LANGUAGE_CODE)


def parse_demo_date(value):
    """An ISO date, or "today+20d" / "today-345d" so the demo's review schedule never goes stale."""
    if value.startswith("today"):
        return timezone.localdate() + datetime.timedelta(days=int(value.removeprefix("today").removesuffix("d") or 0))
    return datetime.date.fromisoformat(value)


def with_demo_photo(block):
    """A photo block names a demo scene ("demo_photo": "entrance"); it becomes the uploaded image and its alt text."""
    if block.get("type") != "photo" or "demo_photo" not in block["value"]:
        return block
    value = dict(block["value"])
    image = demo_image(value.pop("demo_photo"))
    value["image"] = {"image": image.pk, "alt_text": image.description, "decorative": False}
    return {**block, "value": value}


def blank_missing_text(block, value):
    """Give optional text blocks the JSON left out an empty string, as the admin's form would.

    A missing value is stored as null, which wagtail-localize cannot extract for translation.
    """
    if isinstance(block, blocks.StreamBlock):
        for item in value:
            blank_missing_text(block.child_blocks[item["type"]], item["value"])
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            if value.get(name) is None and isinstance(child, blocks.CharBlock | blocks.TextBlock):
                value[name] = ""
            elif value.get(name) is not None:
                blank_missing_text(child, value[name])
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            blank_missing_text(
                block.child_block, item["value"] if isinstance(item, dict) and item.get("type") == "item" else item
            )


def in_block_format(stream_block, raw):
    """The JSON as the admin would save it: every block and list item with an id, lists in Wagtail's item format.

    wagtail-localize extracts list items (interactions, withdrawal stages, detection windows) only in that
    format; from the JSON's plain lists the Spanish pages kept those items in English, with nothing to translate.
    """
    value = stream_block.to_python(raw)
    return StreamValue(stream_block, [(child.block_type, child.value) for child in value]).get_prep_value()


class Command(BaseCommand):
    help = "Create the demo pages, snippets and settings (idempotent: existing items are left as they are)."

    def handle(self, *args, **options):
        # Building the Spanish translations replaces child rows (similar-drug links) that were saved moments
        # before; per-save reference-index tasks would then fail in the worker on rows that are gone. Index
        # once, after the whole load has committed.
        with disable_reference_index_auto_update():
            self.load_all()
        call_command("rebuild_references_index", verbosity=0)
        self.stdout.write(self.style.SUCCESS(f"Demo content ready ({self.created} items created)."))

    @transaction.atomic
    def load_all(self):
        self.created = 0
        snippets = json.loads((DEMO_DIR / "snippets.json").read_text())
        self.load_snippets(snippets)
        home = self.load_home(json.loads((DEMO_DIR / "home.json").read_text()))
        self.load_settings(home, snippets.get("contact", {}))
        for path in sorted((DEMO_DIR / "pages").glob("*.json")):
            self.load_page(home, json.loads(path.read_text()))
        configure_default_site()  # canonical links and the sitemap use the configured public host
        self.load_trust(home, json.loads((DEMO_DIR / "trust.json").read_text()))
        self.created += load_spanish(home)

    def load_snippets(self, data):
        for item in data["drug_classes"]:
            self.get_or_create(DrugClass, slug=item["slug"], defaults=item)
        for order, name in enumerate(data["insurance_providers"]):
            self.get_or_create(InsuranceProvider, name=name, defaults={"sort_order": order})
        for item in data["reviewers"]:
            self.get_or_create(MedicalReviewer, name=item["name"], defaults=item)

    def get_or_create(self, model, defaults, **lookup):
        obj, created = model.objects.get_or_create(**lookup, defaults=defaults)
        self.created += created
        return obj

    def load_home(self, data):
        """Put our home page at the site root, replacing Wagtail's welcome page on a fresh database."""
        home = page_models.HomePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
        if home is not None:
            return home
        root = Page.get_first_root_node()
        site = Site.objects.filter(is_default_site=True).first() or Site(
            hostname="localhost", port=80, is_default_site=True
        )
        # Wagtail's welcome page holds the slug "home". Point the site at the tree root while it is
        # deleted (a Site dies with its root page), without saving it first: a save would queue
        # search-index tasks for a page that is gone by the time the worker runs them.
        welcome = root.get_children().filter(slug=data["slug"]).first()
        if welcome is not None and welcome.specific_class is Page:
            site.root_page = root
            site.save()
            welcome.delete()
        home = root.add_child(instance=page_models.HomePage(**self.page_fields(page_models.HomePage, data)))
        home.save_revision().publish()
        self.created += 1
        site.root_page = home
        site.site_name = "Harbor Light Recovery"
        site.save()
        return home

    def load_settings(self, home, contact):
        site = Site.objects.get(root_page=home)
        settings, created = ContactSettings.objects.get_or_create(site=site, defaults=contact)
        self.created += created

    def load_trust(self, home, data):
        """Fictional licences (marked as examples), levels of care, medications, network status, policy links."""
        from pages.disclosures import Credential, TrustSettings
        from pages.services import LevelOfCare, Medication

        today = timezone.localdate()
        for item in data["credentials"]:
            item = dict(item)
            item["expires_on"] = today + datetime.timedelta(days=item.pop("expires_in_days"))
            self.get_or_create(Credential, number=item["number"], defaults=item)
        for item in data["levels_of_care"]:
            item = dict(item)
            slug = item.pop("program")
            item["program_page"] = english(page_models.ProgramPage).filter(slug=slug).first() if slug else None
            self.get_or_create(LevelOfCare, asam_level=item["asam_level"], defaults=item)
        for item in data["medications"]:
            item = dict(item)
            slug = item.pop("drug_page", "")
            item["drug_page"] = english(page_models.DrugPage).filter(slug=slug).first() if slug else None
            self.get_or_create(Medication, name=item["name"], use_disorder=item["use_disorder"], defaults=item)
            if item["drug_page"]:  # an older demo database: link the article without touching anything else
                Medication.objects.filter(name=item["name"], drug_page=None).update(drug_page=item["drug_page"])
        for name, status in data["network_status"].items():
            InsuranceProvider.objects.filter(name=name, network_status="out_of_network").update(network_status=status)
        trust, created = TrustSettings.objects.get_or_create(site=Site.objects.get(root_page=home))
        self.created += created
        if created:
            for field, path in data["settings"].items():
                setattr(trust, field, Page.objects.get(url_path=f"{home.url_path}{path}/"))
            trust.save()

    def load_page(self, home, data):
        model = getattr(page_models, data["type"])
        parent = home if not data.get("parent") else Page.objects.get(url_path=f"{home.url_path}{data['parent']}/")
        if parent.get_children().filter(slug=data["slug"]).exists():
            return
        page = model(**self.page_fields(model, data))
        parent.add_child(instance=page)
        for name in data.get("street_names", []):
            page.street_names.add(DrugStreetName(name=name))
        # An explicit sort_order: without one the links come back in whatever order the database likes.
        for order, slug in enumerate(data.get("similar", [])):
            page.similar_drug_links.add(SimilarDrugLink(drug=english(DrugPage).get(slug=slug), sort_order=order))
        page.save_revision().publish()
        self.created += 1

    def page_fields(self, model, data):
        """Turn the JSON into model field values, resolving references by slug or name."""
        fields = dict(data.get("fields", {}))
        fields["title"] = data["title"]
        fields["slug"] = data["slug"]
        if "drug_class" in fields:
            fields["drug_class"] = DrugClass.objects.get(slug=fields["drug_class"])
        for key in ("drug_a", "drug_b"):
            if key in fields:
                fields[key] = english(DrugPage).get(slug=fields[key])
        if "reviewer" in fields:
            fields["reviewer"] = MedicalReviewer.objects.get(name=fields["reviewer"])
        for key in ("last_reviewed", "next_review_due"):
            if key in fields:
                fields[key] = parse_demo_date(fields[key])
        if "body" in fields:
            fields["body"] = [with_demo_photo(block) for block in fields["body"]]
        for key in ("body", "references"):
            if key in fields:
                stream_block = model._meta.get_field(key).stream_block
                blank_missing_text(stream_block, fields[key])
                fields[key] = json.dumps(in_block_format(stream_block, fields[key]), cls=DjangoJSONEncoder)
        return fields
