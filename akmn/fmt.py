"""`akmn fmt`: every record in one canonical layout, the one the web editor writes.

Two people changing one field must produce the same one-line diff, whether they used a text
editor or the web editor. So the layout is Sveltia CMS's own (the web editor, akmn/cms.py): it
serialises front matter with the `yaml` npm package (2.9.1 in @sveltia/cms 0.221.1) as
`stringify(data, {indent: 2, indentSeq: true, lineWidth: 0, defaultStringType: 'PLAIN',
singleQuote: true})`, keys in the order of the collection's fields at every level. Here that is:

- keys in schema order (an Object's fields; a map's keys in the order of its fixed list or
  taxonomy, as the editor's form lists them); unknown keys after them in their own order, since
  fmt never drops data (the validator reports them);
- lists in block style, each `- item` two spaces under its key; empty ones as `[]`;
- text plain unless YAML would read it otherwise, then in single quotes (double quotes when it
  holds a ' and no "); text with line breaks as a literal block `|-`;
- no folding of long lines (lineWidth 0), so a one-field change is a one-line diff;
- dates unquoted, YYYY-MM-DD; numbers as the editor writes them (4.40 -> 4.4, 1_000 -> 1000).

Where the two differ: text that YAML 1.1 (PyYAML, our loader) reads as another type, such as
`NO`, `yes` or `12:30`, is quoted here, on purpose (the `yaml` package speaks YAML 1.2 and would
leave it plain, and the loader would then read `NO` as false); text holding a tab, or starting
with `---`, is quoted here, where the editor writes it plain (ruamel's choice). As the editor
does, one blank line separates the closing `---` from the body. tests/test_fmt.py holds files
written by the real package and checks fmt keeps them.

Comments are kept: ruamel.yaml round-trips them (a comment line travels with the field above it
when fields are reordered). The body after the front matter is kept byte for byte, but for the
blank lines before it. Files whose YAML
the loader rejects are reported with the loader's own messages and left as they are.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.compat import ordereddict
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString, SingleQuotedScalarString

from .fields import DATE_RE, Date, Enum, ListOf, MapOf, Object, Term
from .load import STR_TAG, Content, load_taxonomy, read_text, read_yaml, split_front_matter, taxonomy_ids
from .problems import Problem
from .schema import KINDS, KINDS_BY_FOLDER, TAXONOMIES

# Text the `yaml` package will not write plain (its plainString test, verbatim).
NOT_PLAIN = re.compile(r"^[\n\t ,[\]{}#&*!|>'\"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$")
_RESOLVER_11 = yaml.resolver.Resolver()


class FormatError(Exception):
    """The text cannot be formatted: its problems, as the loader reports them."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(p.text() for p in problems))
        self.problems = problems


def _ruamel() -> YAML:
    emitter = YAML()  # round trip: keeps comments
    emitter.indent(mapping=2, sequence=4, offset=2)
    emitter.width = 2**31  # never fold a long line
    return emitter


def _misread(text: str) -> bool:
    """True when YAML 1.1 reads this plain text as something other than text."""
    return _RESOLVER_11.resolve(yaml.ScalarNode, text, (True, False)) != STR_TAG


def _string(value: str):
    if "\n" in value:
        # A block cannot keep spaces after the last line break; the editor then uses double quotes.
        return (DoubleQuotedScalarString(value) if re.search(r"\n[\t ]+$", value)
                else LiteralScalarString(value))
    if not NOT_PLAIN.search(value) and not _misread(value):
        return str(value)  # plain; ruamel still quotes what YAML 1.2 would misread
    if "'" in value and '"' not in value:
        return DoubleQuotedScalarString(value)
    return SingleQuotedScalarString(value)


def _order(keys, spec, taxonomies: dict) -> list:
    if isinstance(spec, Object):
        wanted = list(spec.fields)
    elif isinstance(spec, MapOf) and isinstance(spec.key, Enum):
        wanted = list(spec.key.values)
    elif isinstance(spec, MapOf) and isinstance(spec.key, Term):
        wanted = list(taxonomies.get(spec.key.taxonomy, []))
    else:
        wanted = []
    rank = {name: index for index, name in enumerate(wanted)}
    return sorted(keys, key=lambda name: rank.get(name, len(wanted)))  # stable: unknown keep order


