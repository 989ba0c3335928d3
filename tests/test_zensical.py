"""The same site from both engines: MkDocs (through the hooks) and Zensical (through `akmn pages`
and `akmn postbuild`), compared page by page; the generation step on its own."""

from __future__ import annotations

import datetime
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml

from akmn.generate import page_text
from akmn.html import BODY_EXTENSIONS
from akmn.views.base import PageSpec
from helpers import REPO, build_site, build_zensical, make_project, run_cli
from hostile import FILES as HOSTILE_FILES

# One page of each kind: a record of every kind, each kind of list, a topic, topics with data
# (SDG 10.7.2's assessments, the disaggregation table), the comparison overview, a compare page
# with its charts, home, search and open data.
PAGES = ["experts/fixture-kim", "countries/ph", "meetings/iem-1", "practices/fixture-return",
         "programs/program-1", "experts", "countries", "themes", "themes/brain-circulation", "sdg/10-7",
         "sdg/17-18", "countries/compare", "countries/compare/remittances-received-gdp", "", "search", "data"]
HOSTILE_PAGES = ["experts/mallory", "practices/hostile", "experts", "practices", "themes/migration-data",
                 "programs/program-3", "themes", "programs"]


# The Korean edition: a record of every kind (the practice has its Korean translation), a list,
# a topic, the comparison overview, home, search and the not-found page's lists.
KO_PAGES = ["experts/fixture-kim", "countries/ph", "meetings/iem-1", "practices/fixture-return",
            "programs/program-1", "experts", "themes/brain-circulation", "sdg/10-7",
            "countries/compare/remittances-received-gdp", "", "search"]


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    """The valid fixture built by both engines in one project folder, both editions each."""
    root = make_project(tmp_path_factory.mktemp("engines") / "project")
    for built in (build_site(root), build_zensical(root)):
        assert built.returncode == 0, built.stdout + built.stderr
    return {"mkdocs": root / "site", "zensical": root / "site-zensical"}


def page(site: Path, url: str) -> str:
    return (site / url / ("" if url.endswith(".html") else "index.html")).read_text(encoding="utf-8")


def page_urls(site: Path) -> set[str]:
    return {p.parent.relative_to(site).as_posix() for p in site.rglob("index.html")} | {
        p.name for p in site.glob("*.html")}


def one(pattern: str, html: str) -> str:
    found = re.findall(pattern, html, re.S)
    return re.sub(r"\s+", " ", " ".join(found)).strip()


def parts(html: str) -> dict[str, str]:
    """What a reader gets from a page: its title, heading, the record's fields and sections, and
    the backlinks, as HTML with whitespace runs made one space."""
    return {"title": one(r"<title>(.*?)</title>", html), "h1": one(r"<h1[^>]*>(.*?)</h1>", html),
            "description": one(r'<meta (?:name="description"|property="og:[a-z]+") content="([^"]*)"', html),
            "fields": one(r'<dl class="akmn-facts"[^>]*>(.*?)</dl>', html),
            "sections": one(r'<section id="[^"]+" class="akmn-section">(.*?)</section>', html),
            "body": one(r'<div class="akmn-body">(.*?)</div>', html),
            "backlinks": one(r'<section class="akmn-section akmn-backlinks"[^>]*>(.*?)</section>', html),
            "tables": one(r'<div class="akmn-table"[^>]*>(.*?)</div>', html),
            "data": one(r'<section class="akmn-section[^"]*" aria-labelledby="[^"]+">(.*?)</section>', html),
            "charts": one(r'<figure class="akmn-chart[^"]*"[^>]*>(.*?)</figure>', html),
            "cite": one(r'<section id="how-to-cite"[^>]*>(.*?)</section>', html),
            "toc": one(r'<nav class="akmn-toc"[^>]*>(.*?)</nav>', html),
            # the `url` filter's links: on the home page Zensical writes ./feeds/all.xml, MkDocs feeds/all.xml
            "feeds": same_page(one(r'(<link rel="alternate feed"[^>]*>)', html)),
            "licence": same_page(one(r'<div class="md-copyright__highlight akmn-licence">(.*?)</div>', html)),
            "lists": one(r'<ul class="akmn-kinds">(.*?)</ul>', html),
            "lang": one(r'<html lang="([^"]+)"', html),
            "switcher": same_page(one(r'(<a href="[^"]*" hreflang="[^"]+"[^>]*>)', html))}


def same_page(html: str) -> str:
    return html.replace('href="./', 'href="')


def test_both_engines_write_the_same_pages(sites):
    mkdocs, zensical = page_urls(sites["mkdocs"]), page_urls(sites["zensical"])
    assert mkdocs == zensical
    assert set(PAGES) - {""} <= mkdocs and "404.html" in mkdocs
    assert {f"ko/{url}".rstrip("/") for url in KO_PAGES} <= mkdocs
    assert all((sites[engine] / "ko/404.html").is_file() for engine in sites)


