"""Numbered in-text citations link to the reference list, and the list links back to the first citation."""

import pytest

from pages.citations import Citations
from tests.factories import ComparisonPageFactory, DrugPageFactory, ProgramIndexPageFactory, ProgramPageFactory

pytestmark = pytest.mark.django_db


def reference(title):
    return {"type": "reference", "value": {"title": title, "publisher": "NIDA", "url": "", "accessed": None}}


def cited_body(text):
    return [{"type": "section", "value": {"heading": "Facts", "anchor": "", "body": f"<p>{text}</p>"}}]


def test_only_numbers_in_the_reference_list_are_linked_and_never_inside_a_tag():
    citations = Citations(2)
    html = str(citations.link_html('<p>Risky [1, 2]. Again [1]. Unknown [3]. <a href="/x?[1]">link</a></p>'))
    assert html.count('id="cite-1"') == 1 and html.count('href="#ref-1"') == 2
    assert 'id="cite-2"' in html and "Unknown [3]." in html
    assert 'href="/x?[1]"' in html
    assert citations.cited == [1, 2]


def test_an_article_cites_its_sources_and_the_list_links_back(client, library):
    page = DrugPageFactory(
        parent=library,
        body=cited_body("Withdrawal can cause seizures [2]."),
        references=[reference("First source"), reference("Second source")],
    )
    html = client.get(page.url).content.decode()
    assert '<sup class="cite">[<a href="#ref-2" id="cite-2" aria-label="Reference 2">2</a>]</sup>' in html
    assert 'href="#cite-2" class="references__back"' in html
    assert 'href="#cite-1"' not in html, "an uncited source has no back link"


@pytest.mark.parametrize("kind", ["comparison", "program"])
def test_comparison_and_program_pages_show_their_sources_too(client, home, library, kind):
    fields = {"body": cited_body("Proven to help [1]."), "references": [reference("Program source")]}
    if kind == "comparison":
        drug_a, drug_b = DrugPageFactory(parent=library), DrugPageFactory(parent=library)
        page = ComparisonPageFactory(parent=library, drug_a=drug_a, drug_b=drug_b, **fields)
    else:
        page = ProgramPageFactory(parent=ProgramIndexPageFactory(parent=home), **fields)
    html = client.get(page.url).content.decode()
    assert 'id="references-heading"' in html and "Program source" in html
    assert 'href="#ref-1" id="cite-1"' in html
