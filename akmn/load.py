"""Stage 1, read: every file under content/ becomes a Record (or problems), with line numbers.

PyYAML's ordinary loaders forget where each value came from and silently accept duplicate
keys, anchors/aliases and YAML 1.1 retypings (`NO` -> false). So we let libyaml compose the
node tree (fast, in C) and build the Python values ourselves from the nodes, recording the
line of every field and the source text of every scalar that YAML retyped. That walk is the
one piece no library offers; it stays linear in the size of the file.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import yaml

from .fields import ID_RE
from .problems import Problem, field_path
from .schema import KINDS_BY_FOLDER, TAXONOMIES

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_FILE_BYTES = 1024 * 1024
ID_PATTERN = ID_RE  # the one id rule, declared with the field types
STR_TAG = "tag:yaml.org,2002:str"
# One constructor serves every file: it only turns single scalar nodes into values.
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
NULL_TAG = "tag:yaml.org,2002:null"
BINARY_TAG = "tag:yaml.org,2002:binary"
TOO_DEEP = "the fields are nested too deeply: records need only a few levels of lists and groups"
# A line that starts a field, `name:` or `- name:`, with the name as group 1
FIELD_START = re.compile(r"\s*(?:-\s+)*([A-Za-z_][\w-]*):(?:\s|$)")
QUOTES_TWICE = "(a ' inside is written twice: '')"


def single_quoted(text: str) -> str:
    """TEXT as a YAML single-quoted value, for a message to suggest: there only ' is escaped, as ''.
    (yaml.dump would fold a long value over lines and may add a document end marker.)"""
    return "'" + text.replace("'", "''") + "'"


def indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


@dataclass
class Record:
    kind: str
    id: str
    path: str  # relative to the project root, forward slashes
    data: dict
    lines: dict  # field path tuple -> 1-based line
    retyped: dict  # field path tuple -> source text of a scalar YAML read as non-text
    body: str = ""
    body_line: int = 1

    @property
    def is_example(self) -> bool:
        """A made-up record: shown with a badge in local builds, left out of the publish build."""
        return self.data.get("example") is True

    def line(self, path: tuple) -> int:
        # The nearest recorded ancestor: a missing field is reported at its parent.
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 1)

    def body_line_at(self, offset: int) -> int:
        """The file's line of the body's character at OFFSET."""
        return self.body_line + self.body.count("\n", 0, offset)


@dataclass
class Content:
    root: Path
    records: dict[str, dict[str, Record]] = field(default_factory=dict)  # kind -> id -> record
    taxonomies: dict[str, Record] = field(default_factory=dict)  # taxonomy name -> record
    problems: list[Problem] = field(default_factory=list)
    # (kind, id, language) -> a record's translation, read from the sibling <id>.<lang>.md
    translations: dict[tuple[str, str, str], Record] = field(default_factory=dict)
    # kind -> ids of record files that could not be read: their problem is reported once, and
    # references to them are not reported as references to records that do not exist
    unreadable: dict[str, set[str]] = field(default_factory=dict)


def taxonomy_ids(content: Content) -> dict[str, list[str]]:
    """Taxonomy name -> its ids in file order: the one place every stage reads them from."""
    return {
        name: [e["id"] for e in record.data["entries"]
               if isinstance(e, dict) and isinstance(e.get("id"), str)]
        for name, record in sorted(content.taxonomies.items())
    }


def taxonomy_labels(content: Content) -> dict[str, dict[str, str]]:
    """Taxonomy name -> {id: label} in file order: how terms are named to people."""
    return {
        name: {e["id"]: e["label"] for e in record.data["entries"]
               if isinstance(e, dict) and all(isinstance(e.get(k), str) for k in ("id", "label"))}
        for name, record in sorted(content.taxonomies.items())
    }


def taxonomy_entries(content: Content) -> dict[str, list]:
    """Taxonomy name -> its entries as written, for the open data."""
    return {name: record.data["entries"] for name, record in sorted(content.taxonomies.items())}


def indicator_entries(content: Content) -> dict[str, dict]:
    """Indicator id -> its entry in content/taxonomies/indicators.yml (entries with a unit)."""
    record = content.taxonomies.get("indicators")
    entries = record.data["entries"] if record else []
    return {e["id"]: e for e in entries
            if isinstance(e, dict) and isinstance(e.get("id"), str) and isinstance(e.get("unit"), str)}


class _Document:
    """Builds plain Python values from a composed libyaml node tree, remembering lines."""

    def __init__(self, rel: str, offset: int, problems: list[Problem]):
        self.rel = rel
        self.offset = offset  # added to libyaml's 0-based line to give the file's 1-based line
        self.problems = problems
        self.lines: dict[tuple, int] = {}
        self.retyped: dict[tuple, str] = {}
        self.text = ""  # set by parse()

    def problem(self, line: int, path: tuple, message: str) -> None:
        self.problems.append(Problem(self.rel, line, field_path(path), message))

    @cached_property
    def source(self) -> list[str]:
        """The text's lines, split only for a message that quotes one: most records need none."""
        return self.text.split("\n")

    def parse(self, text: str):
        self.text = text
        if "&" in text or "*" in text:
            if self._has_anchors(text):
                return None
        try:
            node = yaml.compose(text, Loader=Loader)
        except RecursionError:
            node = None
            self.problem(1, (), TOO_DEEP)
        except yaml.MarkedYAMLError as err:
            self._syntax_problem(err)
            return None
        except yaml.YAMLError as err:
            self._unreadable(err, text)
            return None
        if node is None:
            return None
        try:
            return self.build(node, ())
        except RecursionError:
            self.problem(node.start_mark.line + self.offset, (), TOO_DEEP)
            return None

    def _unreadable(self, err: yaml.YAMLError, text: str) -> None:
        # libyaml's ReaderError (e.g. a control character) gives a character position, not a line.
        position = getattr(err, "position", None)
        line = text.count("\n", 0, position) + self.offset if position is not None else 1
        reason = getattr(err, "reason", None) or str(err)
        self.problem(line, (), f"the YAML cannot be read ({reason}): delete invisible or control "
                     "characters on this line, then check its indentation and quoting")

    def _has_anchors(self, text: str) -> bool:
        found = False
        try:
            for event in yaml.parse(text, Loader=Loader):
                anchor = getattr(event, "anchor", None)
                if isinstance(event, yaml.AliasEvent) or anchor:
                    kind = "alias *" if isinstance(event, yaml.AliasEvent) else "anchor &"
                    self.problem(
                        event.start_mark.line + self.offset, (),
                        f"YAML {kind}{anchor} is not allowed in records: write the value out in full",
                    )
                    found = True
        except yaml.MarkedYAMLError as err:
            self._syntax_problem(err)
            return True
        except yaml.YAMLError as err:
            self._unreadable(err, text)
            return True
        return found

    def _syntax_problem(self, err: yaml.MarkedYAMLError) -> None:
        # An unclosed quote is noticed at the end of the fields: the line is where it opened.
        unclosed = err.context == "while scanning a quoted scalar" and err.context_mark
        mark = err.context_mark if unclosed else err.problem_mark or err.context_mark
        line = mark.line + self.offset if mark else 1
        # libyaml names a tab only as "a character that cannot start any token"
        here = self.source[mark.line] if mark and mark.line < len(self.source) else ""
        if "\t" in here[:len(here) - len(here.lstrip(" \t"))]:
            self.problem(line, (), "this line is indented with a tab: YAML indents with spaces "
                         "only, so replace the tab with spaces")
            return
        if unclosed:
            self.problem(line, (), "the quote that starts the value on this line is never closed: "
                         "end the value with the same quote mark")
            return
        if err.problem == "mapping values are not allowed in this context":
            self.problem(line, (), self._misplaced_colon(mark.line, mark.column))
            return
        what = " ".join(part for part in (err.context, err.problem) if part)
        self.problem(line, (), f"the YAML cannot be read: {what}; check the indentation and "
                     "quoting on this line and the one before")

    def _misplaced_colon(self, row: int, column: int) -> str:
        """What libyaml's "mapping values are not allowed" means, for the colon at ROW, COLUMN."""
        before = self.source[row][:column]
        same_line = ": " in before  # `role: Lead: policy research`: the value's colon read as a field
        if not same_line and FIELD_START.fullmatch(before + ":") and self._follows_field(row):
            return ("this field is indented further than the one above it: give it the same number of "
                    "spaces as the other fields of its group")
        start = row if same_line else self._value_start(row)
        found = FIELD_START.match(self.source[start]) if start is not None else None
        # a key the pattern does not know (`"role": …`) gets the advice without the example
        example = f": write it as {self._quoted_value(start, found)}" if found else ""
        if same_line:
            return f"a value with a colon and a space in it must be in quotes{example} {QUOTES_TWICE}"
        begun = f"the value of {found[1]} from line {start + self.offset}" if found else "the text above it"
        return (f"this line goes on with {begun}, and YAML reads its colon and space as a new field: "
                f"put the whole value in quotes{example} {QUOTES_TWICE}")

    def _follows_field(self, row: int) -> bool:
        """Whether the line before ROW, blank lines aside, is a field of its own."""
        above = (line for line in reversed(self.source[:row]) if line.strip())
        return bool(FIELD_START.match(next(above, "")))

    def _value_start(self, row: int) -> int | None:
        """The line above ROW where the plain value that goes on over ROW begins: its field's
        line, or a list item's (None if it is neither)."""
        return next((r for r in range(row - 1, -1, -1) if FIELD_START.match(self.source[r])
                     or self.source[r].lstrip().startswith("-")), None)

    def _quoted_value(self, row: int, found: re.Match) -> str:
        """`name: 'value'` for the plain value of the field FOUND on ROW, over all its lines."""
        parts = [self.source[row][found.end():].strip()]
        for line in self.source[row + 1:]:  # a plain value goes on over lines indented under its name
            if not line.strip() or indent(line) <= found.start(1):
                break
            parts.append(line.strip())
        return f"{found[1]}: {single_quoted(' '.join(part for part in parts if part))}"

    def _after(self, mark) -> str:
        """The rest of the line from MARK, without spaces around it."""
        line = self.source[mark.line] if mark.line < len(self.source) else ""
        return line[mark.column:].strip()

    def build(self, node, path: tuple):
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, path)
        if isinstance(node, yaml.SequenceNode):
            items = []
            for index, child in enumerate(node.value):
                self.lines[path + (index,)] = child.start_mark.line + self.offset
                items.append(self.build(child, path + (index,)))
            return items
        mapping: dict = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + self.offset
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                self.problem(line, path, "this key is not a plain name: write `name: value`")
                continue
            key = key_node.value
            if key in mapping:
                self.problem(line, path + (key,), f"duplicate key '{key}' (first on line "
                             f"{self.lines[path + (key,)]}): keep only one")
                continue
            self.lines[path + (key,)] = line
            mapping[key] = self.build(value_node, path + (key,))
        return mapping

    def _scalar(self, node, path: tuple):
        if node.tag == STR_TAG:
            return node.value
        construct = _CONSTRUCTOR.yaml_constructors.get(node.tag)
        if construct is None or node.tag == BINARY_TAG:
            self.problem(node.start_mark.line + self.offset, path,
                         f"YAML tag {node.tag} is not allowed: remove it")
            return None
        if node.tag != NULL_TAG:
            self.retyped[path] = node.value
        elif not node.value and (rest := self._after(node.start_mark)).startswith("#"):
            # `position: #1 researcher`: the whole value was read as a comment, and the field
            # would quietly be empty
            self.problem(node.start_mark.line + self.offset, path, "YAML reads a value starting "
                         f"with # as a comment, so this field is empty: if the value is {rest}, write it in "
                         f"quotes, {single_quoted(rest)}; if it is a note, delete it")
        try:
            return construct(_CONSTRUCTOR, node)
        except (ValueError, yaml.YAMLError):
            return node.value  # e.g. 2024-02-30: left as text for the date check to explain


