"""Compare pages, country ranks, topic data and SDG 10.7.2 as built into HTML from a fixture tree
with values for two countries (the Philippines and Korea) of one indicator."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest

from helpers import FIXTURES, INDICATOR_KR, build_site, indicator_files, make_project, run_cli


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def rows(html: str) -> list[str]:
    """The text of each body row of the page's sortable table."""
    body = html.split('akmn-sortable"')[1].split("<tbody>")[1].split("</tbody>")[0]
    return [text_of(row).strip() for row in body.split("</tr>") if "<t" in row]


def table_html(html: str) -> str:
    """The page's sortable table and what follows it up to its section's end (its sources)."""
    return html.split('akmn-sortable"')[1].split("</section>")[0]


def notes(html: str) -> dict[str, str]:
    """The notes under a table: id -> text (each source once)."""
    # the list is named by the "Sources" line above it, for a screen reader's list of lists
    label = re.search(r'<p class="akmn-source" id="([^"]+)">', html)
    listed = html.split(f'<ol class="akmn-sources" aria-labelledby="{label[1]}">')[1].split("</ol>")[0]
    return {m[1]: text_of(m[2]).strip() for m in re.finditer(r'<li id="([^"]+)">(.*?)</li>', listed)}


def references(html: str) -> list[list[tuple[str, str]]]:
    """Each body row's references to notes: (note id, accessible name)."""
    body = html.split("<tbody>")[1].split("</tbody>")[0]
    return [re.findall(r'<a class="akmn-ref" href="#([^"]+)" aria-label="([^"]+)">', row)
            for row in body.split("</tr>") if "<t" in row]


def gaps(html: str) -> list[str]:
    """The text of each item of the fold of countries without a value."""
    fold = html.split('<details class="akmn-without">')[1].split("</summary>")[1].split("</details>")[0]
    return [re.sub(r" ([,:])", r"\1", text_of(item).strip()) for item in fold.split("</li>")[:-1]]


def svgs(html: str) -> list[str]:
    """The charts: the SVGs inside a chart figure (Material's icons are SVGs too)."""
    return re.findall(r'<figure class="akmn-chart[^"]*"[^>]*>\s*(<svg\b.*?</svg>)', html, flags=re.S)


def test_compare_page_has_chart_map_table_and_the_countries_without_a_value(indicator_site):
    html = page(indicator_site, "countries/compare/remittances-received-gdp")
    charts = svgs(html)
    assert len(charts) == 2  # the bar chart and the map
    for svg in charts:
        assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    table = rows(html)
    assert len(table) == 2
    assert table == ["Philippines 1.5% 2021 [1]", "Republic of Korea 0.4% 2020 [2]"]  # highest value first
    # The ten others share the generic sentence: named together, the sentence printed once.
    assert "10 countries without a value" in text_of(html)
    assert gaps(html) == ["Brunei Darussalam, Cambodia, Indonesia, Lao People's Democratic Republic, "
                          "Malaysia, Myanmar, Singapore, Thailand, Timor-Leste, Viet Nam: "
                          "Not published or not yet recorded in this profile"]
    assert 'href="https://example.org/kr"' in html
    assert 'data-sort="1.5"' in html and "assets/sort.js" in html


def test_rows_with_different_sources_lead_to_their_own_notes(indicator_site):
    html = table_html(page(indicator_site, "countries/compare/remittances-received-gdp"))
    first, second = (f"akmn-remittances-received-gdp-source-{n}" for n in (1, 2))
    assert references(html) == [[(first, "Source 1")], [(second, "Source 2")]]  # the Philippines, Korea
    assert notes(html) == {first: "Fixture source", second: "Fixture KR source"}
    assert '<a href="https://example.org/kr" rel="noopener">Fixture KR source</a>' in html
    # The Korean page names the reference in Korean and marks the English source.
    ko = table_html(page(indicator_site, "ko/countries/compare/remittances-received-gdp"))
    assert references(ko)[1] == [(second, "출처 2")]
    assert (f'<li id="{second}"><a href="https://example.org/kr" rel="noopener"><span lang="en">'
            "Fixture KR source") in ko


def test_sdg_10_7_2_values_read_as_levels_and_sort_by_number(indicator_site):
    html = page(indicator_site, "countries/compare/sdg-10-7-2")
    assert rows(html) == ["Republic of Korea Meets 2021"]  # its one source is a line, not a column
    assert '<td data-label="Value" data-sort="3">Meets</td>' in html
    assert "Source: Fixture SDG database" in text_of(table_html(html))
    bar, region = svgs(html)
    assert ">Meets<" in bar and ">3<" not in bar  # the value axis too names its ticks in words
    assert ">Requires</tspan>" in bar and ">Fully</tspan>" in bar
    # The map's legend names every level, as the table does, not 1-4 on a gradient.
    for level in ("Requires further progress", "Partially meets", "Meets", "Fully meets"):
        assert f">{level}</text>" in region
    ko = page(indicator_site, "ko/countries/compare/sdg-10-7-2")
    assert '<td data-label="값" data-sort="3">충족</td>' in ko and ">충족</text>" in svgs(ko)[1]
    domain = page(indicator_site, "countries/compare/sdg-10-7-2-migrant-rights")  # the Philippines' block
    assert rows(domain) == ["Philippines Meets 2021"]