@pytest.mark.parametrize("url", [*KO_PAGES, "404.html"])
def test_each_kind_of_korean_page_is_the_same_in_both(sites, url):
    mkdocs, zensical = (parts(page(sites[engine] / "ko", url)) for engine in ("mkdocs", "zensical"))
    assert mkdocs == zensical
    assert zensical["lang"] == "ko" and zensical["h1"]


def test_the_korean_comparison_checks_korean_text(sites):
    # The Korean pages compared above carry the catalog's strings, Korean record text and a
    # switcher to the same page in English, under Zensical too.
    expert = parts(page(sites["zensical"] / "ko", "experts/fixture-kim"))
    assert "<dt>기관 유형</dt>" in expert["fields"] and "대한민국" in expert["fields"]  # catalog, ISO names
    assert "인용 방법" in parts(page(sites["zensical"] / "ko", "countries/ph"))["toc"]
    assert expert["switcher"].startswith('<a href="../../../experts/fixture-kim/" hreflang="en" lang="en"')
    practice = page(sites["zensical"] / "ko", "practices/fixture-return")
    assert re.search(r"<h1[^>]*>[^<]*[\uac00-\ud7af]", practice)  # its translated title
    assert (sites["zensical"] / "ko/pagefind/pagefind-entry.json").is_file()
    assert "전문가" in parts(page(sites["zensical"] / "ko", "404.html"))["lists"]


def test_not_found_page_lists_kinds_and_topics_in_both(sites):
    # Zensical renders 404.html with no page data: `akmn pages --templates` writes its view in.
    for engine in ("mkdocs", "zensical"):
        lists = parts(page(sites[engine], "404.html"))["lists"]
        assert '<a href="/experts/">Experts</a>' in lists and '<a href="/themes/">Themes</a>' in lists, engine
    assert parts(page(sites["zensical"], "404.html")) == parts(page(sites["mkdocs"], "404.html"))


@pytest.mark.parametrize("url", PAGES)
def test_each_kind_of_page_is_the_same_in_both(sites, url):
    mkdocs, zensical = parts(page(sites["mkdocs"], url)), parts(page(sites["zensical"], url))
    assert mkdocs == zensical
    assert mkdocs["title"] and mkdocs["h1"]


def nav_targets(site: Path, url: str) -> set[str]:
    """The pages the tabs and the nav of the page at URL lead to, as addresses from the site's root."""
    hrefs = re.findall(r'<a href="([^"#]*)"[^>]*class="md-(?:tabs|nav)__link', page(site, url))
    return {urljoin(f"/{url}/", href).rstrip("/") + "/" for href in hrefs}


@pytest.mark.parametrize("url", ["experts/fixture-kim", "countries", "sdg/10-7"])
def test_zensical_nav_leads_to_every_list(sites, url):
    # The lists are named by address in Zensical's nav (below): its links still lead to them.
    targets = nav_targets(sites["zensical"], url)
    assert {"/experts/", "/countries/", "/meetings/", "/practices/", "/programs/", "/about/"} <= targets
    assert all((sites["zensical"] / target.strip("/") / "index.html").is_file() for target in targets)


def nav_entries(nav: list):
    for entry in nav:
        for value in entry.values():
            yield from nav_entries(value) if isinstance(value, list) else [value]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_zensical_nav_names_the_record_lists_by_address(sites, lang):
    # A page the nav names by file has its front matter, a list's view of every record, copied
    # into the nav, which Zensical copies into every page: the build grew as the square of the
    # records. The pages are the same (compared above), titles included.
    config = yaml.safe_load((sites["zensical"].parent / f".zensical.{lang}.yml").read_text(encoding="utf-8"))
    targets = set(nav_entries(config["nav"]))
    assert {"experts/", "meetings/", "practices/", "programs/"} <= targets
    assert not {"experts/index.md", "meetings/index.md", "practices/index.md"} & targets


