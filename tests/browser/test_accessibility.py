"""axe-core finds no WCAG 2.2 A/AA violations on the public pages, at desktop and phone widths.

Each test visits several pages (loading the demo site costs more than an axe run), then reports
every page's violations together.
"""

from tests.browser.axe import assert_pages_axe_clean, axe_violations
from tests.browser.conftest import assert_no_csp_violations

PAGES = {
    "home": "/",
    "library": "/drugs/",
    "article": "/drugs/klonopin/",
    "comparison": "/drugs/klonopin-vs-xanax/",
    "search results": "/search/?q=benzos",
    "404": "/no-such-page/",
}


def test_no_axe_violations_on_desktop(page):
    assert_pages_axe_clean(page, PAGES.values(), not_found=[PAGES["404"]])
    assert_no_csp_violations(page)

    # The check can fail: an image without a text alternative is reported.
    page.evaluate(
        "document.querySelector('main').append(Object.assign(document.createElement('img'), {src: '/x.png'}))"
    )
    assert "image-alt" in [violation["id"] for violation in axe_violations(page)]


def test_no_axe_violations_on_a_phone(phone_page):
    assert_pages_axe_clean(phone_page, [PAGES["home"], PAGES["article"], PAGES["comparison"]])
