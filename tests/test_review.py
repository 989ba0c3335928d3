"""Content currency: review-due and old-figure marks on the built pages and in `akmn review`,
each record's last change from git, and "Date to be announced" for planned meetings.

"Today" is always fixed (AKMN_TODAY or --today), so no test changes with the calendar.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from datetime import date
from pathlib import Path

import pytest

from akmn.review import Policy, last_changed
from helpers import build_site, make_project, run_cli

TODAY = "2026-06-01"
FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)

# The fixture tree, changed so that each check has one case that fires and one that does not.
PH = """---
country: PH
last_reviewed: 2025-05-31
figures:
  - indicator: Old stock
    value: 1200
    unit: persons
    year: 2020
    source: Fixture census
  - indicator: Recent stock
    value: 1500
    unit: persons
    year: 2021
    source: Fixture census
data_disaggregation:
  status: no-data
  source: https://example.org/bare-source
sources:
  - title: Copy of a report
    url: https://www.scribd.com/document/1/report
    accessed: 2026-01-05
---
Profile due for review.
"""
KR = """---
country: KR
last_reviewed: 2025-06-01
data_disaggregation:
  status: partially-disaggregated
  source: Fixture statistics office, Immigrant survey
  source_url: https://example.org/survey
sources:
  - title: Undated source
    url: https://example.org/kr
  - title: Data page
    url: https://www.indexmundi.com/korea
    accessed: 2026-01-05