def test_the_comparison_checks_fields_and_backlinks(sites):
    # The parts compared above are there to compare: a record's fields and backlinks.
    expert = parts(page(sites["zensical"], "experts/fixture-kim"))
    assert "Brain circulation" in expert["fields"]
    assert "1st International Experts Meeting" in expert["backlinks"]
    assert expert["title"] == "Fixture Kim - ASEAN-Korea Migration Network"
    country = parts(page(sites["zensical"], "countries/ph"))
    assert "Fully meets" in country["sections"] and "Fixture return programme" in country["backlinks"]
    # Compare pages: the bar chart and the map as inline SVG, and the sortable table with its keys.
    compare = parts(page(sites["zensical"], "countries/compare/remittances-received-gdp"))
    assert compare["charts"].count("<svg") == 2 and 'role="img"' in compare["charts"]
    assert "akmn-sortable" in compare["data"] and "data-sort=" in compare["data"]
    assert "SDG 10.7.2: migration policies" in parts(page(sites["zensical"], "sdg/10-7"))["data"]
    # What the reader branch added: citation, description, contents, feeds in the head, licence.
    assert "cite/experts/fixture-kim.bib" in expert["cite"] and expert["description"]
    assert "How to cite" in country["toc"] and "feeds/all.xml" in expert["feeds"]
    assert "CC BY 4.0" in expert["licence"]


@pytest.mark.parametrize("edition", ["", "ko"])
def test_both_engines_write_the_same_downloads(sites, edition):
    # Citations, feeds and the data licence come from one step (akmn.postbuild) under both, in
    # each edition (the Korean one says so in Korean).
    mkdocs, zensical = sites["mkdocs"] / edition, sites["zensical"] / edition
    names = sorted(p.relative_to(mkdocs).as_posix() for folder in ("cite", "feeds")
                   for p in (mkdocs / folder).rglob("*") if p.is_file()) + ["data/LICENSE.txt"]
    assert "cite/experts/fixture-kim.json" in names and "feeds/all.xml" in names
    for name in names:
        assert (zensical / name).read_bytes() == (mkdocs / name).read_bytes(), name
    assert sorted(p.relative_to(zensical).as_posix() for folder in ("cite", "feeds")
                  for p in (zensical / folder).rglob("*") if p.is_file()) == names[:-1]


def test_zensical_site_has_open_data_editor_and_search(sites):
    site = sites["zensical"]
    for rel in ("data/expert.json", "data/figures.csv", "schema/expert.schema.json", "admin/index.html",
                "pagefind/pagefind-entry.json", "pagefind/pagefind-ui.js"):
        assert (site / rel).is_file(), rel
    assert (site / "data/expert.json").read_bytes() == (sites["mkdocs"] / "data/expert.json").read_bytes()


def test_hostile_content_is_safe_and_escaped_once_in_both(tmp_path):
    root = make_project(tmp_path / "project", files=HOSTILE_FILES)
    for built in (build_site(root, env={"AKMN_LANGS": "en"}), build_zensical(root, langs=("en",))):
        assert built.returncode == 0, built.stdout + built.stderr
    for site in (root / "site", root / "site-zensical"):
        for url in HOSTILE_PAGES:
            html = page(site, url)
            after_header = html.split("</header>", 1)[1]
            assert "<script>alert" not in html, (site.name, url)
            assert not re.search(r"<[^>]+\son\w+\s*=", after_header), (site.name, url)
            assert "javascript:" not in html and "<iframe" not in html, (site.name, url)
            assert "&amp;lt;" not in html, (site.name, url)  # escaped once, never twice
        mallory = page(site, "experts/mallory")
        assert "&lt;script&gt;alert(&#39;affiliation&#39;)&lt;/script&gt;Evil Corp" in mallory, site.name
        title = "<title>Mallory &lt;img src=x onerror=alert(&#39;name&#39;)&gt;&lt;/title&gt;"
        assert title in mallory, site.name
    for url in HOSTILE_PAGES:
        assert parts(page(root / "site", url)) == parts(page(root / "site-zensical", url)), url


def test_zensical_publish_build_leaves_examples_out(tmp_path):
    root = make_project(tmp_path / "project")
    built = build_zensical(root, publish=True, langs=("en",))
    assert built.returncode == 0, built.stdout + built.stderr
    site = root / "site-zensical"
    assert (site / "experts/fixture-kim/index.html").exists()
    assert not (site / "experts/fixture-sample").exists()
    everything = "".join(p.read_text(encoding="utf-8", errors="ignore")
                         for p in site.rglob("*") if p.suffix in (".html", ".json", ".csv"))
    assert "Dara Sample" not in everything and "fixture-sample" not in everything


def test_pages_writes_nothing_when_the_content_has_problems(tmp_path):
    root = make_project(tmp_path / "project")
    path = root / "content/experts/fixture-kim.md"
    path.write_text(path.read_text().replace("organisation_type: academe", "organisation_type: academia"))
    result = run_cli("pages", "--out", "out", cwd=root)
    validated = run_cli("validate", cwd=root)
    assert result.code == 1 and "Traceback" not in result.stderr
    message = ("content/experts/fixture-kim.md:5: organisation_type: unknown organisation type 'academia' "
               "(did you mean 'academe'?)")
    assert message in result.stderr and message in validated.stderr
    assert not (root / "out").exists()


