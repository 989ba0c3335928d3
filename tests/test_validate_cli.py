"""The validator on the valid fixture tree, and its output formats and exit codes."""

from pathlib import Path

import pytest

from helpers import FIXTURES, REPO, run_cli


def test_valid_fixture_tree_passes():
    result = run_cli("validate", str(FIXTURES / "valid"))
    assert result.code == 0, result.stderr
    assert "8 records and 5 taxonomies are valid" in result.stdout
    assert result.stderr == ""


def test_repository_content_is_valid():
    result = run_cli("validate", str(REPO))
    assert result.code == 0, result.stderr


def test_repository_content_is_valid_for_publishing():
    result = run_cli("validate", str(REPO), "--publish")
    assert result.code == 0, result.stderr


def test_json_format_on_valid_tree_is_empty_list():
    result = run_cli("validate", str(FIXTURES / "valid"), "--format", "json")
    assert (result.code, result.problems) == (0, [])


def break_name(root: Path) -> None:
    path = root / "content/experts/fixture-kim.md"
    path.write_text(path.read_text().replace("name: Fixture Kim\n", "name:\n"), encoding="utf-8")


def test_text_format_names_file_line_field_on_stderr(site_tree):
    break_name(site_tree)
    result = run_cli("validate", str(site_tree))
    assert result.code == 1
    assert "content/experts/fixture-kim.md:2: name: required field is empty" in result.stderr
    assert "1 problem in 1 file." in result.stderr
    assert "Traceback" not in result.stderr


def test_github_format_prints_annotations(site_tree):
    break_name(site_tree)
    result = run_cli("validate", str(site_tree), "--format", "github")
    assert result.code == 1
    assert result.stdout.startswith(
        "::error file=content/experts/fixture-kim.md,line=2::name: required field")


def test_one_run_reports_every_problem_in_every_file(site_tree):
    break_name(site_tree)
    country = site_tree / "content/countries/kr.md"
    country.write_text(country.read_text().replace("last_reviewed: 2026-11-25", "last_reviewed: soon"))
    result = run_cli("validate", str(site_tree), "--format", "json")
    files = {p["file"] for p in result.problems}
    assert files == {"content/experts/fixture-kim.md", "content/countries/kr.md"}


@pytest.mark.parametrize("args",
                         [["validate", "--format", "xml"], ["validate", "/nonexistent-root"], ["frobnicate"]])
def test_wrong_calls_exit_2(args):
    result = run_cli(*args)
    assert result.code == 2
    assert "Traceback" not in result.stderr


def test_publish_rejects_real_record_pointing_at_example(site_tree):
    meeting = site_tree / "content/meetings/iem-1.md"
    meeting.write_text(meeting.read_text().replace("  - fixture-kim\n", "  - fixture-sample\n"))
    assert run_cli("validate", str(site_tree)).code == 0
    result = run_cli("validate", str(site_tree), "--publish", "--format", "json")
    assert result.code == 1
    assert result.problems == [{
        "file": "content/meetings/iem-1.md", "line": 13, "field": "participants[0]",
        "message": "'fixture-sample' is an example expert, which the publish build leaves out: "
                   "remove the reference or make that record real",
    }]


def test_publish_environment_variable_matches_flag(site_tree):
    meeting = site_tree / "content/meetings/iem-1.md"
    meeting.write_text(meeting.read_text().replace("  - fixture-kim\n", "  - fixture-sample\n"))
    assert run_cli("validate", str(site_tree), env={"AKMN_PUBLISH": "1"}).code == 1


def test_cleared_optional_field_from_web_editor_is_accepted(site_tree):
    path = site_tree / "content/experts/fixture-kim.md"
    path.write_text(path.read_text().replace("position: Professor", "position: ''"))
    assert run_cli("validate", str(site_tree)).code == 0
    path.write_text(path.read_text().replace("name: Fixture Kim", "name: ''"))
    result = run_cli("validate", str(site_tree))
    assert "content/experts/fixture-kim.md:2: name: required field is empty" in result.stderr
