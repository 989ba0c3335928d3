"""`akmn fmt`: one canonical layout (the web editor's), comments and bodies kept, bad YAML reported."""

from __future__ import annotations

import difflib
import re
import shutil
from pathlib import Path

import pytest
import yaml

from akmn.fmt import FormatError, format_text, record_text
from akmn.load import load_content, taxonomy_ids
from akmn.schema import KINDS_BY_FOLDER
from helpers import FIXTURES, run_cli

# Files as the web editor (Sveltia CMS) writes them, made with the real `yaml` package by
# tests/fixtures/fmt/editor-layout.mjs.
EDITOR = FIXTURES / "fmt" / "editor"
EDITOR_FILES = sorted(EDITOR.glob("content/*/*.md"))

EXPERT = "content/experts/fixture-kim.md"
TAXONOMIES = taxonomy_ids(load_content(FIXTURES / "valid"))


def kind_of(path: Path) -> str:
    return KINDS_BY_FOLDER[path.parent.name].name


def split(text: str) -> tuple[dict, str]:
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body


def fmt(root: Path, *args: str):
    return run_cli("fmt", "--root", str(root), *args, cwd=root)


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.write_text(text, encoding="utf-8", newline="")
    return path


@pytest.mark.parametrize("path", EDITOR_FILES, ids=lambda p: p.name)
def test_what_the_editor_writes_is_already_canonical(path):
    text = path.read_text(encoding="utf-8")
    assert format_text(text, kind_of(path), TAXONOMIES) == text


@pytest.mark.parametrize("flow", [True, False], ids=["flow", "block"])
@pytest.mark.parametrize("path", EDITOR_FILES, ids=lambda p: p.name)
def test_a_hand_written_layout_becomes_the_editors(path, flow):
    """The same data written another way: keys sorted, flow or unindented block lists, text
    folded at 30 columns, line breaks as double-quoted escapes."""
    golden = path.read_text(encoding="utf-8")
    data, body = split(golden)
    hand = yaml.dump(data, sort_keys=True, default_flow_style=flow, width=30, allow_unicode=True)
    assert hand != golden.split("---\n")[1]
    assert format_text(f"---\n{hand}---\n{body}", kind_of(path), TAXONOMIES) == golden


@pytest.mark.parametrize("path", EDITOR_FILES, ids=lambda p: p.name)
def test_a_record_made_from_its_fields_is_laid_out_as_the_editor_does(path):
    golden = path.read_text(encoding="utf-8")
    data, body = split(golden)
    assert record_text(data, kind_of(path), body, TAXONOMIES) == golden


def test_editor_files_are_valid_records(site_tree):
    for path in EDITOR_FILES:
        target = site_tree / path.relative_to(EDITOR)
        shutil.copyfile(path, target)
    result = run_cli("validate", str(site_tree))
    assert result.code == 0, result.stderr


def test_fields_follow_the_schema_and_unknown_fields_stay_last(site_tree):
    write(site_tree, EXPERT, "---\nemail: kim@example.org\nzz_note: kept\nname: Fixture Kim\n"
          "consent: {date: 2026-01-15, public_profile: true}\naa_other: [1, 2]\n"
          "expertise: [labour-migration]\ncountry: KR\naffiliation: Example University\n"
          "organisation_type: academe\n---\nBody.\n")
    result = fmt(site_tree)
    assert result.code == 0, result.stderr
    assert (site_tree / EXPERT).read_text() == (
        "---\nname: Fixture Kim\naffiliation: Example University\norganisation_type: academe\n"
        "country: KR\nexpertise:\n  - labour-migration\nemail: kim@example.org\n"
        "consent:\n  public_profile: true\n  date: 2026-01-15\nzz_note: kept\naa_other:\n  - 1\n  - 2\n"
        "---\n\nBody.\n")
    assert f"reformatted {EXPERT}" in result.stdout


def test_maps_follow_their_list_of_keys():
    text = ("---\ncountry: TH\nlast_reviewed: 2026-05-01\nmigration_types:\n  education: b\n"
            "  unknown-type: c\n  labour: a\n---\n")
    formatted = format_text(text, "country", {"migration-types": ["labour", "marriage", "education"]})
    assert "migration_types:\n  labour: a\n  education: b\n  unknown-type: c\n" in formatted


