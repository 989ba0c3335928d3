#!/usr/bin/env python3
"""What the search page really downloads for its first query, measured in Chromium.

    python scripts/search_weight.py SITE_DIR [QUERY ...]

Serves SITE_DIR over HTTP with a server that counts every byte it sends, opens
`/search/?q=QUERY` in a fresh Chromium profile (empty cache), as a reader arriving from a
link or the header's search box does, and waits until the results are shown and the network
is idle, the filter panel left closed. Counted per query: the search files (the page's
`assets/search.js` and everything under `pagefind/`, grouped) and the whole page (HTML,
theme scripts, styles, fonts, images). Prints one JSON line per query.

Why a browser and not Pagefind's engine under Node: the page decides what is fetched (how
many results it shows, whether it asks for filter data, the worker the engine starts in a
browser), so only the page itself, run as a reader runs it, says what the first query costs.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import sys
import threading
import urllib.parse
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CHROMIUM = Path(os.environ.get("AKMN_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
QUERIES = ("migration", "labour recruitment", "Korea", "이주")
RESULTS = "#akmn-search-results li"


class _Counting(SimpleHTTPRequestHandler):
    sent: dict[str, int]  # path -> bytes of the body, set per server

    def copyfile(self, source, outputfile):
        body = source.read()
        self.sent[urllib.parse.unquote(self.path.split("?")[0])] = len(body)
        outputfile.write(body)

    def log_message(self, *args):
        pass


@contextmanager
def counting_server(site: Path):
    sent: dict[str, int] = {}
    handler = type("Handler", (_Counting,), {"sent": sent})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", sent
    finally:
        server.shutdown()
        server.server_close()


def group(path: str) -> str:
    rel = path.split("/pagefind/", 1)[1] if "/pagefind/" in path else ""
    if path.endswith("/assets/search.js"):
        return "page script"
    if not rel:
        return "page"
    if rel.startswith("index/"):
        return "index chunks"
    if rel.startswith("fragment/"):
        return "fragments"
    if rel.startswith("filter/"):
        return "filters"
    if rel.startswith("wasm."):
        return "wasm"
    if rel.endswith(".js"):
        return "engine and worker"
    return "entry and metadata"


def wire_size(site: Path, path: str, size: int) -> int:
    """Bytes on the wire from an ordinary web server: scripts, styles, HTML and JSON gzipped;
    Pagefind's index files are compressed already."""
    if path.endswith((".js", ".css", ".json", ".html", "/", ".svg")):
        file = site / path.lstrip("/")
        file = file / "index.html" if file.is_dir() else file
        return len(gzip.compress(file.read_bytes(), 6)) if file.is_file() else size
    return size


def measure(site: Path, queries=QUERIES, timeout: float = 60) -> dict:
    """{query: {"search": bytes, "wire": bytes, "page": bytes, "groups": {...}, "results": n}}."""
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        raise SystemExit(f"search_weight: Chromium not found at {CHROMIUM} (set AKMN_CHROMIUM)")
    out = {}
    with counting_server(site) as (base, sent), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            for query in queries:
                sent.clear()
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                page = context.new_page()
                page.goto(f"{base}/search/?q={urllib.parse.quote(query)}")
                page.wait_for_selector(RESULTS, timeout=timeout * 1000)
                page.wait_for_load_state("networkidle")
                shown = page.locator(RESULTS).count()
                status = page.locator("#akmn-search-status").inner_text()
                if page.get_attribute("#akmn-filters-toggle", "aria-expanded") == "true":
                    raise SystemExit("search_weight: the filter panel opened by itself: the first query "
                                     "would load every filter's data")
                context.close()
                groups: dict[str, int] = {}
                for path, size in sent.items():
                    groups[group(path)] = groups.get(group(path), 0) + size
                search = {p: s for p, s in sent.items() if group(p) != "page"}
                out[query] = {
                    "search": sum(search.values()),
                    "wire": sum(wire_size(site, p, s) for p, s in search.items()),
                    "page": sum(sent.values()),
                    "groups": groups,
                    "files": len(search),
                    "shown": shown,
                    "status": status,
                }
        finally:
            browser.close()
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("queries", nargs="*", default=list(QUERIES))
    args = parser.parse_args(argv)
    for query, figures in measure(args.site, args.queries).items():
        print(json.dumps({"query": query, **figures}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
