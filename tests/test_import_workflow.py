"""The monthly import workflow: least privilege, every series of the indicator list fetched,
and its import step, run here on the sample responses, updates the profiles."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from helpers import FIXTURES, REPO

WORKFLOW = REPO / ".github" / "workflows" / "import.yml"


def load() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def step(name: str) -> dict:
    return next(s for s in load()["jobs"]["import"]["steps"] if s.get("name") == name)


def test_runs_monthly_with_least_privilege():
    workflow = load()
    (schedule,) = workflow["on"]["schedule"]
    _minute, _hour, day, month, weekday = schedule["cron"].split()
    assert day.isdigit() and (month, weekday) == ("*", "*")  # once a month
    assert "workflow_dispatch" in workflow["on"]
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["jobs"]["import"]["permissions"] == {"contents": "write", "pull-requests": "write"}
    for s in workflow["jobs"]["import"]["steps"]:
        if "uses" in s:
            assert re.fullmatch(r"actions/[a-z-]+@v\d+(\.\d+){0,2}", s["uses"]), s["uses"]


def test_fetches_every_series_of_the_indicator_list():
    indicators = yaml.safe_load((REPO / "content/taxonomies/indicators.yml").read_text(encoding="utf-8"))
    codes = {e["source"]["series_code"] for e in indicators if e["source"].get("series_code")}
    fetch = step("Fetch the series")["run"]
    assert codes and all(code in fetch for code in codes)
    countries = load()["jobs"]["import"]["env"]
    assert len(countries["WB_COUNTRIES"].split(";")) == len(countries["UN_AREAS"].split()) == 12


def test_pull_request_only_when_a_profile_changed():
    script = step("Open a pull request when a value changed")["run"]
    assert script.lstrip().startswith("if git diff --quiet -- content/countries; then")
    assert "gh pr create" in script


def run_import_step(tmp_path: Path, responses: dict[str, str]) -> tuple[Path, subprocess.CompletedProcess]:
    """The step's script in a copy of the fixture tree, with the given samples saved under the
    names the fetch step gives them, and bash run as Actions runs `shell: bash`."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "valid", project)
    folder = tmp_path / "runner" / "responses"
    folder.mkdir(parents=True)
    for name, sample in responses.items():
        shutil.copy(FIXTURES / "api" / sample, folder / name)
    import_step = step("Import the values")
    assert import_step["shell"] == "bash"
    env = {**os.environ, "RUNNER_TEMP": str(tmp_path / "runner"),
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", import_step["run"]],
                          cwd=project, env=env, capture_output=True, text=True, timeout=300, check=False)
    return project, proc


def test_import_step_runs_on_the_sample_responses(tmp_path):
    project, proc = run_import_step(tmp_path, {
        "worldbank-BX.TRF.PWKR.DT.GD.ZS.json": "worldbank/remittances-gdp.json",
        "worldbank-BX.TRF.PWKR.CD.DT.json": "worldbank/remittances-usd.json",
        "un-sdg-SG_CPA_MIGRS.json": "un-sdg/sg-cpa-migrs.json"})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    summary = (tmp_path / "runner/summary.txt").read_text(encoding="utf-8")
    assert ("content/countries/ph.md: remittances-received-usd: added 1,234,567,890 current US$ (2024)"
            in summary)
    assert "content/countries/kr.md: sdg-10-7-2: added 4 level (1-4) (2021)" in summary
    assert "indicator_id: remittances-received-usd" in (project / "content/countries/ph.md").read_text()


def test_import_step_fails_on_a_malformed_response(tmp_path):
    _, proc = run_import_step(tmp_path, {"worldbank-BX.TRF.PWKR.CD.DT.json": "worldbank/error-message.json",
                                         "un-sdg-SG_CPA_MIGRS.json": "un-sdg/sg-cpa-migrs.json"})
    assert proc.returncode == 1 and "the API answered with an error" in proc.stderr
