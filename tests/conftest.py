"""The shared pytest fixtures: fixture trees copied per test, the sites built once per session
and one Chromium for the whole session. Plain helpers live in helpers.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import CHROMIUM, CHROMIUM_ARGS, build_site, copy_fixture, indicator_files, make_project, need


@pytest.fixture(autouse=True)
def no_job_summary(monkeypatch):
    """In GitHub Actions `make test` runs with GITHUB_STEP_SUMMARY set: the validator runs of
    the tests (on broken trees, on purpose) must not write into the real job summary."""
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


@pytest.fixture
def site_tree(tmp_path) -> Path:
    """A writable copy of the valid fixture tree."""
    return copy_fixture(tmp_path / "project")


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


@pytest.fixture(scope="session")
def indicator_site(tmp_path_factory) -> Path:
    """The valid fixture with values of one indicator for two countries (helpers.indicator_files),
    built once for the indicator pages' and charts' tests."""
    root = make_project(tmp_path_factory.mktemp("indicators") / "project", files=indicator_files())
    result = build_site(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


# Playwright's sync API runs an event loop per instance and refuses to start a second one in the
# same thread, so every browser test module shares this one Chromium.
@pytest.fixture(scope="session")
def browser():
    need(CHROMIUM.exists(), f"Chromium not found at {CHROMIUM}: `make test` installs Debian's chromium "
                            "(as root), or set AKMN_CHROMIUM to a Chromium binary")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                              args=CHROMIUM_ARGS)
        yield instance
        instance.close()
