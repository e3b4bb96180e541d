"""The Part 2 consent in a real browser: a family member's request (axe-clean consent section) and one-page printouts."""

import re

from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from intake.consent import ConsentVersion, Disclosure, SignedConsent
from intake.models import VerificationRequest
from tests.browser.axe import WCAG_TAGS, assert_no_axe_violations, describe
from tests.browser.conftest import assert_no_csp_violations
from tests.factories.users import PASSWORD, make_staff


def assert_consent_section_axe_clean(page):
    results = Axe().run(page, context=".part2-consent", options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    violations = results.response["violations"]
    assert not violations, describe(violations)


def test_a_parent_asks_for_their_son_and_signs_as_his_representative(page):
    page.goto("/verify-insurance/")
    page.check("input[name=patient][value=other]")
    page.fill("input[name=relationship]", "my son")
    page.fill("input[name=full_name]", "Alex Visitor")
    page.fill("input[name=date_of_birth]", "2010-05-01")
    page.fill("input[name=phone]", "(202) 555-0143")
    page.check("input[name=voicemail_ok][value=yes]")
    page.select_option("select[name=provider]", label="Cigna")
    page.fill("input[name=member_id]", "ZX-TEST-0002")
    page.check("input[name=holder_is_patient][value=yes]")
    page.check("input[name=authority][value=parent]")
    page.fill("input[name=representative_name]", "Pat Visitor")
    consent = page.get_by_role("region", name=re.compile("Consent text"))
    expect(consent).to_contain_text("Treatment is not conditioned on signing")
    expect(consent).to_contain_text("Notice against redisclosure")
    # A signature that is not the stated representative's name is refused, and nothing typed is lost.
    page.fill("input[name=part2_signature]", "Alex Visitor")
    page.check("input[name=part2_agree]")
    page.check("input[name=consent]")
    with page.expect_navigation():
        page.get_by_role("button", name="Check my coverage").click()
    expect(page.get_by_role("alert")).to_contain_text("The signature must match your full name")
    expect(page.locator("input[name=member_id]")).to_have_value("ZX-TEST-0002")
    assert_consent_section_axe_clean(page)
    assert_no_axe_violations(page)

    page.fill("input[name=part2_signature]", "Pat Visitor")
    if not page.is_checked("input[name=part2_agree]"):
        page.check("input[name=part2_agree]")
    if not page.is_checked("input[name=consent]"):
        page.check("input[name=consent]")
    with page.expect_navigation():
        page.get_by_role("button", name="Check my coverage").click()
    expect(page).to_have_url(re.compile(r"/verify-insurance/thank-you/$"))
    assert_no_csp_violations(page)
    consent = VerificationRequest.objects.get().part2
    assert (consent.signer, consent.authority, consent.signature, consent.patient_name) == (
        "representative",
        "parent",
        "Pat Visitor",
        "Alex Visitor",
    )


def pdf_pages(pdf):
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def test_the_signed_consent_and_the_accounting_each_print_on_one_page(browser, demo_site):
    from tests.browser.conftest import new_page

    request = VerificationRequest.objects.create(
        kind="insurance", full_name="Robin Fictional", phone="+12025550111", member_id="X1", consent_text="ok"
    )
    SignedConsent.sign(
        request, ConsentVersion.current(), signer="patient", signature="Robin Fictional", recipient="Aetna"
    )
    for n in range(5):
        Disclosure.objects.create(
            request=request,
            recipient="Aetna",
            disclosed_on=timezone.localdate(),
            information=f"name, date of birth, member ID (call {n})",
        )
    make_staff("pia-printer", "Admissions")
    page = new_page(browser, demo_site)
    page.goto("/admin/login/")
    page.fill("input[name=username]", "pia-printer")
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    for what in ("consent", "accounting"):
        page.goto(f"/admin/insurance-requests/{request.pk}/print/{what}/")
        expect(page.locator("body")).to_contain_text("Notice against redisclosure (42 CFR §2.32)")
        page.emulate_media(media="print")
        assert pdf_pages(page.pdf(format="Letter")) == 1, what
    page.context.close()
