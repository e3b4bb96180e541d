"""The Spanish pages are axe-clean too, and the switcher takes a reader to the same article in English."""

from tests.browser.axe import assert_pages_axe_clean

SPANISH_PAGES = [
    "/es/",
    "/es/drugs/",
    "/es/drugs/klonopin/",
    "/es/drugs/klonopin-vs-xanax/",
    "/es/treatment/medical-detox/",
    "/es/search/?q=benzodiacepinas",
    "/es/verify-insurance/",
    "/es/request-callback/",
]


def test_no_axe_violations_on_spanish_pages(page):
    assert_pages_axe_clean(page, SPANISH_PAGES)


def test_switching_language_on_the_klonopin_article(page):
    page.goto("/drugs/klonopin/")
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Español").click()
    page.wait_for_url("**/es/drugs/klonopin/")
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.get_by_role("heading", name="Datos clave").is_visible()
    page.get_by_role("navigation", name="Idioma").get_by_role("link", name="English").click()
    page.wait_for_url("**/drugs/klonopin/")
    assert page.locator("html").get_attribute("lang") == "en"
