"""The rules the content keeps, whatever it holds: what the knowledge base promises its readers.

These check rules, never today's list of records, their number or the current date, so every
valid contribution passes. They run on the repository, or on the project folder named by
AKMN_CONTENT_ROOT: tests/test_contribution.py runs them on a copy with new records."""

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from akmn.fields import IN_SCOPE
from akmn.pipeline import run
from akmn.schema import PROGRAM
from helpers import REPO

ROOT = Path(os.environ.get("AKMN_CONTENT_ROOT") or REPO)
PROGRAMS = {f"program-{n}" for n in range(1, PROGRAM.fields.fields["number"].maximum + 1)}


@pytest.fixture(scope="module")
def content():
    result = run(ROOT, linked=False)
    assert [p.text() for p in result.problems] == []
    return result.content.records


def records(content, kind):
    return sorted(content.get(kind, {}).items())


def test_every_in_scope_country_has_a_profile(content):
    missing = {code.lower() for code in IN_SCOPE} - set(content["country"])
    assert not missing, f"no profile in content/countries/ for {sorted(missing)}"


def test_each_program_is_present(content):
    missing = PROGRAMS - set(content["program"])
    assert not missing, f"no record in content/programs/ for {sorted(missing)}"


def test_every_figure_has_source_and_year(content):
    for code, record in records(content, "country"):
        for figure in record.data.get("figures") or []:
            assert str(figure.get("source") or "").strip(), (code, figure)
            assert isinstance(figure.get("year"), int), (code, figure)


def test_every_profile_and_practice_cites_sources(content):
    for kind in ("country", "practice"):
        for record_id, record in records(content, kind):
            assert record.data.get("sources"), (kind, record_id)


def test_policies_carry_a_year(content):
    for code, record in records(content, "country"):
        for policy in record.data.get("policies") or []:
            assert isinstance(policy.get("year"), int), (code, policy.get("title"))


def test_real_experts_have_consent(content):
    for record_id, record in records(content, "expert"):
        if record.data.get("example") is not True:
            consent = record.data.get("consent") or {}
            assert consent.get("public_profile") is True and consent.get("date"), record_id


# A web or mail address anywhere in a record's text.
ADDRESS = re.compile(r"https?://[^\s<>()\[\]\"']+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def addresses(value) -> list[str]:
    """Every address in a record's fields, however deeply nested (a new field is covered too)."""
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return [address for item in value for address in addresses(item)]
    return ADDRESS.findall(value) if isinstance(value, str) else []


def host(address: str) -> str | None:
    return urlsplit(address).hostname if "://" in address else address.rpartition("@")[2].lower()


def test_example_records_use_example_addresses(content):
    # A made-up person must not point at a real mailbox or page: only the reserved example.org
    # (RFC 2606), compared by host, so https://example.org.real-site.net does not pass.
    for kind in content:
        for _, record in records(content, kind):
            if record.data.get("example") is True:
                for address in addresses([record.data, record.body]):
                    assert host(address) == "example.org", (record.path, address)


def test_planned_meetings_invent_no_date_or_outcomes(content):
    # What a meeting decided is known only once it was held.
    for record_id, record in records(content, "meeting"):
        if record.data["status"] == "planned":
            invented = {"date", "outcomes", "recommendations"} & set(record.data)
            assert not invented, (record_id, invented)
        else:
            assert record.data.get("date"), record_id


def test_records_linked_from_contributing_exist():
    # The guide tells contributors which records to copy: those links must not break.
    guide = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    linked = re.findall(r"\]\((content/[^)#]+)\)", guide)
    assert linked
    for path in linked:
        assert (REPO / path).is_file(), path
