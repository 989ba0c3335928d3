"""Pagefind fed while MkDocs renders: every page's HTML goes to a `pagefind --service` process
as MkDocs writes it, so the indexing (Rust, multi-threaded) runs on the second core beside the
rendering instead of after it.

Why a client of our own: Pagefind's service speaks base64-encoded JSON messages separated by
commas on stdin/stdout, the protocol both of its official clients use. Its Python client
(`pagefind.service.PagefindService._wait_for_responses`) sleeps 0.1 s before reading each
response, so 10,000 pages would wait 1,000 s; its Node client would need a Node process in
between, and another copy of every page. This one writes from a thread with a bounded queue
(the Python build never holds more than QUEUED pages for Pagefind) and reads every response
as soon as it arrives. See docs/scale.md.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import queue
import subprocess
import threading
import time
from pathlib import Path

log = logging.getLogger("mkdocs.hooks.akmn_pagefind")

QUEUED = 32  # pages waiting for the writer thread; the renderer waits when Pagefind lags


def executable() -> str:
    """The binary of the pinned pagefind[bin] wheel."""
    from pagefind.service import get_executable

    path = get_executable()
    if path is None:
        raise RuntimeError("the pagefind binary is missing: "
                           "run `make setup` (pagefind[bin] in requirements.txt)")
    return str(path)


class PagefindError(RuntimeError):
    pass


def _entry_complete(bundle: Path) -> bool:
    try:
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        return all((bundle / f"pagefind.{data['hash']}.pf_meta").stat().st_size > 0
                   for data in entry["languages"].values())
    except (OSError, ValueError, KeyError, TypeError):
        return False


class StreamIndex:
    """add(path, html) for each page as it is written, then finish() writes site/pagefind/."""

    def __init__(self, site_dir: Path):
        self.site_dir = Path(site_dir)
        self.proc = subprocess.Popen([executable(), "--service"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.errors: list[str] = []
        self.pages = 0
        self._last_page = 0.0  # when Pagefind answered for the last page it parsed
        self._next_id = 0
        self._send({"type": "NewIndex", "config": None})
        self.index_id = self._read()["index_id"]
        self._queue: queue.Queue = queue.Queue(QUEUED)
        self._done = threading.Event()
        self._written: dict = {}
        self._writer = threading.Thread(target=self._write_loop, daemon=True)
        self._reader = threading.Thread(target=self._read_loop, daemon=True)
        self._writer.start()
        self._reader.start()

    def add(self, path: str, html: str) -> None:
        """path is the page's file relative to the site, as `pagefind --site` would see it."""
        self._queue.put((path, html))

    def finish(self) -> int:
        """Write the bundle into site_dir/pagefind; the number of pages indexed."""
        started = time.perf_counter()
        self._queue.put(None)
        self._writer.join()
        self._done.wait()
        self._wait_for_bundle()
        self.proc.stdin.close()
        # wait4, not wait: the service's own peak memory, reported apart from the build's
        _, status, usage = os.wait4(self.proc.pid, 0)
        self.proc.returncode = os.waitstatus_to_exitcode(status)
        if self.errors or "output_path" not in self._written:
            raise PagefindError("Pagefind failed: " + "; ".join(self.errors or ["no index written"]))
        parsed = max(self._last_page, started)
        log.info("Pagefind: %d pages parsed %.2f s after the build's last page, index written %.2f s "
                 "later; peak RSS of the pagefind process %d MB", self.pages, parsed - started,
                 time.perf_counter() - parsed, usage.ru_maxrss // 1024)
        return self.pages

    def _wait_for_bundle(self, limit: float = 60) -> None:
        """Pagefind answers WriteFiles while its last files may still be on their way to disk
        (tokio writes them from a thread pool; a service whose stdin closes exits at once and
        left an empty pagefind-entry.json at 10,000 pages). Wait until the entry is complete
        and the bundle's size stops changing."""
        bundle, before, deadline = self.site_dir / "pagefind", -1, time.monotonic() + limit
        while time.monotonic() < deadline:
            size = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file())
            if size == before and _entry_complete(bundle):
                return
            before = size
            time.sleep(0.1)
        self.errors.append(f"{bundle}/pagefind-entry.json was not complete "
                           f"{limit:.0f} s after Pagefind wrote it")

    def close(self) -> None:
        """Stop the service without writing (the build failed)."""
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    # --- the service protocol -------------------------------------------------------------
    def _send(self, payload: dict) -> None:
        self._next_id += 1
        message = json.dumps({"message_id": self._next_id, "payload": payload}).encode()
        self.proc.stdin.write(base64.b64encode(message) + b",")
        self.proc.stdin.flush()

    def _read(self) -> dict:
        raw = b""
        while not raw.endswith(b","):
            chunk = self.proc.stdout.read1(1 << 16)
            if not chunk:
                raise PagefindError("pagefind --service stopped before it answered")
            raw += chunk
        return self._decode(raw[:-1])

    @staticmethod
    def _decode(raw: bytes) -> dict:
        return json.loads(base64.b64decode(raw))["payload"]

    def _write_loop(self) -> None:
        try:
            while (item := self._queue.get()) is not None:
                path, html = item
                self._send({"type": "AddFile", "index_id": self.index_id, "file_path": path,
                            "url": None, "file_contents": html})
            self._send({"type": "WriteFiles", "index_id": self.index_id,
                        "output_path": str(self.site_dir / "pagefind")})
        except OSError as error:  # the service died; the reader reports why
            self.errors.append(f"cannot send to pagefind: {error}")
            self._done.set()

    def _read_loop(self) -> None:
        buffer = b""
        while chunk := self.proc.stdout.read1(1 << 16):
            *messages, buffer = (buffer + chunk).split(b",")
            for raw in messages:
                payload = self._decode(raw)
                if payload["type"] == "IndexedFile":
                    self.pages += 1
                    self._last_page = time.perf_counter()
                elif payload["type"] == "WriteFiles":
                    self._written = payload
                    self._done.set()
                    return
                elif payload["type"] == "Error":
                    self.errors.append(payload.get("message", "unknown error"))
        self._done.set()