def test_pages_empties_only_a_folder_it_wrote(tmp_path):
    root = make_project(tmp_path / "project")
    for folder in ("docs", "content"):
        result = run_cli("pages", "--out", folder, cwd=root)
        assert result.code == 1 and "was not written by `akmn pages`" in result.stderr, folder
    assert (root / "content/experts/fixture-kim.md").exists()
    assert (REPO / "docs/index.md").read_text(encoding="utf-8").startswith("---\ntemplate: home.html")
    assert run_cli("pages", "--out", "out", cwd=root).code == 0
    (root / "out/experts/removed.md").write_text("stale", encoding="utf-8")
    kept = (root / "out/experts/fixture-kim.md").stat().st_mtime_ns
    assert run_cli("pages", "--out", "out", cwd=root).code == 0  # its own folder: stale pages removed
    assert not (root / "out/experts/removed.md").exists() and (root / "out/experts/fixture-kim.md").exists()
    # An unchanged page is not written again, so a watching server rebuilds only what changed.
    assert (root / "out/experts/fixture-kim.md").stat().st_mtime_ns == kept


@pytest.mark.parametrize("loader", [yaml.SafeLoader, yaml.CSafeLoader], ids=["zensical", "mkdocs"])
def test_front_matter_reads_back_to_the_view(loader):
    # Both engines' YAML readers (Zensical: PyYAML's SafeLoader, MkDocs: CSafeLoader) get back every
    # string as prepared, including characters YAML would fold or refuse.
    tricky = "a\u2028b\u2029c\x85d\x7fe \"q\" \\ --- ... <b>&amp;</b> 한국어 ไทย 😀"
    view = {"text": tricky, "list": [{"url": None}], "day": datetime.date(2026, 1, 2)}
    spec = PageSpec("x.md", "record.html", tricky, view=view)
    text = page_text(spec)
    assert text.count("\n") == 5  # four lines of front matter between its fences: none broken
    meta = yaml.load(text.split("---\n")[1], Loader=loader)
    assert meta["view"] == {"text": tricky, "list": [{"url": None}], "day": "2026-01-02"}  # as printed
    assert meta["template"] == "record.html"


def test_body_is_converted_with_the_sites_markdown_extensions():
    # Record bodies no longer go through the engine's Markdown: they must come out as it would make them.
    from mkdocs.utils import yaml_load

    with open(REPO / "mkdocs.yml", encoding="utf-8") as config:
        declared = yaml_load(config)["markdown_extensions"]
    assert [{k: v} if v else k for k, v in BODY_EXTENSIONS.items()] == declared


def wait_for(check, seconds: float = 30) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if check():
            return True
        time.sleep(0.2)
    return False


def test_pages_watch_writes_again_when_a_record_changes(tmp_path):
    # `make serve-zensical`: `akmn pages --watch` rewrites the page of a saved record (zensical
    # serve then shows it), reports a content problem with the validator's line and keeps the
    # last good pages, and picks up the fix.
    root = make_project(tmp_path / "project")
    record, written = root / "content/experts/fixture-kim.md", root / "out/experts/fixture-kim.md"
    args = [sys.executable, "-m", "akmn", "pages", "--out", "out", "--watch"]
    watcher = subprocess.Popen(args, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "AKMN_TODAY": "2026-11-26"})
    try:
        assert wait_for(lambda: written.exists()), "the first write did not happen"
        time.sleep(1)  # the watcher starts after the first write
        record.write_text(record.read_text().replace("Example University", "Watched University"))
        assert wait_for(lambda: "Watched University" in written.read_text()), "the change was not written"
        record.write_text(record.read_text().replace("type: academe", "type: academia"))
        time.sleep(3)
        assert "Watched University" in written.read_text()  # the last good page stays
        record.write_text(record.read_text().replace("academia", "academe").replace("Watched", "Fixed"))
        assert wait_for(lambda: "Fixed University" in written.read_text()), "the fix was not written"
    finally:
        watcher.terminate()
        _, stderr = watcher.communicate(timeout=30)
    assert ("content/experts/fixture-kim.md:5: organisation_type: unknown organisation type 'academia'"
            in stderr)
    assert "Traceback" not in stderr


def test_korean_edition_has_the_korean_nav_alone(sites):
    # Zensical's own INHERIT appends lists: the Korean nav would follow the English one. `akmn
    # pages --write-config` resolves mkdocs.ko.yml as MkDocs does, so the tabs are the same.
    tabs = {engine: re.findall(r'<li class="md-tabs__item[^"]*">\s*<a [^>]*>\s*([^<]*?)\s*</a>',
                               page(sites[engine] / "ko", "")) for engine in sites}
    assert tabs["zensical"] == tabs["mkdocs"] and tabs["zensical"][:2] == ["홈", "전문가"]
