"""The monthly content review workflow: its shape (schedule, least privilege, no interpolation
into shell), its report script run offline against a local HTTP server, and its issue step
run against a stand-in for gh."""

from __future__ import annotations

import http.server
import os
import re
import subprocess
import threading
import time

import pytest
from test_workflows import load, steps

from helpers import BUILD_TODAY, REPO, make_project, need

VENV_BIN = REPO / ".venv" / "bin"
SLOW = 5  # seconds the server waits before answering /slow; the check gives up after 2


def test_review_workflow_runs_monthly_with_least_privilege():
    workflow = load("review.yml")
    cron = workflow["on"]["schedule"][0]["cron"].split()
    assert len(cron) == 5 and cron[2].isdigit() and cron[3:] == ["*", "*"]  # one day of each month
    assert "workflow_dispatch" in workflow["on"]
    assert workflow["permissions"] == {"contents": "read"}
    (job,) = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "read", "issues": "write"}
    runs = [s["run"] for s in steps(workflow) if "run" in s]
    assert runs == ["make review", "scripts/review-issue.sh review-report.md"]
    # Values from GitHub reach the shell only through env, never by ${{ }} in a script.
    assert not any("${{" in run for run in runs)
    for step in steps(workflow):
        if "uses" in step:
            assert re.fullmatch(r"actions/[a-z-]+@v\d+(\.\d+){0,2}", step["uses"]), step["uses"]


def test_deploy_checks_out_the_history_for_last_changed():
    build = load("deploy.yml")["jobs"]["build"]
    checkout = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0


def test_make_review_runs_the_report_script_on_the_published_records():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^review: \$\(STAMP\).*\n\t(.+)$", makefile, re.M).group(1)
    assert "AKMN_PUBLISH=1 scripts/review-report.sh . review-report.md" in recipe


class Site(http.server.BaseHTTPRequestHandler):
    """One path for each answer a source URL can give."""

    STATUS = {"/ok": 200, "/moved": 301, "/gone": 404, "/broken": 500, "/slow": 200}

    def do_GET(self):
        if self.path == "/slow":
            time.sleep(SLOW)
        code = self.STATUS.get(self.path, 404)
        self.send_response(code)
        if code == 301:
            self.send_header("Location", "/ok")
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    do_HEAD = do_GET

    def log_message(self, *args):
        pass


@pytest.fixture
def local_site():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Site)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def need_venv():
    need((VENV_BIN / "lychee").exists(), "no .venv with lychee: run `make setup`")


def practice(base: str) -> str:
    sources = "".join(f"  - title: Source {name}\n    url: {base}{name}\n    accessed: 2026-01-05\n"
                      for name in Site.STATUS)
    return ("---\ntitle: Linked practice\ncountries: [KR]\nthemes: [brain-circulation]\nsources:\n"
            f"{sources}---\nBody.\n")


def test_report_checks_every_source_url_offline(tmp_path, local_site):
    need_venv()
    root = make_project(tmp_path / "project", files={"content/practices/linked.md": practice(local_site)})
    report = tmp_path / "report.md"
    started = time.monotonic()
    # The repository's lychee.toml, with a short timeout, no retries and no pause between
    # requests so the test stays quick; only the local server's URLs are fetched.
    proc = subprocess.run(
        ["scripts/review-report.sh", str(root), str(report), "--timeout", "2", "--max-retries", "0",
         "--host-request-interval", "0s", "--exclude", ".*", "--include", r"^http://127\.0\.0\.1:"],
        cwd=REPO, capture_output=True, text=True, timeout=120,
        env={**os.environ, "PATH": f"{VENV_BIN}{os.pathsep}{os.environ['PATH']}", "AKMN_TODAY": BUILD_TODAY})
    assert proc.returncode == 0, proc.stderr
    assert time.monotonic() - started < 60
    text = report.read_text(encoding="utf-8")
    review, links = text.split("## Links")
    assert "Sources without an access date (1):" in review  # the fixture practice's source
    assert "content/practices/fixture-return.md" in review
    errors = section(links, "Errors")
    assert f"[404] <{local_site}/gone>" in errors and f"[500] <{local_site}/broken>" in errors
    assert f"<{local_site}/slow>" in section(links, "Timeouts")
    assert f"{local_site}/moved --[301]--> {local_site}/ok" in section(links, "Redirects")
    assert f"{local_site}/ok>" not in errors and "/moved" not in errors
    assert "the records' source URLs" in links and str(tmp_path) not in text


def section(markdown: str, name: str) -> str:
    match = re.search(rf"^### {name} per input\n(.*?)(?=^### \w+ per input|\Z)", markdown, re.S | re.M)
    assert match, f"no {name} section in:\n{markdown}"
    return match.group(1)


FAKE_GH = """#!/bin/sh
echo "$*" >> "$GH_LOG"
case "$1 $2" in
  "issue list") echo "$OPEN_ISSUE" ;;
esac
"""


@pytest.mark.parametrize("open_issue, expected", [
    ("", "issue create --title Content review: records, figures and source links --label content-review "
         "--body-file report.md"),
    ("7", "issue edit 7 --title Content review: records, figures and source links --body-file report.md"),
])
def test_issue_step_updates_the_open_issue_or_opens_one(tmp_path, open_issue, expected):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "gh").write_text(FAKE_GH)
    (bin_dir / "gh").chmod(0o755)
    log = tmp_path / "gh.log"
    (tmp_path / "report.md").write_text("report")
    proc = subprocess.run([str(REPO / "scripts" / "review-issue.sh"), "report.md"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=30,
                          env={**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
                               "GH_LOG": str(log), "OPEN_ISSUE": open_issue})
    assert proc.returncode == 0, proc.stderr
    calls = log.read_text().splitlines()
    assert calls[0].startswith("label create content-review")
    assert calls[1].startswith("issue list --label content-review --state open")
    assert calls[2:] == [expected]
