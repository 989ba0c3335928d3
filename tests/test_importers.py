"""`akmn import worldbank|un-sdg FILE [--write]` on the committed sample responses (made-up
values in tests/fixtures/api/): what a dry run prints, what --write changes and keeps, and
that every malformed response is refused with `FILE: message` and changes no file."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from helpers import FIXTURES, run_cli

API = FIXTURES / "api"
WB_GDP = API / "worldbank" / "remittances-gdp.json"
UN = API / "un-sdg" / "sg-cpa-migrs.json"
PH, KR = "content/countries/ph.md", "content/countries/kr.md"


def digest(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def run_import(root: Path, publisher: str, response: Path, *extra: str):
    result = run_cli("import", publisher, str(response), "--root", str(root), *extra)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def test_dry_run_prints_each_change_and_writes_nothing(site_tree):
    before = digest(site_tree)
    result = run_import(site_tree, "worldbank", WB_GDP)
    assert result.code == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"{KR}: remittances-received-gdp: added 0.12 % of GDP (2023)",
        f"{PH}: remittances-received-gdp: changed 1.5 % of GDP (2021) -> 12.34 % of GDP (2024)",
        "1 added, 1 changed, 0 unchanged: dry run, nothing written (add --write to write the changes).",
    ]
    # Singapore has only empty values; Thailand has no profile in this tree; the United States
    # and the East Asia aggregate are not in scope and are not mentioned at all.
    assert "SG: no value of remittances-received-gdp is published" in result.stderr
    assert "content/countries/th.md does not exist" in result.stderr
    assert "US" not in result.stderr.replace("USA", "") and "EAS" not in result.stderr
    assert digest(site_tree) == before


def test_write_updates_the_figure_and_keeps_every_other_byte(site_tree):
    path = site_tree / PH
    original = path.read_text(encoding="utf-8")
    commented = original.replace("figures:\n", "# figures checked by hand, see the sources\nfigures:\n", 1)
    commented = commented.replace("    year: 2021\n    source: Fixture source",
                                  "    year: 2021  # old\n    source: Fixture source")
    path.write_text(commented, encoding="utf-8")
    result = run_import(site_tree, "worldbank", WB_GDP, "--write")
    assert result.code == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "1 added, 1 changed, 0 unchanged: wrote 2 files."
    new = path.read_text(encoding="utf-8")
    head = commented.split("  - indicator: Personal remittances", 1)[0]
    assert new.startswith(head)  # comments, order, quoting and the earlier figures unchanged
    assert new.endswith(commented[commented.index("sources:\n"):])  # later fields and the body
    assert ("  - indicator: Personal remittances, received (% of GDP)\n"
            "    indicator_id: remittances-received-gdp\n    value: 12.34\n    unit: '% of GDP'\n"
            "    year: 2024  # old\n"
            "    source: World Bank, World Development Indicators (BX.TRF.PWKR.DT.GD.ZS)\n"
            "    source_url: https://data.worldbank.org/indicator/BX.TRF.PWKR.DT.GD.ZS?locations=PH\n") in new
    korea = (site_tree / KR).read_text(encoding="utf-8")
    assert korea.endswith("    year: 2023\n"
                          "    source: World Bank, World Development Indicators (BX.TRF.PWKR.DT.GD.ZS)\n"
                          "    source_url: https://data.worldbank.org/indicator/BX.TRF.PWKR.DT.GD.ZS?locations=KR\n"
                          "---\n\nKorea fixture. 대한민국\n")
    assert run_cli("validate", str(site_tree)).code == 0


def test_a_second_run_finds_nothing_to_change(site_tree):
    assert run_import(site_tree, "worldbank", WB_GDP, "--write").code == 0
    after = digest(site_tree)
    result = run_import(site_tree, "worldbank", WB_GDP, "--write")
    assert result.stdout.splitlines()[-1] == "0 added, 0 changed, 2 unchanged: wrote 0 files."
    assert digest(site_tree) == after


def test_un_sdg_import_writes_the_overall_assessment_and_six_domains(site_tree):
    result = run_import(site_tree, "un-sdg", UN, "--write")
    assert result.code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1] == "14 added, 0 changed, 0 unchanged: wrote 2 files."
    # Korea has 2019 and 2021 values of the overall assessment: the latest is imported.
    assert f"{KR}: sdg-10-7-2: added 4 level (1-4) (2021)" in lines
    assert f"{PH}: sdg-10-7-2-migrant-rights: added 2 level (1-4) (2021)" in lines
    series = "https://unstats.un.org/sdgs/UNSDGAPIV5/v1/sdg/Series/Data?seriesCode=SG_CPA_MIGRS&areaCode=608"
    assert f"source_url: {series}" in (site_tree / PH).read_text(encoding="utf-8")
    assert run_cli("validate", str(site_tree)).code == 0


def _wb():
    return json.loads(WB_GDP.read_text(encoding="utf-8"))


def _un():
    return json.loads(UN.read_text(encoding="utf-8"))


def _mutated(make, change):
    data = make()
    change(data)
    return data


MALFORMED = {
    "wb-api-error": ("worldbank", API / "worldbank/error-message.json", "the API answered with an error"),
    "wb-unknown-indicator": ("worldbank", API / "worldbank/unknown-indicator.json",
                             "row 1: unknown series 'SM.POP.NETM'"),
    "un-unknown-domain": ("un-sdg", API / "un-sdg/unknown-domain.json", "PD_9"),
    "wb-not-json": ("worldbank", "<html>Service unavailable</html>", "is not JSON"),
    "wb-wrong-shape": ("worldbank", {"data": []}, "expected the World Bank API's answer"),
    "wb-no-rows": ("worldbank", lambda: [_wb()[0], None], "the response holds no rows"),
    "wb-more-pages": ("worldbank", lambda: _mutated(_wb, lambda d: d[0].update(pages=3)), "page 1 of 3"),
    "wb-empty-value": ("worldbank", lambda: _mutated(_wb, lambda d: d[1][4].update(value="")),
                       "row 5: value '' of PH is empty or not a number"),
    "wb-row-without-date": ("worldbank", lambda: _mutated(_wb, lambda d: d[1][2].pop("date")),
                            "row 3: expected indicator, countryiso3code, date and value"),
    "un-wrong-shape": ("un-sdg", [], "expected the UN SDG API's series data"),
    "un-no-data": ("un-sdg", lambda: _mutated(_un, lambda d: d.update(data=[])), "holds no observations"),
    "un-empty-value": ("un-sdg", lambda: _mutated(_un, lambda d: d["data"][0].update(value=" ")),
                       "data[0]: value ' ' of PH is empty or not a number"),
    "un-bad-year": ("un-sdg", lambda: _mutated(_un, lambda d: d["data"][1].update(timePeriodStart="recent")),
                    "data[1]: timePeriodStart 'recent' is not a year"),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_response_is_refused_and_nothing_is_written(site_tree, tmp_path, case):
    publisher, source, expected = MALFORMED[case]
    if isinstance(source, Path):
        response = source
    else:
        response = tmp_path / "response.json"
        data = source() if callable(source) else source
        response.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    before = digest(site_tree)
    result = run_import(site_tree, publisher, response, "--write")
    assert result.code == 1
    assert f"{response}: " in result.stderr and expected in result.stderr, result.stderr
    assert result.stderr.rstrip().endswith("Nothing was written.")
    assert digest(site_tree) == before


def test_a_profile_that_cannot_be_kept_byte_for_byte_stops_the_whole_import(site_tree):
    korea = site_tree / KR
    korea.write_bytes(korea.read_bytes().replace(b"\n", b"\r\n"))
    before = digest(site_tree)
    result = run_import(site_tree, "worldbank", WB_GDP, "--write")
    assert result.code == 1
    assert f"{KR}: its layout cannot be kept byte for byte" in result.stderr
    assert digest(site_tree) == before  # ph.md, which could be updated, is not written either


def test_missing_response_file_is_a_usage_error(site_tree):
    result = run_import(site_tree, "worldbank", site_tree / "nothing.json")
    assert result.code == 2 and "nothing.json does not exist" in result.stderr


def test_samples_hold_only_made_up_values():
    # The samples must never pass for real data: the README says so, and their sources say so.
    assert "every value in them is made up" in (API / "README.md").read_text(encoding="utf-8")
    assert {row["source"] for row in _un()["data"]} == {"Made-up sample for tests"}


def test_an_empty_figures_field_is_filled_in(site_tree):
    korea = site_tree / KR
    korea.write_text(korea.read_text(encoding="utf-8").replace("last_reviewed: 2026-11-25\n",
                                                               "last_reviewed: 2026-11-25\nfigures:\n"),
                                                               encoding="utf-8")
    assert run_cli("validate", str(site_tree)).code == 0
    assert run_import(site_tree, "worldbank", WB_GDP, "--write").code == 0
    text = korea.read_text(encoding="utf-8")
    assert text.count("figures:") == 1 and "figures:\n  - indicator: Personal remittances" in text
    assert run_cli("validate", str(site_tree)).code == 0


def test_an_imported_value_replaces_the_recorded_gap(site_tree):
    path = site_tree / KR
    path.write_text(path.read_text(encoding="utf-8").replace("---\n\nKorea fixture.", (
        "missing:\n  - indicator_id: remittances-received-gdp\n    reason: Not in the copy we read.\n"
        "---\n\nKorea fixture."), 1), encoding="utf-8")
    assert run_cli("validate", str(site_tree)).code == 0
    dry = run_import(site_tree, "worldbank", WB_GDP)
    assert (f"{KR}: remittances-received-gdp: added 0.12 % of GDP (2023) (replaces its entry in `missing`)"
            in dry.stdout.splitlines())
    assert run_import(site_tree, "worldbank", WB_GDP, "--write").code == 0
    korea = path.read_text(encoding="utf-8")
    assert "missing:" not in korea and "Not in the copy we read." not in korea
    assert run_cli("validate", str(site_tree)).code == 0
