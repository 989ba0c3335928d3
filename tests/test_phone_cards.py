"""On a phone a table of three or more columns becomes one card per row: each cell a label (its
column) beside its value. A cell holding several values (a list of country links with their
commas, a download link with its size, text with a passage marked in another language) keeps
them together beside the label; in Chromium, on the fixture site, so the check holds whatever
the repository's content says."""

from __future__ import annotations

import pytest

from helpers import static_server

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}

# Every cell of the page's card tables: its label, the left edge of the value column and the left
# edge of each element and text run in the cell (a run that fell under the label starts left of it);
# its text as rendered (a space the layout dropped is missing from innerText).
CELLS = """() => [...document.querySelectorAll('.akmn-table table:has(thead th:nth-child(3)) td')]
  .filter(td => td.textContent.trim()).map(td => {
    const label = getComputedStyle(td, '::before').content.replace(/^"|"$/g, '');
    const starts = [];
    const walker = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
    for (let node; (node = walker.nextNode());) {
      if (!node.textContent.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      starts.push(...[...range.getClientRects()].map(r => Math.round(r.left)));
    }
    return {label, text: td.innerText.trim(), first: starts[0], starts};
  })"""


@pytest.fixture(scope="module")
def base(fixture_site):
    with static_server(fixture_site) as url:
        yield url


@pytest.mark.parametrize("path, label, several", [
    pytest.param("meetings/iem-1/", "Countries", "Philippines, Republic of Korea",
                 id="recommendation-countries"),
    pytest.param("data/", "JSON", "expert.json (", id="download-and-size"),
    # untranslated theme names marked English between Korean text: spans and text runs
    pytest.param("ko/meetings/iem-1/", "주제와 SDG 세부목표", "Migration data, SDG 17.18", id="marked-spans"),
])
def test_a_cell_keeps_its_values_beside_its_label(browser, base, path, label, several):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(base + path)
        cells = page.evaluate(CELLS)
        assert any(c["label"] == label and c["text"].startswith(several) for c in cells), cells
        for cell in cells:
            assert cell["label"] not in ("", "none"), cell  # every value says which column it is
            # nothing of the value wraps back under the label: every line starts in the value column
            assert min(cell["starts"]) >= cell["first"], cell
    finally:
        context.close()
