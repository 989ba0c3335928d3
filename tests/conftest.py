"""Shared helpers: committed fixture trees copied into a temporary folder per test, and the
real `akmn` command line run as a subprocess."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

HERE = Path(__file__).parent
REPO = HERE.parent
FIXTURES = HERE / "fixtures"


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


@pytest.fixture(autouse=True)
def no_job_summary(monkeypatch):
    """In GitHub Actions `make test` runs with GITHUB_STEP_SUMMARY set: the validator runs of
    the tests (on broken trees, on purpose) must not write into the real job summary."""
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


@pytest.fixture
def site_tree(tmp_path) -> Path:
    """A writable copy of the valid fixture tree."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "valid", root)
    return root


SITE_PARTS = ("mkdocs.yml", "hooks", "overrides", "docs")


def make_project(root: Path, fixture: str = "valid", files: dict[str, str] | None = None) -> Path:
    """A project folder with a fixture's content (plus `files`) and the repository's site
    configuration."""
    shutil.copytree(FIXTURES / fixture, root)
    for rel, text in (files or {}).items():
        (root / rel).write_text(text, encoding="utf-8")
    for part in SITE_PARTS:
        (root / part).symlink_to(REPO / part)
    return root


# "Today" for every test build: review-due and old-figure marks never change with the calendar.
BUILD_TODAY = "2026-11-26"


def build_site(root: Path, publish: bool = False, strict: bool = True,
               env: dict | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "AKMN_PUBLISH": "1" if publish else "",
           "AKMN_TODAY": BUILD_TODAY, **(env or {})}
    args = [sys.executable, "-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml"), "-d", str(root / "site")]
    return subprocess.run(args + (["--strict"] if strict else []), capture_output=True, text=True,
                          env=env, timeout=600)


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """The valid fixture tree, built once (local build: examples shown with a badge)."""
    root = make_project(tmp_path_factory.mktemp("local") / "project")
    result = build_site(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture(scope="session")
def published_site(tmp_path_factory) -> Path:
    root = make_project(tmp_path_factory.mktemp("publish") / "project")
    result = build_site(root, publish=True)
    assert result.returncode == 0, result.stderr
    return root / "site"


# --- Chromium, one instance for the whole session ----------------------------------------------
# Playwright's sync API runs an event loop per instance and refuses to start a second one in the
# same thread, so every browser test module shares this one.

CHROMIUM = Path(os.environ.get("AKMN_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
IN_CI = os.environ.get("CI", "").lower() == "true"


def need(ok: bool, reason: str) -> None:
    """Skip when a tool is missing, except in CI, where a missing tool is a failure."""
    if ok:
        return
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: a missing tool is a failure, not a skip)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    need(CHROMIUM.exists(), f"Chromium not found at {CHROMIUM}: `make test` installs Debian's chromium "
                            "(as root), or set AKMN_CHROMIUM to a Chromium binary")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()
