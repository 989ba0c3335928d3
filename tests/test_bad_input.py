"""The bad-input corpus: each case breaks one rule of the record contract in an otherwise
valid tree, and the pipeline must report exactly one problem naming that file, line and field,
with a message that says what to do, and never raise. The corpus runs in process (a
subprocess per case cost about 16 s); a few smoke tests run the real CLI on it for the exit
code, the JSON output and the absence of a traceback."""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from pathlib import Path

import pytest

from akmn.pipeline import run
from akmn.problems import Problem
from akmn.schema import KINDS_BY_FOLDER
from helpers import run_cli

EXPERT = """---
name: Case Person
affiliation: Example University
organisation_type: academe
country: KR
expertise: [labour-migration]
consent:
  public_profile: true
  date: 2026-01-01
---
Body.
"""


def expert(**changes: str) -> str:
    """The valid expert above with some lines replaced: {'country: KR': 'country: NO'}."""
    text = EXPERT
    for old, new in changes.items():
        assert old in text, old
        text = text.replace(old, new)
    return text


@dataclass
class Case:
    id: str
    path: str  # file written into the fixture tree (relative to the project root)
    text: str | bytes
    line: int
    field: str
    message: str  # a part of the message that must appear


def E(id, text, line, field, message, name="case-person"):
    return Case(id, f"content/experts/{name}.md", text, line, field, message)


