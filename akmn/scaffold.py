"""`akmn new KIND ID`: a new record written from the kind's schema, every required field a
placeholder to fill in, every optional field listed as a comment."""

from __future__ import annotations

from pathlib import Path

from .fields import Context, Kind, Object
from .load import ID_PATTERN
from .schema import KINDS


def id_field_problem(kind: Kind, record_id: str) -> str | None:
    """For a kind whose id is a field's value (Kind.id_field), why the id is not a valid value."""
    if not kind.id_field:
        return None
    spec = kind.fields.fields[kind.id_field]
    issues = [message for _, message in spec.check(record_id.upper(), (), Context())]
    if not issues:
        return None
    return (f"a {kind.title.lower()}'s id is its {spec.title.lower()} in lowercase, like "
            f"{str(spec.example).lower()}: {issues[0]}")


def placeholder_body(kind: Kind) -> str:
    """The text `akmn new` puts below the fields; the validator refuses it as a record's text."""
    return f"Write the {kind.title.lower()}'s text here, in Markdown."


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
        if name == kind.id_field:
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
    lines += ["---", "", placeholder_body(kind), ""]
    return "\n".join(lines)


def create(root: Path, kind_name: str, record_id: str) -> Path:
    if kind_name not in KINDS:
        raise ScaffoldError(f"unknown kind '{kind_name}': use one of {', '.join(KINDS)}", usage=True)
    if not ID_PATTERN.fullmatch(record_id):
        raise ScaffoldError(f"'{record_id}' is not a valid id: use lowercase words joined by hyphens, "
                            "like jane-doe", usage=True)
    if problem := id_field_problem(KINDS[kind_name], record_id):
        raise ScaffoldError(problem, usage=True)
    if not (root / "content").is_dir():
        raise ScaffoldError(f"{root} has no content/ folder: run from the project folder or pass --root",
                            usage=True)
    path = root / "content" / KINDS[kind_name].folder / f"{record_id}.md"
    if path.exists():
        raise ScaffoldError(f"{path} already exists: edit it, or choose another id")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(kind_name, record_id), encoding="utf-8")
    return path
