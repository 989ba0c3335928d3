"""The search index the build streams to Pagefind while MkDocs renders is the index
`pagefind --site` builds from the finished site: same results, scores, excerpts and filters
for the benchmark's queries (scripts/bench.py QUERIES)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from helpers import REPO, build_site, make_project

sys.path.insert(0, str(REPO / "scripts"))
import bench  # noqa: E402
import gen_synthetic  # noqa: E402

PROBE = REPO / "scripts" / "pagefind_probe.mjs"
NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="node runs the sites' own pagefind.js")


def search(bundle, term: str) -> dict:
    proc = subprocess.run(
        [NODE, str(PROBE), str(bundle), term, "100000", "--filters", "--data"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    # The two indexes number pages differently, so float sums may differ in the last digit
    # (3.236092 against 3.236093) and pages with equal scores may come in either order.
    for page in out["data"]:
        page["score"] = round(page["score"], 4)
    out["data"].sort(key=lambda d: (-d["score"], d["url"]))
    del out["loaded"], out["top"]
    return out


def cli_index(site, out):
    subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(out), "--silent"],
        check=True,
        timeout=300,
    )
    return out


def built(root):
    # English alone: `pagefind --site site` would also index site/ko/, which has its own bundle
    result = build_site(root, env={"AKMN_LANGS": "en"})
    assert result.returncode == 0, result.stderr
    assert "Pagefind: " in result.stderr  # the streamed index, not a run over the site
    return root / "site"


@pytest.fixture(scope="module")
def synthetic_project(tmp_path_factory):
    """40 synthetic records: every benchmark query finds pages, in English, Korean and filters."""
    root = tmp_path_factory.mktemp("synthetic") / "project"
    gen_synthetic.write(40, root)
    return root


@pytest.mark.parametrize("tree", ["fixture", "synthetic"])
def test_streamed_index_equals_the_cli_index(tree, synthetic_project, tmp_path):
    root = make_project(tmp_path / "project") if tree == "fixture" else synthetic_project
    site = built(root)
    cli = cli_index(site, tmp_path / "cli-pagefind")
    found = 0
    for term in bench.QUERIES:
        streamed, reference = search(site / "pagefind", term), search(cli, term)
        assert streamed == reference, term
        found += streamed["results"]
    assert found > 0 and reference["allFilters"]["kind"]  # the comparison compared something


def test_a_changed_page_changes_the_comparison(synthetic_project, tmp_path):
    """The comparison can fail: an index of one page fewer differs."""
    site = synthetic_project / "site"
    if not (site / "pagefind").exists():
        built(synthetic_project)
    copy = tmp_path / "site"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("pagefind"))
    victim = next(
        p for p in sorted((copy / "experts").glob("*/index.html")) if "이주" in p.read_text(encoding="utf-8")
    )
    victim.unlink()
    assert search(cli_index(copy, tmp_path / "fewer"), "이주") != search(site / "pagefind", "이주")
