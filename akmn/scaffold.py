"""`akmn new KIND ID`: a new record written from the kind's schema, every required field a
placeholder to fill in, every optional field listed as a comment."""

from __future__ import annotations

from pathlib import Path

from .fields import Object
from .load import ID_PATTERN
from .schema import KINDS


class ScaffoldError(Exception):
    def __init__(self, message: str, usage: bool = False):
        super().__init__(message)
        self.usage = usage


def render(kind_name: str, record_id: str) -> str:
    kind = KINDS[kind_name]
    spec: Object = kind.fields
    lines = ["---", f"# New {kind.title.lower()}. Replace every placeholder value; "
             "remove the # to use an optional field.", "# Run `akmn validate` when done."]
    for name, field in spec.fields.items():
        required = field.required or name in spec.required_unless
        if kind_name == "country" and name == "country":
            value = " " + record_id.upper()
        else:
            placeholder = field.placeholder()
            value = placeholder if placeholder.startswith("\n") else " " + placeholder
        nested = value.startswith("\n")
        note = "" if nested else f"  # {field.description or field.hint()}"
        if required:
            lines.append(f"{name}:{value}{note}")
        elif name != "example":
            lines.append(f"# {name}:{'' if nested else value}{note}")
    lines += ["---", "", f"Write the {kind.title.lower()}'s text here, in Markdown.", ""]
    return "\n".join(lines)


def create(root: Path, kind_name: str, record_id: str) -> Path:
    if kind_name not in KINDS:
        raise ScaffoldError(f"unknown kind '{kind_name}': use one of {', '.join(KINDS)}", usage=True)
    if not ID_PATTERN.fullmatch(record_id):
        raise ScaffoldError(f"'{record_id}' is not a valid id: use lowercase words joined by hyphens, "
                            "like jane-doe", usage=True)
    if kind_name == "country" and len(record_id) != 2:
        raise ScaffoldError("a country profile's id is its two-letter ISO code, like kr", usage=True)
    if not (root / "content").is_dir():
        raise ScaffoldError(f"{root} has no content/ folder: run from the project folder or pass --root",
                            usage=True)
    path = root / "content" / KINDS[kind_name].folder / f"{record_id}.md"
    if path.exists():
        raise ScaffoldError(f"{path} already exists: edit it, or choose another id")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(kind_name, record_id), encoding="utf-8")
    return path