CASES = [
    # required fields, types, enums
    E("missing-required", expert(**{"affiliation: Example University\n": ""}), 1, "affiliation",
      "required field is missing: add `affiliation:`"),
    E("empty-required", expert(**{"name: Case Person": "name:"}), 2, "name", "required field is empty"),
    E("wrong-type-list", expert(**{"expertise: [labour-migration]": "expertise: labour-migration"}), 6,
      "expertise", "expected a list, found text"),
    E("empty-list", expert(**{"expertise: [labour-migration]": "expertise: []"}), 6, "expertise",
      "needs at least 1 item"),
    E("unknown-field", expert(**{"country: KR": "country: KR\ncountri: KR"}), 6, "countri",
      "unknown field 'countri' (did you mean 'country'?)"),
    E("bool-field", expert(**{"country: KR": "country: KR\nemail_public: maybe\nemail: a@example.org"}), 6,
      "email_public", "expected true or false"),
    E("email-invalid", expert(**{"country: KR": "country: KR\nemail: not-an-email"}), 6, "email",
      "'not-an-email' is not an email address"),
    E("email-public-without-email", expert(**{"country: KR": "country: KR\nemail_public: true"}), 6,
      "email_public", "there is no email to publish"),
    # taxonomy ids with suggestions
    E("unknown-theme",
      expert(**{"expertise: [labour-migration]": "expertise:\n  - migration-data\n  - labor-migration"}),
      8, "expertise[1]", "unknown theme 'labor-migration' (did you mean 'labour-migration'?)"),
    E("unknown-org-type", expert(**{"organisation_type: academe": "organisation_type: academia"}), 4,
      "organisation_type", "unknown organisation type 'academia' (did you mean 'academe'?)"),
    E("duplicate-in-list",
      expert(**{"expertise: [labour-migration]": "expertise: [labour-migration, labour-migration]"}),
      6, "expertise[1]", "'labour-migration' is listed twice"),
    # YAML traps
    E("yaml-no-is-false", expert(**{"country: KR": "country: NO"}), 5, "country",
      "YAML reads NO as the boolean false, not text: put it in quotes, 'NO'"),
    E("yaml-sexagesimal", expert(**{"name: Case Person": "name: 1:30"}), 2, "name",
      "YAML reads 1:30 as the number 90, not text"),
    E("yaml-date-as-text", expert(**{"affiliation: Example University": "affiliation: 2024-01-01"}), 3,
      "affiliation", "YAML reads 2024-01-01 as a date, not text"),
    E("yaml-duplicate-key", expert(**{"country: KR": "country: KR\ncountry: PH"}), 6, "country",
      "duplicate key 'country' (first on line 5)"),
    E("yaml-anchor",
      expert(**{"affiliation: Example University": "affiliation: &a Example University\nposition: *a"}),
      3, "", "YAML anchor &a is not allowed"),
    E("yaml-syntax", expert(**{"country: KR": "country: [KR"}), 6, "", "the YAML cannot be read"),
    E("yaml-python-tag", expert(**{"name: Case Person": "name: !!python/object:os.system x"}), 2, "name",
      "YAML tag tag:yaml.org,2002:python/object:os.system is not allowed"),
    E("no-front-matter", "Just a body\n", 1, "", "a record starts with a line `---`"),
    E("unclosed-front-matter", "---\nname: X\n", 1, "", "the fields are not closed"),
    E("not-utf8", expert().replace("Body.", "Caf\xe9").encode("latin-1"), 11, "", "the file is not UTF-8"),
    E("oversized", expert() + "x" * (1024 * 1024), 1, "", "records may be at most 1,048,576 bytes"),
    # ids and file names
    E("bad-file-name", expert(), 1, "", "rename it to case-person.md", name="Case_Person"),
    Case("md-in-unknown-folder", "content/people/someone.md", expert(), 1, "",
         "this folder holds no kind of record"),
    Case("wrong-extension", "content/experts/case.yaml", "name: x\n", 1, "", "rename it to case.md"),
    Case("unknown-taxonomy-file", "content/taxonomies/colours.yml", "- id: red\n  label: Red\n", 1, "",
         "content/taxonomies/ holds only"),
    # countries: ISO and in scope, case, matching file name
    E("country-not-iso", expert(**{"country: KR": "country: XK"}), 5, "country", "'XK' is not an ISO 3166"),
    E("country-out-of-scope", expert(**{"country: KR": "country: JP"}), 5, "country",
      "JP is not an ASEAN member state or Korea"),
    E("country-lowercase", expert(**{"country: KR": "country: kr"}), 5, "country",
      "write country codes in capitals: 'KR'"),
    Case("country-file-mismatch", "content/countries/th.md",
         "---\ncountry: VN\nlast_reviewed: 2026-01-01\n---\n", 2,
         "country", "the file is th.md but the country is VN"),
    # One expert, one record: the fixture has Fixture Kim at Example University (fixture-kim.md).
    E("expert-twice-by-name", expert(**{"name: Case Person": "name: fixture  KIM"}), 2, "name",
      "fixture  KIM at Example University already has a record, content/experts/fixture-kim.md: "
      "one expert, one record", name="kim-again"),
    E("expert-twice-by-email", expert(**{"country: KR": "country: KR\nemail: DARA@example.org"}), 6,
      "email", "DARA@example.org already has a record, content/experts/fixture-sample.md",
      name="sample-again"),
    # An image from another site learns who reads the page; one of ours (/assets/uploads/) is fine.
    Case("image-from-another-site", "content/countries/th.md",
         "---\ncountry: TH\nlast_reviewed: 2026-01-01\n---\nThailand.\n\n![Map](/assets/uploads/map.png)\n\n"
         "![Chart](https://stats.example.org/chart.png?reader=1)\n", 9, "",
         "the image https://stats.example.org/chart.png?reader=1 would load from another site"),
    Case("image-from-another-site-in-html", "content/countries/th.md",
         "---\ncountry: TH\nlast_reviewed: 2026-01-01\n---\nThailand.\n\n"
         "<IMG SRC='//cdn.example.org/x.gif'>\n",
         7, "", "save the image in docs/assets/uploads/ (the web editor's image button does) and write "
         "![what it shows](/assets/uploads/x.gif)"),
    # Pagefind finds the start of a word: "work" finds "workers", "orkers" does not.
    Case("pinned-search-not-a-word-start", "content/countries/th.md",
         "---\ncountry: TH\nlast_reviewed: 2026-01-01\npinned_searches:\n  - Thailand\n  - work\n"
         "  - orkers\n---\nThailand sends workers abroad.\n", 7, "pinned_searches[2]",
         "'orkers' is not a word (or the start of one) on the record's page"),
    # URLs
    E("url-javascript",
      expert(**{"country: KR": "country: KR\nlinks:\n  - title: x\n    url: javascript:alert(1)"}),
      8, "links[0].url", "only links starting https:// or http:// are allowed"),
    E("url-relative", expert(**{"country: KR": "country: KR\nlinks:\n  - title: x\n    url: /about"}), 8,
      "links[0].url", "only links starting https:// or http://"),
    E("url-missing-title", expert(**{"country: KR": "country: KR\nlinks:\n  - url: https://example.org"}), 7,
      "links[0].title", "required field is missing"),
    # dates
    E("date-not-real", expert(**{"date: 2026-01-01": "date: 2026-02-30"}), 9, "consent.date",
      "2026-02-30 is not a real calendar date"),
    E("date-wrong-format", expert(**{"date: 2026-01-01": "date: 01/02/2026"}), 9, "consent.date",
      "expected a date written YYYY-MM-DD"),
    # references
    E("broken-meeting-ref", expert(**{"country: KR": "country: KR\nmeetings: [iem-9]"}), 6, "meetings[0]",
      "no meeting has the id 'iem-9' (did you mean 'iem-1'?)"),
    E("broken-program-ref", expert(**{"country: KR": "country: KR\nprograms:\n  - program-1\n  - program-2"}),
      8, "programs[1]", "no program has the id 'program-2'"),
    # consent
    E("consent-missing", expert(**{"consent:\n  public_profile: true\n  date: 2026-01-01\n": ""}), 1,
      "consent", "required field is missing: add `consent:`"),
    E("consent-refused", expert(**{"public_profile: true": "public_profile: false"}), 8,
      "consent.public_profile", "without consent to a public profile"),
    # SDG targets and other kinds
    Case("sdg-unquoted", "content/practices/case.md",
         "---\ntitle: T\ncountries: [PH]\nthemes: [migration-data]\nsdg_targets: [17.18]\nsources:\n"
         "  - title: S\n    url: https://example.org\n---\n", 5, "sdg_targets[0]",
         "YAML reads 17.18 as the number 17.18, not text: put it in quotes, '17.18'"),
    Case("sdg-unquoted-trailing-zero", "content/practices/case.md",
         "---\ntitle: T\ncountries: [PH]\nthemes: [migration-data]\nsdg_targets:\n  - 10.70\n"
         "sources:\n  - title: S\n    url: https://example.org\n---\n", 6, "sdg_targets[0]",
         "YAML reads 10.70 as the number 10.7, not text: put it in quotes, '10.70'"),
    Case("practice-no-sources", "content/practices/case.md",
         "---\ntitle: T\ncountries: [PH]\nthemes: [migration-data]\n---\n", 1, "sources",
         "required field is missing"),
    Case("practice-period-backwards", "content/practices/case.md",
         "---\ntitle: T\ncountries: [PH]\nthemes: [migration-data]\nperiod:\n  start: 2015\n  end: 2010\n"
         "sources:\n  - title: S\n    url: https://example.org\n---\n", 7, "period.end",
         "ends (2010) before it starts (2015)"),
    Case("meeting-held-no-date", "content/meetings/case.md",
         "---\ntitle: T\nprogram: program-1\nstatus: held\n---\n", 1, "date",
         "a held meeting needs its `date:`"),
    # a date after today where one cannot be (a typo in the year): 2090 is after any test run
    Case("meeting-held-in-the-future", "content/meetings/case.md",
         "---\ntitle: T\nprogram: program-1\nstatus: held\ndate: 2090-05-20\n---\n", 5, "date",
         "a held meeting's date cannot be after today"),
    Case("meeting-held-in-the-future-quoted", "content/meetings/case.md",
         "---\ntitle: T\nprogram: program-1\nstatus: held\ndate: '2090-05-20'\n---\n", 5, "date",
         "a held meeting's date cannot be after today"),
    E("consent-in-the-future", expert(**{"date: 2026-01-01": "date: 2090-01-01"}), 9, "consent.date",
      "2090-01-01 is after today"),
    Case("reviewed-in-the-future", "content/countries/th.md",
         "---\ncountry: TH\nlast_reviewed: 2090-01-01\n---\n", 3, "last_reviewed",
         "2090-01-01 is after today"),
    Case("accessed-in-the-future", "content/countries/th.md",
         "---\ncountry: TH\nlast_reviewed: 2026-01-01\nsources:\n  - title: S\n    url: https://example.org\n"
         "    accessed: '2090-01-01'\n---\n", 7, "sources[0].accessed", "2090-01-01 is after today"),
    Case("meeting-bad-status", "content/meetings/case.md",
         "---\ntitle: T\nprogram: program-1\nstatus: done\n---\n", 4, "status",
         "'done' is not allowed; use one of planned, held"),
    Case("country-domain-missing", "content/countries/th.md",
         "---\ncountry: TH\nlast_reviewed: 2026-01-01\nsdg_10_7_2:\n  source: S\n  year: 2021\n  domains:\n"
         "    migrant-rights: meets\n---\n", 7, "sdg_10_7_2.domains", "missing whole-of-government"),
    Case("country-domain-level-typo", "content/countries/th.md",
         "---\ncountry: TH\nlast_reviewed: 2026-01-01\nfigures:\n  - indicator: I\n"
         "    value: 3%\n    unit: '%'\n"
         "    year: 2020\n    source: S\n---\n", 6, "figures[0].value", "expected a number, found text"),
    Case("figure-without-year", "content/countries/th.md",
         "---\ncountry: TH\nlast_reviewed: 2026-01-01\nfigures:\n  - indicator: I\n"
         "    value: 3\n    unit: '%'\n"
         "    source: S\n---\n", 5, "figures[0].year", "required field is missing"),
    Case("program-number-mismatch", "content/programs/program-2.md",
         "---\ntitle: T\nnumber: 3\naim: A\n---\n", 3, "number", "program 3 lives in program-3.md"),
    Case("taxonomy-duplicate-id", "content/taxonomies/migration-types.yml",
         "- id: labour\n  label: Labour\n- id: labour\n  label: Again\n", 3, "[1].id",
         "'labour' is already used on line 1"),
    Case("taxonomy-bad-sdg-id", "content/taxonomies/sdg-targets.yml",
         "- id: '10.7'\n  goal: 10\n  label: L\n- id: 'ten'\n  goal: 10\n  label: L\n"
         "- id: '17.18'\n  goal: 17\n  label: L\n",
         4, "[1].id", "'ten' is not an SDG target id"),
    # hostile and malformed input
    E("colon-in-value", expert(**{"affiliation: Example University":
                                   "affiliation: Example University: Seoul"}),
      3, "", "a value with a colon and a space in it must be in quotes: "
      "write it as affiliation: 'Example University: Seoul'"),
    E("colon-in-value-with-apostrophe",
      expert(**{"affiliation: Example University\n":
                "affiliation: Example University\nposition: Lead's: policy research\n"}),
      4, "", "write it as position: 'Lead''s: policy research' (a ' inside is written twice"),
    E("colon-on-second-line-of-value",
      expert(**{"affiliation: Example University": "affiliation: This is long\n  text with a note: here"}),
      4, "", "this line goes on with the value of affiliation from line 3, and YAML reads its colon "
      "and space as a new field: put the whole value in quotes: "
      "write it as affiliation: 'This is long text with a note: here'"),
    E("colon-in-continued-value",
      expert(**{"affiliation: Example University": "affiliation: Example University\n  of Seoul\n"
                "  with a note: here\n  and more"}),
      5, "", "this line goes on with the value of affiliation from line 3, and YAML reads its colon "
      "and space as a new field: put the whole value in quotes: "
      "write it as affiliation: 'Example University of Seoul with a note: here and more'"),
    E("over-indented", expert(**{"  date: 2026-01-01": "   date: 2026-01-01"}), 9, "",
      "this field is indented further than the one above it"),
    E("unclosed-quote", expert(**{"affiliation: Example University": "affiliation: 'Example University"}),
      3, "", "the quote that starts the value on this line is never closed"),
    # what the GitHub web editor's users type: numbers and true/false in quotes
    E("quoted-true", expert(**{"public_profile: true": "public_profile: 'true'"}), 8,
      "consent.public_profile", "expected true or false, found text: write true or false, without quotes"),
    Case("quoted-number", "content/programs/program-1.md",
         "---\ntitle: P\nnumber: '1'\naim: A\n---\n", 3, "number",
         "expected a whole number, found text '1': write it without quotes, 1"),
    Case("full-width-number", "content/programs/program-1.md",
         "---\ntitle: P\nnumber: '\uff11'\naim: A\n---\n", 3, "number",
         "expected a whole number, found text '\uff11'"),
    E("hash-starts-value", expert(**{"affiliation: Example University\n":
                                     "affiliation: Example University\nposition: #1 researcher\n"}),
      4, "position", "YAML reads a value starting with # as a comment, so this field is empty: "
      "if the value is #1 researcher, write it in quotes, '#1 researcher'; if it is a note, delete it"),
    E("hash-value-with-apostrophe",
      expert(**{"affiliation: Example University\n":
                "affiliation: Example University\nposition: #1 researcher's\n"}),
      4, "position", "write it in quotes, '#1 researcher''s'"),
    E("hash-comment-for-value",
      expert(**{"affiliation: Example University\n":
                "affiliation: Example University\nposition:   # fill in later\n"}),
      4, "position", "if the value is # fill in later, write it in quotes, '# fill in later'; "
      "if it is a note, delete it"),
    E("tab-indent", expert(**{"  date: 2026-01-01": "\tdate: 2026-01-01"}), 9, "",
      "this line is indented with a tab: YAML indents with spaces only"),
    E("control-char-with-ampersand", "---\nname: A & B\x01\n---\n", 2, "", "the YAML cannot be read"),
    E("control-char-in-text", expert(**{"name: Case Person": "name: \"Case \\x7f Person\""}), 2, "name",
      "contains the invisible control character U+007F"),
    E("deep-nesting", "---\nlanguages: " + "[" * 3000 + "]" * 3000 + "\n---\n", 2, "", "nested too deeply"),
    E("url-malformed",
      expert(**{"country: KR": "country: KR\nlinks:\n  - title: x\n    url: 'https://[oops/'"}), 8,
      "links[0].url", "is not a complete web address"),
    E("url-with-quote",
      expert(**{"country: KR": "country: KR\nlinks:\n  - title: x\n    url: 'https://e.org/\"><b>'"}),
      8, "links[0].url", "is not a complete web address"),
    E("email-with-markup", expert(**{"country: KR": "country: KR\nemail: '\"><b>@example.org'"}), 6, "email",
      "is not an email address"),
    E("yaml-binary", expert(**{"name: Case Person": "name: !!binary aGVsbG8="}), 2, "name", "is not allowed"),
    Case("figure-not-finite", "content/countries/th.md",
         "---\ncountry: TH\nlast_reviewed: 2026-01-01\nfigures:\n  - indicator: I\n"
         "    value: .nan\n    unit: '%'\n"
         "    year: 2020\n    source: S\n---\n", 6, "figures[0].value",
         "is not a number that can be published"),
    Case("taxonomy-id-trailing-newline", "content/taxonomies/migration-types.yml",
         "- id: labour\n  label: Labour\n- id: \"zz-x\\n\"\n  label: Bad\n", 3, "[1].id",
         "must be lowercase words joined by hyphens"),
]


