"""Stage 5, export: JSON Schemas of every kind and open data (JSON and CSV) of every record."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

from .link import Graph
from .schema import KINDS, TAXONOMIES


def schemas(taxonomies: dict[str, list[str]]) -> dict[str, dict]:
    """File name -> JSON Schema, for every record kind and every taxonomy file."""
    out = {f"{name}.schema.json": kind.json_schema(taxonomies) for name, kind in KINDS.items()}
    for name, entry in TAXONOMIES.items():
        out[f"taxonomy-{name}.schema.json"] = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"https://akmn.example/schema/taxonomy-{name}.schema.json",
            "title": f"Taxonomy content/taxonomies/{name}.yml",
            "type": "array",
            "items": entry.json_schema(taxonomies),
        }
    return out


def _dump(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False, default=_plain) + "\n"


def _plain(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot export {type(value).__name__}")


def write_schemas(out: Path, taxonomies: dict[str, list[str]]) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas(taxonomies).items():
        path = out / name
        path.write_text(_dump(schema), encoding="utf-8")
        written.append(path)
    return written


def public_data(record) -> dict:
    """The fields anyone may download: an email only when the expert chose to publish it."""
    data = {"id": record.id, **record.data}
    if record.kind == "expert" and data.get("email_public") is not True:
        data.pop("email", None)
    data.pop("consent", None)
    return data


def open_data(graph: Graph) -> dict[str, str]:
    """File name -> text for data/<kind>.json and data/<kind>.csv."""
    files = {}
    for kind in KINDS:
        rows = [public_data(graph.records[kind][rid]) for rid in sorted(graph.records.get(kind, {}))]
        files[f"{kind}.json"] = _dump(rows)
        files[f"{kind}.csv"] = _csv(rows, list(KINDS[kind].fields.fields))
    return files


def _csv(rows: list[dict], columns: list[str]) -> str:
    # Nested values (lists, groups) go into a cell as compact JSON, so no information is lost.
    columns = ["id"] + [c for c in columns if c not in ("consent",)]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return buffer.getvalue()


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, default=_plain)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def write_open_data(site_dir: Path, graph: Graph, taxonomies: dict[str, list[str]]) -> None:
    data_dir = site_dir / "data"
    data_dir.mkdir(parents=True, exist_ok=True)
    for name, text in open_data(graph).items():
        (data_dir / name).write_text(text, encoding="utf-8")
    write_schemas(site_dir / "schema", taxonomies)

