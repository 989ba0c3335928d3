"""A real contribution, as CONTRIBUTING asks for one, passes every check CI runs on it: a copy
of the repository gets a real expert (with consent), a practice and a held meeting with its
date, outcomes and recommendations; then the workflows' validate and build steps and the
content rules (tests/test_content.py) run on that copy. A broken contribution still fails."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from helpers import REPO, SITE_PARTS

WORKFLOWS = REPO / ".github" / "workflows"

EXPERT = """\
---
name: Jane Doe
affiliation: Institute of Migration Studies
organisation_type: academe
country: KR
expertise: [labour-migration, brain-circulation]
languages: [en, ko]
programs: [program-1, program-3]
meetings: [contribution-meeting]
email: jane.doe@example.org
consent:
  public_profile: true
  date: 2026-03-01
---
Jane Doe studies return migration between Korea and Southeast Asia.
"""

PRACTICE = """\
---
title: Returnee Mentoring Scheme
countries: [PH, KR]
themes: [return-reintegration, brain-circulation]
sdg_targets: ['10.7']
program: program-3
period:
  start: 2024
status: pilot
contacts: [jane-doe]
sources:
  - title: Scheme description
    url: https://example.org/mentoring-scheme
    accessed: 2026-03-02
---
Returning workers mentor those about to leave.
"""

MEETING = """\
---
title: Contribution Test Meeting
program: program-1
status: held
date: 2026-06-15
location:
  city: Seoul
  country: KR
participants: [jane-doe]
outcomes:
  - The participants agreed on a shared list of data gaps.
recommendations:
  - text: Publish labour migration data by migratory status.
    themes: [migration-data]
    sdg_targets: ['17.18']
    countries: [KR, PH]
