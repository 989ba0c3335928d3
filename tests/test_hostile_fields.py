"""Markup in EVERY text a contributor can write (each record field, each taxonomy entry, each
translation, each body), not only in the fields tests/hostile.py picks: the built site, both
editions, every page, feed and chart, holds it only as escaped text."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import yaml

from helpers import build_site, indicator_files, make_project

PAYLOAD = "<img src=x onerror=alert(1)><script>alert(2)</script>"
# Values that are ids, codes, dates, numbers or addresses: markup there is refused by the
# validator, so the build would stop instead of showing how the text is printed.
NOT_TEXT = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*|[A-Z]{2}|[0-9.]+|https?://\S+|\S+@\S+")
ID_LISTS = {"expertise", "languages", "programs", "meetings", "participants", "themes", "sdg_targets",
            "countries", "contacts"}


def hostile(value, key=None):
    """VALUE with the payload appended to every free text in it."""
    if isinstance(value, dict):
        return {k: hostile(x, k) for k, x in value.items()}
    if isinstance(value, list):
        return value if key in ID_LISTS else [hostile(x, key) for x in value]
    if isinstance(value, str) and key not in ("id", "url", "source_url") and not NOT_TEXT.fullmatch(value):
        return value + PAYLOAD
    return value


def make_hostile(root: Path) -> None:
    for path in (root / "content").rglob("*.md"):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        data = hostile(yaml.safe_load(front))
        path.write_text(f"---\n{yaml.safe_dump(data, allow_unicode=True, sort_keys=False)}---\n"
                        f"{body}\n{PAYLOAD} [x](javascript:alert(3))\n", encoding="utf-8")
    for path in (root / "content" / "taxonomies").glob("*.yml"):
        data = hostile(yaml.safe_load(path.read_text(encoding="utf-8")))
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_markup_in_every_field_is_printed_as_text(tmp_path):
    root = make_project(tmp_path / "project", files=indicator_files())
    make_hostile(root)
    assert "onerror" in (root / "content/taxonomies/indicators.yml").read_text(encoding="utf-8")
    result = build_site(root)
    assert result.returncode == 0, result.stderr
    pages = [p for p in (root / "site").rglob("*") if p.suffix in (".html", ".xml", ".svg")]
    assert len([p for p in pages if "/ko/" in p.as_posix()]) > 10
    unsafe = re.compile(r"<script>alert|<img src=x onerror|javascript:alert")
    found = {p.relative_to(root / "site").as_posix() for p in pages
             if unsafe.search(p.read_text(encoding="utf-8"))}
    assert not found
    # The text is there, escaped once (not dropped, not &amp;lt;), e.g. an indicator's domain name.
    domains = (root / "site/sdg/10-7/index.html").read_text(encoding="utf-8")
    assert "Migrant rights&lt;img src=x onerror=alert(1)&gt;" in domains


def test_a_text_a_spreadsheet_would_run_is_kept_as_text_in_the_csv(tmp_path):
    """A contributor's text that starts a formula (=HYPERLINK(...)) opens in a spreadsheet as text
    in the CSV files (a leading apostrophe, OWASP's advice); the JSON keeps it as written, and
    numbers are not touched."""
    formula = '=HYPERLINK("https://example.org/x","Open")'
    root = make_project(tmp_path / "project")
    practice = root / "content/practices/fixture-return.md"
    text = practice.read_text(encoding="utf-8")
    text = text.replace("title: Fixture return programme", f"title: '{formula}'", 1)
    text = text.replace("transferability: Could be adapted.", "transferability: -based on need", 1)
    practice.write_text(text, encoding="utf-8")
    result = build_site(root)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO((root / "site/data/practice.csv").read_text(encoding="utf-8"))))
    titles = {row["id"]: row["title"] for row in rows}
    assert titles["fixture-return"] == "'" + formula
    assert {row["id"]: row["transferability"] for row in rows}["fixture-return"] == "'-based on need"
    assert not any(_FORMULA_START.match(title) for title in titles.values())
    records = json.loads((root / "site/data/practice.json").read_text(encoding="utf-8"))
    assert formula in [r["title"] for r in (records["records"] if isinstance(records, dict) else records)]
    figures = list(csv.DictReader(io.StringIO((root / "site/data/figures.csv").read_text(encoding="utf-8"))))
    assert all(not row["value"].startswith("'") for row in figures)


_FORMULA_START = re.compile(r"[=+\-@\t\r]")