SHARED = "Shared fixture copy of WDI"


def shared_source(code: str, value: float) -> str:
    return f"""---
country: {code}
last_reviewed: 2026-11-25
figures:
  - indicator: Personal remittances, received (% of GDP)
    indicator_id: remittances-received-gdp
    value: {value}
    unit: '% of GDP'
    year: 2022
    source: {SHARED}
    source_url: https://example.org/wdi/{code.lower()}
---

{code} fixture.
"""


def test_a_source_shared_by_many_rows_is_printed_once(tmp_path):
    """Thailand, Singapore and Viet Nam cite one source, each with its own link: one note,
    the links named by country; the Philippines and Korea keep their own notes."""
    files = {f"content/countries/{c.lower()}.md": shared_source(c, value)
             for c, value in (("TH", 1.2), ("SG", 0.9), ("VN", 3.1))}
    root = make_project(tmp_path / "p", files={**indicator_files(), **files})
    assert build_site(root).returncode == 0
    full = page(root / "site", "countries/compare/remittances-received-gdp")
    html = table_html(full)
    assert text_of(html).count(SHARED) == 1
    countries = [re.match(r"(\D+) \d", row)[1] for row in rows(full)]
    cited = dict(zip(countries, references(html), strict=True))
    shared = cited["Viet Nam"]
    assert cited["Thailand"] == cited["Singapore"] == shared
    assert cited["Philippines"] != shared != cited["Republic of Korea"] != cited["Philippines"]
    note = re.search(rf'<li id="{shared[0][0]}">(.*?)</li>', html)[1]
    assert re.sub(r" ,", ",", text_of(note).strip()) == f"{SHARED}: Viet Nam, Thailand, Singapore"
    for code, name in (("vn", "Viet Nam"), ("th", "Thailand"), ("sg", "Singapore")):
        assert f'<a href="https://example.org/wdi/{code}" rel="noopener">{name}</a>' in note


def test_no_page_for_an_indicator_without_values(indicator_site):
    assert not (indicator_site / "countries/compare/international-migrant-stock").exists()
    overview = text_of(page(indicator_site, "countries/compare"))
    assert "Personal remittances, received (% of GDP) % of GDP 2 of 12 countries" in overview
    assert "International migrant stock" in overview.split("without a recorded value")[1]


def test_overview_shows_recorded_assessments_and_folds_away_the_rest(indicator_site):
    html = page(indicator_site, "countries/compare")
    table = text_of(html.split('id="akmn-sdg-10-7-2"')[1].split("</section>")[0])
    # Korea's figure and the Philippines' older block are read alike, each with its year and source.
    assert "Republic of Korea" in table and "Meets (2021)" in table and "Fixture SDG database" in table
    assert "Philippines" in table and "Fully meets (2021)" in table
    assert "No data" not in table and "<details" not in html.split('id="akmn-sdg-10-7-2"')[1]
    # Korea's five domains that the Philippines has; the Philippines' overall. No country has a
    # value of the sixth domain (the Philippines' is no-data), so it has no column.
    assert table.count("Not assessed") == 5 + 1
    assert "Safe, orderly and regular migration" not in table


def test_country_page_ranks_its_own_values(indicator_site):
    kr = text_of(page(indicator_site, "countries/kr"))
    assert "Comparable indicators in the region" in kr
    assert "Personal remittances, received (% of GDP) 0.4% 2020 2nd of 2 countries with data" in kr
    assert "Overall assessment Meets (2021) Source: Fixture SDG database" in kr
    # An indicator no country has a value of is listed, said to be unpublished, and not linked.
    assert "Emigrant stock Not published No country has a value yet" in kr
    assert "countries/compare/emigrant-stock/" not in page(indicator_site, "countries/kr")
    ph = text_of(page(indicator_site, "countries/ph"))
    assert "1.5% 2021 1st of 2 countries with data" in ph
    assert 'href="../../countries/compare/remittances-received-gdp/"' in page(indicator_site, "countries/ph")


def test_topic_pages_gather_data(indicator_site):
    theme = page(indicator_site, "themes/remittances")
    listed = text_of(theme.split('id="akmn-countries"')[1].split("</section>")[0])
    assert "Philippines" in listed and "Republic of Korea" in listed
    assert len(svgs(theme)) == 1 and len(rows(theme)) == 2 and len(gaps(theme)) == 1
    sdg = text_of(page(indicator_site, "sdg/17-18"))
    assert "Republic of Korea Disaggregated [1] Sources Fixture statistics office" in sdg
    assert "Philippines Partially disaggregated" in sdg
    assert "Meets (2021)" in text_of(page(indicator_site, "sdg/10-7"))


