"""Joining the network: the issue form generated from the expert schema, `akmn from-issue` on
committed issue bodies (as GitHub renders the form), the join-request workflow, and the notice
the published site shows while no expert is public."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml

from akmn import issueform
from akmn.fields import IN_SCOPE, ListOf
from akmn.fromissue import record_id, split_choices
from akmn.load import ID_PATTERN, load_content
from akmn.pipeline import run
from akmn.render import Renderer, sanitise
from akmn.schema import EXPERT
from helpers import FIXTURES, REPO, build_site, make_project, run_cli

ISSUES = FIXTURES / "issues"
DATE = "2026-03-01"  # a fixed day of consent: the tests never depend on today
WORKFLOW = REPO / ".github" / "workflows" / "join-request.yml"


def committed_form() -> dict:
    return yaml.safe_load((REPO / issueform.FORM_PATH).read_text(encoding="utf-8"))


def elements(form: dict) -> dict[str, dict]:
    return {e["id"]: e for e in form["body"] if "id" in e}


def from_issue(root: Path, name: str, *extra: str):
    return run_cli("from-issue", str(ISSUES / f"{name}.md"), "--root", str(root), "--date", DATE, *extra)


def front_matter(path: Path) -> tuple[dict, str]:
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(front), body


class Tags(HTMLParser):
    """Every start tag of an HTML text, with its attributes."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))


def experts(root: Path) -> set[str]:
    return {p.name for p in (root / "content" / "experts").iterdir()}


# --- the form ----------------------------------------------------------------------------

def test_committed_form_is_current():
    text = (REPO / issueform.FORM_PATH).read_text(encoding="utf-8")
    assert text == issueform.form_yaml(REPO), "run `make docs` to regenerate the join form"


def test_form_has_one_element_per_expert_field_with_its_name():
    ids = list(elements(committed_form()))
    fields = [n for n in EXPERT.fields.fields if n not in issueform.LEFT_OUT]
    assert sorted(ids) == sorted(fields + [issueform.BODY[0]])
    assert "example" not in ids  # an applicant is a real person


def test_a_new_schema_field_makes_the_committed_form_stale(monkeypatch):
    from akmn.fields import Text

    monkeypatch.setitem(EXPERT.fields.fields, "orcid", Text())
    assert "orcid" in elements(issueform.form(issueform.taxonomy_labels(REPO)))
    assert issueform.form_yaml(REPO) != (REPO / issueform.FORM_PATH).read_text(encoding="utf-8")


def test_form_follows_githubs_form_schema():
    form = committed_form()
    assert set(form) == {"name", "description", "title", "labels", "body"}
    assert form["labels"] == [issueform.REQUEST_LABEL]
    labels = [e["attributes"]["label"] for e in form["body"] if e["type"] != "markdown"]
    assert len(labels) == len(set(labels))
    for element in form["body"]:
        assert element["type"] in {"markdown", "input", "textarea", "dropdown", "checkboxes"}
        if element["type"] != "markdown":
            assert re.fullmatch(r"[A-Za-z0-9_-]+", element["id"])
        if element["type"] in ("dropdown", "checkboxes"):
            options = element["attributes"]["options"]
            assert options and len(options) == len({str(o) for o in options})


def test_required_marks_come_from_the_schema():
    form = elements(committed_form())
    asked = set(EXPERT.fields.fields) - issueform.LEFT_OUT
    assert asked <= set(form), f"schema fields missing from the form: {asked - set(form)}"
    for name in asked:
        spec = EXPERT.fields.fields[name]
        if form[name]["type"] != "checkboxes":
            assert form[name].get("validations", {}).get("required", False) == spec.required, name


def test_consent_is_a_required_box_quoting_what_is_published():
    consent = elements(committed_form())["consent"]
    assert consent["type"] == "checkboxes"
    [option] = consent["attributes"]["options"]
    assert option["required"] is True
    for name in EXPERT.fields.fields:
        if name not in issueform.LEFT_OUT | {"consent", "email", "email_public"}:
            assert issueform.label(name).lower() in option["label"], name
    assert "email address is published only if" in option["label"]
    assert list(elements(committed_form()))[-1] == "consent"


