"""Stage 5, export: JSON Schemas of every kind and open data (JSON and CSV) of every record."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zlib
from collections.abc import Iterator
from itertools import chain
from pathlib import Path

from .i18n import N_
from .link import Graph
from .names import country_name
from .publish import public_columns, public_data
from .schema import KINDS, TAXONOMIES


def schemas(taxonomies: dict[str, list[str]]) -> dict[str, dict]:
    """File name -> JSON Schema, for every record kind and every taxonomy file."""
    out = {f"{name}.schema.json": kind.json_schema(taxonomies) for name, kind in KINDS.items()}
    for name, taxonomy in TAXONOMIES.items():
        out[f"taxonomy-{name}.schema.json"] = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"https://akmn.example/schema/taxonomy-{name}.schema.json",
            "title": f"Taxonomy content/taxonomies/{name}.yml",
            "type": "array",
            "items": taxonomy.entry.json_schema(taxonomies),
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


def open_data(graph: Graph) -> Iterator[tuple[str, str]]:
    """(file name, text) of data/<kind>.json and data/<kind>.csv, one kind at a time: the
    experts' files alone are tens of MB at 10,000 records, and no caller needs all at once."""
    for kind in KINDS:
        rows = [public_data(graph.records[kind][rid]) for rid in sorted(graph.records.get(kind, {}))]
        yield f"{kind}.json", _dump(rows)
        yield f"{kind}.csv", _csv(rows, public_columns(kind))
    figures = figure_rows(graph)
    yield "figures.json", _dump(figures)
    yield "figures.csv", _csv(figures, list(FIGURE_COLUMNS), key=None)


# The tidy table of every figure: one row per country, indicator and year. Described on the
# data page from this mapping (translated there).
FIGURE_COLUMNS = {
    "country": N_("ISO 3166-1 alpha-2 code of the country"),
    "country_name": N_("the country's name"),
    "indicator_id": N_("id in the indicator list (taxonomy-indicators), "
                       "empty for a fact specific to one country"),
    "indicator": N_("what the figure measures, in words"),
    "value": N_("the number, in the unit"),
    "unit": N_("the unit of the value"),
    "year": N_("the year the value refers to"),
    "source": N_("who published the value, and in which dataset"),
    "source_url": N_("where the value can be checked"),
}


def figure_rows(graph: Graph) -> list[dict]:
    rows = []
    for rid in sorted(graph.records.get("country", {})):
        data = graph.records["country"][rid].data
        for figure in data.get("figures") or []:
            rows.append({"country": data["country"], "country_name": country_name(data["country"]),
                         **{c: figure.get(c) for c in FIGURE_COLUMNS
                            if c not in ("country", "country_name")}})
    return rows


def taxonomy_files(entries: dict[str, list]) -> dict[str, str]:
    """data/taxonomy-<name>.json and .csv: every controlled vocabulary, the indicator list included."""
    files = {}
    for name, items in sorted(entries.items()):
        files[f"taxonomy-{name}.json"] = _dump(items)
        files[f"taxonomy-{name}.csv"] = _csv(items, list(TAXONOMIES[name].entry.fields), key=None)
    return files


def _csv(rows: list[dict], columns: list[str], key: str | None = "id") -> str:
    # Nested values (lists, groups) go into a cell as compact JSON, so no information is lost.
    columns = ([key] if key else []) + [c for c in columns if c != key]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return buffer.getvalue()


# A text cell a spreadsheet would run as a formula (=HYPERLINK(...), +, -, @, or after a tab or
# return), which a contributor could have written: OWASP's defence is a leading apostrophe, which
# spreadsheets show as text. Numbers stay as they are; the JSON files keep every text unchanged.
_FORMULA = re.compile(r"[=+\-@\t\r]")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, default=_plain)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and _FORMULA.match(value):
        return "'" + value
    return str(value)


class OpenData:
    """The data/ files of one build (open_data and taxonomy_files), serialised once: the data
    page shows their sizes, the post-build step writes the same bytes. Each is kept compressed
    until written: the experts' files alone are tens of MB at 10,000 records, and these are
    made with the data page, before every other page is rendered."""

    def __init__(self, graph: Graph, entries: dict[str, list]):
        files = chain(open_data(graph), taxonomy_files(entries).items())
        self._files = {name: _packed(text) for name, text in files}

    def sizes(self) -> dict[str, int]:
        """File name -> its size in bytes."""
        return {name: size for name, (size, _) in self._files.items()}

    def write(self, data_dir: Path) -> None:
        data_dir.mkdir(parents=True, exist_ok=True)
        for name, (_, packed) in self._files.items():
            (data_dir / name).write_bytes(zlib.decompress(packed))


def _packed(text: str) -> tuple[int, bytes]:
    data = text.encode("utf-8")
    return len(data), zlib.compress(data, 1)


def write_open_data(site_dir: Path, data: OpenData, taxonomies: dict[str, list[str]]) -> None:
    """data/ (DATA's files) and schema/ (every kind's and taxonomy's JSON Schema)."""
    data.write(site_dir / "data")
    write_schemas(site_dir / "schema", taxonomies)