def _child(spec, key):
    if isinstance(spec, Object):
        return spec.fields.get(key)
    if isinstance(spec, MapOf):
        return spec.value
    return None


def _canonical(node, spec, taxonomies: dict):
    """The node in the canonical layout; maps and lists are changed in place (keeping comments)."""
    if isinstance(node, CommentedMap):
        for key in _order(list(node), spec, taxonomies):
            node.move_to_end(key)
            # Past CommentedMap.__setitem__, which would give the new text the old quoting style.
            ordereddict.__setitem__(node, key, _canonical(node[key], _child(spec, key), taxonomies))
        if node:  # an empty one stays {}, as the editor writes it
            node.fa.set_block_style()
        return node
    if isinstance(node, CommentedSeq):
        item = spec.item if isinstance(spec, ListOf) else None
        for index, value in enumerate(node):
            list.__setitem__(node, index, _canonical(value, item, taxonomies))
        if node:  # an empty one stays [], as the editor writes it
            node.fa.set_block_style()
        return node
    if isinstance(node, str):
        if isinstance(spec, Date) and DATE_RE.fullmatch(node):
            try:
                return dt.date.fromisoformat(node)  # the editor's date widget writes it unquoted
            except ValueError:
                pass  # not a real date: kept as text for the validator to report
        return _string(str(node))
    if isinstance(node, bool):
        return node
    if isinstance(node, int):
        return int(node)  # drops ruamel's memory of 0x / 1_000 spellings
    if isinstance(node, float):
        # JavaScript writes 29.0 as 29 (the editor's numbers are JavaScript numbers).
        return int(node) if node.is_integer() and abs(node) < 1e21 else float(node)
    return node


def _dump(data, root_list: bool = False) -> str:
    out = io.StringIO()
    # ruamel indents a top-level list like a nested one; the editor's layout starts it at column 0.
    transform = (lambda text: re.sub(r"(?m)^  ", "", text)) if root_list else None
    _ruamel().dump(data, out, transform=transform)
    return out.getvalue()


def _parse_checked(text: str, rel: str, offset: int):
    """The loader's reading of the text, or FormatError with the loader's messages."""
    problems: list[Problem] = []
    data = read_yaml(text, rel, offset, problems)
    if problems:
        raise FormatError(problems)
    return data


def _meaning(data):
    # What fmt may change: key order (dicts compare without it), 29.0 -> 29 (equal numbers),
    # and a date between text and unquoted (the same date once both are text).
    return json.loads(json.dumps(data, default=str))


def _reformat(text: str, spec, rel: str, offset: int, taxonomies: dict) -> str:
    before = _parse_checked(text, rel, offset)
    if not isinstance(before, (dict, list)):  # empty, or not fields at all: validate explains
        return text
    try:
        node = _ruamel().load(text)
    except YAMLError as err:  # the loader accepted it; ruamel should too, but never a traceback
        message = f"the YAML cannot be formatted ({err}): fix it by hand"
        raise FormatError([Problem(rel, offset, "", message)]) from err
    result = _dump(_canonical(node, spec, taxonomies), root_list=isinstance(node, CommentedSeq))
    # A safety net: fmt never changes what a file says, even where ruamel and PyYAML disagree.
    problems: list[Problem] = []
    after = read_yaml(result, rel, offset, problems)
    if problems or _meaning(after) != _meaning(before):
        raise FormatError([Problem(rel, offset, "", "akmn fmt cannot rewrite this file without changing "
                                   "what it says (often a value YAML can read two ways, such as 0o17): "
                                   "quote such values, or lay the file out by hand")])
    return result