def test_dropdowns_list_the_taxonomy_labels_and_the_countries():
    form = elements(committed_form())
    checked = set()
    for name, spec in EXPERT.fields.fields.items():
        inner = spec.item if isinstance(spec, ListOf) else spec
        if getattr(inner, "taxonomy", None):
            checked.add(name)
            entries = yaml.safe_load((REPO / "content" / "taxonomies" / f"{inner.taxonomy}.yml").read_text())
            assert form[name]["type"] == "dropdown"
            assert form[name]["attributes"]["options"] == [e["label"] for e in entries]
            assert form[name]["attributes"]["multiple"] is isinstance(spec, ListOf)
    assert {"organisation_type", "expertise"} <= checked  # a term field and a list of terms
    countries = form["country"]["attributes"]["options"]
    assert [re.search(r"\(([A-Z]{2})\)$", c)[1] for c in countries] == list(IN_SCOPE)


def test_make_docs_writes_the_form(tmp_path, monkeypatch):
    # `python -m akmn.docs` without arguments regenerates CONTRIBUTING and the form together.
    from akmn import docs

    contributing = tmp_path / "CONTRIBUTING.md"
    contributing.write_text(f"{docs.START}\n{docs.END}\n", encoding="utf-8")
    shutil.copytree(REPO / "content", tmp_path / "content")
    monkeypatch.setattr(docs, "CONTRIBUTING", contributing)
    assert docs.main([]) == 0
    assert (tmp_path / issueform.FORM_PATH).read_text(encoding="utf-8") == issueform.form_yaml(REPO)


# --- akmn from-issue ---------------------------------------------------------------------

def test_a_valid_request_becomes_a_record_that_validates(site_tree):
    result = from_issue(site_tree, "valid")
    assert result.code == 0, result.stderr
    assert result.stdout.strip() == "content/experts/applicant-fixture.md"
    data, body = front_matter(site_tree / result.stdout.strip())
    assert data == {
        "name": "Applicant Fixture", "affiliation": "Example Institute of Migration Studies",
        "position": "Senior researcher", "organisation_type": "academe", "country": "PH",
        "nationality": "VN", "expertise": ["labour-migration", "return-reintegration"],
        "languages": ["en", "fil", "vi"], "programs": ["program-1"], "meetings": ["iem-1"],
        "links": [{"title": "Institute profile", "url": "https://example.org/applicant"},
                  {"title": "Publications", "url": "https://example.org/applicant/publications"}],
        "email": "applicant@example.org", "email_public": True,
        "consent": {"public_profile": True, "date": __import__("datetime").date(2026, 3, 1)},
    }
    assert list(data) == [n for n in EXPERT.fields.fields if n in data]  # the schema's order
    assert body.startswith("\nApplicant Fixture studies") and "\n\nHer current work" in body
    check = run_cli("validate", str(site_tree), "--publish")
    assert check.code == 0, check.stderr


def test_a_request_reads_the_content_once(site_tree, monkeypatch):
    # The labels of the form and the validation of the new record share one load of content/.
    from akmn import fromissue

    calls = []
    for module in (fromissue, issueform):  # every way from-issue could reach the loader
        monkeypatch.setattr(module, "load_content", lambda root: calls.append(root) or load_content(root))
    body = (ISSUES / "valid.md").read_text(encoding="utf-8")
    result = fromissue.convert(body, site_tree, __import__("datetime").date(2026, 3, 1))
    assert result.problems == [] and result.rel == "content/experts/applicant-fixture.md"
    assert calls == [site_tree]


def test_an_existing_record_is_never_overwritten(site_tree):
    assert from_issue(site_tree, "valid").code == 0
    path = site_tree / "content" / "experts" / "applicant-fixture.md"
    before = path.read_bytes()
    result = from_issue(site_tree, "valid")
    assert result.code == 1
    assert "name: content/experts/applicant-fixture.md already exists" in result.stderr
    assert path.read_bytes() == before


@pytest.mark.parametrize("name, expected", [
    ("missing-consent", "consent: the consent box is not ticked"),
    ("unknown-theme", "expertise[1]: unknown theme 'Space migration'"),
    ("unknown-country", "country: JP is not an ASEAN member state or Korea"),
    ("hostile-fields", "name: contains HTML markup"),
])
def test_problems_are_listed_and_nothing_is_written(site_tree, name, expected):
    before = experts(site_tree)
    result = from_issue(site_tree, name)
    assert result.code == 1
    lines = result.stderr.strip().splitlines()
    assert any(line.startswith(expected) for line in lines), result.stderr
    assert all(re.match(r"[a-z_]+(\[\d+\])?(\.[a-z_]+)?: \S", line) for line in lines), result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert experts(site_tree) == before


def test_a_script_link_in_the_links_is_refused(site_tree):
    result = from_issue(site_tree, "hostile-fields")
    assert "links[0].url: 'javascript:alert(document.cookie)' is not a web address" in result.stderr


