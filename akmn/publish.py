"""What is published: the records a build shows and the fields of each anyone may read.

Both rules come from declarations: `example: true` on a record (Record.is_example), and
`private` / `public_if` on a field (schema.py), so pages, search and open data apply one rule.
"""

from __future__ import annotations

from .load import Content, Record
from .schema import KINDS


def publishable(content: Content, publish: bool) -> dict[str, dict[str, Record]]:
    """Kind -> id -> record of the records a build shows: the publish build leaves examples out."""
    if not publish:
        return content.records
    return {kind: {rid: r for rid, r in records.items() if not r.is_example}
            for kind, records in content.records.items()}


def public_data(record: Record) -> dict:
    """The record's id and the fields anyone may read (an expert's email only when published)."""
    return {"id": record.id, **KINDS[record.kind].fields.public(record.data)}


def public_columns(kind: str) -> list[str]:
    """The open-data columns of a kind: every field that can be public."""
    return [name for name, spec in KINDS[kind].fields.fields.items() if not spec.private]
