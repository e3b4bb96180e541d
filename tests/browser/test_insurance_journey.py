"""Keyboard only: home → drug library → Klonopin → verify insurance → fix errors → submit → thank-you."""

import re

from playwright.sync_api import expect

from intake.models import VerificationRequest
from tests.browser.axe import assert_no_axe_violations
from tests.browser.conftest import assert_no_csp_violations
from tests.browser.test_journeys import (
    MAX_TABS,
    step_open_home,
    step_to_article,
    step_to_insurance_check,
    step_to_library,
    tab_to,
)


def tab_to_id(page, element_id):
    """Press Tab until the element with this id has focus."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == element_id:
            return
    raise AssertionError(f"#{element_id} was not reachable with the Tab key")


def type_into(page, element_id, text):
    tab_to_id(page, element_id)
    page.keyboard.type(text)


def submit(page):
    tab_to(page, "Check my coverage")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_keyboard_only_visitor_submits_the_insurance_check(page):
    step_open_home(page)
    step_to_library(page)
    step_to_article(page)
    step_to_insurance_check(page)

    # Sending the empty form shows an error summary that has focus and links to each field.
    submit(page)
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("There is a problem")
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    expect(summary.get_by_role("link", name=re.compile("full name of the person", re.I))).to_have_attribute(
        "href", "#id_full_name"
    )
    assert_no_axe_violations(page)

    type_into(page, "id_full_name", "Test Visitor")
    type_into(page, "id_date_of_birth", "03271985")
    type_into(page, "id_phone", "(202) 555-0143")
    tab_to_id(page, "id_voicemail_ok_0")
    page.keyboard.press("Space")
    tab_to_id(page, "id_provider")
    page.keyboard.type("Cigna")
    type_into(page, "id_member_id", "ZX-TEST-0001")
    tab_to_id(page, "id_holder_is_patient_0")
    page.keyboard.press("Space")
    # The Part 2 consent: readable region, typed signature and the explicit box (intake/consent.py).
    consent = page.get_by_role("region", name=re.compile("Consent text"))
    expect(consent).to_contain_text("Notice against redisclosure")
    type_into(page, "id_part2_signature", "Test Visitor")
    tab_to_id(page, "id_part2_agree")
    page.keyboard.press("Space")
    tab_to_id(page, "id_consent")
    page.keyboard.press("Space")
    submit(page)

    expect(page).to_have_url(re.compile(r"/verify-insurance/thank-you/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Thank you")
    expect(page.locator("main")).not_to_contain_text("Test Visitor")
    assert_no_axe_violations(page)
    assert_no_csp_violations(page)

    request = VerificationRequest.objects.get()
    assert request.full_name == "Test Visitor"
    assert request.date_of_birth.isoformat() == "1985-03-27"
    assert request.phone == "+12025550143"
    assert request.provider.name == "Cigna"
    assert request.voicemail_ok is True
    assert (request.part2.signer, request.part2.signature) == ("patient", "Test Visitor")