def format_text(text: str, kind: str, taxonomies: dict | None = None, rel: str = "<record>") -> str:
    """A record file (front matter, then body) in the canonical layout; the body is kept byte for byte.

    `kind` is a record kind (expert, country, ...); `taxonomies` maps a taxonomy name to its ids
    (load.taxonomy_ids) and orders maps keyed by a taxonomy. Raises FormatError for bad YAML."""
    problems: list[Problem] = []
    if split_front_matter(text.replace("\r\n", "\n"), rel, problems) is None:
        raise FormatError(problems)
    lines = text.split("\n")
    close = next(i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "..."))
    front = "".join(line + "\n" for line in lines[1:close])
    formatted = _reformat(front, KINDS[kind].fields, rel, 2, taxonomies or {})
    return "---\n" + formatted + "---\n" + _body(lines[close + 1:])


def _body(lines: list[str]) -> str:
    """The text below the front matter as the editor saves it: one blank line, then the body
    byte for byte (without the blank lines it started with)."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    return "" if first is None else "\n" + "\n".join(lines[first:])


def record_text(data: dict, kind: str, body: str = "", taxonomies: dict | None = None) -> str:
    """A new record file from its fields and body, in the canonical layout (for importers)."""
    front = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return format_text(f"---\n{front}---\n{body}", kind, taxonomies)


def format_taxonomy(text: str, name: str, rel: str = "<taxonomy>") -> str:
    """A taxonomy file (a YAML list of entries) in the canonical layout."""
    return _reformat(text, ListOf(item=TAXONOMIES[name].entry), rel, 1, {})


def format_file(path: Path, rel: str, taxonomies: dict) -> str | None:
    """The file's canonical text; None when it is not a record or taxonomy. Raises FormatError."""
    parts = Path(rel).parts
    folder = parts[1] if len(parts) == 3 and parts[0] == "content" else None
    taxonomy = folder == "taxonomies" and path.suffix == ".yml" and path.stem in TAXONOMIES
    kind = KINDS_BY_FOLDER.get(folder) if path.suffix == ".md" else None
    if not (taxonomy or kind):
        return None
    problems: list[Problem] = []
    if read_text(path, rel, problems) is None:  # too large, or not UTF-8
        raise FormatError(problems)
    text = path.read_bytes().decode("utf-8-sig")
    if taxonomy:
        return format_taxonomy(text, path.stem, rel)
    return format_text(text, kind.name, taxonomies, rel)


@dataclass
class Outcome:
    changed: list[str] = field(default_factory=list)  # files rewritten (or, with check, to rewrite)
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # named on the command line, not records


def _taxonomy_ids(root: Path) -> dict[str, list[str]]:
    content = Content(root)
    for name in TAXONOMIES:
        path = root / "content" / "taxonomies" / f"{name}.yml"
        if path.is_file() and (record := load_taxonomy(path, path.relative_to(root).as_posix(), [])):
            content.taxonomies[name] = record
    return taxonomy_ids(content)


def _files(root: Path, paths: list[Path]) -> list[tuple[Path, bool]]:
    """(file, named on the command line) for each file in paths, folders walked."""
    found = []
    for path in paths or [root / "content"]:
        if path.is_dir():
            found += [(p, False) for p in sorted(path.rglob("*")) if p.is_file()]
        else:
            found.append((path, True))
    return found


def format_paths(root: Path, paths: list[Path], write: bool = True) -> Outcome:
    """Formats every record and taxonomy file in `paths` (default: ROOT/content).

    Paths must exist and lie inside root (else ValueError). Files with problems are left as they are."""
    root = root.resolve()
    taxonomies = _taxonomy_ids(root)
    outcome = Outcome()
    for path, named in _files(root, [p.resolve() for p in paths]):
        rel = path.relative_to(root).as_posix()  # ValueError outside root
        try:
            text = format_file(path, rel, taxonomies)
        except FormatError as err:
            outcome.problems += err.problems
            continue
        if text is None:
            if named:
                outcome.skipped.append(rel)
        elif text.encode("utf-8") == path.read_bytes():
            outcome.unchanged += 1
        else:
            outcome.changed.append(rel)
            if write:
                path.write_text(text, encoding="utf-8", newline="")
    return outcome