def read_yaml(text: str, rel: str, first_line: int, problems: list[Problem]):
    """The values of a YAML text as the loader reads them (None for an empty one); problems are
    added as it reports them. `first_line` is the file's line number of the text's first line."""
    return _Document(rel, first_line, problems).parse(text)


def read_text(path: Path, rel: str, problems: list[Problem]) -> str | None:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        problems.append(Problem(rel, 1, "", f"the file is {size:,} bytes; records may be at most "
                                f"{MAX_FILE_BYTES:,} bytes (1 MiB): shorten it or split it"))
        return None
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        problems.append(Problem(rel, line, "", f"the file is not UTF-8 (byte {data[err.start]:#04x}); "
                                "save it as UTF-8 in your editor"))
        return None
    return text.replace("\r\n", "\n")


def split_front_matter(text: str, rel: str, problems: list[Problem]) -> tuple[str, str, int] | None:
    """Returns (front matter, body, first line of body)."""
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        problems.append(Problem(rel, 1, "", "a record starts with a line `---`, then its fields, "
                                "then another `---`: add the fields at the top"))
        return None
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1:]), index + 2
    problems.append(Problem(rel, 1, "", "the fields are not closed: add a line `---` after the last field"))
    return None


def load_record(path: Path, rel: str, kind: str, problems: list[Problem]) -> Record | None:
    text = read_text(path, rel, problems)
    if text is None:
        return None
    split = split_front_matter(text, rel, problems)
    if split is None:
        return None
    front, body, body_line = split
    doc = _Document(rel, 2, problems)
    before = len(problems)
    data = doc.parse(front)
    if len(problems) > before and data is None:
        return None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        problems.append(Problem(rel, 2, "", "the fields must be `name: value` lines"))
        return None
    return Record(kind, path.stem, rel, data, doc.lines, doc.retyped, body, body_line)


