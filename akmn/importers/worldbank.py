"""The World Bank API v2: `country/{codes}/indicator/{id}?format=json` answers with a list of
two items, the paging metadata and the rows; each row is one country and year."""

from __future__ import annotations

import pycountry

from . import Parsed, ResponseError, Series, Value, in_scope, latest, number

SHAPE = ("expected the World Bank API's answer to country/{codes}/indicator/{id}?format=json: "
         "a list of [paging, rows]")


def page_url(code: str, country: str) -> str:
    return f"https://data.worldbank.org/indicator/{code}?locations={country}"


def parse(data, series: Series) -> Parsed:
    rows = _rows(data)
    values, empty, errors = [], set(), []
    for index, row in enumerate(rows):
        where = f"row {index + 1}"
        if not isinstance(row, dict) or not all(
                k in row for k in ("indicator", "countryiso3code", "date", "value")):
            errors.append(f"{where}: expected indicator, countryiso3code, date and value")
            continue
        code = row["indicator"].get("id") if isinstance(row["indicator"], dict) else None
        entry = series.find(code) if isinstance(code, str) else None
        if entry is None:
            errors.append(f"{where}: " + series.unknown(str(code)))
            continue
        country = pycountry.countries.get(alpha_3=str(row["countryiso3code"] or "-"))
        if country is None or not in_scope(country.alpha_2):
            continue  # an aggregate (EAS, WLD) or a country outside the network
        if row["value"] is None:
            empty.add((country.alpha_2, entry["id"]))
            continue
        value, year = number(row["value"]), number(row["date"])
        if value is None:
            errors.append(f"{where}: value {row['value']!r} of {country.alpha_2} is empty or not a number")
        elif not isinstance(year, int):
            errors.append(f"{where}: date {row['date']!r} is not a year")
        else:
            values.append(Value(country.alpha_2, entry, value, year, page_url(code, country.alpha_2)))
    if errors:
        raise ResponseError(errors)
    return latest(values, empty)


def _rows(data) -> list:
    if isinstance(data, list) and len(data) == 1 and isinstance(data[0], dict) and "message" in data[0]:
        messages = data[0]["message"] if isinstance(data[0]["message"], list) else [data[0]["message"]]
        texts = [m.get("value", str(m)) if isinstance(m, dict) else str(m) for m in messages]
        raise ResponseError(["the API answered with an error: " + "; ".join(texts)])
    if not (isinstance(data, list) and len(data) == 2 and isinstance(data[0], dict)):
        raise ResponseError([SHAPE])
    meta, rows = data
    pages = meta.get("pages", 1)
    if isinstance(pages, int) and pages > 1:
        raise ResponseError([(f"this is page {meta.get('page')} of {pages}: fetch with per_page=1000 "
                              "so that every row is in one file")])
    if rows is None or rows == []:
        raise ResponseError(["the response holds no rows: check the country codes and the indicator id"])
    if not isinstance(rows, list):
        raise ResponseError([SHAPE])
    return rows
