"""The web editor in a real browser: the generated admin page, served with the CMS script from
node_modules, loads against Decap's local backend (decap-server, in git mode for the editorial
workflow) over a copy of the fixture records, and shows every collection and its records.

Everything runs on 127.0.0.1; any request elsewhere (a CDN, GitHub) is refused and fails the test.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import functools
import http.server
import os
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest

from akmn import cms
from akmn.load import taxonomy_ids
from akmn.pipeline import run
from akmn.schema import KINDS

from conftest import FIXTURES, REPO

pytestmark = pytest.mark.browser

CHROMIUM = Path(os.environ.get("AKMN_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
DECAP_SERVER = REPO / "node_modules" / "decap-server" / "dist" / "index.js"


def need(condition: bool, message: str):
    """A missing tool fails in CI (CI=true) and skips elsewhere."""
    if not condition:
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, proc: subprocess.Popen, seconds: float = 30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"decap-server exited: {proc.stdout.read()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("decap-server did not start listening")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def records(tmp_path) -> Path:
    """A git repository of the fixture records, on branch main (decap-server's git mode)."""
    tree = tmp_path / "repo"
    shutil.copytree(FIXTURES / "valid", tree)
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-C", str(tree)]
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "fixture"]):
        subprocess.run(git + args, check=True, capture_output=True)
    return tree


@pytest.fixture
def backend(records):
    need(shutil.which("node") is not None and DECAP_SERVER.is_file(),
         "node or node_modules/decap-server missing: `make test` runs npm ci")
    port = free_port()
    env = {**os.environ, "MODE": "git", "GIT_REPO_DIRECTORY": str(records), "PORT": str(port),
           "BIND_HOST": "127.0.0.1", "LOG_LEVEL": "warn"}
    proc = subprocess.Popen(["node", str(DECAP_SERVER)], env=env, cwd=records, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        wait_for_port(port, proc)
        yield f"http://127.0.0.1:{port}/api/v1"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture
def admin_url(tmp_path, records, backend):
    need(cms.CMS_DIST.is_dir(), "node_modules/decap-cms missing: `make test` runs npm ci")
    site = tmp_path / "site"
    cms.write_admin(site, taxonomy_ids(run(str(records)).content), local_backend=backend)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/admin/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def open_page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.set_default_timeout(30_000)
        tab = context.new_page()
        tab.outside = []
        tab.errors = []

        def only_loopback(route):
            host = route.request.url.split("/")[2].split(":")[0]
            if host == "127.0.0.1":
                route.continue_()
            else:
                tab.outside.append(route.request.url)
                route.abort()

        tab.route("**/*", only_loopback)
        tab.on("pageerror", lambda error: tab.errors.append(str(error)))
        try:
            yield tab
        finally:
            browser.close()


@pytest.fixture
def in_browser():
    """in_browser(check) runs check(page) in a thread of its own: Playwright's sync API refuses
    to start where another test module's browser session already runs an event loop."""
    need(CHROMIUM.exists(), f"Chromium not found at {CHROMIUM}: install Debian's chromium or set AKMN_CHROMIUM")

    def run_check(check):
        def body():
            with open_page() as page:
                check(page)

        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
            pool.submit(body).result(timeout=300)

    return run_check


def test_admin_loads_every_collection_against_the_local_backend(in_browser, admin_url, records):
    in_browser(lambda page: check_collections(page, admin_url, records))


def check_collections(page, admin_url, records):
    page.goto(admin_url)
    # Decap's local backend shows a login button; no GitHub account is involved.
    page.get_by_role("button", name="Login").click()
    config = cms.cms_config({})
    labels = [c["label"] for c in config["collections"]]
    for label in labels:
        page.get_by_role("link", name=label, exact=True).first.wait_for()
    assert "Error loading the CMS configuration" not in page.content()

    # Each collection lists the records of its folder (title field as the summary).
    for kind in KINDS.values():
        page.goto(f"{admin_url}#/collections/{kind.folder}")
        files = sorted((records / "content" / kind.folder).glob("*.md"))
        assert files, kind.folder
        run_data = run(str(records)).content.records[kind.name]
        for path in files:
            title = str(run_data[path.stem].data[kind.title_field])
            page.get_by_text(title, exact=True).first.wait_for()

    # The editorial workflow board is there: web edits become pull requests.
    page.goto(f"{admin_url}#/workflow")
    page.get_by_text("Drafts", exact=False).first.wait_for()
    assert page.outside == [], f"requests left 127.0.0.1: {page.outside}"
    assert page.errors == [], page.errors


def test_new_record_form_has_the_schema_widgets(in_browser, admin_url):
    in_browser(lambda page: check_new_record_form(page, admin_url))


def check_new_record_form(page, admin_url):
    page.goto(admin_url)
    page.get_by_role("button", name="Login").click()
    page.goto(f"{admin_url}#/collections/experts/new")
    # Every top-level field is on the form; Decap marks the ones that are not required.
    page.get_by_text("Name", exact=True).first.wait_for()
    if os.environ.get("AKMN_CMS_SCREENSHOT"):
        page.screenshot(path=os.environ["AKMN_CMS_SCREENSHOT"])
    widgets = cms.cms_config({})["collections"][0]["fields"]
    for widget in widgets:
        label = widget["label"] if widget["required"] else f"{widget['label']} (optional)"
        page.get_by_text(label, exact=True).first.wait_for(state="attached")
    # The organisation type is a select of the taxonomy ids.
    page.get_by_text("Organisation type", exact=True).first.click()
    page.keyboard.press("ArrowDown")
    page.get_by_text("international-organization", exact=True).first.wait_for()
    assert page.outside == [], f"requests left 127.0.0.1: {page.outside}"
    assert page.errors == [], page.errors