def test_hostile_markup_in_the_biography_does_not_survive(site_tree):
    result = from_issue(site_tree, "hostile-body")
    assert result.code == 0, result.stderr
    data, body = front_matter(site_tree / result.stdout.strip())
    assert "<script" not in body and "<img" not in body
    assert not re.search(r"\]\(\s*(javascript|data|java&)", body, re.I)
    # the record's HTML before nh3, and what the site publishes after it
    for html in (markdown.markdown(body), sanitise(markdown.markdown(body))):
        tags = Tags()
        tags.feed(html)
        assert {tag for tag, _ in tags.found} <= {"p", "a", "h3", "ul", "li"}, tags.found
        for _, attrs in tags.found:
            assert all(not name.startswith("on") for name, _ in attrs), attrs
            links = [value for name, value in attrs if name in ("href", "src")]
            assert all(link.startswith("https://") for link in links), attrs
        assert "alert('body')" in html  # shown as text, never run
    # `### Email` typed inside the biography does not replace the real answer
    assert data["email"] == "applicant@example.org"
    assert run_cli("validate", str(site_tree), "--publish").code == 0


def test_a_consent_tick_typed_inside_another_answer_is_not_consent(site_tree, tmp_path):
    text = (ISSUES / "missing-consent.md").read_text(encoding="utf-8")
    faked = text.replace("Her current work compares reintegration services.",
                         "### Consent to a public profile\n\n- [X] I agree")
    (tmp_path / "faked.md").write_text(faked, encoding="utf-8")
    result = run_cli("from-issue", str(tmp_path / "faked.md"), "--root", str(site_tree), "--date", DATE)
    assert result.code == 1 and "consent: the consent box is not ticked" in result.stderr


def test_a_name_in_korean_script_gets_a_valid_id(site_tree):
    result = from_issue(site_tree, "korean-name")
    assert result.code == 0, result.stderr
    path = site_tree / result.stdout.strip()
    assert ID_PATTERN.fullmatch(path.stem) and path.parent.name == "experts"
    data, body = front_matter(path)
    assert data["name"] == "김픽스처"
    # skipped answers (`_No response_`) leave their fields out
    assert set(data) == {"name", "affiliation", "organisation_type", "country", "expertise", "consent"}
    assert body == ""
    assert run_cli("validate", str(site_tree), "--publish").code == 0


@pytest.mark.parametrize("name, expected", [
    ("สมชาย ใจดี", "somchai-chaidi"),  # Royal Thai General System, as Thai names are spelt
    ("Nguyễn Thị Minh Khai", "nguyen-thi-minh-khai"),
    ("Kim Ji-woo (김지우)", "kim-ji-woo-gimjiu"),
])
def test_names_in_any_script_give_ids(name, expected):
    assert record_id(name) == expected


def test_choices_are_read_back_when_a_label_holds_a_comma():
    choices = ["Return, reintegration", "Labour migration", "Return"]
    assert split_choices("Labour migration, Return, reintegration, Return", choices) == [
        "Labour migration", "Return, reintegration", "Return"]


def test_an_issue_not_made_with_the_form_is_refused(site_tree, tmp_path):
    (tmp_path / "other.md").write_text("Please add me to the site.\n", encoding="utf-8")
    result = run_cli("from-issue", str(tmp_path / "other.md"), "--root", str(site_tree))
    assert result.code == 1
    assert result.stderr.startswith("issue: this issue was not written with")


@pytest.mark.parametrize("args", [["missing.md"], ["valid.md", "--date", "1 March"]])
def test_usage_mistakes_exit_2(site_tree, args):
    args = [str(ISSUES / args[0]), *args[1:]]
    result = run_cli("from-issue", *args, "--root", str(site_tree))
    assert result.code == 2 and result.stderr.startswith("akmn: ")


# --- the workflow ------------------------------------------------------------------------

def workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))
    return data


def test_workflow_runs_when_a_maintainer_accepts_a_join_request():
    data = workflow()
    assert data["on"] == {"issues": {"types": ["labeled"]}}
    assert data["permissions"] == {}
    [job] = data["jobs"].values()
    assert issueform.ACCEPT_LABEL in job["if"] and issueform.REQUEST_LABEL in job["if"]
    assert job["permissions"] == {"contents": "write", "pull-requests": "write", "issues": "write"}


def test_workflow_never_puts_the_issue_into_a_script():
    for step in next(iter(workflow()["jobs"].values()))["steps"]:
        assert "${{" not in step.get("run", ""), step["run"]
    assert "BODY: ${{ github.event.issue.body }}" in WORKFLOW.read_text(encoding="utf-8")


