"""The indicator list: figures that name an indicator are checked against it (id, unit, year,
one value per country), and the built site offers every figure and every taxonomy as open data."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from akmn.fields import Context
from akmn.load import load_content
from akmn.schema import COUNTRY
from akmn.validate import build_context
from helpers import run_cli

PH = "content/countries/ph.md"
FIGURE = """  - indicator: Personal remittances, received (% of GDP)
    indicator_id: remittances-received-gdp
    value: 1.5
    unit: '% of GDP'
    year: 2021
"""


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(root: Path, rel: str, text: str) -> int:
    lines = (root / rel).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


def problems(root: Path) -> list[dict]:
    result = run_cli("validate", str(root), "--format", "json")
    assert "Traceback" not in result.stderr
    return result.problems


def test_unknown_indicator_id_names_the_line_and_the_near_miss(site_tree):
    edit(site_tree, PH, "indicator_id: remittances-received-gdp", "indicator_id: remittances-received-gpd")
    assert problems(site_tree) == [{
        "file": PH, "line": line_of(site_tree, PH, "remittances-received-gpd"),
        "field": "figures[1].indicator_id",
        "message": "unknown indicator 'remittances-received-gpd' (did you mean 'remittances-received-gdp'?); "
                   "the list is in content/taxonomies/indicators.yml"}]


def test_unit_must_be_the_indicators_unit(site_tree):
    edit(site_tree, PH, "unit: '% of GDP'", "unit: percent")
    found = problems(site_tree)
    assert [(p["line"], p["field"]) for p in found] == [(line_of(site_tree, PH, "unit: percent"),
                                                         "figures[1].unit")]
    assert "write `unit: % of GDP`" in found[0]["message"]


def test_a_free_text_figure_may_use_any_unit(site_tree):
    # figures[0] has no indicator_id: a fact specific to one country keeps its own unit.
    edit(site_tree, PH, "unit: persons", "unit: households")
    assert problems(site_tree) == []


def test_one_value_per_indicator_per_country(site_tree):
    edit(site_tree, PH, "sources:\n", "  - indicator: Again\n    indicator_id: remittances-received-gdp\n"
         "    value: 2\n    unit: '% of GDP'\n    year: 2020\n    source: Fixture source\nsources:\n")
    found = problems(site_tree)
    assert [p["field"] for p in found] == ["figures[2].indicator_id"]
    assert "already has a value in figures[1]" in found[0]["message"]


def _missing(indicator_id: str) -> str:
    return (f"missing:\n  - indicator_id: {indicator_id}\n    reason: The copy we read has no value.\n"
            "    checked: 2026-11-26\nsources:\n")


def test_a_missing_value_names_a_known_indicator(site_tree):
    edit(site_tree, PH, "sources:\n", _missing("emigrant-stok"))
    result = run_cli("validate", str(site_tree))
    assert result.code == 1 and "Traceback" not in result.stderr
    line = line_of(site_tree, PH, "emigrant-stok")
    assert (f"{PH}:{line}: missing[0].indicator_id: unknown indicator 'emigrant-stok' "
            "(did you mean 'emigrant-stock'?)") in result.stdout + result.stderr


def test_a_missing_value_cannot_sit_beside_a_figure_of_it(site_tree):
    edit(site_tree, PH, "sources:\n", _missing("remittances-received-gdp"))
    result = run_cli("validate", str(site_tree))
    assert result.code == 1
    line = line_of(site_tree, PH, "  - indicator_id: remittances-received-gdp")
    assert (f"{PH}:{line}: missing[0].indicator_id: remittances-received-gdp has a value in figures[1]: "
            "remove this entry, or the figure if its value cannot be traced") in result.stdout + result.stderr


def test_one_reason_per_missing_indicator(site_tree):
    edit(site_tree, PH, "sources:\n", _missing("emigrant-stock").replace("sources:\n", "") + _missing(
        "emigrant-stock").replace("missing:\n", ""))
    found = problems(site_tree)
    assert [p["field"] for p in found] == ["missing[1].indicator_id"]
    assert "already listed in missing[0]" in found[0]["message"]


def test_a_missing_value_needs_its_reason(site_tree):
    edit(site_tree, PH, "sources:\n", "missing:\n  - indicator_id: emigrant-stock\nsources:\n")
    found = problems(site_tree)
    assert [p["field"] for p in found] == ["missing[0].reason"]
    edit(site_tree, PH, "  - indicator_id: emigrant-stock\n",
         "  - indicator_id: emigrant-stock\n    reason: Not in the copy we read.\n")
    assert problems(site_tree) == []


def _year_problems(year: int, today: dt.date) -> list[str]:
    content = load_content(Path(__file__).parent / "fixtures" / "valid")
    record = content.records["country"]["ph"]
    record.data["figures"][1]["year"] = year
    ctx: Context = build_context(content, publish=False)
    ctx.today = today
    return [message for rule in COUNTRY.rules for _, message in rule(record, ctx)]


def test_year_of_an_indicator_value_has_begun():
    today = dt.date(2026, 6, 30)  # a fixed "today": the rule, not the calendar, is tested
    assert _year_problems(2026, today) == []
    assert _year_problems(2027, today) == ["2027 has not begun: give the year the published value refers to"]


def test_indicator_entry_needs_unit_definition_and_source(site_tree):
    rel = "content/taxonomies/indicators.yml"
    edit(site_tree, rel, "  unit: persons\n", "")
    found = [p for p in problems(site_tree) if p["file"] == rel]
    assert [(p["field"], p["message"].split(":")[0]) for p in found] == [("[0].unit",
                                                                          "required field is missing")]


def test_sdg_indicator_is_quoted_text(site_tree):
    edit(site_tree, "content/taxonomies/indicators.yml", "sdg_indicator: 17.3.2", "sdg_indicator: 17.3")
    found = problems(site_tree)
    assert any(p["field"].endswith(".sdg_indicator") and "put it in quotes" in p["message"]
               for p in found), found


# --- open data ---------------------------------------------------------------------------

def test_figures_are_one_tidy_table(fixture_site):
    rows = list(csv.DictReader(io.StringIO((fixture_site / "data/figures.csv").read_text(encoding="utf-8"))))
    assert list(rows[0]) == ["country", "country_name", "indicator_id", "indicator", "value", "unit", "year",
                             "source", "source_url"]
    comparable = [r for r in rows if r["indicator_id"] == "remittances-received-gdp"]
    assert comparable == [{"country": "PH", "country_name": "Philippines",
                           "indicator_id": "remittances-received-gdp",
                           "indicator": "Personal remittances, received (% of GDP)", "value": "1.5",
                           "unit": "% of GDP", "year": "2021", "source": "Fixture source",
                           "source_url": "https://example.org/data"}]
    free_text = [r for r in rows if r["indicator"] == "Fixture stock"]
    assert free_text and free_text[0]["indicator_id"] == ""
    as_json = json.loads((fixture_site / "data/figures.json").read_text(encoding="utf-8"))
    assert len(as_json) == len(rows) and {"country": "PH", "value": 1.5} .items() <= as_json[1].items()


def test_every_taxonomy_is_downloadable(fixture_site):
    names = sorted(p.stem for p in (fixture_site.parent / "content/taxonomies").glob("*.yml"))
    assert "indicators" in names
    for name in names:
        entries = json.loads((fixture_site / f"data/taxonomy-{name}.json").read_text(encoding="utf-8"))
        written = (fixture_site / f"data/taxonomy-{name}.csv").read_text(encoding="utf-8")
        table = list(csv.DictReader(io.StringIO(written)))
        assert [e["id"] for e in entries] == [r["id"] for r in table] and entries
    entries = json.loads((fixture_site / "data/taxonomy-indicators.json").read_text())
    indicators = {e["id"]: e for e in entries}
    assert indicators["remittances-received-gdp"]["source"]["series_code"] == "BX.TRF.PWKR.DT.GD.ZS"


@pytest.mark.parametrize("link", ["data/figures.csv", "data/figures.json", "data/taxonomy-indicators.json",
                                  "data/taxonomy-indicators.csv", "schema/taxonomy-indicators.schema.json",
                                  "data/taxonomy-themes.csv"])
def test_data_page_links_every_download(fixture_site, link):
    html = (fixture_site / "data/index.html").read_text(encoding="utf-8")
    assert f'href="../{link}"' in html
    assert (fixture_site / link).is_file()
    assert "<code>indicator_id</code>" in html and "Comparable indicators" in html
