"""Lint as CI sees it: the ruff hook of .pre-commit-config.yaml, run exactly as defined there
(entry and files) on the repository's files, and every hook runnable with nothing downloaded."""

from __future__ import annotations

import re
import shlex
import subprocess

import yaml

from helpers import REPO, need

CONFIG = REPO / ".pre-commit-config.yaml"


def hooks() -> dict[str, dict]:
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    return {hook["id"]: {**hook, "repo": repo["repo"]} for repo in config["repos"] for hook in repo["hooks"]}


def test_every_hook_runs_a_pinned_tool_from_the_venv():
    # A remote hook repository would be cloned at run time; these run what `make setup` installed.
    for hook_id, hook in hooks().items():
        assert (hook["repo"], hook["language"]) == ("local", "system"), hook_id
        tool = shlex.split(hook["entry"])[0]
        assert tool.startswith(".venv/bin/"), hook_id
        need((REPO / tool).exists(), f"{tool} is missing: run `make setup`")


def test_ruff_hook_passes_on_the_repository():
    hook = hooks()["ruff-check"]
    command = shlex.split(hook["entry"])
    need((REPO / command[0]).exists(), "ruff is not installed: run `make setup` (requirements.txt pins it)")
    # Tracked files and new ones not ignored: what the next commit would hold.
    listed = ["git", "ls-files", "--cached", "--others", "--exclude-standard", "*.py", "*.pyi"]
    tracked = subprocess.run(listed, cwd=REPO, capture_output=True, text=True, check=True).stdout.split()
    files = [path for path in tracked if re.search(hook["files"], path)]
    for folder in ("akmn/", "hooks/", "tests/", "scripts/"):  # the whole Python code base
        assert any(path.startswith(folder) for path in files), (folder, hook["files"])
    proc = subprocess.run(command + files, cwd=REPO, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
