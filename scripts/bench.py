#!/usr/bin/env python3
"""Scale benchmark (issue 7): the site at N synthetic records, against its baselines, in one run.

    python scripts/bench.py [--quick] [--sizes 1000,10000] [--texts sentences,zipf]
                            [--out docs/dev/benchmark.md]

For each text mode of the generator and each N: generate N records (scripts/gen_synthetic.py),
then measure, each command in its own fresh process:

  validate     `akmn validate OUT`                      vs  parse floor: read every record and
                                                            parse its front matter with libyaml's
                                                            CSafeLoader, nothing else
  site build   `mkdocs build` with the repository's     vs  plain Material for MkDocs building the
               mkdocs.yml, hooks, overrides, Pagefind       same Markdown bodies as plain pages out
                                                            of the nav (its default lunr search on)
  Zensical     `make build-zensical`'s steps: `akmn pages`, `zensical build`, `akmn postbuild`
  peak RSS     of every command above (/usr/bin/time, else getrusage of a fresh child); the
               build's Python process and its pagefind process apart
  search       bytes the search page downloads for its first query in Chromium, filter panel
               closed (scripts/search_weight.py): its script and Pagefind's files, and the
               whole page
                                                        vs  Material's search/search_index.json
  serve        at the smallest N: edit-to-reload under `mkdocs serve --dirty`
               (scripts/serve_latency.py)
and the ratio build(largest N)/build(smallest N). It prints a table and writes it as Markdown
with the date and machine to --out.

--quick runs every step at tiny sizes (for the test that keeps this script from rotting).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))
import gen_synthetic  # noqa: E402
import search_weight  # noqa: E402

import serve_latency  # noqa: E402

BIN = Path(sys.executable).parent
STOPPED = -999  # Run.code of a command stopped at its time limit
GNU_TIME = "/usr/bin/time"
QUERIES = ("migration", "labour recruitment", "Korea", "이주")

PARSE_FLOOR = r"""
import os, sys, yaml
Loader = yaml.CSafeLoader
count = 0
for dirpath, dirnames, filenames in os.walk(os.path.join(sys.argv[1], "content")):
    for name in filenames:
        if name.endswith(".md"):
            with open(os.path.join(dirpath, name), encoding="utf-8") as handle:
                text = handle.read()
            end = text.find("\n---", 3)
            yaml.load(text[4:end], Loader=Loader)
            count += 1
print(count, "front matters parsed")
"""

# Runs `mkdocs build` in this process and writes the peak RSS of this (the Python build) and
# of its children (the pagefind service) apart: GNU time reports only the larger of the two.
BUILD_RSS = r"""
import atexit, resource, sys
out = sys.argv.pop(1)
def report():
    with open(out, "w") as handle:
        handle.write(f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss} "
                     f"{resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}")
