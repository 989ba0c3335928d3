"""`mkdocs serve` with broken content: pages answer at once with an error page listing the
same `path:line: field: message` lines as `akmn validate`, and the site comes back on the
rebuild after the fix. `mkdocs build` keeps failing on the same content.

Every wait is bounded: a request that hangs fails the test instead of stalling it, and the
server's whole process group is killed afterwards.
"""

from __future__ import annotations

import contextlib
import html
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from akmn.errorpage import error_page
from akmn.problems import Problem
from helpers import REPO, build_site, make_project, run_cli

sys.path.insert(0, str(REPO / "scripts"))
import serve_latency  # noqa: E402  (the benchmark's script, so the test measures what it measures)

REQUEST_SECONDS = 10  # one request; a page that takes longer counts as hanging
REBUILD_SECONDS = 20  # polling 0.5 s + a rebuild of the small fixture tree, on a loaded machine
KIM = "content/experts/fixture-kim.md"
HOSTILE_TYPE = "organisation_type: <script>alert(1)</script>"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def serving(root: Path):
    """`mkdocs serve` on the project at root; yields its base URL."""
    port = free_port()
    log = root.parent / "serve.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-f", str(root / "mkdocs.yml"),
             "--dev-addr", f"127.0.0.1:{port}"],
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "AKMN_PUBLISH": "",
                 "PYTHONPATH": str(REPO)})
    try:
        wait_for_port(port, proc, log)
        yield f"http://127.0.0.1:{port}/"
    finally:
        stop(proc)


