"""The Admissions dashboard in real Chromium: charts visible, data tables reachable, axe-clean, no CSP errors."""

from playwright.sync_api import expect

from intake import services
from intake.models import VerificationRequest
from tests.browser.axe import assert_no_axe_violations
from tests.factories.users import make_staff

from .chat_fixtures import chat_server, login_cookie  # noqa: F401  (fixtures)


def test_dashboard_charts_are_accessible(browser, chat_server):  # noqa: F811
    staff = make_staff("dana", "Admissions")
    request = VerificationRequest(kind="callback", full_name="Ari", phone="+12025550111")
    request.save()
    services.log_contact_attempt(staff, request, "phone", "reached")
    context = browser.new_context(base_url=chat_server)
    context.add_cookies([login_cookie(staff, chat_server)])
    page = context.new_page()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    try:
        page.goto("/admin/admissions-dashboard/")
        expect(page.get_by_role("img", name="Time to first contact (minutes)")).to_be_visible()
        page.locator("#time-to-contact summary").click()
        expect(page.locator("#time-to-contact table")).to_be_visible()
        assert_no_axe_violations(page)
        assert not [e for e in errors if "Content Security Policy" in e]
    finally:
        context.close()
