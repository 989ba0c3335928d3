"""`akmn from-issue FILE`: a join request, as GitHub renders the issue form, becomes a record.

GitHub writes a submitted form as `### Label`, a blank line, then the answer (`_No response_`
when empty; ticked boxes as `- [X] ...`; several dropdown choices joined by ", "). The labels
and element types come from the same generated form (issueform.py), so the two cannot drift.
The new record is checked by the validator the CLI uses, as the publish build checks it,
before anything is written.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import nh3
import pycountry
from slugify import slugify

from .fields import Bool, Country, Field, ListOf, Object, Term
from .fmt import record_text
from .issueform import BODY, NO_RESPONSE, form
from .load import ID_PATTERN, Content, load_content, load_record, taxonomy_labels
from .problems import Problem
from .schema import EXPERT
from .validate import validate_content

TICKED = re.compile(r"^\s*- \[[xX]\] ", re.M)
CODE_IN_OPTION = re.compile(r"\(([A-Z]{2})\)$")
MARKDOWN_LINK = re.compile(r"^\[(?P<title>[^\]]+)\]\((?P<url>[^)\s]+)\)$")
# The `](` of an inline link or image whose target is not a web or mail address (javascript:,
# data:, ...); a space there makes Markdown read the rest as plain text.
UNSAFE_TARGET = re.compile(r"\]\((?!\s*(?:https?://|mailto:))", re.I)
UNSAFE_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*(?!https?://|mailto:)\S.*$", re.I | re.M)
SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)
THAI_RUN = re.compile(r"[\u0E00-\u0E7F]+")


@dataclass
class Conversion:
    rel: str | None  # content/experts/<id>.md, or None when no id can be made
    text: str
    problems: list[tuple[str, str]] = field(default_factory=list)  # (field, message)


# --- reading the issue body --------------------------------------------------------------

def sections(body: str, elements: list[dict]) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Element id -> its answer. Headings are searched from the last element backwards, so a
    `### Label` line typed inside an answer can only cut short that answer, never fill another."""
    body = body.replace("\r\n", "\n")
    answers, problems, end = {}, [], len(body)
    for element in reversed(elements):
        heading = re.compile(rf"^### {re.escape(element['attributes']['label'])}[ \t]*$", re.M)
        found = list(heading.finditer(body, 0, end))
        if not found:
            problems.append((element["id"], f"the issue has no “### {element['attributes']['label']}” "
                             "section: open the request with the join form, or add the section"))
            continue
        match = found[-1]
        answer = body[match.end():end].strip()
        answers[element["id"]] = "" if answer == NO_RESPONSE else answer
        end = match.start()
    if len(problems) == len(elements):
        return {}, [("issue", "this issue was not written with the “Join the network as an expert” "
                     "form: ask the expert to open one with the form")]
    return answers, problems[::-1]


def split_choices(answer: str, choices: list[str]) -> list[str]:
    """Dropdown choices GitHub joined with ", ", read back even when a label holds a comma."""
    items, rest = [], answer
    by_length = sorted(choices, key=len, reverse=True)
    while rest:
        match = next((c for c in by_length if rest == c or rest.startswith(c + ", ")), None)
        item = match or rest.split(", ", 1)[0]
        items.append(item)
        rest = rest[len(item) + 2:]
    return items


def split_list(answer: str) -> list[str]:
    return [item.strip() for item in re.split(r"[,\n]", answer) if item.strip()]


def link(line: str) -> dict:
    """`Title https://...` or `[Title](https://...)`; the validator explains any other shape."""
    line = line.strip().lstrip("-* ").strip()
    if match := MARKDOWN_LINK.match(line):
        return {"title": match["title"].strip(), "url": match["url"]}
    title, _, last = line.rpartition(" ")
    if SCHEME.match(last):
        return {"title": title.strip(" :-–"), "url": last} if title.strip(" :-–") else {"url": last}
    return {"title": line}


def country_code(text: str) -> str:
    if match := CODE_IN_OPTION.search(text):
        return match[1]
    if len(text) == 2:
        return text.upper()
    try:
        return pycountry.countries.lookup(text).alpha_2
    except LookupError:
        return text  # the validator explains what is wrong with it


def one_value(spec: Field, text: str, labels: dict[str, dict[str, str]]):
    if isinstance(spec, Term):
        ids = {label.casefold(): term for term, label in labels.get(spec.taxonomy, {}).items()}
        return ids.get(text.casefold(), text)
    if isinstance(spec, Country):
        return country_code(text)
    return text


