"""The new health components in a real browser: overdose steps on screen on a phone, citations that jump
to the source and back, and axe-clean opioid, naloxone, comparison, overdue and reviewer pages."""

from tests.browser.axe import assert_pages_axe_clean, axe_violations, describe
from tests.browser.conftest import PHONE

NEW_PAGES = [
    "/drugs/fentanyl/",
    "/drugs/naloxone/",
    "/drugs/methamphetamine/",
    "/drugs/suboxone-vs-methadone/",
    "/drugs/hydrocodone/",  # overdue for review in the demo
    "/reviewers/maya-okafor/",
]


def test_phone_user_sees_overdose_steps_without_scrolling_and_reaches_naloxone(phone_page):
    phone_page.goto("/drugs/fentanyl/")
    heading = phone_page.get_by_role("heading", name="Overdose: what to do now")
    box = heading.bounding_box()
    assert box is not None and box["y"] + box["height"] <= PHONE["height"], box
    steps = phone_page.locator(".overdose__steps li")
    assert steps.count() == 3
    assert steps.nth(0).bounding_box()["y"] < PHONE["height"], "the first step (call 911) is on screen"
    phone_page.locator(".overdose").get_by_role("link", name="How to use naloxone").click()
    phone_page.wait_for_url("**/drugs/naloxone/")
    assert phone_page.get_by_role("heading", level=1).inner_text() == "Naloxone (Narcan)"
    assert_pages_axe_clean(phone_page, NEW_PAGES[:3])


def test_new_pages_are_axe_clean_and_citations_jump_to_the_source_and_back(page):
    assert_pages_axe_clean(page, NEW_PAGES)

    page.goto("/drugs/fentanyl/")
    assert page.locator(".insurance-cta").count() >= 2
    duplicates = [v for v in axe_violations(page, tags=["best-practice"]) if v["id"] == "landmark-unique"]
    assert duplicates == [], describe(duplicates)
    page.get_by_role("link", name="Reference 1", exact=True).first.click()
    assert page.evaluate("location.hash") == "#ref-1"
    page.get_by_role("link", name="Back to citation 1 in the text").click()
    assert page.evaluate("location.hash") == "#cite-1"
    assert page.locator("#cite-1").is_visible()
    assert "This page is overdue for its medical review." in page.goto("/drugs/hydrocodone/").text()
