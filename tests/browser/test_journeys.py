"""A keyboard-only visitor can find a drug article and reach the insurance check; layouts hold at 375 px.

Each step of the journey is its own function so later journeys (submitting the insurance form,
starting a chat) can reuse them.
"""

import re

from PIL import Image
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, DESKTOP, PHONE, assert_no_csp_violations

MAX_TABS = 150  # an article now has citations, a who-answers line and more links before its form


def focused_text(page):
    return page.evaluate("(document.activeElement.innerText || document.activeElement.value || '').trim()")


def tab_to(page, text):
    """Press Tab until the focused element's text is `text`; check its focus indicator is visible."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if focused_text(page) == text:
            outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
            assert outline != "none", f"no visible focus indicator on {text!r}"
            return
    raise AssertionError(f"{text!r} was not reachable with the Tab key")


def follow(page, text, url_pattern):
    """Tab to a link and press Enter, then wait for the next page."""
    tab_to(page, text)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(url_pattern))


def step_open_home(page):
    page.goto("/")
    page.keyboard.press("Tab")
    assert focused_text(page) == "Skip to main content"
    expect(page.get_by_role("link", name="Skip to main content")).to_be_in_viewport()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def step_to_library(page):
    follow(page, "Drug library", r"/drugs/$")
    expect(page.get_by_role("heading", level=1)).to_have_text("Drug library")


def step_to_article(page):
    follow(page, "Klonopin (clonazepam)", r"/drugs/klonopin/$")
    expect(page.get_by_role("heading", level=1)).to_have_text("Klonopin (clonazepam)")
    expect(page.get_by_role("navigation", name="On this page")).to_be_visible()


def step_to_insurance_check(page):
    page.keyboard.press("Home")
    page.evaluate("document.activeElement.blur()")
    follow(page, "Verify insurance", r"/verify-insurance/$")
    expect(page.get_by_role("heading", level=1)).to_contain_text("insurance")


def test_keyboard_only_journey_from_home_to_the_insurance_check(page):
    step_open_home(page)
    step_to_library(page)
    step_to_article(page)
    step_to_insurance_check(page)
    assert_no_csp_violations(page)


def test_search_from_the_header_finds_klonopin_by_street_name(page):
    page.goto("/")
    page.get_by_role("combobox", name="Search the site").fill("pins")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q=pins"))
    page.get_by_role("link", name="Klonopin (clonazepam)").click()
    expect(page).to_have_url(re.compile(r"/drugs/klonopin/$"))


def test_table_of_contents_links_move_focus_to_the_section(page):
    page.goto("/drugs/klonopin/")
    page.get_by_role("navigation", name="On this page").get_by_role("link").nth(2).click()
    expect(page).to_have_url(re.compile(r"#similar-drugs$"))
    expect(page.locator("#similar-drugs h2")).to_be_in_viewport()


def test_phone_layout_has_no_sideways_scrolling_stacked_tables_and_big_targets(phone_page):
    for path in ("/", "/drugs/", "/drugs/klonopin/", "/drugs/klonopin-vs-xanax/", "/search/?q=benzos"):
        phone_page.goto(path)
        width = phone_page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{path} is {width}px wide"

    # On the comparison page each fact becomes a card: its name across the top, both values below.
    phone_page.goto("/drugs/klonopin-vs-xanax/")
    row = phone_page.locator(".comparison-table tbody tr").first
    label, first, second = (row.locator(cell).bounding_box() for cell in ("th", "td >> nth=0", "td >> nth=1"))
    assert label["width"] > PHONE["width"] * 0.8
    assert first["y"] > label["y"] and abs(first["y"] - second["y"]) < 1

    # WCAG 2.2 target size: every control is at least 24 px tall.
    phone_page.goto("/drugs/klonopin/")
    small = phone_page.evaluate(
        """() => [...document.querySelectorAll('header a, header button, nav a, .button, .card a, input, button')]
            .filter(el => el.offsetParent !== null)
            .map(el => [el.textContent.trim() || el.id, el.getBoundingClientRect()])
            .filter(([, box]) => box.height < 24)
            .map(([name]) => name)"""
    )
    assert small == []


def test_article_screenshots(browser, demo_site):
    """Screenshots of the article at phone and desktop widths, kept in test-artifacts/ for review."""
    from tests.browser.conftest import new_page

    ARTIFACTS.mkdir(exist_ok=True)
    for name, viewport in (("375", PHONE), ("1280", DESKTOP)):
        page = new_page(browser, demo_site, viewport=viewport)
        page.goto("/drugs/klonopin/")
        path = ARTIFACTS / f"article-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        page.context.close()
        with Image.open(path) as image:
            # As wide as the viewport (nothing overflows sideways), a full article tall, and not blank.
            assert image.width == viewport["width"], (name, image.size)
            assert image.height > 2 * viewport["height"], (name, image.size)
            colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
            assert len(colours) > 50, name
            brand = (0x0B, 0x5D, 0x6B)  # the header's brand colour (theme-color)
            assert any(rgb == brand for _, rgb in colours), name