def value(spec: Field, element: dict, answer: str, labels: dict[str, dict[str, str]]):
    """The record's value for one answer; None when the answer is empty."""
    if isinstance(spec, Bool):
        return True if TICKED.search(answer) else None
    if not answer:
        return None
    if not isinstance(spec, ListOf):
        return one_value(spec, answer, labels)
    if isinstance(spec.item, Object):
        return [link(line) for line in answer.splitlines() if line.strip()]
    choices = element["attributes"].get("options")
    items = split_choices(answer, choices) if element["type"] == "dropdown" else split_list(answer)
    return [one_value(spec.item, item, labels) for item in items]


# --- the record --------------------------------------------------------------------------

def safe_markdown(text: str) -> str:
    """The biography as Markdown in which no HTML and no script link can survive.

    `&` and `<` become entities, so tags and entity-disguised schemes (`java&#115;cript:`) are
    shown as text; links to anything but http(s) and mailto addresses become plain text. The site sanitises
    every body with nh3 as well; this keeps the record itself clean for reviewers and reusers."""
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    text = UNSAFE_TARGET.sub("] (", text)
    return UNSAFE_DEFINITION.sub("", text).strip()


def record_id(name) -> str | None:
    if not isinstance(name, str):
        return None
    # text-unidecode (python-slugify's transliterator) reads Thai letter by letter; PyThaiNLP's
    # Royal Institute romanisation gives the spelling Thai names are known by (สมชาย -> somchai).
    if THAI_RUN.search(name):
        from pythainlp.transliterate import romanize

        name = THAI_RUN.sub(lambda m: " " + romanize(m.group(), engine="royin") + " ", name)
    slug = slugify(name, max_length=60, word_boundary=True)
    return slug if ID_PATTERN.fullmatch(slug) else None


def record_data(answers: dict, elements: dict, labels, date: dt.date) -> dict:
    data = {}
    for name, spec in EXPERT.fields.fields.items():
        if name == "consent":
            if TICKED.search(answers.get(name, "")):
                data[name] = {"public_profile": True, "date": date}
        elif name in elements:
            found = value(spec, elements[name], answers.get(name, ""), labels)
            if found is not None:
                data[name] = found
    return data


def validate_new(content: Content, rel: str, text: str) -> list[Problem]:
    """The validator's problems with the new record, checked among the project's records as the
    publish build checks them (a real expert may not refer to an example record). The record
    is added to `content`."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / Path(rel).name
        path.write_text(text, encoding="utf-8")
        problems: list[Problem] = []
        record = load_record(path, rel, "expert", problems)
    if record is not None:
        content.records["expert"][record.id] = record
    return problems + [p for p in validate_content(content, publish=True) if p.file == rel]


def markup_problems(answers: dict, elements: dict) -> list[tuple[str, str]]:
    """Fields that hold HTML. Pages escape field text anyway, but a record's fields are plain
    text for every reuser of the open data too, so markup is refused rather than stored."""
    return [(name, "contains HTML markup: write plain text, without < > tags")
            for name, answer in answers.items()
            if name != BODY[0] and elements[name]["type"] in ("input", "textarea") and nh3.is_html(answer)]


def convert(body: str, root: Path, date: dt.date) -> Conversion:
    content = load_content(root)  # once: the labels and the validation read the same records
    labels = taxonomy_labels(content)
    elements = {e["id"]: e for e in form(labels)["body"] if "id" in e}
    answers, problems = sections(body, list(elements.values()))
    if answers == {} and problems:
        return Conversion(None, "", problems)
    problems += markup_problems(answers, elements)
    answers = {k: ("" if k in dict(problems) else v) for k, v in answers.items()}
    data = record_data(answers, elements, labels, date)
    if "consent" not in data:
        problems.append(("consent", "the consent box is not ticked: no profile is published without "
                         "the expert's consent; ask the expert to tick it in the issue"))
    rid = record_id(data.get("name"))
    if data.get("name") and rid is None:
        problems.append(("name", "no file name can be made from this name: write it in Latin letters too"))
    bio = safe_markdown(answers.get(BODY[0], ""))
    # The canonical layout (akmn fmt), so the pull request passes `akmn fmt --check` as it is.
    text = record_text(data, EXPERT.name, f"{bio}\n" if bio else "", {k: list(v) for k, v in labels.items()})
    rel = f"content/{EXPERT.folder}/{rid or 'new-expert'}.md"
    if rid and (root / rel).exists():
        problems.append(("name", f"{rel} already exists: this expert is listed already; "
                         "update that record instead"))
    reported = {name for name, _ in problems}
    for problem in validate_new(content, rel, text):
        if problem.field.split("[")[0].split(".")[0] not in reported:
            problems.append((problem.field or "record", problem.message))
    return Conversion(rel if rid else None, text, problems)
