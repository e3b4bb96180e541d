"""axe-core checks for any browser test: `from tests.browser.axe import assert_no_axe_violations`."""

from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
_axe = Axe()


def axe_violations(page, tags=WCAG_TAGS):
    """axe-core's violations for the whole current page, limited to the given WCAG tags."""
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": list(tags)}})
    return results.response["violations"]


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines.extend(f"    {node['target']}: {node.get('failureSummary', '')}" for node in violation["nodes"][:5])
    return "\n".join(lines)


def assert_pages_axe_clean(page, paths, not_found=()):
    """Visit each path (it must answer 200, or 404 for those in ``not_found``), then fail once with every
    page's violations: loading the demo site costs more than an axe run, so one test checks several pages."""
    found = {}
    for path in paths:
        assert page.goto(path).status == (404 if path in not_found else 200), path
        violations = axe_violations(page)
        if violations:
            found[path] = describe(violations)
    assert found == {}, "\n\n".join(f"{path}:\n{report}" for path, report in found.items())


def assert_no_axe_violations(page, tags=WCAG_TAGS):
    """Fail with a readable list if axe-core finds any WCAG 2.2 A/AA violation on the page."""
    violations = axe_violations(page, tags)
    assert not violations, f"axe-core found violations on {page.url}:\n{describe(violations)}"