def test_comments_are_kept(site_tree):
    text = ("---\n# Checked with the expert on 2026-01-15.\nname: Fixture Kim  # as she writes it\n"
            "affiliation: Example University\norganisation_type: academe\ncountry: KR\n"
            "# position: ''\nexpertise: [labour-migration]  # more to come\n"
            "consent:\n  public_profile: true\n  date: 2026-01-15  # the email of that day\n---\nBody.\n")
    write(site_tree, EXPERT, text)
    assert fmt(site_tree).code == 0
    after = (site_tree / EXPERT).read_text()
    for comment in ("# Checked with the expert on 2026-01-15.", "# as she writes it", "# position: ''",
                    "# more to come", "# the email of that day"):
        assert after.count(comment) == 1, after
    assert after.startswith("---\n# Checked with the expert on 2026-01-15.\nname: Fixture Kim")
    assert re.search(r"\nexpertise: +# more to come\n  - labour-migration\nconsent:", after), after
    assert run_cli("validate", str(site_tree)).code == 0


def test_the_body_is_kept_byte_for_byte(site_tree):
    body = ("\n\nTrailing spaces  \r\nA CRLF line\r\n---\nA rule and `---` inside\n\n"
            "김 교수는 이주 노동을 연구한다. ภาษาไทย\u2028 no final newline")
    path = write(site_tree, EXPERT, "---\nname: Fixture Kim\naffiliation: Example University\n"
                 "organisation_type: academe\ncountry: KR\nexpertise: [labour-migration]\n"
                 "example: true\n---" + "\n" + body)
    assert fmt(site_tree).code == 0
    after = path.read_bytes()
    # One blank line after the front matter, as the editor writes it; then the body as it was.
    assert after.endswith(b"---\n\n" + body.lstrip("\n").encode())
    assert b"expertise:\n  - labour-migration\n" in after


def test_formatting_twice_changes_nothing(site_tree):
    shutil.copytree(EDITOR / "content", site_tree / "content", dirs_exist_ok=True)
    (site_tree / "content/experts/fixture-sample.md").write_text(
        "---\nexample: true\nname: 'Dara Sample'\nexpertise: [return-reintegration]\n"
        "affiliation: \"Example Institute\"\norganisation_type: civil-society\ncountry: PH\n"
        "---\nA made-up expert.\n")
    assert fmt(site_tree).code == 0
    before = {p: p.read_bytes() for p in (site_tree / "content").rglob("*") if p.is_file()}
    second = fmt(site_tree)
    assert second.code == 0 and "0 files reformatted" in second.stdout
    assert {p: p.read_bytes() for p in before} == before


def test_check_lists_files_to_reformat_and_changes_nothing(site_tree):
    clean = fmt(site_tree, "--check")
    assert clean.code == 0, clean.stdout + clean.stderr
    assert re.search(r"^\d+ files already formatted\.$", clean.stdout, re.MULTILINE)
    text = (site_tree / EXPERT).read_text().replace("expertise:\n  - labour-migration\n  - brain-circulation",
                                                    "expertise: [labour-migration, brain-circulation]")
    write(site_tree, EXPERT, text)
    result = fmt(site_tree, "--check")
    assert result.code == 1
    assert f"{EXPERT}: would be reformatted" in result.stdout
    assert "1 file not in the canonical layout: run `akmn fmt`" in result.stdout
    assert (site_tree / EXPERT).read_text() == text


def test_check_of_named_files_only(site_tree):
    write(site_tree, "content/experts/fixture-sample.md", "---\nexample: true\nname: Dara Sample\n"
          "affiliation: Example Institute\norganisation_type: civil-society\ncountry: PH\n"
          "expertise: [return-reintegration]\n---\nA made-up expert.\n")
    assert fmt(site_tree, "--check", EXPERT).code == 0
    assert fmt(site_tree, "--check", "content/experts").code == 1