---
Report of the meeting.
"""

CONTRIBUTION = {
    "content/experts/jane-doe.md": EXPERT,
    "content/practices/returnee-mentoring-scheme.md": PRACTICE,
    "content/meetings/contribution-meeting.md": MEETING,
}


def ci_commands() -> list[str]:
    """The validate, layout and build steps of the pull-request and deploy workflows."""
    commands = []
    for name in ("pr.yml", "deploy.yml"):
        workflow = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
        for job in workflow["jobs"].values():
            commands += [s["run"] for s in job["steps"]
                         if any(tool in s.get("run", "") for tool in ("akmn validate", "akmn fmt",
                                                                      "mkdocs build"))]
    return commands


def checkout(root: Path, files: dict[str, str]) -> Path:
    """A copy of the repository's content and site configuration, plus `files`, with a .venv
    whose commands run this Python (the workflows call .venv/bin/akmn and .venv/bin/mkdocs)."""
    shutil.copytree(REPO / "content", root / "content")
    for part in SITE_PARTS:
        (root / part).symlink_to(REPO / part)
    for rel, text in files.items():
        (root / rel).write_text(text, encoding="utf-8")
    bin_dir = root / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    for tool in ("akmn", "mkdocs"):
        (bin_dir / tool).write_text(f'#!/bin/sh\nexec "{sys.executable}" -m {tool} "$@"\n', encoding="utf-8")
        (bin_dir / tool).chmod(0o755)
    return root


def sh(command: str, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "-c", command], cwd=cwd, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1", **env})


def content_rules(root: Path) -> subprocess.CompletedProcess:
    return sh(f'"{sys.executable}" -m pytest -q -p no:cacheprovider "{REPO / "tests" / "test_content.py"}"',
              REPO, AKMN_CONTENT_ROOT=str(root))


def test_ci_runs_the_publish_validation_and_the_strict_publish_build():
    commands = ci_commands()
    assert ".venv/bin/akmn validate --publish --format github" in commands
    assert "AKMN_PUBLISH=1 .venv/bin/mkdocs build --strict" in commands
    assert ".venv/bin/akmn fmt --check" in commands


def test_a_real_contribution_passes_everything_ci_runs(tmp_path):
    root = checkout(tmp_path / "checkout", CONTRIBUTION)
    # As CONTRIBUTING asks, the contributor runs `akmn fmt` before opening the pull request.
    assert sh(".venv/bin/akmn fmt", root).returncode == 0
    for command in ci_commands():
        proc = sh(command, root)
        assert proc.returncode == 0, f"{command}\n{proc.stdout}\n{proc.stderr}"
        assert "::error" not in proc.stdout
    # The last build is the publish build: the contribution is on the published site.
    site = root / "site"
    for page in ("experts/jane-doe", "practices/returnee-mentoring-scheme", "meetings/contribution-meeting"):
        assert (site / page / "index.html").is_file(), page
    meeting = (site / "meetings/contribution-meeting/index.html").read_text(encoding="utf-8")
    assert "The participants agreed on a shared list of data gaps." in meeting
    rules = content_rules(root)
    assert rules.returncode == 0, rules.stdout + rules.stderr
    assert " passed" in rules.stdout and "skipped" not in rules.stdout


def test_a_real_expert_without_consent_is_rejected(tmp_path):
    expert = EXPERT.replace("consent:\n  public_profile: true\n  date: 2026-03-01\n", "")
    root = checkout(tmp_path / "checkout", {**CONTRIBUTION, "content/experts/jane-doe.md": expert})
    validate = next(c for c in ci_commands() if "akmn validate" in c)
    proc = sh(validate, root)
    assert proc.returncode == 1
    assert proc.stdout.startswith("::error file=content/experts/jane-doe.md,line=1::consent: ")
    rules = content_rules(root)
    assert rules.returncode == 1 and "content/experts/jane-doe.md:1: consent: " in rules.stdout


@pytest.mark.parametrize("invented", ["date: 2026-06-15\n", "outcomes:\n  - Agreed.\n",
                                      "recommendations:\n  - text: Publish the data.\n"])
def test_a_planned_meeting_with_invented_facts_fails_the_content_rules(tmp_path, invented):
    # The validator allows these fields on a planned meeting; the content rules catch them.
    planned = f"---\ntitle: Next Meeting\nprogram: program-1\nstatus: planned\n{invented}---\nAgenda.\n"
    root = checkout(tmp_path / "checkout", {**CONTRIBUTION, "content/meetings/next-meeting.md": planned})
    assert sh(next(c for c in ci_commands() if "akmn validate" in c), root).returncode == 0
    rules = content_rules(root)
    assert rules.returncode == 1
    assert "FAILED" in rules.stdout and "test_planned_meetings_invent_no_date_or_outcomes" in rules.stdout
    assert "next-meeting" in rules.stdout


# A made-up expert of the kind the repository shows: `example: true` instead of consent.
EXAMPLE_EXPERT = EXPERT.replace("name: Jane Doe", "name: Sam Example").replace(
    "email: jane.doe@example.org", "email: sam@example.org").replace(
    "consent:\n  public_profile: true\n  date: 2026-03-01\n",
    "links:\n  - title: Example page\n    url: https://example.org/sam\nexample: true\n")


@pytest.mark.parametrize("old, new", [
    ("url: https://example.org/sam", "url: https://example.org.real-site.net/sam"),
    ("email: sam@example.org", "email: sam.example@gmail.com"),
], ids=["lookalike-host", "real-mailbox"])
def test_an_example_expert_with_a_real_address_fails_the_content_rules(tmp_path, old, new):
    # The validator accepts any address; the content rules keep made-up people off real ones.
    assert old in EXAMPLE_EXPERT
    files = {**CONTRIBUTION, "content/experts/sam-example.md": EXAMPLE_EXPERT.replace(old, new)}
    root = checkout(tmp_path / "checkout", files)
    assert sh(next(c for c in ci_commands() if "akmn validate" in c), root).returncode == 0
    rules = content_rules(root)
    assert rules.returncode == 1
    assert "FAILED" in rules.stdout and "test_example_records_use_example_addresses" in rules.stdout
    assert new.split()[-1] in rules.stdout
