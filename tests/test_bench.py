"""The synthetic-content generator and the benchmark, kept from rotting (not a timing test)."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import yaml

from helpers import REPO, run_cli

SCRIPTS = REPO / "scripts"
HANGUL = re.compile(r"[\uac00-\ud7a3]")
THAI = re.compile(r"[\u0e00-\u0e7f]")
VIETNAMESE = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.IGNORECASE)


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text[4 : text.index("\n---", 3)])


def test_generator_writes_valid_linked_multilingual_records(tmp_path):
    out = tmp_path / "synthetic"
    proc = subprocess.run(
        [sys.executable, str(SCRIPTS / "gen_synthetic.py"), "200", str(out), "--no-site"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    content = out / "content"
    records = sorted(p for p in content.glob("*/*.md"))
    assert len(records) == 200
    assert {p.parent.name for p in records} == {"experts", "countries", "meetings", "practices", "programs"}
    assert len(list((content / "countries").glob("*.md"))) == 12
    assert sorted(p.stem for p in (content / "programs").glob("*.md")) == [
        "program-1",
        "program-2",
        "program-3",
    ]

    result = run_cli("validate", str(out))
    assert result.code == 0, result.stderr

    text = "\n".join(p.read_text(encoding="utf-8") for p in records)
    assert HANGUL.search(text) and THAI.search(text) and VIETNAMESE.search(text)
    bodies = [p.read_text(encoding="utf-8").split("\n---\n", 1)[1] for p in records]
    assert 250 <= sum(len(b.split()) for b in bodies) / len(bodies) <= 450  # ~300-word bodies

    experts = {p.stem: front_matter(p) for p in (content / "experts").glob("*.md")}
    meetings = {p.stem: front_matter(p) for p in (content / "meetings").glob("*.md")}
    practices = {p.stem: front_matter(p) for p in (content / "practices").glob("*.md")}
    assert all(("consent" in e) != bool(e.get("example")) for e in experts.values())
    # references between records, both ways: meetings <-> participants, practices -> contacts
    assert all(m["participants"] and set(m["participants"]) <= set(experts) for m in meetings.values())
    assert all(p["contacts"] and set(p["contacts"]) <= set(experts) for p in practices.values())
    attended = [(eid, mid) for eid, e in experts.items() for mid in e.get("meetings", [])]
    assert attended and all(eid in meetings[mid]["participants"] for eid, mid in attended)
    assert all(e["programs"] for e in experts.values())

    again = tmp_path / "again"
    subprocess.run(
        [sys.executable, str(SCRIPTS / "gen_synthetic.py"), "200", str(again), "--no-site"],
        check=True,
        capture_output=True,
        timeout=60,
    )
    assert all(p.read_bytes() == (again / p.relative_to(out)).read_bytes() for p in records)  # deterministic


def test_bench_quick_prints_and_writes_the_table(tmp_path):
    report = tmp_path / "benchmark.md"
    proc = subprocess.run(
        [
            sys.executable,
            str(SCRIPTS / "bench.py"),
            "--quick",
            "--out",
            str(report),
            "--work",
            str(tmp_path / "work"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO,
    )
    assert proc.returncode == 0, proc.stderr[-3000:] + proc.stdout[-2000:]
    for row in (
        "validate-only",
        "parse floor",
        "full site build",
        "plain Material build",
        "peak RSS: full site build, Python build process",
        "peak RSS: full site build, Pagefind process",
        "search: first query on the search page in Chromium",
        "the whole search page with its first results",
        "search_index.json",
        "edit-to-reload",
        "English edition with Zensical",
        "of which `zensical build`",
        "peak RSS: Zensical build",
        "build(60) / build(30)",
        "build(60 zipf) / build(30 zipf)",
        "target: ",
    ):
        assert row in proc.stdout, row
    assert "n/a" not in proc.stdout and "error" not in proc.stdout
    markdown = report.read_text(encoding="utf-8")
    assert markdown.startswith("# Benchmark")
    assert "| measure | N = 30 | N = 60 | N = 30 zipf | N = 60 zipf |" in markdown
    # both processes of the build measured apart, each a real figure
    for name in ("Python build process", "Pagefind process"):
        assert re.search(
            rf"\| peak RSS: full site build, {name} \| [1-9]\d* MB \| [1-9]\d* MB \|", markdown
        ), name
    assert re.search(r"\| edit-to-reload.* \| [\d.]+ s, [\d.]+ s \|\s+\|", markdown)
    assert "## Targets" in markdown and "Machine:" in markdown and "Python" in markdown
    assert re.search(
        r"\| full site build.* \| [\d.]+ s \(cpu [\d.]+ s\) \| [\d.]+ s \(cpu [\d.]+ s\) \|", markdown
    )
    assert re.search(r"first query on the search page.* \| [\d,]+ KB \| [\d,]+ KB \|", markdown)
    # measured on the real page: it showed results for the query
    assert re.search(r"First query at N = 60 zipf \('[^']+', [\d,]+ results? for .+?\. [1-9]\d* shown",
                     markdown)


def test_zipf_mode_has_a_long_tail_vocabulary(tmp_path):
    """--text zipf: word frequencies fall with rank as in prose (a few words everywhere, most
    words rare), unlike the template sentences; the records stay valid."""
    counts = {}
    for mode in ("sentences", "zipf"):
        out = tmp_path / mode
        subprocess.run(
            [sys.executable, str(SCRIPTS / "gen_synthetic.py"), "200", str(out), "--no-site", "--text", mode],
            check=True,
            capture_output=True,
            timeout=60,
        )
        assert run_cli("validate", str(out)).code == 0
        words = [
            w.lower().strip(".,*")
            for p in (out / "content").glob("*/*.md")
            for w in p.read_text(encoding="utf-8").split("\n---\n", 1)[1].split()
        ]
        counts[mode] = Counter(words)
    zipf, sentences = counts["zipf"], counts["sentences"]
    assert len(zipf) > 5 * len(sentences)  # a far larger vocabulary for the same amount of text
    ranked = [c for _, c in zipf.most_common()]
    assert ranked[0] > 10 * ranked[99] and sum(1 for c in ranked if c == 1) > len(ranked) / 3  # head and tail
    assert zipf["migration"] and zipf["이주"] and zipf["korea"]  # the benchmark's queries find pages
