#!/usr/bin/env python3
"""Edit-to-reload time of `mkdocs serve`: save a change to a record, then poll the served page
until it shows the change.

    python scripts/serve_latency.py PROJECT [--edits 3] [--port 8765] [--no-dirty]

PROJECT is a folder `mkdocs build` can run in (the repository, or one made by
scripts/gen_synthetic.py). The server runs as `make serve` runs it (`mkdocs serve --dirty`).
Each edit appends a new sentence to the body of one expert record; the time is from the
file's save to the first response of the record's page that contains the sentence. Prints one
JSON line: {"seconds": [...], "first_build": s, "url": ...}. The record is restored afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

BIN = Path(sys.executable).parent
POLL = 0.05  # seconds between requests; the figure is at most this much late


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, text: str, timeout: float) -> float:
    """Seconds until the page at url contains text."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        page = fetch(url)
        if page is not None and text in page:
            return time.perf_counter() - start
        time.sleep(POLL)
    raise SystemExit(f"serve_latency: {url} did not show {text!r} within {timeout:.0f} s")


@contextmanager
def serve(project: Path, port: int, dirty: bool = True, timeout: float = 600):
    """`mkdocs serve` on project, as `make serve` runs it; yields the base URL once the first
    build is served. The log goes to PROJECT/serve.log."""
    cmd = [
        str(BIN / "mkdocs"),
        "serve",
        "-f",
        str(project / "mkdocs.yml"),
        "--dev-addr",
        f"127.0.0.1:{port}",
        *(["--dirty"] if dirty else []),
    ]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("AKMN_PUBLISH", None)
    with (project / "serve.log").open("wb") as log:
        server = subprocess.Popen(
            cmd, cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            base = f"http://127.0.0.1:{port}/"
            wait_for(base, "</html>", timeout)
            yield base
        finally:
            os.killpg(server.pid, signal.SIGTERM)  # the server we started, and its children
            server.wait(timeout=30)


def measure(project: Path, edits: int, port: int, dirty: bool, timeout: float) -> dict:
    record = sorted((project / "content" / "experts").glob("*.md"))[0]
    original = record.read_bytes()
    started = time.perf_counter()
    try:
        with serve(project, port, dirty, timeout) as base:
            first = time.perf_counter() - started
            url = f"{base}experts/{record.stem}/"
            seconds = []
            for i in range(edits):
                marker = f"Serve latency check {i} {time.time_ns()}."
                record.write_bytes(original + f"\n{marker}\n".encode())
                seconds.append(round(wait_for(url, marker, timeout), 3))
                time.sleep(0.5)  # let the watcher settle before the next save
        return {"seconds": seconds, "first_build": round(first, 1), "url": url}
    finally:
        record.write_bytes(original)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--no-dirty", action="store_true", help="serve without --dirty (every page re-rendered)"
    )
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.project.resolve(), args.edits, args.port, not args.no_dirty, args.timeout)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
