"""`akmn validate --format github`: annotations the Actions runner reads back exactly, and the
job summary table that lists every problem (annotations stop at 10 per step)."""

from __future__ import annotations

import re
import shutil

from akmn.problems import Problem
from helpers import FIXTURES, run_cli

# What actions/runner does with a `::command props::data` line (ActionCommand.TryParseV2):
# properties split on `,` then on the first `=`, and each part unescaped in this order.
PROPERTY_MAPPINGS = [("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")]
DATA_MAPPINGS = [("%0D", "\r"), ("%0A", "\n"), ("%25", "%")]


def unescape(text: str, mappings) -> str:
    for escaped, token in mappings:
        text = text.replace(escaped, token)
    return text


def runner_parse(line: str) -> tuple[str, dict[str, str], str]:
    assert line.startswith("::") and "\n" not in line and "\r" not in line
    end = line.index("::", 2)
    command, _, props = line[2:end].partition(" ")
    properties = {}
    for prop in filter(None, props.strip().split(",")):
        key, value = prop.split("=", 1)
        properties[key] = unescape(value, PROPERTY_MAPPINGS)
    return command, properties, unescape(line[end + 2:], DATA_MAPPINGS)


def test_annotation_survives_the_runner_with_awkward_file_and_message():
    problem = Problem("content/experts/a,b:c;d%e.md", 7, "links[0].url",
                      "50%0A done: not\nok,\r\nreally%25")
    command, properties, message = runner_parse(problem.github())
    assert command == "error"
    assert properties == {"file": "content/experts/a,b:c;d%e.md", "line": "7"}
    assert message == "links[0].url: 50%0A done: not\nok,\r\nreally%25"


def test_unescaped_properties_would_be_misread():
    # Proof the parser above can fail: a comma in a raw file name starts a new property.
    _, properties, _ = runner_parse("::error file=content/a,line=99.md,line=1::message")
    assert properties["line"] == "1" and properties["file"] == "content/a"


def test_file_name_with_comma_and_colon_is_annotated_on_that_file(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "valid", root)
    bad = root / "content" / "experts" / "jane,doe:2.md"
    shutil.copy(root / "content" / "experts" / "fixture-kim.md", bad)
    result = run_cli("validate", str(root), "--format", "github")
    assert result.code == 1
    (line,) = result.stdout.splitlines()
    command, properties, message = runner_parse(line)
    assert (command, properties["file"], properties["line"]) == ("error", "content/experts/jane,doe:2.md",
                                                                 "1")
    assert "rename it to jane-doe-2.md" in message


def test_value_with_percent_and_newline_reaches_the_annotation_intact(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "valid", root)
    record = root / "content" / "experts" / "fixture-kim.md"
    record.write_text(record.read_text(encoding="utf-8").replace(
        "organisation_type: academe", 'organisation_type: "50%0A odd\\nline"'), encoding="utf-8")
    result = run_cli("validate", str(root), "--format", "github")
    assert result.code == 1
    (line,) = result.stdout.splitlines()
    _, properties, message = runner_parse(line)
    assert properties == {"file": "content/experts/fixture-kim.md", "line": "5"}
    assert "unknown organisation type '50%0A odd\nline'" in message


def test_step_summary_lists_every_problem_as_a_table(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "valid", root)
    experts = root / "content" / "experts"
    text = (experts / "fixture-kim.md").read_text(encoding="utf-8")
    # Twelve broken records of twelve people: more than the 10 annotations GitHub shows for a step.
    for n in range(12):
        person = text.replace("name: Fixture Kim", f"name: Fixture Kim {n}").replace(
            "email: kim@example.org", f"email: kim{n}@example.org")
        (experts / f"broken-{n}.md").write_text(
            person.replace("organisation_type: academe", f'organisation_type: "x|{n}\\n<b>y"'),
            encoding="utf-8")
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    result = run_cli("validate", str(root), "--format", "github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.code == 1
    assert result.stdout.count("::error ") == 12
    lines = summary.read_text(encoding="utf-8").splitlines()
    assert lines[:5] == ["earlier step", "### akmn validate: 12 problems in 12 files", "",
                         "| file:line | field | message |", "|---|---|---|"]
    rows = lines[5:]
    assert len(rows) == 12
    assert rows[0].startswith("| content/experts/broken-0.md:5 | organisation_type | "
                              "unknown organisation type 'x\\|0<br>&lt;b&gt;y'")
    # An unescaped `|` would add a column: every row has exactly the table's three cells.
    assert all(row.replace("\\|", "").count("|") == 4 for row in rows)


def test_step_summary_says_when_everything_is_valid(tmp_path):
    summary = tmp_path / "summary.md"
    result = run_cli("validate", str(FIXTURES / "valid"), "--format", "github",
                     env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.code == 0
    assert re.match(r"### akmn validate: \d+ records and \d+ taxonomies are valid\.\n$",
                    summary.read_text(encoding="utf-8"))


def test_no_summary_file_outside_actions_and_in_text_format(tmp_path):
    summary = tmp_path / "summary.md"
    result = run_cli("validate", str(FIXTURES / "valid"), "--format", "text",
                     env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.code == 0 and not summary.exists()
