"""Header search autocomplete in Chromium: an ARIA 1.2 combobox driven by the keyboard, axe-clean while open,
and a plain search form when the script does not run."""

from tests.browser.axe import axe_violations, describe


def test_typing_offers_pages_and_the_keyboard_picks_one(page):
    page.goto("/")
    box = page.get_by_role("combobox", name="Search the site")
    assert box.get_attribute("aria-expanded") == "false"
    box.press_sequentially("fen", delay=30)
    listbox = page.get_by_role("listbox", name="Suggestions")
    listbox.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    options = listbox.get_by_role("option")
    assert "Fentanyl" in options.first.inner_text() and "Opioid" in options.first.inner_text()
    assert "suggestion" in page.locator(".header-search [role=status]").inner_text()
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == options.first.get_attribute("id")
    assert options.first.get_attribute("aria-selected") == "true"
    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false" and listbox.is_hidden()
    box.press("ArrowDown")
    box.press("ArrowDown")
    box.press("Enter")
    page.wait_for_url("**/drugs/fentanyl/")


def test_a_misspelling_is_forgiven_in_the_list_and_on_the_results_page(page):
    page.goto("/")
    box = page.get_by_role("combobox", name="Search the site")
    box.press_sequentially("fentinal", delay=20)
    page.get_by_role("option", name="Fentanyl · Opioid").wait_for()
    box.press("Enter")  # no option chosen: the form submits as usual
    page.wait_for_url("**/search/?q=fentinal")
    assert "Did you mean Fentanyl?" in page.locator(".search-suggestion").inner_text()
    page.locator(".search-results").get_by_role("link", name="Fentanyl", exact=True).click()
    page.wait_for_url("**/drugs/fentanyl/")


def test_without_javascript_the_header_search_is_a_plain_form(browser, demo_site):
    context = browser.new_context(
        base_url=demo_site.url, java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    try:
        page.goto("/")
        box = page.get_by_role("searchbox", name="Search the site")
        box.fill("heroin")
        box.press("Enter")
        page.wait_for_url("**/search/?q=heroin")
        assert page.locator(".search-result__title").first.inner_text() == "Heroin"
    finally:
        context.close()
