"""Lint as CI sees it: every hook of .pre-commit-config.yaml run by pre-commit on every tracked
file, with nothing downloaded, and the ruff hook run exactly as defined there (entry and files)
on the repository's files, new ones included."""

from __future__ import annotations

import os
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


def test_every_hook_passes_on_the_repository(tmp_path):
    # What a commit runs, on every tracked file: `pre-commit run --all-files`. As on a commit, a
    # fixer (end-of-file, trailing whitespace, line endings) rewrites the files it reports; the
    # output shows the diff.
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    assert [repo["repo"] for repo in config["repos"]] == ["local"] * len(config["repos"])  # nothing to clone
    pre_commit = REPO / ".venv/bin/pre-commit"
    need(pre_commit.exists(), "pre-commit is not installed: run `make setup` (requirements.txt pins it)")
    inside = ["git", "rev-parse", "--is-inside-work-tree"]
    git = subprocess.run(inside, cwd=REPO, capture_output=True, text=True)
    need(git.stdout.strip() == "true", "not a git work tree: pre-commit lists the files to check with git")
    # Its own home, not the user's cache (~/.cache/pre-commit): local hooks install nothing there.
    home = tmp_path / "pre-commit-home"
    env = {**os.environ, "PRE_COMMIT_HOME": str(home)}
    command = [str(pre_commit), "run", "--all-files", "--show-diff-on-failure", "--color", "never"]
    proc = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert {path.name for path in home.iterdir()} <= {"db.db", ".lock", "README"}, sorted(home.iterdir())