def stop(proc: subprocess.Popen) -> None:
    """Terminate the server's process group, then kill it if it lingers."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError):  # the group may be gone already
            os.killpg(proc.pid, sig)
        try:
            proc.wait(timeout=10)
            return
        except subprocess.TimeoutExpired:
            continue


def wait_for_port(port: int, proc: subprocess.Popen, log: Path, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"mkdocs serve exited:\n{log.read_text()}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return
        time.sleep(0.2)
    raise AssertionError(f"mkdocs serve did not start listening:\n{log.read_text()}")


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=REQUEST_SECONDS) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def wait_for(url: str, check, seconds: float = REBUILD_SECONDS) -> tuple[int, str]:
    """Request url until check(status, body) holds; the rebuild it waits for may not have
    started yet."""
    deadline = time.monotonic() + seconds
    while True:
        status, body = get(url)
        if check(status, body):
            return status, body
        if time.monotonic() > deadline:
            raise AssertionError(f"{url} still answers {status}:\n{body[:2000]}")
        time.sleep(0.2)


def is_error_page(status: int, body: str) -> bool:
    return status == 500 and "the site cannot be built" in body


def listed_lines(body: str) -> list[str]:
    return [html.unescape(line) for line in re.findall(r"<li><code>(.*?)</code></li>", body, re.S)]


def validate_lines(root: Path) -> list[str]:
    result = run_cli("validate", str(root))
    assert result.code == 1
    return [line for line in result.stderr.splitlines() if re.match(r"\S+:\d+: ", line)]


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def assert_shows_problems(root: Path, url: str) -> None:
    status, body = wait_for(url, is_error_page)
    assert listed_lines(body) == validate_lines(root)
    assert "<script>alert" not in body, "a quoted value reached the page unescaped"
    assert "livereload" in body, "the error page must reload by itself once the content is fixed"


def test_broken_record_shows_error_page_and_fix_restores_site(tmp_path):
    root = make_project(tmp_path / "project")
    with serving(root) as base:
        assert "Fixture Kim" in wait_for(base + "experts/fixture-kim/", lambda s, b: s == 200)[1]
        edit(root, KIM, "organisation_type: academe", HOSTILE_TYPE)
        edit(root, "content/countries/ph.md", "country: PH", "country: XX")
        started = time.monotonic()
        # Every address answers with the list, not only the broken record's page.
        for path in ("experts/fixture-kim/", "countries/", "no/such/page/", ""):
            assert_shows_problems(root, base + path)
        assert time.monotonic() - started < REBUILD_SECONDS
        assert {line.split(":")[0] for line in validate_lines(root)} == {KIM, "content/countries/ph.md"}

        edit(root, KIM, HOSTILE_TYPE, "organisation_type: academe")
        edit(root, "content/countries/ph.md", "country: XX", "country: PH")
        edit(root, KIM, "name: Fixture Kim", "name: Fixture Kim Renamed")
        status, body = wait_for(base + "experts/fixture-kim/", lambda s, b: s == 200)
        assert "Fixture Kim Renamed" in body and "cannot be built" not in body
        assert wait_for(base + "countries/ph/", lambda s, b: s == 200)


def test_serve_starts_with_an_already_broken_record(tmp_path):
    root = make_project(tmp_path / "project")
    edit(root, KIM, "organisation_type: academe", HOSTILE_TYPE)
    with serving(root) as base:
        assert_shows_problems(root, base + "experts/fixture-kim/")
        edit(root, KIM, HOSTILE_TYPE, "organisation_type: academe")
        assert "Fixture Kim" in wait_for(base + "experts/fixture-kim/", lambda s, b: s == 200)[1]


NEW_EXPERT = """---
name: Fresh Sample
affiliation: Example Institute
organisation_type: academe
country: PH
expertise: [labour-migration]
example: true
---
Added while serving.
"""


def test_rebuilds_leave_no_stale_pages_or_navigation(tmp_path):
    root = make_project(tmp_path / "project")
    # A real copy of the configuration, so the test can change a nav label while serving.
    (root / "mkdocs.yml").unlink()
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    with serving(root) as base:
        new = root / "content/experts/fresh-sample.md"
        new.write_text(NEW_EXPERT, encoding="utf-8")
        assert "Fresh Sample" in wait_for(base + "experts/fresh-sample/", lambda s, b: s == 200)[1]
        assert "Fresh Sample" in get(base + "experts/")[1]

        new.unlink()
        wait_for(base + "experts/fresh-sample/", lambda s, b: s == 404)
        assert "Fresh Sample" not in get(base + "experts/")[1]

        # Record pages share one cached navigation per build; a rebuild must not reuse it.
        edit(root, "mkdocs.yml", "- Best practices: practices/index.md",
             "- Good practices: practices/index.md")
        _, body = wait_for(base + "experts/fixture-kim/", lambda s, b: s == 200 and "Good practices" in b)
        assert "Best practices<" not in body


@pytest.mark.parametrize("publish, strict", [(False, False), (True, True)], ids=["build", "publish"])
def test_build_still_fails_on_broken_content_and_writes_nothing(tmp_path, publish, strict):
    root = make_project(tmp_path / "project")
    edit(root, KIM, "organisation_type: academe", "organisation_type: academia")
    result = build_site(root, publish=publish, strict=strict)
    assert result.returncode == 1
    assert f"{KIM}:5: organisation_type: unknown organisation type 'academia'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (root / "site").exists()


def test_error_page_escapes_every_line():
    problems = [Problem("content/a&b.md", 3, "name", "value '<img src=x onerror=alert(1)>' is \"odd\""),
                Problem("content/<x>.md", 1, "", "cannot be read")]
    page = error_page(problems)
    assert "<img" not in page and "<x>" not in page
    assert listed_lines(page) == [p.text() for p in problems]
    assert "2 content problems" in page


@pytest.mark.browser
def test_open_page_turns_into_the_error_page_and_back_by_itself(tmp_path, browser):
    """The live-reload script does the work: nobody reloads the page by hand."""
    root = make_project(tmp_path / "project")
    with serving(root) as base:
        page = browser.new_page()
        try:
            page.goto(base + "experts/fixture-kim/")
            heading = page.locator("h1").first
            assert heading.inner_text() == "Fixture Kim"
            edit(root, KIM, "organisation_type: academe", HOSTILE_TYPE)
            heading.filter(has_text="the site cannot be built").wait_for(timeout=REBUILD_SECONDS * 1000)
            assert page.locator("li code").all_inner_texts() == validate_lines(root)
            edit(root, KIM, HOSTILE_TYPE, "organisation_type: academe")
            heading.filter(has_text="Fixture Kim").wait_for(timeout=REBUILD_SECONDS * 1000)
        finally:
            page.close()


# --- `mkdocs serve --dirty` (make serve): a saved record shows up without re-running Pagefind,
# and every page that shows the record is re-rendered, not only its own.

def test_dirty_rebuild_updates_every_page_that_shows_the_record(tmp_path):
    root = make_project(tmp_path / "project")
    with serve_latency.serve(root, port=free_port(), timeout=120) as base:
        meeting = serve_latency.fetch(base + "meetings/iem-1/")
        assert "Fixture Kim" in meeting and "Fixture Kimura" not in meeting
        edit(root, KIM, "name: Fixture Kim", "name: Fixture Kimura")
        serve_latency.wait_for(base + "experts/fixture-kim/", "Fixture Kimura", timeout=60)
        serve_latency.wait_for(base + "meetings/iem-1/", "Fixture Kimura", timeout=5)  # a backlink
        serve_latency.wait_for(base + "experts/", "Fixture Kimura", timeout=5)  # the index page
        with urllib.request.urlopen(base + "pagefind/pagefind-entry.json") as response:
            assert response.status == 200  # search keeps the first build's index
    log = (root / "serve.log").read_text(encoding="utf-8")
    assert log.count("Pagefind: ") == 1 and "Detected file changes" in log
    assert "Aborted" not in log and "dirty" not in log.lower().replace("--dirty", "")


def test_serve_latency_script_reports_each_edit(tmp_path):
    root = make_project(tmp_path / "project")
    result = serve_latency.measure(root, edits=2, port=free_port(), dirty=True, timeout=120)
    assert len(result["seconds"]) == 2 and all(0 < s < 60 for s in result["seconds"])
    assert "Serve latency" not in (root / "content/experts/fixture-kim.md").read_text(encoding="utf-8")