atexit.register(report)
from mkdocs.__main__ import cli
sys.argv[0] = "mkdocs"
cli()
"""


@dataclass
class Run:
    seconds: float
    rss_mb: float
    code: int
    out: str = ""
    err: str = ""
    cpu: float = 0.0  # user + system seconds of the command and its children


@dataclass
class Size:
    n: int
    text: str = "sentences"
    counts: dict = field(default_factory=dict)
    validate: Run | None = None
    floor: Run | None = None
    build: Run | None = None  # both editions (English, then Korean into site/ko/)
    build_en: Run | None = None  # English only (AKMN_LANGS=en), as `make serve` builds
    plain: Run | None = None
    zensical: dict = field(default_factory=dict)  # step -> Run of `make build-zensical`'s steps
    pages: int = 0
    search: dict = field(default_factory=dict)
    lunr_bytes: int = 0
    lunr_gzip: int = 0
    python_rss_mb: float = 0.0  # the Python build process alone
    pagefind_rss_mb: float = 0.0  # the pagefind service process alone
    pagefind_tail: tuple | None = None  # (parsing, writing) seconds after the last page rendered
    serve: dict = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"{self.n:,}" + (" zipf" if self.text == "zipf" else "")


def measure(cmd: list[str], cwd: Path | None = None, repeat: int = 1, env: dict | None = None,
            timeout: float | None = None) -> Run:
    """Fastest wall time of `repeat` runs, the largest peak RSS, each in a fresh process; a run
    that outlasts TIMEOUT is stopped with its children and reported with code STOPPED."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1", **(env or {})}
    env.pop("AKMN_PUBLISH", None)
    best: Run | None = None
    for _ in range(repeat):
        with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
            if os.access(GNU_TIME, os.X_OK):
                full = [GNU_TIME, "-f", "%M %U %S", "-o", rss.name, *cmd]
            else:  # a fresh Python child whose only child is the command: its RUSAGE_CHILDREN
                full = [
                    sys.executable,
                    "-c",
                    "import resource, subprocess, sys; "
                    "code = subprocess.call(sys.argv[2:]); "
                    "r = resource.getrusage(resource.RUSAGE_CHILDREN); "
                    "open(sys.argv[1], 'w').write(f'{r.ru_maxrss} {r.ru_utime} {r.ru_stime}'); "
                    "sys.exit(code)",
                    rss.name,
                    *cmd,
                ]
            start = time.perf_counter()
            proc = subprocess.Popen(full, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    text=True, start_new_session=True)
            try:
                out, err = proc.communicate(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.communicate()
                return Run(time.perf_counter() - start, 0.0, STOPPED, "", f"stopped after {timeout:.0f} s")
            seconds = time.perf_counter() - start
            text = rss.read().strip().splitlines()
            fields = text[-1].split() if text else []
            try:
                kb, cpu = int(fields[0]), float(fields[1]) + float(fields[2])
            except (IndexError, ValueError):  # the command failed before time could report
                kb, cpu = 0, 0.0
        run = Run(seconds, kb / 1024, proc.returncode, out, err, cpu)
        if proc.returncode != 0:
            return run
        if best is None or run.seconds < best.seconds:
            best = Run(run.seconds, max(run.rss_mb, best.rss_mb if best else 0), 0, run.out, run.err, run.cpu)
        else:
            best.rss_mb = max(best.rss_mb, run.rss_mb)
    return best


def check(run: Run, what: str) -> Run:
    if run.code != 0:
        raise SystemExit(f"bench: {what} failed (exit {run.code}):\n{run.err[-3000:]}\n{run.out[-2000:]}")
    return run


def plain_project(out: Path) -> Path:
    """The same Markdown bodies as plain pages of a default Material site, out of the nav."""
    plain = out / "plain"
    if plain.exists():
        shutil.rmtree(plain)
    docs = plain / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Plain Material baseline\n", encoding="utf-8")
    folders = []
    for folder in sorted(p for p in (out / "content").iterdir() if p.is_dir() and p.name != "taxonomies"):
        folders.append(folder.name)
        (docs / folder.name).mkdir()
        for path in folder.glob("*.md"):
            text = path.read_text(encoding="utf-8")
            end = text.find("\n---", 3)
            body = text[text.index("\n", end + 1) + 1 :]
            (docs / folder.name / path.name).write_text(f"# {path.stem}\n\n{body}", encoding="utf-8")
    not_in_nav = "".join(f"  /{name}/*\n" for name in folders)
    (plain / "mkdocs.yml").write_text(
        "site_name: Plain Material baseline\ntheme:\n  name: material\n"
        f"nav:\n  - Home: index.md\nnot_in_nav: |\n{not_in_nav}",
        encoding="utf-8",
    )
    return plain


def search_first_query(site: Path) -> dict:
    """What the search page downloads for its first query, measured in Chromium
    (scripts/search_weight.py), for the worst of QUERIES; every query's figures in per_query."""
    if not (site / "pagefind").is_dir():
        return {"error": "no site/pagefind/ (the build did not run Pagefind)"}
    per_query = search_weight.measure(site, QUERIES)
    query = max(per_query, key=lambda q: per_query[q]["search"])
    return {"query": query, **per_query[query], "per_query": per_query}


def zensical_build(out: Path, timeout: float | None = None) -> dict[str, Run]:
    """The English edition's steps of `make build-zensical` in OUT, each measured on its own (compared
    with MkDocs' English edition); a step stopped at TIMEOUT ends the list (the next steps need its
    output)."""
    env = {"AKMN_SITE_DIR": "site-zensical"}  # the Makefile's
    shutil.rmtree(out / "site-zensical", ignore_errors=True)
    steps = {"akmn pages": [str(BIN / "akmn"), "pages", "--out", ".zensical/en/docs", "--templates",
                            ".zensical/en/overrides", "--write-config", ".zensical.en.yml"],
             "zensical build": [str(BIN / "zensical"), "build", "--clean", "-f", ".zensical.en.yml"],
             "akmn postbuild": [str(BIN / "akmn"), "postbuild", "site-zensical"]}
    runs = {}
    for name, cmd in steps.items():
        runs[name] = measure(cmd, cwd=out, env=env, timeout=timeout)
        if runs[name].code == STOPPED:
            break
        check(runs[name], name)
    return runs


def stopped(runs: dict[str, Run]) -> str:
    """'' when every step finished, else which step was stopped and after how long."""
    return next((f"stopped: `{name}` ran over {run.seconds:.0f} s" for name, run in runs.items()
                 if run.code == STOPPED), "")


def total(runs: dict[str, Run]) -> Run:
    """Steps run one after the other: times add up, the peak is the largest step's."""
    return Run(sum(r.seconds for r in runs.values()), max(r.rss_mb for r in runs.values()), 0,
               cpu=sum(r.cpu for r in runs.values()))


def count_pages(site: Path) -> int:
    return sum(
        1
        for folder in ("experts", "countries", "meetings", "practices", "programs")
        for _ in (site / folder).glob("*/index.html")
    )


def bench_size(n: int, text: str, work: Path, repeat: int, log, serve_edits: int,
               zensical_timeout: float | None = None) -> Size:
    out = work / (f"n{n}" if text == "sentences" else f"n{n}-{text}")
    size = Size(n, text)
    log(f"N={n} ({text}): generating into {out}")
    size.counts = gen_synthetic.write(n, out, text=text)

    log(f"N={n}: akmn validate (best of {repeat}) and the parse floor")
    size.validate = check(measure([str(BIN / "akmn"), "validate", str(out)], repeat=repeat), "akmn validate")
    size.floor = check(measure([sys.executable, "-c", PARSE_FLOOR, str(out)], repeat=repeat), "parse floor")

    log(f"N={n}: full site build (mkdocs build: hooks, generated pages, Pagefind; English and Korean)")
    shutil.copyfile(REPO / "mkdocs.ko.yml", out / "mkdocs.ko.yml")  # the Korean edition is measured too
    site = out / "site"
    rss = out / "build.rss"
    size.build = check(
        measure(
            [
                sys.executable,
                "-c",
                BUILD_RSS,
                str(rss),
                "build",
                "-f",
                str(out / "mkdocs.yml"),
                "-d",
                str(site),
            ],
            cwd=out,
        ),
        "mkdocs build",
    )
    tail = re.search(
        r"parsed ([\d.]+) s after the build's last page, index written ([\d.]+) s later", size.build.err
    )
    size.pagefind_tail = (float(tail[1]), float(tail[2])) if tail else None
    python_kb, children_kb = (int(x) for x in rss.read_text().split())
    size.python_rss_mb, size.pagefind_rss_mb = python_kb / 1024, children_kb / 1024
    size.pages = count_pages(site)
    if size.pages < n - 1:  # every record is published in a local build
        raise SystemExit(f"bench: the build wrote {size.pages} record pages for {n} records")

    log(f"N={n}: the English edition alone (AKMN_LANGS=en, as make serve builds)")
    size.build_en = check(measure([str(BIN / "mkdocs"), "build", "-f", str(out / "mkdocs.yml"), "-d",
                                   str(out / "site-en")], cwd=out, env={"AKMN_LANGS": "en"}),
                          "mkdocs build (English only)")

    log(f"N={n}: plain Material build of the same bodies")
    plain = plain_project(out)
    size.plain = check(
        measure([str(BIN / "mkdocs"), "build", "-f", str(plain / "mkdocs.yml")], cwd=plain),
        "plain Material build",
    )
    index = plain / "site" / "search" / "search_index.json"
    if index.exists():
        raw = index.read_bytes()
        size.lunr_bytes, size.lunr_gzip = len(raw), len(gzip.compress(raw, 6))

    log(f"N={n}: the same site built with Zensical (make build-zensical's steps)")
    size.zensical = zensical_build(out, zensical_timeout)
    if not stopped(size.zensical) and count_pages(out / "site-zensical") != size.pages:
        raise SystemExit(f"bench: Zensical wrote {count_pages(out / 'site-zensical')} record pages, "
                         f"MkDocs {size.pages}")

    log(f"N={n}: search cost")
    size.search = search_first_query(site)
    if serve_edits:
        log(f"N={n}: edit-to-reload under mkdocs serve --dirty ({serve_edits} edits)")
        size.serve = serve_latency.measure(out, serve_edits, port=8765, dirty=True, timeout=900)
    return size


# --- report ---------------------------------------------------------------------------------


def machine() -> dict:
    info = {"nproc": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()}
    try:
        meminfo = Path("/proc/meminfo").read_text()
        kb = int(next(line.split()[1] for line in meminfo.splitlines() if line.startswith("MemTotal")))
        info["memory"] = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration, ValueError):
        info["memory"] = "unknown"
    cpu = platform.processor() or platform.machine()
    try:
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.lower().startswith("model name")
        )
    except (OSError, StopIteration):
        pass
    info["cpu"] = cpu
    info["python"] = platform.python_version()
    versions = []
    for dist in ("mkdocs", "mkdocs-material", "zensical", "pagefind", "PyYAML"):
        try:
            from importlib.metadata import version

            versions.append(f"{dist} {version(dist)}")
        except Exception:  # noqa: BLE001 - a missing version is only left out of the report
            pass
    info["versions"] = ", ".join(versions)
    info["os"] = platform.platform()
    return info


