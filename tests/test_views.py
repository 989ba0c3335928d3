"""The views: one builder per kind, facets from the schema, and the URL rule MkDocs sets."""

from __future__ import annotations

from pathlib import Path

import pytest

from akmn.names import country_name
from akmn.pipeline import run
from akmn.render import Renderer
from akmn.schema import KINDS
from akmn.views.base import noted, sourced, table, v
from akmn.views.records import INDEX_ROWS, RECORD_VIEWS

VALID = Path(__file__).resolve().parent / "fixtures" / "valid"


@pytest.fixture(scope="module")
def result():
    found = run(VALID, False)
    assert not found.problems
    return found


def test_every_kind_has_its_views():
    # Explicit dispatch: a kind added to the schema without its page and list row fails here.
    assert set(RECORD_VIEWS) == set(KINDS) == set(INDEX_ROWS)


def test_pages_need_directory_urls(result):
    with pytest.raises(ValueError, match="use_directory_urls must be true"):
        Renderer(result.content, result.graph, False, directory_urls=False)


def test_facets_follow_the_schema(result):
    renderer = Renderer(result.content, result.graph, False)
    meeting = result.graph.records["meeting"]["iem-1"]
    filters = {(f["name"], str(f["value"])) for f in renderer.record_page(meeting).view.filters}
    # The in-scope Country fields the schema walk finds (its recommendations' countries) are the facets.
    recommended = {country_name(c) for r in meeting.data["recommendations"] for c in r.get("countries") or []}
    assert recommended, "the fixture meeting's recommendations name countries"
    assert {value for name, value in filters if name == "country"} == recommended
    assert ("kind", KINDS["meeting"].title) in filters
    assert any(name == "SDG target" and value.startswith("SDG ") for name, value in filters)


def _source_notes(urls: list[str | None]) -> dict:
    rows = [[v(f"Country {i}"), v(i), sourced("Same publisher, same dataset", url)]
            for i, url in enumerate(urls)]
    return noted(table(["Country", "Value", "Source"], rows), "t")


def test_a_shared_source_is_linked_only_when_every_row_gives_that_link():
    same = _source_notes(["https://data.example/a", "https://data.example/a"])
    assert str(same["source"]["source"]["url"]) == "https://data.example/a" and same["source"]["links"] == []
    # one row's link must not be credited to the row that gave none: it stays that row's
    mixed = _source_notes(["https://data.example/a", None])
    note = mixed["source"]
    assert note["source"]["url"] is None
    assert [(str(link["text"]), str(link["url"])) for link in note["links"]] == [("Country 0", "https://data.example/a")]
    none = _source_notes([None, ""])
    assert none["source"]["source"]["url"] is None and none["source"]["links"] == []
