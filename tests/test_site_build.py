"""The site built from fixtures, read as HTML: pages, fields, backlinks, facets, safety,
publish mode, strictness and reproducibility."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from helpers import FIXTURES, build_site, make_project
from hostile import FILES as HOSTILE_FILES


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def links(site: Path, url: str) -> set[str]:
    """The site paths a page links to, resolved against the page's own URL."""
    base = f"/{url}/"
    return {urlsplit(urljoin(base, href)).path for href in re.findall(r'href="([^"]+)"', page(site, url))}


def pagefind_index(site: Path) -> dict[str, dict]:
    """URL -> what Pagefind indexed for it. Written by hand: Pagefind reads its index only in its
    browser script; a fragment is gzip'd JSON behind the signature `pagefind_dcd`."""
    fragments = {}
    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        raw = gzip.decompress(path.read_bytes())
        assert raw.startswith(b"pagefind_dcd"), path
        fragment = json.loads(raw.removeprefix(b"pagefind_dcd"))
        fragments[fragment["url"]] = fragment
    return fragments


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


RECORD_PAGES = ["experts/fixture-kim", "experts/fixture-sample", "countries/ph", "countries/kr",
                "meetings/iem-1", "practices/fixture-return", "programs/program-1", "programs/program-3"]


@pytest.mark.parametrize("url", RECORD_PAGES)
def test_every_record_has_its_page(fixture_site, url):
    html = page(fixture_site, url)
    assert "data-pagefind-body" in html
    assert 'data-pagefind-filter="kind"' in html


def test_expert_page_shows_structured_fields(fixture_site):
    text = text_of(page(fixture_site, "experts/fixture-kim"))
    for expected in ("Fixture Kim", "Professor, Example University", "Academe", "Republic of Korea",
                     "Labour migration", "Brain circulation", "Korean", "English",
                     "International Experts Meetings", "1st International Experts Meeting", "kim@example.org",
                     "김 교수는 이주 노동을 연구한다"):
        assert expected in text, expected


def test_email_only_when_public(fixture_site):
    assert "dara@example.org" not in page(fixture_site, "experts/fixture-sample")
    data = {e["id"]: e for e in json.loads((fixture_site / "data/expert.json").read_text())}
    assert "email" not in data["fixture-sample"]
    assert data["fixture-kim"]["email"] == "kim@example.org"


def test_country_page_shows_domains_figures_and_sources(fixture_site):
    html = page(fixture_site, "countries/ph")
    text = text_of(html)
    for expected in ("Philippines", "Department of Migrant Workers", "Department of Migrant Workers Act",
                     "2021", "Whole-of-government", "Fully meets", "Partially meets",
                     "Partially disaggregated", "Fixture stock", "1,234.5 persons", "2020", "Fixture source",
                     "Last reviewed", "2026-11-25", "Labour migration", "Large numbers of workers go abroad"):
        assert expected in text, expected
    assert 'class="akmn-level akmn-level--fully-meets"' in html


def test_country_without_domains_says_so(fixture_site):
    kr = text_of(page(fixture_site, "countries/kr"))
    assert "No SDG 10.7.2 assessment is recorded for this country" in kr


def test_meeting_page_shows_objectives_participants_recommendations(fixture_site):
    text = text_of(page(fixture_site, "meetings/iem-1"))
    for expected in ("Outline the migration-related SDG targets.", "Fixture Kim", "A fixture outcome.",
                     "Improve data on migratory status.", "SDG 17.18", "Fixture report", "Seoul"):
        assert expected in text, expected
    html = page(fixture_site, "meetings/iem-1")
    location = html.split("<dt>Location</dt>")[1].split("</dd>")[0]
    assert '<a href="../../countries/kr/">Republic of Korea</a>' in location
    recommendations = html.split('id="recommendations"')[1]
    assert '<a href="../../countries/ph/">Philippines</a>' in recommendations


def test_practice_page_shows_period_outcomes_sources_transferability(fixture_site):
    text = text_of(page(fixture_site, "practices/fixture-return"))
    for expected in ("Fixture Agency", "2008–2015", "Ended", "Fixture outcome.", "Could be adapted.",
                     "Fixture source", "Pilot Program for Implementing Brain Circulation"):
        assert expected in text, expected


