"""Article layout in Chromium at common laptop sizes: the sticky aside fits the window, focus never leaves
the screen while tabbing through an article, and A–Z entries never split across columns."""

import pytest

from tests.browser.conftest import new_page

VIEWPORTS = [{"width": 1024, "height": 768}, {"width": 1280, "height": 900}, {"width": 1366, "height": 768}]
ARTICLES = ["/drugs/klonopin/", "/drugs/fentanyl/"]
MAX_TABS = 150

FOCUSED_BOX = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const again = el.dataset.tabStop === "seen";
  el.dataset.tabStop = "seen";
  const r = el.getBoundingClientRect();
  return {
    again,
    name: `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""} "${(el.textContent || el.name || "").trim().slice(0, 40)}"`,
    top: r.top, bottom: r.bottom, left: r.left, right: r.right,
    width: window.innerWidth, height: window.innerHeight,
  };
}"""


def off_screen_stops(page, path):
    """Every element Tab reaches whose box is not wholly inside the window, and the number of stops."""
    page.goto(path)
    stops, bad = 0, []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        box = page.evaluate(FOCUSED_BOX)
        if box is None:
            continue
        if box["again"]:
            break  # wrapped around to the start
        stops += 1
        # Within a pixel: boxes sit on fractions of a pixel, the window is whole pixels.
        inside = (
            box["top"] >= -1
            and box["left"] >= -1
            and box["bottom"] <= box["height"] + 1
            and box["right"] <= box["width"] + 1
        )
        if not inside:
            bad.append(box)
    return bad, stops


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=lambda v: f"{v['width']}x{v['height']}")
def test_sticky_aside_fits_the_window_and_focus_stays_on_screen(browser, demo_site, viewport):
    page = new_page(browser, demo_site, viewport=viewport)
    try:
        for path in ARTICLES:
            page.goto(path)
            aside = page.locator(".article__aside")
            if page.evaluate("getComputedStyle(document.querySelector('.article__aside')).position") == "sticky":
                assert aside.bounding_box()["height"] <= viewport["height"], (path, aside.bounding_box())
            bad, stops = off_screen_stops(page, path)
            assert stops > 30, (path, stops)  # really walked the header, aside and body
            assert bad == [], (path, bad)
    finally:
        page.context.close()


def test_drug_library_entries_never_split_across_columns(page):
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto("/drugs/")
    split = page.evaluate("""() => [...document.querySelectorAll('.link-list--columns li')]
        .filter((li) => li.getClientRects().length > 1).map((li) => li.textContent.trim())""")
    assert split == [], split