def kb(value: int) -> str:
    return f"{value / 1024:,.0f} KB"


def ratio(a: float, b: float) -> float:
    return a / b if b else float("inf")


def first_query(search: dict) -> str:
    return kb(search["search"]) if "search" in search else search.get("error", "n/a")


def rows(sizes: list[Size]) -> list[tuple[str, list[str]]]:
    table = [
        (
            "records (experts/meetings/practices/countries/programs)",
            [
                f"{s.n:,} ({s.counts['experts']}/{s.counts['meetings']}/{s.counts['practices']}/"
                f"{s.counts['countries']}/{s.counts['programs']})"
                for s in sizes
            ],
        ),
        (
            "validate-only: `akmn validate`",
            [f"{s.validate.seconds:.2f} s (cpu {s.validate.cpu:.2f} s)" for s in sizes],
        ),
        (
            "parse floor: read + CSafeLoader",
            [f"{s.floor.seconds:.2f} s (cpu {s.floor.cpu:.2f} s)" for s in sizes],
        ),
        ("validate / parse floor", [f"{ratio(s.validate.seconds, s.floor.seconds):.2f}x" for s in sizes]),
        (
            "full site build: `mkdocs build` + hooks + Pagefind, English and Korean editions",
            [f"{s.build.seconds:.2f} s (cpu {s.build.cpu:.2f} s)" for s in sizes],
        ),
        (
            "English edition alone (AKMN_LANGS=en, `make serve`)",
            [f"{s.build_en.seconds:.2f} s (cpu {s.build_en.cpu:.2f} s)" if s.build_en else "n/a"
             for s in sizes],
        ),
        (
            "of which Pagefind after the last page: parsing + writing the index",
            [
                f"{s.pagefind_tail[0]:.2f} s + {s.pagefind_tail[1]:.2f} s" if s.pagefind_tail else "n/a"
                for s in sizes
            ],
        ),
        (
            "plain Material build, same bodies, out of nav",
            [f"{s.plain.seconds:.2f} s (cpu {s.plain.cpu:.2f} s)" for s in sizes],
        ),
        ("full build (both editions) / plain Material", [f"{ratio(s.build.seconds, s.plain.seconds):.2f}x"
                                                          for s in sizes]),
        ("English edition alone / plain Material (one language each)",
         [f"{ratio(s.build_en.seconds, s.plain.seconds):.2f}x" for s in sizes]),
        ("English edition with Zensical: `akmn pages` + `zensical build` + `akmn postbuild`",
         [stopped(s.zensical) or f"{total(s.zensical).seconds:.2f} s (cpu {total(s.zensical).cpu:.2f} s)"
          for s in sizes]),
        ("  of which `zensical build`",
         [stopped(s.zensical)
          or f"{s.zensical['zensical build'].seconds:.2f} s (cpu {s.zensical['zensical build'].cpu:.2f} s)"
          for s in sizes]),
        ("Zensical build / MkDocs build (English edition each)",
         [stopped(s.zensical) or (f"{ratio(total(s.zensical).seconds, s.build_en.seconds):.2f}x" if s.build_en
                                  else "n/a") for s in sizes]),
        ("peak RSS: akmn validate", [f"{s.validate.rss_mb:.0f} MB" for s in sizes]),
        ("peak RSS: parse floor", [f"{s.floor.rss_mb:.0f} MB" for s in sizes]),
        ("peak RSS: full site build, Python build process", [f"{s.python_rss_mb:.0f} MB" for s in sizes]),
        ("peak RSS: full site build, Pagefind process", [f"{s.pagefind_rss_mb:.0f} MB" for s in sizes]),
        ("peak RSS: plain Material build", [f"{s.plain.rss_mb:.0f} MB" for s in sizes]),
        ("peak RSS: Zensical build (largest step)",
         [stopped(s.zensical) or f"{total(s.zensical).rss_mb:.0f} MB" for s in sizes]),
        ("search: first query on the search page in Chromium (its script and Pagefind's files)",
         [first_query(s.search) for s in sizes]),
        ("  the same, compressed on the wire",
         [kb(s.search["wire"]) if "wire" in s.search else "n/a" for s in sizes]),
        ("  the whole search page with its first results (HTML, theme, fonts too)",
         [kb(s.search["page"]) if "page" in s.search else "n/a" for s in sizes]),
        (
            "search: Material search_index.json (gzip)",
            [f"{kb(s.lunr_bytes)} ({kb(s.lunr_gzip)})" for s in sizes],
        ),
        (
            "edit-to-reload, `mkdocs serve --dirty` (median, max of the edits)",
            [
                f"{statistics.median(s.serve['seconds']):.2f} s, {max(s.serve['seconds']):.2f} s"
                if s.serve
                else ""
                for s in sizes
            ],
        ),
    ]
    for first, last in pairs(sizes):
        cells = [
            "" if s is not last else f"{ratio(last.build.seconds, first.build.seconds):.2f}" for s in sizes
        ]
        table.append((f"build({last.label}) / build({first.label})", cells))
        cells = [
            "" if s is not last else f"{ratio(last.plain.seconds, first.plain.seconds):.2f}" for s in sizes
        ]
        table.append((f"plain Material({last.label}) / plain Material({first.label})", cells))
    return table


