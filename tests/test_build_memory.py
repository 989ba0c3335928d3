"""What keeps the build's own process small at scale (docs/dev/scale.md, "Peak memory")."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from helpers import REPO

GENERATE = """
import json, sys
from pathlib import Path
from akmn import i18n
from akmn.generate import generate
from akmn.pipeline import run
from akmn.site import read_settings

root = Path(sys.argv[1])
i18n.use("en")
pages = generate(run(root), root, read_settings(root), root / "docs")
compare = [text for uri, text in pages.items() if uri.startswith("countries/compare/")]
print(json.dumps({"compare": len(compare), "svg": sum(text.count("<svg") for text in compare),
                  "loaded": sorted(m for m in ("altair", "vl_convert") if m in sys.modules)}))
"""


def test_charts_are_drawn_in_a_child_process():
    """Altair and vl-convert's JavaScript engine (about 180 MB) never load in the process that
    generates the pages: `python -m akmn.charts` draws the charts, and the pages still carry
    a bar chart and a map on every compare page."""
    done = subprocess.run([sys.executable, "-c", GENERATE, str(REPO)], capture_output=True, text=True,
                          timeout=300, env={**os.environ, "AKMN_TODAY": "2026-11-26"})
    assert done.returncode == 0, done.stderr[-3000:]
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["compare"] > 0
    assert found["svg"] == 2 * found["compare"]  # a bar chart and a map each
    assert found["loaded"] == []


def test_a_failing_chart_child_stops_with_its_message(monkeypatch):
    """A broken chart child is a clear error, not a page without charts."""
    from akmn.views import indicators

    monkeypatch.setattr(indicators, "_drawn", {})
    future = indicators.draw_in_child({"x": ({"id": "x"}, [{"country": "KR"}])})
    try:
        future.result(timeout=120)
    except RuntimeError as err:
        assert "Drawing the charts failed" in str(err) and "Traceback" in str(err)
    else:
        raise AssertionError("a chart of a broken indicator entry was drawn")