def load_taxonomy(path: Path, rel: str, problems: list[Problem]) -> Record | None:
    text = read_text(path, rel, problems)
    if text is None:
        return None
    doc = _Document(rel, 1, problems)
    data = doc.parse(text)
    if data is None:
        data = []
    if not isinstance(data, list):
        problems.append(Problem(rel, 1, "", "a taxonomy is a list of entries, each starting with `- id:`"))
        return None
    return Record("taxonomy", path.stem, rel, {"entries": data},
                  {("entries",) + k: v for k, v in doc.lines.items()},
                  {("entries",) + k: v for k, v in doc.retyped.items()})


def _link_problem(path: Path, root: Path) -> str | None:
    """What is wrong with a symbolic link under content/, if anything."""
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):  # missing target, or a loop of links
        return "this link points to nothing: remove it, or put the file itself here"
    try:
        target.relative_to(root)
    except ValueError:
        return "this link points outside the repository: put the file itself here instead"
    return None


def _load_translation(path: Path, rel: str, kind: str, content: Content) -> None:
    """<id>.<lang>.md: a record's title, summary and body in another language (validated in
    validate.py against the record it belongs to)."""
    from .i18n import LANGS, SOURCE

    record_id, _dot, code = path.stem.rpartition(".")
    others = [x for x in LANGS if x != SOURCE]
    if code not in others or not ID_PATTERN.fullmatch(record_id):
        content.problems.append(Problem(rel, 1, "", "a translation is named after its record and a language "
                                        f"the site has ({', '.join(others)}): rename it to "
                                        f"{ID_PATTERN.fullmatch(record_id) and record_id or 'the-record-id'}"
                                        f".{others[0]}.md"))
        return
    record = load_record(path, rel, kind, content.problems)
    if record:
        record.id = record_id
        content.translations[(kind, record_id, code)] = record