def test_an_imported_10_7_2_figure_supersedes_the_older_block(tmp_path):
    block = "".join(f"    {d}: fully-meets\n" for d in (
        "migrant-rights", "whole-of-government", "cooperation-partnerships", "socioeconomic-wellbeing",
        "mobility-crises", "safe-orderly-regular"))
    both = INDICATOR_KR.replace("data_disaggregation:", "sdg_10_7_2:\n  source: Old block\n  year: 2019\n"
                                                        f"  domains:\n{block}data_disaggregation:")
    root = make_project(tmp_path / "p", files={**indicator_files(), "content/countries/kr.md": both})
    assert run_cli("validate", str(root)).code == 0
    assert build_site(root).returncode == 0
    kr = text_of(page(root / "site", "countries/kr"))
    assert "Overall assessment Meets (2021) Source: Fixture SDG database" in kr
    assert "Old block" not in kr and "Fully meets" not in kr


def test_overview_leaves_out_domain_columns_no_country_has(tmp_path):
    """With only overall assessments recorded, the overview has no six columns of "Not assessed"."""
    ph = (FIXTURES / "valid" / "content" / "countries" / "ph.md").read_text(encoding="utf-8")
    ph = re.sub(r"sdg_10_7_2:\n(  .*\n)+", "", ph)
    root = make_project(tmp_path / "p", files={**indicator_files(), "content/countries/ph.md": ph})
    assert build_site(root).returncode == 0
    section = page(root / "site", "countries/compare").split('id="akmn-sdg-10-7-2"')[1].split("</section>")[0]
    head = text_of(section.split("<thead>")[1].split("</thead>")[0]).split()
    assert head == ["Country", "Overall"]  # Korea's one source is a line under the table
    assert "Source: Fixture SDG database" in text_of(section)
    assert "Not assessed" not in text_of(section) and "Meets (2021)" in text_of(section)


REASON = "The fixture copy of WDI has 0 for every year."
TH = f"""---
country: TH
last_reviewed: 2026-11-25
missing:
  - indicator_id: remittances-received-gdp
    reason: {REASON}
---

Thailand fixture.
"""
SG = """---
country: SG
last_reviewed: 2026-11-25
missing:
  - indicator_id: remittances-received-gdp
    reason: The fixture copy of WDI has 0 for every year.
    checked: 2026-11-26
  - indicator_id: sdg-10-7-2
    reason: The fixture export has no row for Singapore.
  - indicator_id: emigrant-stock
    reason: The fixture has no emigrant data.
---

Singapore fixture.
"""


@pytest.fixture(scope="module")
def explained(tmp_path_factory) -> Path:
    """The site with Singapore recording why three of its values are missing, Thailand one of them
    for the same reason."""
    root = make_project(tmp_path_factory.mktemp("explained") / "project",
                        files={**indicator_files(), "content/countries/sg.md": SG,
                               "content/countries/th.md": TH})
    assert run_cli("validate", str(root)).code == 0
    result = build_site(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_countries_that_share_a_reason_are_named_together_and_the_reason_printed_once(explained):
    html = page(explained, "countries/compare/remittances-received-gdp")
    assert gaps(html) == [
        "Brunei Darussalam, Cambodia, Indonesia, Lao People's Democratic Republic, Malaysia, Myanmar, "
        "Timor-Leste, Viet Nam: Not published or not yet recorded in this profile",
        f"Singapore, Thailand: {REASON}"]
    assert text_of(html).count(REASON) == 1
    assert "10 countries without a value" in text_of(html)


def test_a_reason_shows_on_the_country_page(explained):
    sg = text_of(page(explained, "countries/sg"))
    assert ("Personal remittances, received (% of GDP) Not published 2 countries with data "
            "The fixture copy of WDI has 0 for every year.") in sg
    # An indicator no country has a value of still gives the country's own reason.
    assert "Emigrant stock Not published No country has a value yet The fixture has no emigrant data." in sg
    section = text_of(page(explained, "countries/sg").split('id="sdg-10-7-2"')[1].split("</section>")[0])
    assert "Not published: The fixture export has no row for Singapore." in section


def test_the_assessment_fold_gives_each_countrys_reason(explained):
    fold = page(explained, "countries/compare").split('id="akmn-sdg-10-7-2"')[1].split("</section>")[0]
    assert "<details" in fold
    assert "Singapore : Not published: The fixture export has no row for Singapore." in text_of(fold)
    assert "2 countries without a recorded assessment" in text_of(fold)  # Singapore and Thailand


def test_a_missing_value_is_not_open_data(explained):
    csv_text = (explained / "data/figures.csv").read_text(encoding="utf-8")
    figures = json.loads((explained / "data/figures.json").read_text(encoding="utf-8"))
    assert figures and all(row["country"] != "SG" for row in figures)
    assert ",SG," not in csv_text and "0 for every year" not in csv_text