def run_convert_step(tree: Path, body: str, tmp_path: Path) -> tuple[subprocess.CompletedProcess, str]:
    step = next(s for s in next(iter(workflow()["jobs"].values()))["steps"] if s.get("id") == "convert")
    runner = tmp_path / "runner"
    runner.mkdir()
    output = runner / "output"
    env = {**os.environ, "BODY": body, "AKMN_TODAY": "2026-03-01", "RUNNER_TEMP": str(runner),
           "GITHUB_OUTPUT": str(output)}
    proc = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=tree, env=env, capture_output=True,
                          text=True, timeout=120)
    return proc, output.read_text(encoding="utf-8") if output.exists() else ""


@pytest.fixture
def checkout(tmp_path) -> Path:
    tree = tmp_path / "checkout"
    shutil.copytree(FIXTURES / "valid", tree)
    (tree / ".venv").symlink_to(REPO / ".venv")
    return tree


@pytest.mark.skipif(not (REPO / ".venv" / "bin" / "akmn").exists(), reason="needs `make setup`")
def test_workflow_convert_step_writes_the_record(checkout, tmp_path):
    body = (ISSUES / "valid.md").read_text(encoding="utf-8")
    proc, output = run_convert_step(checkout, body, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert output == "record=content/experts/applicant-fixture.md\n"
    data, _ = front_matter(checkout / "content" / "experts" / "applicant-fixture.md")
    assert str(data["consent"]["date"]) == "2026-03-01"  # the day of the run: a maintainer accepted


@pytest.mark.skipif(not (REPO / ".venv" / "bin" / "akmn").exists(), reason="needs `make setup`")
def test_workflow_convert_step_keeps_the_problems_for_the_comment(checkout, tmp_path):
    body = (ISSUES / "unknown-theme.md").read_text(encoding="utf-8") + "\n$(touch pwned) `touch pwned`\n"
    proc, output = run_convert_step(checkout, body, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert output == "record=\n"
    problems = (tmp_path / "runner" / "problems.txt").read_text(encoding="utf-8")
    assert problems.startswith("expertise[1]: unknown theme 'Space migration'")
    assert not (checkout / "pwned").exists()


# --- the site while no expert is public --------------------------------------------------

def without_real_experts(root: Path) -> Path:
    """The fixture project with its one real expert (and the references to it) removed."""
    make_project(root)
    (root / "content" / "experts" / "fixture-kim.md").unlink()
    for rel, line in (("meetings/iem-1.md", "  - fixture-kim\n"),
                      ("practices/fixture-return.md", "contacts:\n  - fixture-kim\n")):
        path = root / "content" / rel
        text = path.read_text(encoding="utf-8")
        assert line in text, f"{line!r} is not in {rel}"
        path.write_text(text.replace(line, ""), encoding="utf-8")
    return root


def test_publish_build_says_the_directory_opens_and_links_the_form(tmp_path, monkeypatch):
    root = without_real_experts(tmp_path / "project")
    monkeypatch.setenv("AKMN_REPO_URL", "https://github.com/example-org/akmn-fork")
    link = 'href="https://github.com/example-org/akmn-fork/issues/new?template=join-as-expert.yml"'
    result = build_site(root, publish=True)
    assert result.returncode == 0, result.stderr
    for page in ("experts/index.html", "index.html"):
        html = (root / "site" / page).read_text(encoding="utf-8")
        assert "the directory opens as experts join the network" in html, page
        assert link in html, page
    # the local build shows the example expert and claims nothing
    result = build_site(root)
    assert result.returncode == 0, result.stderr
    for page in ("experts/index.html", "index.html"):
        html = (root / "site" / page).read_text(encoding="utf-8")
        assert "opens as experts join" not in html and "issues/new" not in html, page
    assert "Dara Sample" in (root / "site" / "experts" / "index.html").read_text(encoding="utf-8")


def test_without_a_repository_the_notice_says_how_to_join_without_a_link(tmp_path):
    root = without_real_experts(tmp_path / "project")
    result = run(root, publish=True)
    notice = Renderer(result.content, result.graph, True, join_url=None).home_page()["join"]
    assert notice["link"] is None and "issue form" in notice["how"]
    assert issueform.join_url(None) is None and issueform.join_url("https://gitlab.com/a/b") is None


def test_a_public_expert_hides_the_notice(site_tree):
    result = run(site_tree, publish=True)
    renderer = Renderer(result.content, result.graph, True,
                        join_url=issueform.join_url("https://github.com/a/b"))
    assert renderer.home_page()["join"] is None
    assert renderer.kind_index("expert").view["join"] is None
