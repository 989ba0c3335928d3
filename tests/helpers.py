"""Helpers the test modules import: the fixture trees, the `akmn` command line as a subprocess,
site builds, a static file server and the rule for missing tools. conftest.py holds only the
pytest fixtures and imports from here (test modules never import conftest: pytest loads it
itself, and importing it a second time runs its module code twice)."""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

HERE = Path(__file__).parent
REPO = HERE.parent
FIXTURES = HERE / "fixtures"

# "Today" for every test build: review-due and old-figure marks never change with the calendar.
BUILD_TODAY = "2026-11-26"

IN_CI = os.environ.get("CI", "").lower() == "true"


def need(ok: bool, reason: str) -> None:
    """Skip when a tool is missing, except in CI, where a missing tool is a failure."""
    if ok:
        return
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: a missing tool is a failure, not a skip)")
    pytest.skip(reason)


# --- the command line ---------------------------------------------------------------------------


@dataclass
class CliResult:
    code: int
    stdout: str
    stderr: str

    @property
    def problems(self) -> list[dict]:
        return json.loads(self.stdout)


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None) -> CliResult:
    proc = subprocess.run(
        [sys.executable, "-m", "akmn", *args], capture_output=True, text=True,
        cwd=cwd or REPO, env={**os.environ, "PYTHONPATH": str(REPO), **(env or {})}, timeout=120,
    )
    return CliResult(proc.returncode, proc.stdout, proc.stderr)


# --- fixture trees and site builds --------------------------------------------------------------

SITE_PARTS = ("mkdocs.yml", "mkdocs.ko.yml", "hooks", "overrides", "docs")


def copy_fixture(root: Path, fixture: str = "valid") -> Path:
    """A writable copy of a committed fixture tree at `root`."""
    shutil.copytree(FIXTURES / fixture, root)
    return root


def make_project(root: Path, fixture: str = "valid", files: dict[str, str] | None = None) -> Path:
    """A project folder with a fixture's content (plus `files`) and the repository's site
    configuration."""
    copy_fixture(root, fixture)
    for rel, text in (files or {}).items():
        (root / rel).write_text(text, encoding="utf-8")
    for part in SITE_PARTS:
        (root / part).symlink_to(REPO / part)
    return root


def build_site(root: Path, publish: bool = False, strict: bool = True,
               env: dict | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "AKMN_PUBLISH": "1" if publish else "",
           "AKMN_TODAY": BUILD_TODAY, **(env or {})}
    args = [sys.executable, "-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml"), "-d", str(root / "site")]
    return subprocess.run(args + (["--strict"] if strict else []), capture_output=True, text=True,
                          env=env, timeout=600)


def build_zensical(root: Path, publish: bool = False, langs: tuple[str, ...] = ("en", "ko")
                   ) -> subprocess.CompletedProcess:
    """`make build-zensical` in ROOT: for each edition of LANGS the generated pages and the
    resolved configuration, Zensical, then open data and Pagefind, into ROOT/site-zensical (the
    Korean edition into its ko/). Stops at the first step that fails."""
    need(shutil.which("zensical", path=str(Path(sys.executable).parent)) is not None,
         "Zensical is not installed in this environment: `make setup` installs it (requirements.txt)")
    env = {**os.environ, "AKMN_PUBLISH": "1" if publish else "", "AKMN_TODAY": BUILD_TODAY,
           "AKMN_SITE_DIR": "site-zensical", "AKMN_LANGS": ",".join(langs)}
    zensical, akmn = str(Path(sys.executable).parent / "zensical"), [sys.executable, "-m", "akmn"]
    shutil.rmtree(root / "site-zensical", ignore_errors=True)
    steps = []
    for lang in langs:
        config, site = ("mkdocs.yml", "site-zensical") if lang == "en" else (f"mkdocs.{lang}.yml",
                                                                             f"site-zensical/{lang}")
        steps += [akmn + ["pages", "--config", config, "--out", f".zensical/{lang}/docs", "--templates",
                          f".zensical/{lang}/overrides", "--write-config", f".zensical.{lang}.yml"],
                  [zensical, "build", "--clean", "--strict", "-f", f".zensical.{lang}.yml"],
                  akmn + ["postbuild", site, "--config", config]]
    for args in steps:
        proc = subprocess.run(args, cwd=root, capture_output=True, text=True, timeout=600, env=env)
        if proc.returncode != 0:
            break
    return proc


# --- the indicator fixture: values of one indicator for two countries ---------------------------

INDICATOR_KR = """---
country: KR
last_reviewed: 2026-11-25
data_disaggregation:
  status: disaggregated
  source: Fixture statistics office
  source_url: https://example.org/kr-stats
figures:
  - indicator: Personal remittances, received (% of GDP)
    indicator_id: remittances-received-gdp
    value: 0.4
    unit: '% of GDP'
    year: 2020
    source: Fixture KR source
    source_url: https://example.org/kr
  - indicator: Migration policies, overall
    indicator_id: sdg-10-7-2
    value: 3
    unit: level (1-4)
    year: 2021
    source: Fixture SDG database
    source_url: https://example.org/sdg
---

Korea fixture.
"""


def indicator_files() -> dict[str, str]:
    """The valid fixture's files changed or added for the indicator tree."""
    # Remittances (% of GDP) belongs to the Remittances theme, which the fixture's themes lack.
    taxonomies = FIXTURES / "valid" / "content" / "taxonomies"
    indicators = (taxonomies / "indicators.yml").read_text(encoding="utf-8").replace(
        "  sdg_indicator: 17.3.2\n", "  sdg_indicator: 17.3.2\n  themes:\n    - remittances\n", 1)
    themes = (taxonomies / "themes.yml").read_text(encoding="utf-8") + (
        "- id: remittances\n  label: Remittances\n  description: Money sent home.\n")
    return {"content/countries/kr.md": INDICATOR_KR, "content/taxonomies/indicators.yml": indicators,
            "content/taxonomies/themes.yml": themes}


# --- a static server ----------------------------------------------------------------------------


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files, quietly, with the site's 404.html for a missing path (as GitHub Pages does)."""

    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextlib.contextmanager
def static_server(folder: Path) -> Iterator[str]:
    """Serves `folder` on a free port of 127.0.0.1; yields the base URL, ending in "/"."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(_Handler, directory=str(folder)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# --- Chromium -----------------------------------------------------------------------------------

CHROMIUM = Path(os.environ.get("AKMN_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