def write(root: Path, case: Case) -> None:
    target = root / case.path
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(case.text, bytes):
        target.write_bytes(case.text)
    else:
        target.write_text(case.text, encoding="utf-8")


def problems(root: Path) -> list[Problem]:
    """What `akmn validate` reports, without its subprocess."""
    return run(root, linked=False).problems


def the_problem(found: list[Problem], message: str) -> Problem:
    """The one problem whose message holds `message`."""
    matches = [p for p in found if message in p.message]
    assert len(matches) == 1, f"expected one problem with {message!r} in {[p.text() for p in found]}"
    return matches[0]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_is_reported_at_its_line(case: Case, site_tree: Path):
    write(site_tree, case)
    found = the_problem(problems(site_tree), case.message)
    assert (found.file, found.line, found.field) == (case.path, case.line, case.field), found.text()


def test_full_width_digit_gets_the_plain_message(site_tree: Path):
    """'１' is text to YAML with or without quotes, so 'write it without quotes' would not mend it."""
    case = next(case for case in CASES if case.id == "full-width-number")
    write(site_tree, case)
    assert the_problem(problems(site_tree), case.message).message == case.message


def test_corpus_breaks_every_kind_of_file():
    folders = {Path(case.path).parts[1] for case in CASES}
    assert set(KINDS_BY_FOLDER) | {"taxonomies"} <= folders
    assert len({case.id for case in CASES}) == len(CASES)