@pytest.mark.parametrize("old, new", [
    ("position: Professor", "position: \"Professor: migration studies\""),
    ("affiliation: Example University",
     ("affiliation: >-\n  Example University,\n  Graduate School of a "
      "very long name that the old editor would have folded over two lines")),
    ("  date: 2026-01-15", "  date: '2026-02-01'"),
])
def test_one_field_changed_is_one_line_changed(site_tree, old, new):
    path = site_tree / EXPERT
    before = path.read_text()
    assert old in before
    write(site_tree, EXPERT, before.replace(old, new))
    assert fmt(site_tree).code == 0
    diff = [line for line in difflib.unified_diff(before.splitlines(), path.read_text().splitlines(), n=0)
            if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert len(diff) == 2, diff
    assert diff[0] == "-" + old


@pytest.mark.parametrize("broken, line, message", [
    ("name: Fixture Kim\naffiliation: [Example University\n", 4,
     "the YAML cannot be read: while parsing a flow sequence"),
    ("name: Fixture Kim\nname: Kim\n", 3, "name: duplicate key 'name' (first on line 2)"),
    ("name: &n Fixture Kim\nposition: *n\n", 2, "YAML anchor &n is not allowed"),
])
def test_broken_yaml_is_reported_and_left_alone(site_tree, broken, line, message):
    text = "---\n" + broken + "---\nBody.\n"
    path = write(site_tree, EXPERT, text)
    other = write(site_tree, "content/experts/fixture-sample.md", "---\nexample: true\nname: Dara Sample\n"
                  "affiliation: Example Institute\norganisation_type: civil-society\ncountry: PH\n"
                  "expertise: [return-reintegration]\n---\nA made-up expert.\n")
    for args in (("--check",), ()):
        result = fmt(site_tree, *args)
        assert result.code == 1
        assert f"{EXPERT}:{line}: {message}" in result.stderr
        assert "Traceback" not in result.stderr
        assert path.read_text() == text
    assert "expertise:\n  - return-reintegration" in other.read_text()


def test_missing_front_matter_is_reported(site_tree):
    write(site_tree, EXPERT, "name: Fixture Kim\n")
    result = fmt(site_tree)
    assert result.code == 1
    assert f"{EXPERT}:1: a record starts with a line `---`" in result.stderr


def test_text_yaml_1_1_would_misread_stays_quoted():
    # The loader (PyYAML) reads YAML 1.1: unquoted NO is false, 12:30 is a number.
    text = ("---\ntitle: '12:30'\nprogram: program-1\nstatus: held\ndate: '2026-04-02'\n"
            "location: {city: 'yes', country: 'NO'}\n---\n")
    formatted = format_text(text, "meeting")
    assert "title: '12:30'\n" in formatted
    assert "  city: 'yes'\n  country: 'NO'\n" in formatted
    assert "date: 2026-04-02\n" in formatted  # a date field: unquoted, as the editor writes it


def test_a_value_that_would_change_meaning_is_left_alone():
    # 0o17 is text to YAML 1.1 but the number 15 to YAML 1.2: rewriting it would change the data.
    with pytest.raises(FormatError, match="cannot rewrite this file without changing what it says"):
        format_text("---\ncountry: TH\nlast_reviewed: 2026-05-01\nfigures:\n  - value: 0o17\n---\n",
                    "country")


def test_taxonomies_keep_their_comments_and_field_order(site_tree):
    path = write(site_tree, "content/taxonomies/themes.yml",
                 "# Themes.\n- label: Labour migration\n  id: labour-migration\n  description: >-\n"
                 "    Folded\n    text.\n- {id: brain-circulation, label: Brain circulation}\n")
    assert fmt(site_tree, "content/taxonomies").code == 0
    assert path.read_text() == ("# Themes.\n- id: labour-migration\n  label: Labour migration\n"
                                "  description: Folded text.\n"
                                "- id: brain-circulation\n  label: Brain circulation\n")


def test_files_that_are_not_records_are_named_and_left_alone(site_tree):
    note = write(site_tree, "notes.md", "---\nb: 1\na: 2\n---\n")
    result = fmt(site_tree, "notes.md")
    assert result.code == 0
    assert "notes.md: not a record or taxonomy file" in result.stderr
    assert note.read_text() == "---\nb: 1\na: 2\n---\n"
    assert fmt(site_tree, "../elsewhere").code == 2


@pytest.mark.parametrize("kind", ["expert", "country", "meeting", "practice", "program"])
def test_a_new_record_from_akmn_new_is_already_formatted(site_tree, kind):
    record_id = {"country": "th", "program": "program-2"}.get(kind, "a-new-one")
    assert run_cli("new", kind, record_id, "--root", str(site_tree)).code == 0
    result = fmt(site_tree, "--check")
    assert result.code == 0, result.stdout + result.stderr


def test_the_fixture_tree_is_formatted():
    result = run_cli("fmt", "--check", "--root", str(FIXTURES / "valid"))
    assert result.code == 0, result.stdout
