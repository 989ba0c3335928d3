"""What a reader, a sharing card, a reference manager and a feed reader get from the built
site: meta tags, titles, citations (CSL-JSON and BibTeX), the licence, Atom feeds, edit links,
and no maintainers' pages. Sites are built from the fixture tree (conftest's `fixture_site`,
without site_url) and once more as the deploy builds it (site_url, repo_url and a licence set).
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import bibtexparser
import pytest

from akmn.cite import Citation, Site
from akmn.feeds import feed_links
from akmn.site import read_settings
from helpers import REPO, build_site, make_project

SITE_URL = "https://example.github.io/akmn/"
REPO_URL = "https://github.com/example/akmn"
ATOM = "{http://www.w3.org/2005/Atom}"
RECORDS = ["experts/fixture-kim/", "countries/ph/", "meetings/iem-1/", "practices/fixture-return/",
           "programs/program-1/"]


@pytest.fixture(scope="module")
def deployed_site(tmp_path_factory) -> Path:
    """The fixture tree built as the deploy workflow builds it, with another licence configured."""
    root = make_project(tmp_path_factory.mktemp("deployed") / "project")
    (root / "mkdocs.yml").unlink()
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("name: CC BY 4.0\n", "name: CC BY-SA 4.0\n").replace(
        "url: https://creativecommons.org/licenses/by/4.0/", "url: https://creativecommons.org/licenses/by-sa/4.0/")
    assert "CC BY-SA 4.0" in config, "the licence setting moved: update this test"
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = build_site(root, env={"AKMN_SITE_URL": SITE_URL, "AKMN_REPO_URL": REPO_URL})
    assert result.returncode == 0, result.stderr
    return root / "site"


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def meta(text: str, attr: str, name: str) -> str | None:
    found = re.search(rf'<meta {attr}="{re.escape(name)}" content="([^"]*)"', text)
    return html.unescape(found.group(1)) if found else None


def h1(text: str) -> str:
    return html.unescape(re.search(r"<h1[^>]*>(.*?)</h1>", text, re.S).group(1).strip())


# --- every page: description, canonical, sharing cards, titles -------------------------------------


@pytest.mark.parametrize("path", RECORDS)
def test_record_pages_carry_canonical_description_and_sharing_tags(deployed_site, path):
    text = page(deployed_site, path)
    assert f'<link rel="canonical" href="{SITE_URL}{path}">' in text
    description = meta(text, "name", "description")
    site_description = "Knowledge base of the ASEAN-Korea Migration Network"
    assert description and not description.startswith(site_description), "the record's own summary"
    assert meta(text, "property", "og:description") == description
    assert meta(text, "name", "twitter:description") == description
    assert meta(text, "property", "og:title") == h1(text)
    assert meta(text, "property", "og:url") == SITE_URL + path
    assert meta(text, "property", "og:site_name") == "ASEAN-Korea Migration Network"
    assert meta(text, "property", "og:image") == SITE_URL + "assets/og-image.png"
    assert (deployed_site / "assets/og-image.png").read_bytes().startswith(b"\x89PNG")
    assert meta(text, "name", "twitter:card") == "summary_large_image"


def test_descriptions_differ_from_page_to_page(deployed_site):
    descriptions = [meta(page(deployed_site, p), "name", "description") for p in RECORDS]
    assert len(set(descriptions)) == len(descriptions)


def test_without_site_url_no_canonical_and_no_relative_og_url(fixture_site):
    text = page(fixture_site, "countries/ph/")
    assert 'rel="canonical"' not in text and "og:url" not in text and "og:image" not in text
    assert meta(text, "property", "og:title") == "Philippines"


def test_topic_page_titles_fit_in_70_characters(deployed_site):
    for path in (deployed_site / "sdg").glob("*/index.html"):
        title = html.unescape(re.search(r"<title>(.*?)</title>", path.read_text(encoding="utf-8")).group(1))
        assert len(title) <= 70, title
        assert re.match(r"SDG \d+\.\w+: ", title), title


def test_sdg_page_keeps_the_official_target_text(fixture_site):
    text = page(fixture_site, "sdg/10-7")
    assert "Facilitate orderly, safe, regular and responsible migration" in text
    assert h1(text) == "SDG 10.7: Safe, orderly and regular migration"


def test_logo_and_favicon_are_our_wordmark(fixture_site):
    text = page(fixture_site, "")
    assert 'rel="icon" href="assets/favicon.svg"' in text
    assert "assets/logo.svg" in text
    for name in ("logo.svg", "favicon.svg"):
        assert ">AK" in (fixture_site / "assets" / name).read_text(encoding="utf-8")


# --- how to cite ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", RECORDS)
def test_csl_json_and_bibtex_parse_and_agree_with_the_page(deployed_site, path):
    text = page(deployed_site, path)
    block = re.search(r'<section id="how-to-cite".*?</section>', text, re.S).group(0)
    csl_href, bib_href = re.findall(r'href="([^"]+\.(?:json|bib))" download', block)
    base = deployed_site / path
    csl = json.loads((base / csl_href).resolve().read_text(encoding="utf-8"))
    library = bibtexparser.parse_string((base / bib_href).resolve().read_text(encoding="utf-8"))
    assert library.failed_blocks == [] and len(library.entries) == 1
    bib = {field.key: field.value for field in library.entries[0].fields}
    title = h1(text)
    assert csl[0]["title"] == title and csl[0]["URL"] == SITE_URL + path and csl[0]["type"] == "webpage"
    assert bib["title"] == title and bib["url"] == SITE_URL + path
    assert "CC BY-SA 4.0" in csl[0]["license"] and "CC BY-SA 4.0" in bib["note"]
    shown = html.unescape(re.sub(r"<[^>]+>", "", block))
    assert title in shown and SITE_URL + path in shown and "Accessed" in shown
    if "issued" in csl[0]:
        day = dt.date(*csl[0]["issued"]["date-parts"][0]).isoformat()
        assert f"Last reviewed {day}" in shown and bib["date"] == day


def test_bibtex_escapes_what_latex_would_read_as_commands():
    title = r"Migrants & remittances: 50% {up} #1 under_score \ ~ ^ $"
    text = Citation("akmn-x", title, "https://example.org/a_b/", dt.date(2026, 1, 2), Site()).bibtex()
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == []
    fields = {f.key: f.value for f in library.entries[0].fields}
    assert fields["title"] == (r"Migrants \& remittances: 50\% \{up\} \#1 under\_score \textbackslash{} "
                               r"\textasciitilde{} \textasciicircum{} \$")
    assert fields["url"] == "https://example.org/a_b/"


# --- licence and the data page -------------------------------------------------------------------


def test_licence_in_footer_data_page_and_downloads(fixture_site, deployed_site):
    assert "creativecommons.org/licenses/by/4.0/" in page(fixture_site, "experts/")  # the default
    for path in ("", "countries/ph/", "data/"):
        assert 'rel="license">CC BY-SA 4.0</a>' in page(deployed_site, path)
    licence = (deployed_site / "data/LICENSE.txt").read_text(encoding="utf-8")
    assert "CC BY-SA 4.0" in licence and "https://creativecommons.org/licenses/by-sa/4.0/" in licence
    assert "How to cite" in licence


def test_data_page_gives_citation_build_date_and_true_file_sizes(fixture_site):
    text = page(fixture_site, "data")
    assert "How to cite the data" in text and "built on 2026-11-26" in text
    sizes = re.findall(r'href="\.\./data/([\w.-]+)">[^<]+</a>\s*<span class="akmn-size">\s*\(([^)]+)\)', text)
    assert len(sizes) >= 10
    for name, shown in sizes:
        size = (fixture_site / "data" / name).stat().st_size
        expected = f"{size} bytes" if size < 1000 else f"{size / 1000:.1f} kB"
        assert shown == expected, name


# --- feeds ---------------------------------------------------------------------------------------


def atom(site: Path, name: str) -> ET.Element:
    root = ET.parse(site / "feeds" / name).getroot()
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{required}") is not None, required
    return root


def test_feeds_are_atom_with_dated_entries_linked_from_every_page(deployed_site):
    text = page(deployed_site, "about")
    linked = re.findall(r'<link rel="alternate feed" type="application/atom\+xml" title="[^"]+" '
                        r'href="([^"]+)">', text)
    assert "../feeds/all.xml" in linked and "../feeds/countries.xml" in linked
    everything = atom(deployed_site, "all.xml")
    entries = everything.findall(f"{ATOM}entry")
    assert entries, "the fixture's country profiles and held meetings have dates"
    days = [e.find(f"{ATOM}updated").text for e in entries]
    assert days == sorted(days, reverse=True)
    assert everything.find(f"{ATOM}updated").text == days[0]
    for entry in entries:
        href = entry.find(f"{ATOM}link").get("href")
        assert href.startswith(SITE_URL) and entry.find(f"{ATOM}id").text == href
        assert (deployed_site / href.removeprefix(SITE_URL) / "index.html").is_file()
    countries = atom(deployed_site, "countries.xml").findall(f"{ATOM}entry")
    assert countries and all("/countries/" in e.find(f"{ATOM}link").get("href") for e in countries)


def test_the_feeds_every_page_links_to_are_the_feeds_written():
    # mkdocs.yml lists them as a plain setting, which MkDocs and Zensical both give the head of
    # every page; akmn.feeds writes them.
    assert read_settings(REPO).extra["feeds"] == feed_links()


def test_a_profile_is_dated_by_its_last_review(fixture_site):
    reviewed = re.search(r"last_reviewed: (\S+)", (REPO / "tests/fixtures/valid/content/countries/ph.md")
                         .read_text(encoding="utf-8")).group(1)
    entries = atom(fixture_site, "countries.xml").findall(f"{ATOM}entry")
    ph = next(e for e in entries if e.find(f"{ATOM}link").get("href").endswith("/countries/ph/"))
    assert ph.find(f"{ATOM}updated").text.startswith(reviewed)
    assert ph.find(f"{ATOM}id").text.startswith("tag:")  # no site_url: still an absolute IRI


# --- for contributors ----------------------------------------------------------------------------


def test_edit_links_to_github_and_the_web_editor(fixture_site, deployed_site):
    text = page(deployed_site, "practices/fixture-return")
    assert f'href="{REPO_URL}/edit/main/content/practices/fixture-return.md"' in text
    assert 'href="../../admin/#/collections/practices/entries/fixture-return"' in text
    local = page(fixture_site, "practices/fixture-return")
    assert "edit/main" not in local and "content/practices/fixture-return.md" in local


def test_country_pages_have_contents_that_link_to_their_sections(fixture_site):
    text = page(fixture_site, "countries/ph")
    toc = re.search(r'<nav class="akmn-toc".*?</nav>', text, re.S).group(0)
    targets = re.findall(r'href="#([^"]+)"', toc)
    assert len(targets) >= 4 and "how-to-cite" in targets
    for target in targets:
        assert f'id="{target}"' in text, target


def test_maintainers_pages_are_not_published(fixture_site):
    assert (REPO / "docs/dev/benchmark.md").is_file() and (REPO / "docs/dev/scale.md").is_file()
    assert not (fixture_site / "dev").exists() and not (fixture_site / "benchmark").exists()
    assert "benchmark" not in page(fixture_site, "about").lower()
