"""The demo loader builds the whole demo site and a second run changes nothing."""

import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import Page, ReferenceIndex, Site

from intake.models import InsuranceProvider
from pages.models import ComparisonPage, ContactSettings, DrugPage, HomePage, ProgramPage
from pages.snippets import DrugClass, MedicalReviewer
from tests.demo_content import load_demo
from tests.factories.tasks import task_worker

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "pages": Page.objects.count(),
        "by_type": dict(Page.objects.values_list("content_type__model").annotate(n=Count("id"))),
        "classes": DrugClass.objects.count(),
        "providers": InsuranceProvider.objects.count(),
        "reviewers": MedicalReviewer.objects.count(),
        "settings": ContactSettings.objects.count(),
        "revisions": sum(p.revisions.count() for p in Page.objects.all()),
    }


def test_loader_is_idempotent_and_complete(client):
    call_command("load_demo_content", stdout=io.StringIO())
    first = snapshot()
    call_command("load_demo_content", stdout=io.StringIO())
    assert snapshot() == first

    home = HomePage.objects.get(locale__language_code="en")
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert set(DrugPage.objects.filter(locale=home.locale).values_list("slug", flat=True)) >= {
        "klonopin",
        "xanax",
        "ativan",
        "valium",
        "phenobarbital",
        "alcohol",
    }
    assert ComparisonPage.objects.filter(slug="klonopin-vs-xanax").exists()
    assert ProgramPage.objects.filter(locale=home.locale).count() == 4
    assert InsuranceProvider.objects.filter(active=True).count() >= 8

    klonopin = DrugPage.objects.get(slug="klonopin", locale=home.locale)
    headings = [section["heading"] for section in klonopin.sections()]
    assert len(headings) >= 10
    assert {"K-pin", "Super Valium"} <= set(klonopin.street_name_list())
    assert [d.slug for d in klonopin.similar_drugs()][:2] == ["phenobarbital", "alcohol"]

    # The article is reachable from the home page by following links.
    Site.objects.filter(pk=home.get_site().pk).update(hostname="testserver")
    assert 'href="/drugs/"' in client.get("/").content.decode()
    assert 'href="/drugs/klonopin/"' in client.get("/drugs/").content.decode()
    assert client.get("/drugs/klonopin/").status_code == 200


OPIOIDS = ["fentanyl", "heroin", "oxycodone", "hydrocodone", "methadone", "buprenorphine"]
STIMULANTS = ["methamphetamine", "cocaine", "adderall"]


def test_demo_covers_opioids_and_stimulants_with_every_section(client):
    """Every new article carries the Klonopin article's sections plus the structured health sections."""
    load_demo()  # what the demo holds; how the loader builds it is tested above and below
    site = Site.objects.get(is_default_site=True)
    Site.objects.filter(pk=site.pk).update(hostname="testserver")
    assert ComparisonPage.objects.filter(slug__in=["suboxone-vs-methadone", "fentanyl-vs-heroin"]).count() == 2
    assert client.get("/drugs/naloxone/").status_code == 200
    assert 'href="/drugs/naloxone/"' in client.get("/").content.decode(), "the crisis notice links to naloxone"
    for slug in OPIOIDS + STIMULANTS:
        page = DrugPage.objects.get(slug=slug, locale__language_code="en")
        anchors = {section.anchor_id() for section in page.sections()}
        assert {"what-it-is", "what-it-treats"} & anchors, slug
        assert {"why-addictive", "similar-drugs", "street-names", "signs", "side-effects", "treatment"} <= anchors, slug
        assert {"interactions", "withdrawal-timeline", "detection"} <= anchors, slug
        assert len(page.references) >= 3 and len(page.street_name_list()) >= 4, slug
        assert "insurance_cta" in [block.block_type for block in page.body], slug
        assert page.reviewer_id and page.next_review_due, slug
        html = client.get(page.url).content.decode()
        assert ('class="overdose"' in html) == (slug in OPIOIDS), slug
        assert 'href="/drugs/naloxone/"' in html and 'class="cite"' in html, slug
    assert DrugClass.objects.get(slug="benzodiazepine").overdose_guidance == "mixing"
    klonopin = client.get("/drugs/klonopin/").content.decode()
    assert klonopin.count(">Similar drugs</h2>") == 1, "the related-articles list has its own heading"


def test_loading_queues_no_reference_index_task_for_rows_it_replaced(settings, django_capture_on_commit_callbacks):
    """The worker of a first `make run` reported no failed tasks once the loader indexes references itself."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "intake"]}}
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo_content", stdout=io.StringIO())
    worker = task_worker()
    for result in DBTaskResult.objects.ready():
        worker.run_task(result)
    assert not DBTaskResult.objects.failed().exists()
    klonopin = DrugPage.objects.get(slug="klonopin", locale__language_code="en")
    assert ReferenceIndex.get_references_for_object(klonopin).exists()  # indexed once, after the load


def test_demo_has_a_reviewed_spanish_fentanyl_article(client):
    """The Spanish fentanyl article is a live translation with the overdose box and its own clinical review."""
    from tests.i18n.test_public_spanish import hreflangs, switcher_links

    load_demo()  # what the demo holds; how the loader builds it is tested above and below
    Site.objects.filter(is_default_site=True).update(hostname="testserver")
    english = DrugPage.objects.get(slug="fentanyl", locale__language_code="en")
    spanish = DrugPage.objects.get(translation_key=english.translation_key, locale__language_code="es")
    assert spanish.live and spanish.url == "/es/drugs/fentanyl/" and spanish.title == "Fentanilo"
    assert "Azulitas" in spanish.street_name_list() and "Azulitas" not in english.street_name_list()
    assert spanish.generic_name == "fentanilo"  # the slug and the generic name are one English word, told apart
    assert spanish.get_parent().specific.locale.language_code == "es"

    response = client.get(spanish.url)
    html = response.content.decode()
    assert response.status_code == 200 and '<html lang="es">' in html
    assert hreflangs(html) == {"en-US": english.full_url, "es-US": spanish.full_url}
    assert switcher_links(html) == {english.url: "en-US"}
    assert "¿Por qué el fentanilo crea adicción?" in html and "Why is fentanyl addictive?" not in html
    overdose = re.search(r'<section class="overdose".*?</section>', html, re.S).group(0)
    assert "naloxona" in overdose and 'href="tel:911"' in overdose and "Señales" in overdose

    # Its own review, from the Spanish demo file, not the English page's stamp copied across.
    assert spanish.reviewer.name == "Dr. Maya Okafor"
    assert spanish.last_reviewed == timezone.localdate() - datetime.timedelta(days=5)
    assert spanish.last_reviewed != english.last_reviewed
    assert spanish.next_review_due == spanish.last_reviewed + spanish.REVIEW_INTERVAL
