"""Structured health sections render from real pages: overdose box by drug class, interactions with the FDA
boxed warning, the withdrawal timeline, detection times, and the "On this page" list that includes them."""

import pytest

from tests.factories import DrugClassFactory, DrugPageFactory, section
from tests.pages.test_query_counts import count_queries

pytestmark = pytest.mark.django_db


def health_blocks(interaction_count=1):
    return [
        section("What is it?", "Plain facts."),
        {
            "type": "interactions",
            "value": {
                "heading": "Mixing it with other drugs",
                "anchor": "interactions",
                "fda_boxed_warning": True,
                "interactions": [
                    {"substance": f"Substance {n}", "risk": "Breathing can stop."} for n in range(interaction_count)
                ],
            },
        },
        {
            "type": "withdrawal_timeline",
            "value": {
                "heading": "Withdrawal timeline",
                "anchor": "",
                "intro": "",
                "stages": [
                    {"when": "6–12 hours", "symptoms": "Yawning, sweating."},
                    {"when": "1–3 days", "symptoms": "Aches."},
                ],
                "note": "",
            },
        },
        {
            "type": "detection_times",
            "value": {
                "heading": "How long it stays in your system",
                "anchor": "detection",
                "half_life": "about 4 hours",
                "windows": [{"test": "urine", "window": "2–4 days"}, {"test": "hair", "window": "up to 90 days"}],
                "note": "",
            },
        },
    ]


@pytest.fixture
def opioid(db):
    return DrugClassFactory(name="Opioid", slug="opioid", overdose_guidance="opioid")


def test_every_opioid_article_shows_the_overdose_steps_before_its_text(client, library, opioid):
    page = DrugPageFactory(parent=library, title="Heroin", slug="heroin", drug_class=opioid)
    html = client.get(page.url).content.decode()
    box = html.index('class="overdose"')
    assert box < html.index('class="lead"'), "the steps come before the article's opening paragraph"
    assert 'href="tel:911"' in html[box:] and "Give naloxone" in html and "Recovery position" in html
    assert html.count('href="/drugs/naloxone/"') >= 2, "from the overdose box and the crisis notice"


def test_benzodiazepine_articles_warn_about_mixing_with_opioids_and_other_classes_show_no_box(client, library):
    benzo = DrugClassFactory(name="Benzodiazepine", slug="benzodiazepine", overdose_guidance="mixing")
    stimulant = DrugClassFactory(name="Stimulant", slug="stimulant")
    benzo_html = client.get(DrugPageFactory(parent=library, drug_class=benzo).url).content.decode()
    assert 'class="overdose"' in benzo_html and "Taken with opioids" in benzo_html
    stimulant_html = client.get(DrugPageFactory(parent=library, drug_class=stimulant).url).content.decode()
    assert 'class="overdose"' not in stimulant_html


def test_structured_sections_render_and_join_the_table_of_contents(client, library, opioid):
    page = DrugPageFactory(parent=library, title="Oxycodone", slug="oxycodone", drug_class=opioid, body=health_blocks())
    html = client.get(page.url).content.decode()
    assert "FDA boxed warning" in html and "<dt>Substance 0</dt>" in html
    assert '<ol class="timeline__stages"' in html and "<strong>6–12 hours</strong>" in html
    assert "<caption>How long it can show up on a drug test</caption>" in html
    assert '<th scope="row">Urine</th><td>2–4 days</td>' in html
    for anchor in ("interactions", "withdrawal-timeline", "detection"):
        assert f'<li><a href="#{anchor}">' in html and f'id="{anchor}"' in html


def test_the_structured_sections_add_no_queries(client, library, opioid):
    plain = DrugPageFactory(parent=library, slug="plain", drug_class=opioid, body=[section("What is it?", "Facts.")])
    rich = DrugPageFactory(parent=library, slug="rich", drug_class=opioid, body=health_blocks(interaction_count=8))
    assert count_queries(client, rich.url)[0] == count_queries(client, plain.url)[0]
