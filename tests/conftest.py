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


@pytest.fixture
def site_tree(tmp_path) -> Path:
    """A writable copy of the valid fixture tree."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "valid", root)
    return root