def pairs(sizes: list[Size]) -> list[tuple[Size, Size]]:
    """(smallest, largest) N of each text mode measured at two sizes or more."""
    out = []
    for text in dict.fromkeys(s.text for s in sizes):
        same = [s for s in sizes if s.text == text]
        if len(same) > 1:
            out.append((same[0], same[-1]))
    return out


def targets(sizes: list[Size]) -> list[tuple[str, str, bool | None]]:
    """(target, measured, met); met is None where this run cannot judge it."""
    largest = max(s.n for s in sizes)
    top = [s for s in sizes if s.n == largest]
    judged = largest >= 10_000
    where = "" if judged else f" (largest N here {largest:,}: not judged)"
    out = [
        (
            "validate-only <= 2x the parse floor",
            ", ".join(f"{ratio(s.validate.seconds, s.floor.seconds):.2f}x at {s.label}" for s in sizes),
            all(ratio(s.validate.seconds, s.floor.seconds) <= 2 for s in sizes),
        ),
        (
            "full build <= 1.3x plain Material at 10,000 records (the English edition, as plain "
            "Material builds one language; both editions in brackets)",
            ", ".join(f"{ratio(s.build_en.seconds, s.plain.seconds):.2f}x at {s.label} "
                      f"({ratio(s.build.seconds, s.plain.seconds):.2f}x)" for s in sizes) + where,
            all(ratio(s.build_en.seconds, s.plain.seconds) <= 1.3 for s in top) if judged else None,
        ),
    ]
    for first, last in pairs(sizes):
        limit = 1.1 * last.n / first.n  # 11 for 1k -> 10k
        out.append(
            (
                f"build({last.label})/build({first.label}) <= {limit:g}",
                f"{ratio(last.build.seconds, first.build.seconds):.2f}",
                ratio(last.build.seconds, first.build.seconds) <= limit,
            )
        )
    served = [s for s in sizes if s.serve]
    if served:
        worst = max(max(s.serve["seconds"]) for s in served)
        out.append(
            (
                "edit-to-reload <= 2 s at 1,000 records (`mkdocs serve --dirty`)",
                ", ".join(f"max {max(s.serve['seconds']):.2f} s at {s.label}" for s in served),
                worst <= 2 if any(s.n >= 1000 for s in served) else None,
            )
        )
    measured = [s for s in top if "search" in s.search]
    out.append(
        (
            "first search query <= 500 KB at 10,000 records (search page in Chromium, filter panel closed)",
            ", ".join(f"{kb(s.search['search'])} at {s.label} ('{s.search['query']}')" for s in measured)
            + where,
            all(s.search["search"] <= 500 * 1024 for s in measured) if judged and measured else None,
        )
    )
    peak = max(s.python_rss_mb for s in top)
    out.append(
        (
            "peak RSS of the Python build <= 400 MB at 10,000 records",
            ", ".join(f"{s.python_rss_mb:.0f} MB at {s.label}" for s in top) + where,
            peak <= 400 if judged else None,
        )
    )
    return out


