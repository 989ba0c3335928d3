"""Importers: values of comparable indicators from publishers' API responses into the country
profiles' `figures`.

Each publisher module turns one saved API response into Values (or ResponseError with every
problem found); `plan` compares them with the profiles and `apply` writes the changes. The
indicator list (content/taxonomies/indicators.yml) says which series code feeds which
indicator, so a new series needs a taxonomy entry, not code.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

from ..fields import IN_SCOPE
from ..load import indicator_entries, load_content
from ..problems import did_you_mean


class ResponseError(Exception):
    """The response cannot be imported; carries every problem found in it."""

    def __init__(self, messages: list[str]):
        self.messages = messages
        super().__init__("; ".join(messages))


@dataclass(frozen=True)
class Value:
    country: str  # ISO alpha-2, in scope
    indicator: dict  # the entry in indicators.yml
    value: int | float
    year: int
    source_url: str

    def figure(self) -> dict:
        """The figure as it is written into a profile, in the schema's field order."""
        entry = self.indicator
        source = entry["source"]
        code = f" ({source['series_code']})" if source.get("series_code") else ""
        return {"indicator": entry["label"], "indicator_id": entry["id"], "value": self.value,
                "unit": entry["unit"], "year": self.year,
                "source": f"{source['agency']}, {source['dataset']}{code}", "source_url": self.source_url}


@dataclass
class Parsed:
    values: list[Value]
    notes: list[str]  # rows left out, and why


class Series:
    """Indicator entries by (series code, breakdown code), read from indicators.yml."""

    def __init__(self, indicators: dict[str, dict]):
        self.by_code: dict[tuple[str, str | None], dict] = {}
        for entry in indicators.values():
            source = entry.get("source") if isinstance(entry.get("source"), dict) else {}
            if source.get("series_code"):
                self.by_code[(source["series_code"], source.get("breakdown"))] = entry

    def breakdowns(self, code: str) -> set[str]:
        return {b for c, b in self.by_code if c == code and b}

    def find(self, code: str, breakdown: str | None = None) -> dict | None:
        return self.by_code.get((code, breakdown))

    def unknown(self, code: str) -> str:
        known = sorted({c for c, _ in self.by_code})
        return (f"unknown series '{code}'{did_you_mean(code, known)}: add it to "
                f"content/taxonomies/indicators.yml as an indicator's source.series_code (known: "
                f"{', '.join(known) or 'none'})")


def number(raw) -> int | float | None:
    """A published value as a number; None when it is not one."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, str):
        try:
            raw = float(raw.strip())
        except ValueError:
            return None
    if not isinstance(raw, (int, float)) or not math.isfinite(raw):
        return None
    return int(raw) if isinstance(raw, float) and raw.is_integer() else raw


@dataclass(frozen=True)
class Observation:
    """One row of a response as its publisher module reads it: value and year still as published."""

    country: str  # ISO alpha-2, in scope
    indicator: dict  # the entry in indicators.yml
    value: object
    year: object
    year_field: str  # the publisher's name of the year, for messages
    source_url: str


class RowError(Exception):
    """A row that cannot be read; the message says what it should hold."""


def parse(publisher, data, series: Series) -> Parsed:
    """The loop both publishers share. A publisher module gives `rows(data)` (or ResponseError
    for a response of the wrong shape), the `KEYS` each row must hold, `read(row, series)`: an
    Observation, None for a row outside the network (a region, an aggregate), or RowError, and
    `where(index)`, the row's name in messages. Every problem is collected before
    ResponseError is raised."""
    values, empty, errors = [], set(), []
    keys = publisher.KEYS
    expected = f"expected {', '.join(keys[:-1])} and {keys[-1]}"
    for index, row in enumerate(publisher.rows(data)):
        try:
            if not isinstance(row, dict) or not all(k in row for k in keys):
                raise RowError(expected)
            seen = publisher.read(row, series)
        except RowError as err:
            errors.append(f"{publisher.where(index)}: {err}")
            continue
        if seen is None:
            continue
        if seen.value is None:
            empty.add((seen.country, seen.indicator["id"]))
            continue
        value, year = number(seen.value), number(seen.year)
        if value is None:
            errors.append(f"{publisher.where(index)}: value {seen.value!r} of {seen.country} is empty "
                          "or not a number")
        elif not isinstance(year, int):
            errors.append(f"{publisher.where(index)}: {seen.year_field} {seen.year!r} is not a year")
        else:
            values.append(Value(seen.country, seen.indicator, value, year, seen.source_url))
    if errors:
        raise ResponseError(errors)
    return latest(values, empty)


def latest(values: list[Value], empty: set[tuple[str, str]]) -> Parsed:
    """The most recent published value of each indicator in each country, in the response's
    order, and a note for each (country, indicator id) whose rows were all empty."""
    best: dict[tuple[str, str], Value] = {}
    for value in values:
        key = (value.country, value.indicator["id"])
        if key not in best or value.year > best[key].year:
            best[key] = value
    notes = [f"{country}: no value of {indicator} is published in this response, so none was imported"
             for country, indicator in sorted(empty - set(best))]
    return Parsed(list(best.values()), notes)


def in_scope(code: str | None) -> bool:
    return code in IN_SCOPE


def read_response(path: Path):
    """The JSON of a saved response, or ResponseError."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise ResponseError([f"cannot be read ({err.strerror})"]) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ResponseError([f"is not JSON ({err}): save the API's answer with ?format=json"]) from None


def load_series(root: Path) -> Series:
    content = load_content(root)
    indicators = indicator_entries(content)
    if not indicators:
        raise ResponseError(["content/taxonomies/indicators.yml has no indicators to import into"])
    return Series(indicators)


@dataclass
class Outcome:
    changes: list  # (profile path, edit.Change) for each imported value
    notes: list[str]  # rows and countries left out, and why
    errors: list[str]  # `FILE: message`; when there are any, nothing was written
    files: list[Path]  # the profiles that change (written only with write=True)

    @property
    def lines(self) -> list[str]:
        return [change.line(rel) for rel, change in self.changes]

    def count(self, kind: str) -> int:
        return sum(change.kind == kind for _, change in self.changes)


def parsers():
    from . import unsdg, worldbank  # they import this module's helpers: imported when called

    return {"worldbank": worldbank, "un-sdg": unsdg}


def import_response(root: Path, response: Path, publisher: str, write: bool = False) -> Outcome:
    """Compare one saved API response with the profiles; with write=True, update them. All or
    nothing: when the response or any profile has a problem, no file is written."""
    from .edit import EditError, update

    try:
        parsed = parse(parsers()[publisher], read_response(response), load_series(root))
    except ResponseError as err:
        return Outcome([], [], [f"{response}: {m}" for m in err.messages], [])
    changes, notes, errors, texts = [], list(parsed.notes), [], {}
    for country in sorted({v.country for v in parsed.values}):
        rel = f"content/countries/{country.lower()}.md"
        path = root / rel
        if not path.is_file():
            notes.append(f"{rel} does not exist: the values for {country} were left out")
            continue
        with open(path, encoding="utf-8", newline="") as handle:  # CRLF stays visible to the layout check
            text = handle.read()
        try:
            new, found = update(text, [v for v in parsed.values if v.country == country])
        except EditError as err:
            errors.append(f"{rel}: {err}")
            continue
        changes += [(rel, change) for change in found]
        if new != text:
            texts[path] = new
    if errors:
        return Outcome(changes, notes, errors, [])
    if write:
        for path, new in texts.items():
            with open(path, "w", encoding="utf-8", newline="") as handle:
                handle.write(new)
    return Outcome(changes, notes, [], list(texts))
