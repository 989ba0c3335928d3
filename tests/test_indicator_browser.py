"""Charts and maps in Chromium: they render, carry their text alternative, scale down to a phone,
re-sort by column, and print. The site is the fixture tree with values of one indicator for two
countries, so the checks hold whatever the repository's content says."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import REPO, need, static_server

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
AXE = REPO / "node_modules/axe-core/axe.min.js"
PAGES = ["countries/compare/remittances-received-gdp/", "themes/remittances/"]


@pytest.fixture(scope="module")
def base(indicator_site):
    with static_server(indicator_site) as url:
        yield url


def open_page(browser, url: str, viewport: dict | None = None):
    context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900})
    context.route("**/*", lambda route: (route.continue_() if "127.0.0.1" in route.request.url
                                         else route.abort()))
    page = context.new_page()
    page.goto(url)
    return context, page


def charts(page) -> list[dict]:
    """Each chart's box and its accessible name and description, as the SVG's labels resolve."""
    return page.eval_on_selector_all("figure.akmn-chart > svg", """svgs => svgs.map(svg => {
        const box = svg.getBoundingClientRect();
        const [title, desc] = svg.getAttribute('aria-labelledby').split(' ').map(id =>
            document.getElementById(id));
        return {width: box.width, height: box.height, role: svg.getAttribute('role'),
                title: title && title.textContent, desc: desc && desc.textContent,
                right: box.right, visible: getComputedStyle(svg).visibility === 'visible'};
    })""")


@pytest.mark.parametrize("path", PAGES)
def test_charts_render_with_a_text_alternative(browser, base, path):
    context, page = open_page(browser, base + path)
    try:
        found = charts(page)
        assert found, "no chart on the page"
        for chart in found:
            assert chart["width"] > 100 and chart["height"] > 100 and chart["visible"]
            assert chart["role"] == "img" and chart["title"] and "Philippines" in chart["desc"]
        # The two countries with a value; the ten others, sharing one reason, in a fold that opens.
        assert page.locator(".akmn-sortable table tbody tr").count() == 2
        fold = page.locator("section.akmn-indicator details.akmn-without")
        assert fold.locator("summary").inner_text() == "10 countries without a value"
        assert not fold.locator("li").first.is_visible()
        fold.locator("summary").click()
        assert fold.locator("li").count() == 1 and "Viet Nam" in fold.locator("li").inner_text()
    finally:
        context.close()


def test_compare_page_has_a_map_and_readable_charts_on_a_phone(browser, base):
    """On a phone a chart keeps a readable size and scrolls inside its own box; the page never
    scrolls sideways."""
    context, page = open_page(browser, base + PAGES[0], PHONE)
    try:
        found = charts(page)
        assert len(found) == 2 and "Map of" in found[1]["desc"]
        assert all(c["width"] >= 500 for c in found), found  # not shrunk to 5 px text
        boxes = page.eval_on_selector_all("figure.akmn-chart",
                                          "fs => fs.map(f => f.getBoundingClientRect().right)")
        assert all(right <= PHONE["width"] for right in boxes), boxes
        width = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1]
    finally:
        context.close()


def test_a_chart_that_scrolls_on_a_phone_scrolls_from_the_keyboard(browser, base):
    """A chart wider than the phone scrolls inside its box: the box takes focus in every browser
    (axe-core's scrollable-region-focusable; Chromium alone focuses any scroller), with a visible
    ring and a name, and the arrow keys scroll it, as a swipe does."""
    need(AXE.exists(), f"{AXE.relative_to(REPO)} is missing: run `make test` (npm ci installs it)")
    context, page = open_page(browser, base + PAGES[0], PHONE)
    try:
        page.add_script_tag(path=str(AXE))
        serious = page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']}))
            .violations.filter(v => ['serious', 'critical'].includes(v.impact)).map(v => v.id)""")
        assert serious == []
        boxes = page.locator("figure.akmn-chart")
        assert boxes.count() == 2
        names = set()
        for i in range(boxes.count()):
            box = boxes.nth(i)
            assert box.evaluate("f => f.scrollWidth > f.clientWidth"), "the chart fits: nothing to test"
            box.focus()
            assert box.evaluate("f => document.activeElement === f")
            names.add(box.get_attribute("aria-label"))  # with the indicator: a topic page has several
            assert box.evaluate("f => getComputedStyle(f).outlineStyle") != "none"
            page.keyboard.press("ArrowRight")
            page.wait_for_function("f => f.scrollLeft > 0", arg=box.element_handle())
        assert names == {"Chart: Personal remittances, received (% of GDP)",
                         "Map: Personal remittances, received (% of GDP)"}, names
    finally:
        context.close()


