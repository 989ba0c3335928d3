"""`mkdocs serve --dirty` (make serve): a saved record shows up without re-running Pagefind,
and every page that shows the record is re-rendered, not only its own."""

from __future__ import annotations

import sys
import urllib.request

from conftest import REPO, make_project

sys.path.insert(0, str(REPO / "scripts"))
import serve_latency  # noqa: E402


def test_dirty_rebuild_updates_every_page_that_shows_the_record(tmp_path):
    root = make_project(tmp_path / "project")
    expert = root / "content/experts/fixture-kim.md"
    with serve_latency.serve(root, port=8791, timeout=120) as base:
        meeting = serve_latency.fetch(base + "meetings/iem-1/")
        assert "Fixture Kim" in meeting and "Fixture Kimura" not in meeting
        expert.write_text(expert.read_text(encoding="utf-8").replace("name: Fixture Kim", "name: Fixture Kimura"),
                          encoding="utf-8")
        serve_latency.wait_for(base + "experts/fixture-kim/", "Fixture Kimura", timeout=60)
        serve_latency.wait_for(base + "meetings/iem-1/", "Fixture Kimura", timeout=5)  # a backlink
        serve_latency.wait_for(base + "experts/", "Fixture Kimura", timeout=5)  # the index page
        with urllib.request.urlopen(base + "pagefind/pagefind-entry.json") as response:
            assert response.status == 200  # search keeps the first build's index
    log = (root / "serve.log").read_text(encoding="utf-8")
    assert log.count("Pagefind: ") == 1 and "Detected file changes" in log
    assert "Aborted" not in log and "dirty" not in log.lower().replace("--dirty", "")


def test_serve_latency_script_reports_each_edit(tmp_path):
    root = make_project(tmp_path / "project")
    result = serve_latency.measure(root, edits=2, port=8792, dirty=True, timeout=120)
    assert len(result["seconds"]) == 2 and all(0 < s < 60 for s in result["seconds"])
    assert "Serve latency" not in (root / "content/experts/fixture-kim.md").read_text(encoding="utf-8")
