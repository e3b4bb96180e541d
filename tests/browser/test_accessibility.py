"""axe-core finds no WCAG 2.2 A/AA violations on the public pages, at desktop and phone widths.

Each test visits several pages (loading the demo site costs more than an axe run), then reports
every page's violations together.
"""

import pytest

from tests.browser.axe import axe_violations, describe
from tests.browser.conftest import assert_no_csp_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PAGES = {
    "home": "/",
    "library": "/drugs/",
    "article": "/drugs/klonopin/",
    "comparison": "/drugs/klonopin-vs-xanax/",
    "search results": "/search/?q=benzos",
    "404": "/no-such-page/",
}


def violations_by_page(page, paths):
    found = {}
    for path in paths:
        response = page.goto(path)
        assert response.status == (404 if path == PAGES["404"] else 200), path
        violations = axe_violations(page)
        if violations:
            found[path] = describe(violations)
    return found


def test_no_axe_violations_on_desktop(page):
    found = violations_by_page(page, PAGES.values())
    assert found == {}, "\n\n".join(f"{path}:\n{report}" for path, report in found.items())
    assert_no_csp_violations(page)

    # The check can fail: an image without a text alternative is reported.
    page.evaluate(
        "document.querySelector('main').append(Object.assign(document.createElement('img'), {src: '/x.png'}))"
    )
    assert "image-alt" in [violation["id"] for violation in axe_violations(page)]


def test_no_axe_violations_on_a_phone(phone_page):
    found = violations_by_page(phone_page, [PAGES["home"], PAGES["article"], PAGES["comparison"]])
    assert found == {}, "\n\n".join(f"{path}:\n{report}" for path, report in found.items())