# --- the real CLI on a few cases: exit code, output format, no traceback -------------------------

SMOKE = {case.id: case for case in CASES if case.id in (
    "yaml-no-is-false", "not-utf8", "deep-nesting", "colon-in-continued-value", "hash-comment-for-value")}


@pytest.mark.parametrize("case", SMOKE.values(), ids=SMOKE)
def test_cli_reports_the_case_as_json_and_exits_1(case: Case, site_tree: Path):
    write(site_tree, case)
    result = run_cli("validate", str(site_tree), "--format", "json")
    assert result.code == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert result.problems == [asdict(p) for p in problems(site_tree)]


def test_cli_text_report_names_file_and_line(site_tree: Path):
    write(site_tree, SMOKE["yaml-no-is-false"])
    result = run_cli("validate", str(site_tree))
    assert result.code == 1 and "Traceback" not in result.stderr
    assert "content/experts/case-person.md:5: country: YAML reads NO as the boolean false" in result.stderr


# --- files that are not plain records --------------------------------------------------------------


def test_symlink_leaving_the_repository_is_rejected(site_tree: Path, tmp_path: Path):
    outside = tmp_path / "secret.md"
    outside.write_text(EXPERT)
    os.symlink(outside, site_tree / "content/experts/linked.md")
    assert problems(site_tree) == [Problem(
        "content/experts/linked.md", 1, "",
        "this link points outside the repository: put the file itself here instead")]


