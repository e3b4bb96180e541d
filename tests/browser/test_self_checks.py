"""Self-checks and the families section in Chromium: scored in the page without sending anything, scored by the
server without JavaScript, and axe-clean."""

from tests.browser.axe import assert_pages_axe_clean, axe_violations, describe

PAGES = ["/self-checks/", "/self-checks/alcohol/", "/self-checks/drugs/", "/families/", "/families/what-to-bring/"]


def test_audit_c_is_scored_in_the_page_and_sends_nothing(page):
    page.goto("/self-checks/alcohol/")
    sent = []

    def record(request):
        # The browser may still fetch a static file (the favicon, lazily); anything else could carry answers.
        if request.method != "GET" or "/static/" not in request.url or "?" in request.url:
            sent.append((request.method, request.url))

    page.on("request", record)
    page.get_by_role("button", name="See my score").click()
    assert "Please answer questions 1, 2, 3." in page.locator(".self-check__unanswered").inner_text()
    page.get_by_role("group", name="1. How often").get_by_label("2 or 3 times a week").check()
    page.get_by_role("group", name="2. On a typical day").get_by_label("3 or 4").check()
    page.get_by_role("group", name="3. How often do you have six").get_by_label("Monthly", exact=True).check()
    page.get_by_role("button", name="See my score").click()
    result = page.get_by_role("heading", name="Your score: 6 out of 12 · Higher risk")
    assert result.is_visible()
    assert page.evaluate("document.activeElement.id") == "self-check-result"
    assert "not a diagnosis" in page.content()
    assert sent == [], sent
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def test_without_javascript_the_server_scores_the_dast_10(browser, demo_site):
    context = browser.new_context(base_url=demo_site.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/self-checks/drugs/")
        for number in range(1, 11):
            page.locator(f'input[name="q{number}"][value="{1 if number in (1, 2, 3) else 0}"]').check()
        response = None
        with page.expect_response(lambda r: "/result/" in r.url) as info:
            page.get_by_role("button", name="See my score").click()
        response = info.value
        assert response.headers["cache-control"] == "no-store, private"
        assert page.get_by_role("heading", name="Your score: 3 out of 10 · Moderate level").is_visible()
        assert page.locator('input[name="q1"][value="1"]').is_checked()  # nothing typed is lost
    finally:
        context.close()


def test_self_check_and_family_pages_are_axe_clean(page):
    assert_pages_axe_clean(page, PAGES)
