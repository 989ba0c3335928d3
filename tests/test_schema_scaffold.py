"""The exported JSON Schemas agree with the validator, and `akmn new` writes records that
validate once their placeholders are filled."""

import json

import jsonschema
import pytest
import yaml

from akmn.load import load_content
from akmn.schema import KINDS
from helpers import FIXTURES, REPO, run_cli


def front_matter_as_json(record) -> dict:
    # JSON Schema sees what an editor sees: dates as YYYY-MM-DD strings.
    return json.loads(json.dumps(record.data, default=lambda v: v.isoformat()))


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    out = tmp_path_factory.mktemp("schema")
    result = run_cli("schema", "--out", str(out), "--root", str(FIXTURES / "valid"))
    assert result.code == 0, result.stderr
    return {p.name: json.loads(p.read_text()) for p in out.glob("*.json")}


def test_one_schema_per_kind_and_taxonomy(exported):
    assert set(exported) == {f"{k}.schema.json" for k in KINDS} | {
        f"taxonomy-{t}.schema.json" for t in ("themes", "migration-types", "organisation-types",
                                              "sdg-targets", "indicators")}
    for schema in exported.values():
        jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("root", [FIXTURES / "valid", REPO], ids=["fixtures", "repository"])
def test_exported_schema_accepts_every_valid_record(tmp_path, root):
    assert run_cli("schema", "--out", str(tmp_path), "--root", str(root)).code == 0
    content = load_content(root)
    assert sum(map(len, content.records.values())) > 0
    for kind, records in content.records.items():
        schema = json.loads((tmp_path / f"{kind}.schema.json").read_text())
        validator = jsonschema.Draft202012Validator(schema)
        for record in records.values():
            errors = [e.message for e in validator.iter_errors(front_matter_as_json(record))]
            assert not errors, (record.path, errors)


def test_exported_schema_rejects_what_the_validator_rejects(exported):
    validator = jsonschema.Draft202012Validator(exported["expert.schema.json"])
    bad = {"name": "X", "affiliation": "Y", "organisation_type": "academia", "country": "JP",
           "expertise": [], "links": [{"title": "t", "url": "javascript:alert(1)"}]}
    messages = " ".join(e.message for e in validator.iter_errors(bad))
    for part in ("academia", "JP", "javascript:", "consent"):
        assert part in messages


def test_schema_offers_taxonomy_ids_for_autocompletion(exported):
    expertise = exported["expert.schema.json"]["properties"]["expertise"]
    assert expertise["items"]["enum"] == ["labour-migration", "brain-circulation", "migration-data",
                                          "return-reintegration"]


# What a contributor types over each placeholder that `akmn new` leaves empty.
FILLED = {
    "expert": {"name: ''": "name: New Person", "affiliation: ''": "affiliation: Example University",
               "organisation_type: ''": "organisation_type: academe", "country: ''": "country: TH",
               "expertise: []": "expertise: [migration-data]", "public_profile: ''": "public_profile: true"},
    "country": {},
    "meeting": {"title: ''": "title: A meeting", "program: ''": "program: program-1",
                "status: ''": "status: planned"},
    # Both the practice's title and its first source's title are `title: ''`.
    "practice": {"title: ''": "title: A practice", "countries: []": "countries: [TH]",
                 "themes: []": "themes: [migration-data]", "url: ''": "url: https://example.org/source"},
    "program": {"title: ''": "title: Second program", "number: ''": "number: 2", "aim: ''": "aim: An aim"},
}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_scaffold_fails_until_filled_then_validates(kind, site_tree):
    record_id = {"country": "th", "program": "program-2"}.get(kind, "new-record")
    result = run_cli("new", kind, record_id, "--root", str(site_tree))
    assert result.code == 0, result.stderr
    path = site_tree / "content" / KINDS[kind].folder / f"{record_id}.md"
    text = path.read_text()
    assert text.startswith("---\n")
    for name, spec in KINDS[kind].fields.fields.items():
        if spec.required:
            assert f"\n{name}:" in text, name
    # Every kind, a country profile too: its required fields have real defaults, but the
    # placeholder text below them would be published as the profile's text.
    assert run_cli("validate", str(site_tree)).code == 1, "placeholders must not pass as content"
    placeholder = f"Write the {KINDS[kind].title.lower()}'s text here, in Markdown."
    assert placeholder in text
    for old, new in {**FILLED[kind], placeholder: "What a contributor wrote."}.items():
        text = text.replace(old, new)
    path.write_text(text)
    check = run_cli("validate", str(site_tree))
    assert check.code == 0, check.stderr + text


def test_scaffold_refuses_to_overwrite(site_tree):
    before = (site_tree / "content/experts/fixture-kim.md").read_text()
    result = run_cli("new", "expert", "fixture-kim", "--root", str(site_tree))
    assert result.code == 1
    assert "already exists" in result.stderr
    assert (site_tree / "content/experts/fixture-kim.md").read_text() == before


def test_scaffold_rejects_bad_id_as_usage_error(site_tree):
    result = run_cli("new", "expert", "Jane Doe", "--root", str(site_tree))
    assert result.code == 2
    assert "not a valid id" in result.stderr


def test_scaffold_front_matter_is_plain_yaml(site_tree):
    run_cli("new", "country", "vn", "--root", str(site_tree))
    text = (site_tree / "content/countries/vn.md").read_text()
    data = yaml.safe_load(text.split("---\n")[1])
    assert data["country"] == "VN"