def test_crlf_and_bom_are_accepted(site_tree: Path):
    path = site_tree / "content/experts/case-person.md"
    path.write_bytes(b"\xef\xbb\xbf" + EXPERT.replace("\n", "\r\n").encode())
    assert problems(site_tree) == []
    assert "case-person" in run(site_tree, linked=False).content.records["expert"]


def test_billion_laughs_is_rejected_quickly(site_tree: Path):
    # Ten levels of nine aliases each: a: [x * 9], b: [*a * 9], c: [*b * 9], ...
    levels = [f"{chr(98 + i)}: &{chr(98 + i)} [{','.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(9)]
    bomb = "---\n" + 'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + "".join(levels) + "---\n"
    (site_tree / "content/experts/bomb.md").write_text(bomb)
    found = the_problem(problems(site_tree), "anchor &a is not allowed")
    assert (found.file, found.line) == ("content/experts/bomb.md", 2)


def test_missing_taxonomy_is_reported_once(site_tree: Path):
    (site_tree / "content/taxonomies/themes.yml").unlink()
    missing = [p for p in problems(site_tree) if p.file == "content/taxonomies/themes.yml"]
    assert missing == [Problem("content/taxonomies/themes.yml", 1, "",
                               "this taxonomy is missing: create it as a list of {id, label, description}")]


def test_broken_taxonomy_is_not_also_reported_missing(site_tree: Path):
    (site_tree / "content/taxonomies/themes.yml").write_text("- id: [unclosed\n")
    messages = [p.message for p in problems(site_tree) if p.file == "content/taxonomies/themes.yml"]
    assert len(messages) == 1 and "the YAML cannot be read" in messages[0]


@pytest.mark.parametrize("target", ["nothere.md", "loop.md"], ids=["broken", "loop"])
def test_dangling_and_looping_links_are_reported(site_tree: Path, target: str):
    link = site_tree / "content/experts" / ("loop.md" if target == "loop.md" else "linked.md")
    os.symlink(target, link)
    found = the_problem(problems(site_tree), "this link points to nothing")
    assert (found.file, found.line, found.field) == (link.relative_to(site_tree).as_posix(), 1, "")
    assert found.message.startswith("this link points to nothing")


def test_empty_taxonomy_accepts_no_term(site_tree: Path):
    (site_tree / "content/taxonomies/themes.yml").write_text("")
    assert any(p.field == "expertise[0]" and "unknown theme 'labour-migration'" in p.message
               for p in problems(site_tree))


@pytest.mark.parametrize("rel", ["content/experts/fixture-kim.md", "content/practices/fixture-return.md"])
def test_an_unreadable_record_is_reported_once_not_as_missing(site_tree: Path, rel: str):
    # fixture-kim is a meeting's participant and a practice's contact; fixture-return has a
    # Korean translation. A missing `---` must not also read as "no expert has the id
    # 'fixture-kim' (did you mean 'fixture-sample'?)" in the files that are right.
    path = site_tree / rel
    path.write_text(path.read_text(encoding="utf-8").replace("\n---\n", "\n\n", 1), encoding="utf-8")
    assert problems(site_tree) == [Problem(rel, 1, "", "the fields are not closed: add a line `---` "
                                           "after the last field")]


# Two days before the fixture's build day: its sources, accessed the day before that, are a day
# ahead, and a date refused here is still before the machine's clock on any day of a test run.
EARLIER_TODAY = "2026-11-24"


@pytest.mark.parametrize("days_ahead, refused", [(1, False), (2, True)])
def test_today_is_the_builds_and_a_day_ahead_is_somewhere_today(site_tree, days_ahead, refused):
    """The validator's today is $AKMN_TODAY, as the build's, not the machine's clock; a date one
    day ahead of it is today in Seoul while CI's clock (UTC) is still on the day before, so only a
    later one is refused."""
    import datetime as dt

    day = dt.date.fromisoformat(EARLIER_TODAY) + dt.timedelta(days=days_ahead)
    profile = site_tree / "content" / "countries" / "th.md"
    profile.write_text(f"---\ncountry: TH\nlast_reviewed: {day}\n---\n", encoding="utf-8")
    result = run_cli("validate", str(site_tree), env={"AKMN_TODAY": EARLIER_TODAY})
    assert (result.code == 1) is refused, result.stderr
    assert (f"last_reviewed: {day} is after today ({EARLIER_TODAY})" in result.stderr) is refused