def load_content(root: Path) -> Content:
    root = Path(root).resolve()
    content = Content(root, {kind.name: {} for kind in KINDS_BY_FOLDER.values()})
    problems = content.problems
    base = root / "content"
    if not base.is_dir():
        problems.append(Problem("content", 1, "", f"there is no content/ folder in {root}: "
                                "run the command from the project folder or pass it as ROOT"))
        return content
    folders = ", ".join(f"content/{name}/" for name in [*KINDS_BY_FOLDER, "taxonomies"])
    for dirpath, dirnames, filenames in os.walk(base):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        here = Path(dirpath)
        folder = here.relative_to(base).as_posix()
        for name in sorted(filenames) + [d for d in dirnames if (here / d).is_symlink()]:
            if name.startswith("."):
                continue
            path = here / name
            rel = path.relative_to(root).as_posix()
            if path.is_symlink() and (message := _link_problem(path, root)):
                problems.append(Problem(rel, 1, "", message))
                continue
            if path.is_dir():
                continue
            if folder == "taxonomies":
                if path.suffix != ".yml" or path.stem not in TAXONOMIES:
                    problems.append(Problem(rel, 1, "", "content/taxonomies/ holds only "
                                            + ", ".join(f"{t}.yml" for t in TAXONOMIES)))
                    continue
                record = load_taxonomy(path, rel, problems)
                if record:
                    content.taxonomies[path.stem] = record
                continue
            kind = KINDS_BY_FOLDER.get(folder)
            if kind is None:
                if path.suffix in (".md", ".yml", ".yaml"):
                    problems.append(Problem(rel, 1, "", f"this folder holds no kind of record: move the "
                                            f"file into one of {folders}"))
                continue
            if path.suffix != ".md":
                problems.append(Problem(rel, 1, "", f"records are Markdown files: rename it to "
                                        f"{path.stem}.md (or remove it)"))
                continue
            if "." in path.stem:
                _load_translation(path, rel, kind.name, content)
                continue
            if not ID_PATTERN.fullmatch(path.stem):
                from slugify import slugify

                problems.append(Problem(rel, 1, "", "file names are lowercase words joined by "
                                        f"hyphens: rename it to {slugify(path.stem) or 'a-name'}.md"))
                continue
            record = load_record(path, rel, kind.name, problems)
            if record:
                content.records[kind.name][record.id] = record
            else:
                content.unreadable.setdefault(kind.name, set()).add(path.stem)
    for name in TAXONOMIES:
        if not (base / "taxonomies" / f"{name}.yml").exists():
            problems.append(Problem(f"content/taxonomies/{name}.yml", 1, "",
                                    "this taxonomy is missing: "
                                    "create it as a list of {id, label, description}"))
    return content