def test_backlinks(fixture_site):
    expert = page(fixture_site, "experts/fixture-kim")
    assert 'href="../../meetings/iem-1/"' in expert.split("Referred to by")[1]
    assert 'href="../../practices/fixture-return/"' in expert.split("Referred to by")[1]
    country = page(fixture_site, "countries/ph")
    related = country.split("Related records")[1]
    assert 'href="../../practices/fixture-return/"' in related
    assert "Improve data on migratory status." in related
    program = page(fixture_site, "programs/program-1")
    assert 'href="../../meetings/iem-1/"' in program.split("Referred to by")[1]


def test_facet_filters_on_record_pages(fixture_site):
    html = page(fixture_site, "practices/fixture-return")
    filters = set(re.findall(r'data-pagefind-filter="([^"]+)">([^<]+)<', html))
    assert {("kind", "Best practice"), ("country", "Republic of Korea"), ("country", "Philippines"),
            ("theme", "Return and reintegration"), ("SDG target", "SDG 10.7"),
            ("migration type", "Labour migration"),
            ("program", "Pilot Program for Implementing Brain Circulation")} <= filters
    expert = set(re.findall(r'data-pagefind-filter="([^"]+)">([^<]+)<',
                            page(fixture_site, "experts/fixture-kim")))
    assert ("organisation type", "Academe") in expert


def test_index_topic_and_comparison_pages(fixture_site):
    assert {"/experts/fixture-kim/", "/experts/fixture-sample/"} <= links(fixture_site, "experts")
    theme = text_of(page(fixture_site, "themes/brain-circulation"))
    assert "Fixture Kim" in theme and "Fixture return programme" in theme
    sdg = text_of(page(fixture_site, "sdg/17-18"))
    assert "1st International Experts Meeting" in sdg
    compare = page(fixture_site, "countries/compare")
    assessed, folded = compare.split('id="akmn-sdg-10-7-2"')[1].split("<details", 1)
    assert "Philippines" in text_of(assessed) and "Fully meets" in text_of(assessed)
    assert "Republic of Korea" not in text_of(assessed) and "Republic of Korea" in text_of(folded)
    home = page(fixture_site, ".")
    assert "Program 1: International Experts Meetings" in text_of(home)


def test_record_pages_are_not_in_the_nav(fixture_site):
    home = page(fixture_site, ".")
    assert "fixture-kim" not in home.split('class="md-content"')[0]


@pytest.mark.parametrize("url", ["experts/fixture-kim", "countries/ph", "themes/brain-circulation",
                                 "sdg/10-7", "practices/fixture-return", "countries/compare"])
def test_tabs_and_nav_lead_where_the_home_page_leads(fixture_site, url):
    """Pages outside the nav share their tabs and nav per folder (akmn_cache): from any page
    they lead to the same pages as from the home page."""
    def targets(at: str) -> list[str]:
        html = page(fixture_site, at)
        base = "/" if at == "." else f"/{at}/"
        return [urlsplit(urljoin(base, href)).path
                for href in re.findall(r'<a href="([^"#]*)"[^>]*class="md-(?:tabs|nav)__link', html)]

    assert targets(url) == targets(".")


def test_example_badge_in_local_build(fixture_site):
    assert 'class="akmn-badge"' in page(fixture_site, "experts/fixture-sample")
    assert 'class="akmn-badge"' not in page(fixture_site, "experts/fixture-kim")


def test_open_data_and_schemas(fixture_site):
    for kind in ("expert", "country", "meeting", "practice", "program"):
        rows = json.loads((fixture_site / f"data/{kind}.json").read_text())
        assert rows and all("id" in r for r in rows)
        assert (fixture_site / f"data/{kind}.csv").read_text().startswith("id,")
        json.loads((fixture_site / f"schema/{kind}.schema.json").read_text())
    assert "consent" not in (fixture_site / "data/expert.json").read_text()
    assert 'href="../data/expert.csv"' in page(fixture_site, "data")


def test_pagefind_index_written(fixture_site):
    assert (fixture_site / "pagefind/pagefind.js").exists()
    assert (fixture_site / "pagefind/pagefind-entry.json").exists()