---
Reviewed exactly twelve months ago: not due yet.
"""
PLANNED = """---
title: 2nd Fixture Meeting
program: program-1
status: planned
---
Not yet held.
"""
FILES = {"content/countries/ph.md": PH, "content/countries/kr.md": KR,
         "content/meetings/iem-2.md": PLANNED}


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def git(root: Path, *args: str, day: str = "2024-03-05") -> None:
    stamp = f"{day}T12:00:00+00:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp,
           "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def committed_project(root: Path) -> Path:
    """The changed fixture tree in a git repository: everything committed on 2024-03-05, then
    the Philippines profile changed on 2025-02-10."""
    make_project(root, files=FILES)
    git(root, "init", "-q")
    git(root, "add", "content")
    git(root, "commit", "-qm", "first")
    (root / "content/countries/ph.md").write_text(PH + "More.\n", encoding="utf-8")
    git(root, "commit", "-qam", "second", day="2025-02-10")
    return root


@pytest.fixture(scope="module")
def review_site(tmp_path_factory) -> Path:
    root = committed_project(tmp_path_factory.mktemp("review") / "project")
    result = build_site(root, env={"AKMN_TODAY": TODAY})
    assert result.returncode == 0, result.stderr
    return root / "site"


# --- the policy ----------------------------------------------------------------------------

@pytest.mark.parametrize("months, reviewed, today, due", [
    (12, "2025-06-01", "2026-06-01", False),  # exactly the period: not yet
    (12, "2025-05-31", "2026-06-01", True),
    (1, "2026-01-31", "2026-02-28", False),  # 31 January + 1 month is the end of February
    (1, "2026-01-31", "2026-03-01", True),
])
def test_review_is_due_after_the_period(months, reviewed, today, due):
    policy = Policy(date.fromisoformat(today), review_months=months)
    assert policy.review_due(date.fromisoformat(reviewed)) is due


def test_figure_is_old_after_the_limit():
    policy = Policy(date(2026, 6, 1), figure_max_age_years=5)
    assert policy.figure_old(2020) and not policy.figure_old(2021)


# --- the built pages -----------------------------------------------------------------------

def test_country_page_marks_review_due_and_old_figures(review_site):
    html = page(review_site, "countries/ph")
    reviewed = html.split("<dt>Last reviewed</dt>")[1].split("</dd>")[0]
    assert re.search(r'<span class="akmn-dated">2025-05-31 '
                     r'<span class="akmn-mark akmn-mark--due"[^>]*>Review due</span>', reviewed)
    assert "This profile is due for review" in text_of(html)
    rows = {re.sub(r"\s+", " ", text_of(row)).strip(): row
            for row in html.split('id="figures"')[1].split("</table>")[0].split("<tr>")[2:]}
    old = next(row for text, row in rows.items() if text.startswith("Old stock"))
    recent = next(row for text, row in rows.items() if text.startswith("Recent stock"))
    assert 'data-label="Year"><span class="akmn-dated">2020 <span class="akmn-mark akmn-mark--old"' in old
    assert "Over 5 years old" in old
    assert 'data-label="Year">2021</td>' in recent and "akmn-mark" not in recent


def test_profile_within_the_period_has_no_mark(review_site):
    html = page(review_site, "countries/kr")
    assert "akmn-mark" not in html and "due for review" not in html
    assert "2025-06-01" in html.split("<dt>Last reviewed</dt>")[1].split("</dd>")[0]


def test_disaggregation_source_is_a_link(review_site):
    html = page(review_site, "countries/kr").split('id="sdg-17-18"')[1].split("</section>")[0]
    assert ('Source: <a href="https://example.org/survey" rel="noopener">'
            'Fixture statistics office, Immigrant survey</a>') in html


def test_countries_index_marks_review_due(review_site):
    html = page(review_site, "countries")
    rows = html.split("<tbody>")[1].split("</tr>")
    ph = next(r for r in rows if "Philippines" in r)
    kr = next(r for r in rows if "Republic of Korea" in r)
    assert ('data-label="Last reviewed"><span class="akmn-dated">2025-05-31 '
            '<span class="akmn-mark akmn-mark--due"') in ph
    assert "akmn-mark" not in kr


def test_last_changed_comes_from_git(review_site):
    def changed(url):
        return page(review_site, url).split("<dt>Last changed</dt>")[1].split("</dd>")[0]

    assert "2025-02-10" in changed("countries/ph")
    assert "2024-03-05" in changed("countries/kr")
    assert "2024-03-05" in changed("experts/fixture-kim")
    assert "2024-03-05" in changed("programs/program-1")


def test_without_git_the_last_change_is_left_out(fixture_site):
    # The session's fixture tree is a plain copy, not a repository.
    assert "Last changed" not in page(fixture_site, "countries/ph")


def test_git_history_is_read_in_one_pass(tmp_path):
    root = committed_project(tmp_path / "project")
    log = tmp_path / "calls"
    shim = tmp_path / "bin"
    shim.mkdir()
    real = subprocess.run(["sh", "-c", "command -v git"], capture_output=True, text=True).stdout.strip()
    (shim / "git").write_text(f'#!/bin/sh\necho "$*" >> {log}\nexec {real} "$@"\n')
    (shim / "git").chmod(0o755)
    path = os.environ["PATH"]
    os.environ["PATH"] = f"{shim}{os.pathsep}{path}"
    try:
        changed = last_changed(root)
    finally:
        os.environ["PATH"] = path
    assert len(changed) >= 10  # every record and taxonomy file
    assert changed["content/countries/ph.md"] == date(2025, 2, 10)
    calls = log.read_text().splitlines()
    assert sum(" log " in f" {c} " for c in calls) == 1 and len(calls) <= 2, calls


def test_a_shallow_clone_gives_no_last_change(tmp_path):
    # Its oldest commit would seem to add every file: no date beats a wrong one.
    source = committed_project(tmp_path / "project")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{source}", str(clone)], check=True)
    assert last_changed(clone) == {}
    assert last_changed(source)["content/countries/kr.md"] == date(2024, 3, 5)


def test_planned_meeting_says_date_to_be_announced(review_site):
    html = page(review_site, "meetings/iem-2")
    assert "Date to be announced" in html.split("<dt>Date</dt>")[1].split("</dd>")[0]
    assert "Planned · Date to be announced" in text_of(html)
    index = page(review_site, "meetings")
    row = next(r for r in index.split("</tr>") if "2nd Fixture Meeting" in r)
    assert 'data-label="Date">Date to be announced</td>' in row
    held = next(r for r in index.split("</tr>") if "1st International Experts Meeting" in r)
    assert 'data-label="Date">2016-05-20</td>' in held


def test_a_wrong_today_stops_the_build_with_a_message(tmp_path):
    root = make_project(tmp_path / "project")
    result = build_site(root, env={"AKMN_TODAY": "1 June 2026"})
    assert result.returncode != 0
    assert "AKMN_TODAY: '1 June 2026' is not a date: write it as YYYY-MM-DD" in result.stderr
    assert "Traceback" not in result.stderr


# --- akmn review -----------------------------------------------------------------------------

def review_tree(tmp_path: Path, mkdocs: str | None = None) -> Path:
    root = make_project(tmp_path / "project", files=FILES)
    if mkdocs is not None:
        (root / "mkdocs.yml").unlink()
        (root / "mkdocs.yml").write_text(mkdocs, encoding="utf-8")
    return root


def line_of(root: Path, rel: str, needle: str) -> int:
    lines = (root / rel).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def test_review_lists_every_kind_of_finding(tmp_path):
    root = review_tree(tmp_path)
    result = run_cli("review", str(root), "--today", TODAY)
    assert result.code == 0, result.stderr
    out = result.stdout
    ph, kr = "content/countries/ph.md", "content/countries/kr.md"
    assert f"{ph}:3: last_reviewed: last reviewed 2025-05-31; a review was due on 2026-05-31" in out
    assert f"{ph}:{line_of(root, ph, 'year: 2020')}: figures[0].year: 'Old stock' is from 2020" in out
    assert "Recent stock" not in out and f"{kr}:3:" not in out
    scribd, indexmundi = line_of(root, ph, "scribd"), line_of(root, kr, "indexmundi")
    assert f"{ph}:{scribd}: sources[0].url: www.scribd.com is a document-sharing site" in out
    assert f"{kr}:{indexmundi}: sources[1].url: www.indexmundi.com is a data aggregator" in out
    assert f"{kr}:{line_of(root, kr, 'Undated')}: sources[0]: 'Undated source' has no access date" in out
    assert (f"{ph}:{line_of(root, ph, 'bare-source')}: data_disaggregation.source: a bare URL "
            "(https://example.org/bare-source)") in out
    for heading in ("Records due for review (1):", "Figures older than the limit (1):",
                    "Sources on document-sharing hosts or aggregators (2):", "Sources without an access date",
                    "Bare URLs in text fields (1):"):
        assert heading in out
    # The fixture practice cites a source without an access date too.
    assert out.rstrip().endswith("findings.")


def test_review_as_json(tmp_path):
    root = review_tree(tmp_path)
    result = run_cli("review", str(root), "--format", "json", env={"AKMN_TODAY": TODAY})
    assert result.code == 0, result.stderr
    report = json.loads(result.stdout)
    assert (report["today"], report["review_months"], report["figure_max_age_years"]) == (TODAY, 12, 5)
    checks = {(f["check"], f["file"], f["field"]) for f in report["findings"]}
    assert ("review-due", "content/countries/ph.md", "last_reviewed") in checks
    assert ("old-figure", "content/countries/ph.md", "figures[0].year") in checks
    assert ("copy-host", "content/countries/kr.md", "sources[1].url") in checks
    assert ("no-access-date", "content/countries/kr.md", "sources[0]") in checks
    assert ("bare-url", "content/countries/ph.md", "data_disaggregation.source") in checks
    assert not any(f["file"] == "content/countries/kr.md" and f["check"] == "review-due"
                   for f in report["findings"])


def test_review_of_current_content_finds_nothing_due(tmp_path):
    root = review_tree(tmp_path)
    result = run_cli("review", str(root), "--today", "2025-06-02", "--format", "json")
    checks = {f["check"] for f in json.loads(result.stdout)["findings"]}
    assert "review-due" not in checks and "old-figure" not in checks


def test_review_reads_its_settings_from_mkdocs_yml(tmp_path):
    mkdocs = ("site_name: x\nsite_url: !ENV [X, null]\n"
              "extra:\n  akmn:\n    review_months: 1\n    figure_max_age_years: 10\n")
    root = review_tree(tmp_path, mkdocs)
    out = run_cli("review", str(root), "--today", TODAY).stdout
    assert "content/countries/kr.md:3: last_reviewed:" in out  # due after one month
    assert "Old stock" not in out  # 2020 is within ten years


def test_review_urls_lists_every_external_address(tmp_path):
    root = review_tree(tmp_path)
    result = run_cli("review", str(root), "--urls")
    assert result.code == 0
    urls = result.stdout.split()
    assert urls == sorted(set(urls))
    assert {"https://www.scribd.com/document/1/report", "https://example.org/bare-source",
            "https://example.org/return"} <= set(urls)


@pytest.mark.parametrize("args, env, message", [
    (["--today", "2026-13-01"], {}, "--today: '2026-13-01' is not a date"),
    ([], {"AKMN_TODAY": "soon"}, "AKMN_TODAY: 'soon' is not a date: write it as YYYY-MM-DD"),
    (["--format", "xml"], {}, "invalid choice: 'xml'"),
])
def test_review_usage_errors_exit_2(tmp_path, args, env, message):
    result = run_cli("review", str(review_tree(tmp_path)), *args, env=env)
    assert result.code == 2 and message in result.stderr and "Traceback" not in result.stderr


def test_review_setting_errors_exit_2(tmp_path):
    root = review_tree(tmp_path, "site_name: x\nextra:\n  akmn:\n    review_months: twelve\n")
    result = run_cli("review", str(root), "--today", TODAY)
    assert result.code == 2
    assert "extra.akmn.review_months: 'twelve' is not a whole number of at least 1" in result.stderr


def test_review_of_invalid_content_says_to_fix_it_first(tmp_path):
    root = make_project(tmp_path / "project", files={"content/countries/kr.md": "---\ncountry: KR\n---\n"})
    result = run_cli("review", str(root), "--today", TODAY)
    assert result.code == 1
    assert "content/countries/kr.md:1: last_reviewed: required field is missing" in result.stderr