def test_table_re_sorts_by_a_column(browser, base):
    context, page = open_page(browser, base + PAGES[0])
    try:
        first = ".akmn-sortable table tbody tr:first-child th"
        assert page.locator(first).inner_text() == "Philippines"  # highest value first, without script
        page.get_by_role("button", name="Value").click()  # highest first again, then...
        page.get_by_role("button", name="Value").click()  # ...lowest first
        assert page.locator(first).inner_text() == "Republic of Korea"
        assert page.locator("th[aria-sort]").inner_text() == "Value"
        page.get_by_role("button", name="Country").click()
        names = page.locator(".akmn-sortable table tbody th").all_inner_texts()
        assert names == sorted(names, reverse=True) or names == sorted(names)
    finally:
        context.close()


def test_sort_buttons_show_when_the_keyboard_reaches_them_on_a_phone(browser, base):
    """On a phone the column headings are out of sight (each card labels its values); a keyboard
    that tabs to a sort button brings the row of buttons into view, not onto an invisible one."""
    context, page = open_page(browser, base + PAGES[0], PHONE)
    try:
        button = page.get_by_role("button", name="Value")
        for _ in range(40):
            page.keyboard.press("Tab")
            if button.evaluate("b => document.activeElement === b"):
                break
        else:
            pytest.fail("Tab never reached the Value button")
        box = button.bounding_box()
        hit = page.evaluate("([x, y]) => document.elementFromPoint(x, y).textContent",
                            [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2])
        assert hit == "Value" and box["height"] >= 16
    finally:
        context.close()


@pytest.mark.parametrize("edition", ["", "ko/"])
def test_sort_buttons_say_what_they_do_in_the_pages_language(browser, base, edition):
    from akmn import i18n

    context, page = open_page(browser, base + edition + PAGES[0])
    try:
        i18n.use(edition.rstrip("/") or i18n.SOURCE)
        column = i18n._("Value")
        title = page.get_by_role("button", name=column, exact=True).get_attribute("title")
        assert title == i18n._("Sort by {column}").format(column=column)
    finally:
        i18n.use(i18n.SOURCE)
        context.close()


def test_a_rows_source_reference_leads_to_its_note(browser, base):
    """The Korea row's "[2]", named "Source 2", scrolls its note into view below the sticky header;
    on a phone the row's card holds the short reference, not the source."""
    for viewport in (None, PHONE):
        context, page = open_page(browser, base + PAGES[0], viewport)
        try:
            row = page.locator(".akmn-sortable tbody tr", has_text="Republic of Korea")
            link = row.get_by_role("link", name="Source 2")
            assert link.inner_text() == "[2]"
            link.click()
            note = page.locator("ol.akmn-sources li:target")
            assert note.inner_text() == "Fixture KR source"
            top = note.bounding_box()["y"]
            header = page.locator("header.md-header").bounding_box()["height"]
            assert header <= top < page.viewport_size["height"]
        finally:
            context.close()


def test_charts_and_table_print(browser, base, tmp_path: Path):
    context, page = open_page(browser, base + PAGES[0])
    try:
        page.emulate_media(media="print")
        for chart in charts(page):
            assert chart["width"] > 100 and chart["height"] > 100 and chart["visible"]
        # The table is not cut: its box holds every column, nothing scrolls out of the printed page.
        clipped = page.eval_on_selector(".akmn-table", "el => el.scrollWidth > el.clientWidth + 1")
        assert clipped is False
        assert page.locator(".akmn-sortable table tbody tr").last.is_visible()
        pdf = tmp_path / "compare.pdf"
        page.pdf(path=str(pdf))
        assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 10_000
    finally:
        context.close()


def test_what_is_folded_away_is_a_quiet_line_that_opens(browser, base):
    """The compare overview folds the indicators and countries without a value into plain
    disclosure lines: no admonition box (border, tint, icon), text at the paragraph's size, and
    a click shows what was folded."""
    context, page = open_page(browser, base + "countries/compare/")
    try:
        folds = page.locator("details.akmn-without")
        assert folds.count() >= 1
        style = folds.first.evaluate("""d => {
            const s = getComputedStyle(d), m = getComputedStyle(d.querySelector('summary'));
            const p = getComputedStyle(document.querySelector('.md-content p'));
            return {border: s.borderTopWidth, shadow: s.boxShadow, background: s.backgroundColor,
                    summaryBackground: m.backgroundColor, weight: m.fontWeight,
                    size: m.fontSize, paragraph: p.fontSize,
                    icon: getComputedStyle(d.querySelector('summary'), '::before').maskImage};
        }""")
        assert style["border"] == "0px" and style["shadow"] == "none", style
        assert style["background"] == style["summaryBackground"] == "rgba(0, 0, 0, 0)", style
        assert style["size"] == style["paragraph"] and style["weight"] == "400", style
        assert style["icon"] in ("none", ""), style
        hidden = folds.first.locator(":scope > :not(summary)").first
        assert not hidden.is_visible()
        folds.first.locator("summary").click()
        assert hidden.is_visible()
    finally:
        context.close()