def test_publish_build_leaves_examples_out_everywhere(published_site):
    assert not (published_site / "experts/fixture-sample").exists()
    everything = "".join(p.read_text(encoding="utf-8", errors="ignore")
                         for p in published_site.rglob("*") if p.suffix in (".html", ".json", ".csv", ".xml"))
    assert "Dara Sample" not in everything and "fixture-sample" not in everything
    assert "Fixture Kim" in everything
    # Pagefind's fragments are compressed, so the search index is read on its own.
    indexed = pagefind_index(published_site)
    assert "/experts/fixture-kim/" in indexed
    assert not [url for url, fragment in indexed.items()
                if "fixture-sample" in url or "Dara Sample" in json.dumps(fragment, ensure_ascii=False)]


def test_local_search_index_holds_examples(fixture_site):
    # The other side of the publish check: the reader of the index does see an example record.
    indexed = pagefind_index(fixture_site)
    assert indexed["/experts/fixture-sample/"]["meta"]["title"] == "Dara Sample"


def test_broken_content_fails_build_with_path_line_and_writes_nothing(tmp_path):
    root = make_project(tmp_path / "project")
    path = root / "content/experts/fixture-kim.md"
    path.write_text(path.read_text().replace("organisation_type: academe", "organisation_type: academia"))
    result = build_site(root)
    assert result.returncode == 1
    assert "content/experts/fixture-kim.md:5: organisation_type: unknown organisation type 'academia' " \
           "(did you mean 'academe'?)" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (root / "site").exists()


def test_hostile_content_is_sanitised(tmp_path):
    root = make_project(tmp_path / "project", files=HOSTILE_FILES)
    result = build_site(root)
    assert result.returncode == 0, result.stderr
    for url in ("experts/mallory", "practices/hostile", "experts", "practices", "themes/migration-data",
                "programs/program-3", "themes", "programs"):
        html = page(root / "site", url)
        assert "<script>alert" not in html, url
        assert not re.search(r"<[^>]+\son\w+\s*=",
                             html.split("</header>", 1)[1] if "</header>" in html else html), url
        assert "javascript:" not in html, url
        assert "<iframe" not in html, url
    mallory = page(root / "site", "experts/mallory")
    assert "&lt;script&gt;alert(&#39;affiliation&#39;)&lt;/script&gt;Evil Corp" in mallory


def digest(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


# Documented exceptions (README, "Reproducible builds"): sitemap.xml.gz embeds the gzip time
# stamp, and Pagefind writes its index chunks in a different order on each run. Every HTML
# page, stylesheet and open-data file must be identical.
def is_exception(path: str) -> bool:
    path = path.removeprefix("ko/")  # the Korean edition has the same two exceptions
    return path == "sitemap.xml.gz" or path.startswith("pagefind/")


def test_two_builds_are_identical(tmp_path):
    sites = []
    for name in ("one", "two"):
        root = make_project(tmp_path / name)
        assert build_site(root).returncode == 0
        sites.append(digest(root / "site"))
    differing = {k for k in sites[0].keys() | sites[1].keys() if sites[0].get(k) != sites[1].get(k)}
    assert not [p for p in differing if not is_exception(p)], sorted(differing)
    assert any(p.endswith(".html") for p in sites[0])


def test_uploads_in_a_body_load_on_a_site_below_a_path(tmp_path):
    # The web editor saves an uploaded image as docs/assets/uploads/<file> and writes it into the
    # text from the site's root; GitHub Pages serves a fork's site below /REPO/.
    kim = (FIXTURES / "valid/content/experts/fixture-kim.md").read_text(encoding="utf-8")
    body = ("\n![Portrait](/assets/uploads/kim.jpg) [Report](/assets/uploads/report.pdf) "
            "[Out](https://example.org/)\n")
    root = make_project(tmp_path / "project", files={"content/experts/fixture-kim.md": kim + body})
    assert build_site(root).returncode == 0
    for edition in ("", "ko/"):
        base = f"https://owner.github.io/repo/{edition}experts/fixture-kim/"
        html = page(root / "site", f"{edition}experts/fixture-kim")
        found = {urljoin(base, u) for u in re.findall(r'(?:src|href)="([^"]*/uploads/[^"]*)"', html)}
        assert found == {f"https://owner.github.io/repo/{edition}assets/uploads/kim.jpg",
                         f"https://owner.github.io/repo/{edition}assets/uploads/report.pdf"}
        assert 'href="https://example.org/"' in html
