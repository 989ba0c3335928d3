"""The repository's own content: what the knowledge base promises its readers."""

from pathlib import Path

import pytest

from akmn.load import load_content
from conftest import REPO

SCOPE = {"bn", "kh", "id", "la", "my", "mm", "ph", "sg", "th", "tl", "vn", "kr"}


@pytest.fixture(scope="module")
def content():
    loaded = load_content(REPO)
    assert loaded.problems == []
    return loaded.records


def test_counts(content):
    assert set(content["country"]) == SCOPE
    assert set(content["program"]) == {"program-1", "program-2", "program-3"}
    assert set(content["meeting"]) == {"iem-1", "iem-2"}
    assert len(content["practice"]) >= 10
    assert 6 <= len(content["expert"]) <= 10


def test_every_figure_has_source_and_year(content):
    figures = [(code, f) for code, r in content["country"].items() for f in r.data.get("figures") or []]
    assert len(figures) >= 24
    for code, figure in figures:
        assert figure.get("source", "").strip(), (code, figure)
        assert isinstance(figure.get("year"), int), (code, figure)


def test_every_profile_and_practice_cites_sources(content):
    for kind in ("country", "practice"):
        for record_id, record in content[kind].items():
            assert record.data.get("sources"), (kind, record_id)


def test_experts_are_fictional_examples(content):
    for record_id, record in content["expert"].items():
        assert record.data.get("example") is True, record_id
        if record.data.get("email"):
            assert record.data["email"].endswith("@example.org"), record_id
        for link in record.data.get("links") or []:
            assert link["url"].startswith("https://example.org"), record_id


def test_meetings_invent_no_dates_or_outcomes(content):
    for record_id, record in content["meeting"].items():
        assert record.data["status"] == "planned", record_id
        assert "date" not in record.data and "outcomes" not in record.data, record_id


def test_policies_carry_year_and_every_profile_was_reviewed(content):
    for code, record in content["country"].items():
        assert record.data["last_reviewed"].year >= 2026, code
        for policy in record.data.get("policies") or []:
            assert isinstance(policy["year"], int), (code, policy["title"])


def test_examples_are_linked_from_contributing():
    guide = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for kind in ("experts", "countries", "meetings", "practices", "programs"):
        assert f"content/{kind}/" in guide
    assert Path(REPO / "content").is_dir()
