"""A small bilingual site: English pages, and Spanish translations made with wagtail-localize like an editor's."""

import datetime

import pytest
from wagtail.models import Locale, Page

from pages.demo_translations import translate_page
from tests.conftest import make_home
from tests.demo_content import restore_or_build
from tests.factories import (
    ComparisonPageFactory,
    ContentPageFactory,
    DrugClassFactory,
    DrugIndexPageFactory,
    DrugPageFactory,
    MedicalReviewerFactory,
    ProgramIndexPageFactory,
    ProgramPageFactory,
    section,
)
from tests.workflow.conftest import editor, reviewer  # noqa: F401 (the staff of each role, shared)

SPANISH = {
    "Home": "Inicio",
    "Help is here": "Aquí hay ayuda",
    "Drug library": "Biblioteca de drogas",
    "Klonopin (clonazepam)": "Klonopin (clonazepam)",
    "Klonopin is a long-acting benzodiazepine.": "El Klonopin es una benzodiacepina de acción prolongada.",
    "What is it?": "¿Qué es?",
    "Clonazepam calms panic and prevents seizures.": "El clonazepam calma el pánico y previene las convulsiones.",
    "Xanax (alprazolam)": "Xanax (alprazolam)",
    "Klonopin vs Xanax": "Klonopin frente a Xanax",
    "How they differ.": "En qué se diferencian.",
    "Treatment programs": "Programas de tratamiento",
    "Medical detox": "Desintoxicación médica",
    "A stage of care.": "Una etapa de la atención.",
    "About us": "Quiénes somos",
}


@pytest.fixture
def spanish(db):
    return Locale.objects.get(language_code="es")


@pytest.fixture
def english_site(home, library):
    """Home → library (Klonopin, Xanax, their comparison, an untranslated fentanyl), programs, About."""
    return build_english_site(home, library)


def build_english_site(home, library):
    benzo = DrugClassFactory(name="Benzodiazepine", slug="benzodiazepine", plural_name="Benzodiazepines")
    earlier_reviewer = MedicalReviewerFactory(name="Dr. Ada Example", credentials="MD")
    pages = {"home": home, "library": library}
    for key, title, slug in [
        ("klonopin", "Klonopin (clonazepam)", "klonopin"),
        ("xanax", "Xanax (alprazolam)", "xanax"),
    ]:
        pages[key] = DrugPageFactory(
            parent=library,
            title=title,
            slug=slug,
            drug_class=benzo,
            summary="Klonopin is a long-acting benzodiazepine.",
            body=[section("What is it?", "Clonazepam calms panic and prevents seizures.")],
            reviewer=earlier_reviewer,
            last_reviewed=datetime.date(2026, 6, 15),
            next_review_due=datetime.date(2027, 6, 15),
        )
    pages["fentanyl"] = DrugPageFactory(parent=library, title="Fentanyl", slug="fentanyl", drug_class=benzo)
    pages["comparison"] = ComparisonPageFactory(
        parent=library,
        title="Klonopin vs Xanax",
        slug="klonopin-vs-xanax",
        drug_a=pages["klonopin"],
        drug_b=pages["xanax"],
    )
    pages["programs"] = ProgramIndexPageFactory(parent=home)
    pages["detox"] = ProgramPageFactory(parent=pages["programs"], title="Medical detox", slug="medical-detox")
    pages["about"] = ContentPageFactory(parent=home, title="About us", slug="about")
    for page in pages.values():
        page.save_revision().publish()
    return pages


@pytest.fixture
def bilingual_site(db, spanish):
    """The English site with every page but fentanyl translated into Spanish (parents first), live as reviewed
    demo content is; built once per run and put back for each test (tests/demo_content.py)."""
    pks = restore_or_build("bilingual site", lambda: build_bilingual_site(spanish))
    return {key: Page.objects.get(pk=pk).specific for key, pk in pks.items()}


def build_bilingual_site(spanish):
    """Returns {key: page id}: "klonopin" for the English article, "es_klonopin" for its translation."""
    home = make_home()
    english = build_english_site(home, DrugIndexPageFactory(parent=home))
    order = ["home", "library", "klonopin", "xanax", "comparison", "programs", "detox", "about"]
    for key in order:
        translate_page(english[key].specific, spanish, SPANISH)
    return {key: page.pk for key, page in english.items()} | {
        f"es_{key}": english[key].get_translation(spanish).pk for key in order
    }