def verdict(met: bool | None) -> str:
    return "met" if met else ("not judged" if met is None else "**not met**")


def render_text(sizes: list[Size]) -> str:
    table = rows(sizes)
    head = ["measure"] + [f"N={s.label}" for s in sizes]
    widths = [max(len(head[0]), *(len(r[0]) for r in table))] + [
        max(len(head[i + 1]), *(len(r[1][i]) for r in table)) for i in range(len(sizes))
    ]
    lines = ["  ".join(h.ljust(w) for h, w in zip(head, widths, strict=True))]
    for name, cells in table:
        lines.append("  ".join(c.ljust(w) for c, w in zip([name, *cells], widths, strict=True)))
    lines.append("")
    for target, measured, met in targets(sizes):
        lines.append(f"target: {target}: {measured}: {verdict(met).strip('*')}")
    return "\n".join(lines)


def render_markdown(sizes: list[Size], info: dict, command: str, seconds: float) -> str:
    head = ["measure"] + [f"N = {s.label}" for s in sizes]
    out = [
        "# Benchmark: the site at scale",
        "",
        f"Measured {dt.date.today().isoformat()} with `{command}` (the whole run took {seconds:.0f} s), "
        "on one machine, every figure in the same run. Records are synthetic "
        "(`scripts/gen_synthetic.py`: ~300-word bodies, full front matter, references between "
        "records, Korean, Thai and Vietnamese text); every command ran in a fresh process. Columns "
        "marked *zipf* use `--text zipf`: every word drawn from a Zipf-distributed vocabulary "
        "(60,000 English, 20,000 Korean, 15,000 Thai and Vietnamese words), as in real prose; the "
        "others build prose from a few dozen template sentences per language.",
        "",
        f"Machine: {info['nproc']} CPUs ({info['cpu']}), {info['memory']} memory, Python {info['python']}, "
        f"{info['os']}; {info['versions']}. Load average (1 min) at start and end of the run: "
        f"{info.get('load_start', 'n/a')} / {info.get('load_end', 'n/a')} (on a busy machine every "
        f"figure is slower).",
        "",
        "| " + " | ".join(head) + " |",
        "|" + "---|" * len(head),
    ]
    for name, cells in rows(sizes):
        out.append("| " + " | ".join([name, *cells]) + " |")
    out += ["", "## Targets (issue 7)", "", "| target | measured | |", "|---|---|---|"]
    for target, measured, met in targets(sizes):
        out.append(f"| {target} | {measured} | {verdict(met)} |")
    last = sizes[-1]
    out += ["", "## How each figure is measured", ""]
    out += [
        "- **validate-only**: `akmn validate OUT` (read, validate, link), best of the repeats; "
        "**parse floor**: a Python process that reads every record file and parses its front matter "
        "with `yaml.load(..., Loader=yaml.CSafeLoader)`, nothing else. Both include interpreter start-up.",
        "- **full site build**: `mkdocs build` with the repository's mkdocs.yml, hooks and overrides "
        "(all records validated and linked, one generated page per record, index and topic pages, "
        "open data, Pagefind indexing). **Plain Material**: a default `theme: material` site whose "
        "pages are the same Markdown bodies (front matter removed), out of the nav, with "
        "Material's built-in lunr search plugin on (its default).",
        "- **Zensical**: the steps of `make build-zensical`, each in its own process: `akmn pages` "
        "(validate, link, write every generated page), `zensical build --clean` (no cache from an "
        "earlier run) and `akmn postbuild` (open data, editor, Pagefind over the written site).",
        "- Times are wall-clock seconds; cpu is user + system seconds of the command and its "
        "children (Pagefind uses several threads, so its cpu time can exceed its wall time).",
        "- **peak RSS**: maximum resident set size from GNU time (`%M`). The full build's two "
        "processes are reported apart: the Python build (`getrusage(RUSAGE_SELF)` of the process "
        "running MkDocs) and the `pagefind --service` process it feeds (`RUSAGE_CHILDREN`, its only "
        "child). Each peaks at its own time; their sum bounds the machine's need.",
        "- **edit-to-reload**: `scripts/serve_latency.py` starts `mkdocs serve --dirty` (as `make "
        "serve` does), appends a sentence to an expert record and polls the record's page every "
        "0.05 s until it shows the sentence; the time runs from the save.",
        "- **search**: what the search page downloads for its first query "
        "(`scripts/search_weight.py`): a fresh Chromium profile opens `/search/?q=QUERY` on a "
        "server that counts the bytes it sends, and waits until the first results are shown and "
        "the network is idle, the filter panel closed (as a reader arriving with a query finds "
        "it). The figure is the page's own script (`assets/search.js`) and every file under "
        "`pagefind/` it fetched: engine, entry and metadata, wasm, the index chunks for the query "
        "and the fragments of the results shown. The whole page's row adds the HTML, theme "
        "scripts, styles and fonts that every page of the site loads. Queries: "
        + ", ".join(f"'{q}'" for q in QUERIES)
        + "; the largest is shown. Sizes are the files as served (Pagefind's own files are "
        "already compressed); the wire row gzips scripts, styles and JSON as any ordinary web "
        "server does. Material's figure is its whole `search_index.json`, which lunr downloads "
        "before the first query (gzip size in brackets).",
    ]
    for size in [s for s in sizes if s.n == last.n and "groups" in s.search]:
        parts = ", ".join(f"{name} {kb(value)}" for name, value in size.search["groups"].items()
                          if name != "page")
        out += [
            "",
            f"First query at N = {size.label} ('{size.search['query']}', {size.search['status']} "
            f"{size.search['shown']} shown, {size.search['files']} search files): {parts}. "
            "Each query (search files as served / on the wire / whole page): "
            + "; ".join(f"'{q}' {kb(f['search'])} / {kb(f['wire'])} / {kb(f['page'])}"
                        for q, f in size.search["per_query"].items())
            + ".",
        ]
    out += [
        "",
        "Where the time and memory go, with the profiles that show it: [scale.md](scale.md).",
        "",
        "Run it again with `make bench` (1,000 and 10,000 records; the generated trees "
        "stay in `bench-out/`).",
        "",
    ]
    return "\n".join(out)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="every step at tiny sizes (30 and 60 records)")
    parser.add_argument("--sizes", help="comma-separated record counts (default 1000,10000)")
    parser.add_argument("--out", type=Path, default=REPO / "docs/dev/benchmark.md", help="Markdown report")
    parser.add_argument("--work", type=Path, default=REPO / "bench-out", help="where the trees are generated")
    parser.add_argument("--repeat", type=int, help="runs of validate and parse floor (best kept; default 3)")
    parser.add_argument("--texts", default="sentences,zipf", help="text modes of gen_synthetic.py to measure")
    parser.add_argument(
        "--serve-edits",
        type=int,
        help="edits timed under mkdocs serve at the smallest N "
        "of each text mode (default 3, 1 with --quick; 0 skips)",
    )
    parser.add_argument("--zensical-timeout", type=float,
                        help="seconds a step of the Zensical build may take before it is stopped and "
                        "reported as such (default: no limit)")
    args = parser.parse_args(argv)
    default_sizes = "30,60" if args.quick else "1000,10000"
    sizes = sorted({int(x) for x in (args.sizes or default_sizes).split(",") if x.strip()})
    texts = [t for t in args.texts.split(",") if t.strip()]
    repeat = args.repeat or (1 if args.quick else 3)
    edits = args.serve_edits if args.serve_edits is not None else (1 if args.quick else 3)
    args.work.mkdir(parents=True, exist_ok=True)

    def log(message: str) -> None:
        print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)

    load_start = f"{os.getloadavg()[0]:.2f}" if hasattr(os, "getloadavg") else "n/a"
    started = time.perf_counter()
    results = [
        bench_size(n, text, args.work.resolve(), repeat, log, edits if n == sizes[0] else 0,
                   args.zensical_timeout)
        for text in texts
        for n in sizes
    ]
    total = time.perf_counter() - started
    info = {
        **machine(),
        "load_start": load_start,
        "load_end": f"{os.getloadavg()[0]:.2f}" if hasattr(os, "getloadavg") else "n/a",
    }
    print(render_text(results))
    print(f"\nload average (1 min) at start / end: {info['load_start']} / {info['load_end']}")
    command = (
        "python scripts/bench.py"
        + (" --quick" if args.quick else "")
        + (f" --sizes {args.sizes}" if args.sizes else "")
        + (f" --texts {args.texts}" if args.texts != "sentences,zipf" else "")
        + (f" --zensical-timeout {args.zensical_timeout:g}" if args.zensical_timeout else "")
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(render_markdown(results, info, command, total), encoding="utf-8")
    print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
