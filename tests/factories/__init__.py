"""Factories that build real pages in the real Wagtail tree (always with a parent)."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from intake.models import InsuranceProvider
from pages.disclosures import Credential
from pages.models import ComparisonPage, ContentPage, DrugIndexPage, DrugPage, HomePage, ProgramIndexPage, ProgramPage
from pages.snippets import DrugClass, MedicalReviewer


class DrugClassFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Class {n}")
    slug = factory.Sequence(lambda n: f"class-{n}")
    description = "A family of medicines that act the same way."

    class Meta:
        model = DrugClass
        django_get_or_create = ("slug",)


class InsuranceProviderFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Test Health Plan {n}")

    class Meta:
        model = InsuranceProvider


class CredentialFactory(factory.django.DjangoModelFactory):
    """A fictional state licence, valid for more than a year, with a link to check it."""

    name = "Residential licence"
    issuing_body = "Example State Department of Health"
    number = factory.Sequence(lambda n: f"EX-{n}")
    expires_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=400))
    verification_url = "https://licensing.example/verify"

    class Meta:
        model = Credential


class MedicalReviewerFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Dr. Test Reviewer {n}")
    slug = factory.Sequence(lambda n: f"test-reviewer-{n}")
    credentials = "MD"

    class Meta:
        model = MedicalReviewer


def section(heading, text):
    """One raw "section" block for a StreamField."""
    return {"type": "section", "value": {"heading": heading, "anchor": "", "body": f"<p>{text}</p>"}}


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Home"
    hero_heading = "Help is here"

    class Meta:
        model = HomePage


class DrugIndexPageFactory(wagtail_factories.PageFactory):
    title = "Drug library"
    slug = "drugs"

    class Meta:
        model = DrugIndexPage


class DrugPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Drug {n}")
    generic_name = factory.Sequence(lambda n: f"genericum {n}")
    drug_class = factory.SubFactory(DrugClassFactory, name="Benzodiazepine", slug="benzodiazepine")
    summary = "A prescription medicine."
    body = factory.LazyFunction(lambda: [section("What is it?", "Plain facts.")])

    class Meta:
        model = DrugPage


class KlonopinPageFactory(DrugPageFactory):
    """The Klonopin (clonazepam) article the page tests read: its names and slug; each test adds the rest."""

    title = "Klonopin (clonazepam)"
    slug = "klonopin"
    generic_name = "clonazepam"
    brand_names = "Klonopin, Rivotril"


class ComparisonPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Comparison {n}")
    summary = "How they differ."

    class Meta:
        model = ComparisonPage


class ProgramIndexPageFactory(wagtail_factories.PageFactory):
    title = "Treatment programs"
    slug = "treatment"

    class Meta:
        model = ProgramIndexPage


class ProgramPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Program {n}")
    summary = "A stage of care."
    body = factory.LazyFunction(lambda: [section("Who it is for", "Adults.")])

    class Meta:
        model = ProgramPage


class ContentPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Page {n}")
    body = factory.LazyFunction(lambda: [section("About", "Words.")])

    class Meta:
        model = ContentPage


def one_page_of_each_type(home, library, drug):
    """Beside ``home``, the drug ``library`` and one ``drug`` article: a second drug (Xanax) and the comparison
    of the two, the program index with one program, and a content page. Keyed by kind, one page each."""
    xanax = DrugPageFactory(parent=library, title="Xanax", slug="xanax")
    programs = ProgramIndexPageFactory(parent=home)
    return {
        "home": home,
        "library": library,
        "drug": drug,
        "comparison": ComparisonPageFactory(parent=library, title=f"{drug.title} vs Xanax", drug_a=drug, drug_b=xanax),
        "programs": programs,
        "program": ProgramPageFactory(parent=programs),
        "content": ContentPageFactory(parent=home),
    }
