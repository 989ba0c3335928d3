"""Rewrite a profile's `figures` and keep every other byte of the file.

ruamel.yaml's round-trip mode keeps comments, key order, quoting and block scalars; the body
after the front matter is never parsed. Before anything is changed, the unchanged front matter
must come back byte for byte from ruamel, so a file it would reformat is refused, not rewritten.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.util import load_yaml_guess_indent

from . import Value


class EditError(Exception):
    pass


@dataclass
class Change:
    kind: str  # added, changed, unchanged
    indicator_id: str
    before: str
    after: str
    was_missing: bool = False  # the profile recorded why it had no value; the value replaces that

    def line(self, rel: str) -> str:
        what = {"added": f"added {self.after}", "unchanged": f"unchanged {self.after}",
                "changed": f"changed {self.before} -> {self.after}"}[self.kind]
        gap = " (replaces its entry in `missing`)" if self.was_missing else ""
        return f"{rel}: {self.indicator_id}: {what}{gap}"


def split(text: str) -> tuple[str, str, str]:
    """(opening line, front matter, closing line and body)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        raise EditError("does not start with a `---` line: run `akmn validate` and fix it first")
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return lines[0], "".join(lines[1:index]), "".join(lines[index:])
    raise EditError("its front matter is not closed by a `---` line: run `akmn validate` and fix it first")


def _yaml(front: str) -> YAML:
    _, sequence, offset = load_yaml_guess_indent(front)
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long line that was written on one line
    yaml.indent(mapping=2, sequence=sequence or 4, offset=offset or 2)
    return yaml


def _dump(yaml: YAML, data) -> str:
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def update(text: str, values: list[Value]) -> tuple[str, list[Change]]:
    """The file with each value written into `figures` (matched by indicator_id), and what changed."""
    head, front, tail = split(text)
    try:
        yaml = _yaml(front)
        data = yaml.load(front)
    except YAMLError as err:
        raise EditError(f"its front matter is not valid YAML ({err.__class__.__name__}): "
                        "run `akmn validate`") from None
    if not isinstance(data, CommentedMap):
        raise EditError("its front matter is not `name: value` lines: run `akmn validate`")
    if _dump(yaml, data) != front:
        raise EditError("its layout cannot be kept byte for byte (tabs, CRLF line ends or unusual "
                        "indentation?): tidy it or update the figures by hand")
    figures = data.get("figures")
    if figures is not None and not isinstance(figures, CommentedSeq):
        raise EditError("`figures` is not a list: run `akmn validate` and fix it first")
    if figures is None:
        figures = CommentedSeq()
        keys = list(data)
        if "figures" in keys:  # written but left empty
            data["figures"] = figures
        else:
            data.insert(keys.index("sources") if "sources" in keys else len(keys), "figures", figures)
    changes = [_apply(figures, value.figure()) for value in values]
    _drop_missing(data, changes)
    return head + _dump(yaml, data) + tail, changes


def _drop_missing(data: CommentedMap, changes: list[Change]) -> None:
    """A value now published replaces the recorded reason why there was none (the validator
    refuses both together); `missing` goes when it is left empty."""
    missing = data.get("missing")
    if not isinstance(missing, CommentedSeq):
        return
    for change in changes:
        found = [m for m in missing if isinstance(m, dict) and m.get("indicator_id") == change.indicator_id]
        for entry in found:
            missing.remove(entry)
            change.was_missing = True
    if not missing:
        del data["missing"]


def _apply(figures: CommentedSeq, new: dict) -> Change:
    old = next((f for f in figures
                if isinstance(f, dict) and f.get("indicator_id") == new["indicator_id"]), None)
    after = _shown(new)
    if old is None:
        figures.append(CommentedMap(new))
        return Change("added", new["indicator_id"], "", after)
    # The contributor's own wording of `indicator` is kept; everything that is data is replaced.
    data_keys = [k for k in new if k != "indicator"]
    if all(old.get(k) == new[k] for k in data_keys):
        return Change("unchanged", new["indicator_id"], after, after)
    before = _shown(old)
    if before == after:  # same value and year: the source or its link changed
        before, after = (f"{old.get('source')} <{old.get('source_url')}>",
                         f"{new['source']} <{new['source_url']}>")
    for key in data_keys:
        old[key] = new[key]
    return Change("changed", new["indicator_id"], before, after)


def _shown(figure) -> str:
    value = figure.get("value")
    shown = f"{value:,}" if isinstance(value, (int, float)) and not isinstance(value, bool) else str(value)
    return f"{shown} {figure.get('unit')} ({figure.get('year')})"
