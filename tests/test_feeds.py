"""The Korean edition's feeds and search data name the schema's kinds and taxonomies in Korean:
every name comes from one translated accessor (Kind.shown_*, Taxonomy.shown_*)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from akmn import i18n
from akmn.cite import Site
from akmn.feeds import feed_paths, feed_xml
from akmn.pipeline import run
from akmn.schema import KINDS, TAXONOMIES

ATOM = "{http://www.w3.org/2005/Atom}"
KOREAN = i18n.catalog("ko")


@pytest.fixture
def korean():
    i18n.use("ko")
    yield
    i18n.use(i18n.SOURCE)


def feed_title(site: Path, path: str) -> str:
    return ET.parse(site / path).getroot().find(f"{ATOM}title").text


@pytest.mark.parametrize("kind", list(KINDS))
def test_korean_feed_titles_name_the_kind_in_korean(fixture_site, kind):
    name = feed_title(fixture_site, feed_paths()[kind]).split(": ", 1)[1]
    korean = feed_title(fixture_site / "ko", feed_paths()[kind]).split(": ", 1)[1]
    assert name == KINDS[kind].plural
    assert korean == KOREAN.gettext(KINDS[kind].plural) and i18n.script_lang(korean) == "ko"


def test_a_feed_entry_without_text_is_summarised_by_its_kind_in_the_edition_language(site_tree, korean):
    meeting = site_tree / "content/meetings/iem-1.md"
    front = meeting.read_text(encoding="utf-8").split("\n---\n", 1)[0]
    meeting.write_text(front + "\n---\n", encoding="utf-8")  # a held meeting with no report yet
    graph = run(site_tree).graph
    feed = ET.fromstring(feed_xml(graph, {}, Site(), "meeting", lambda kind, record_id: record_id))
    entry = next(e for e in feed.iter(f"{ATOM}entry") if e.find(f"{ATOM}title").text == "iem-1")
    summary = entry.find(f"{ATOM}summary").text
    assert summary == KOREAN.gettext(KINDS["meeting"].title) and i18n.script_lang(summary) == "ko"


TYPE = re.compile(r'<span data-pagefind-meta="type">([^<]*)</span>')


@pytest.mark.parametrize("name", [t.name for t in TAXONOMIES.values() if t.folder])
def test_search_names_a_topic_page_type_in_the_edition_language(fixture_site, name):
    """A topic page tells the search which taxonomy it belongs to (the result's line shows it)."""
    folder = fixture_site / TAXONOMIES[name].folder
    pages = [p for p in folder.glob("*/index.html")]
    assert pages, f"the fixture has no {name} pages"
    for page in pages:
        korean = (fixture_site / "ko" / page.relative_to(fixture_site)).read_text(encoding="utf-8")
        assert TYPE.findall(page.read_text(encoding="utf-8")) == [TAXONOMIES[name].singular]
        assert TYPE.findall(korean) == [KOREAN.gettext(TAXONOMIES[name].singular)]
        assert i18n.script_lang(TYPE.findall(korean)[0]) == "ko"
