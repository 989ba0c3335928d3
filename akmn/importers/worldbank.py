"""The World Bank API v2: `country/{codes}/indicator/{id}?format=json` answers with a list of
two items, the paging metadata and the rows; each row is one country and year."""

from __future__ import annotations

import pycountry

from . import Observation, ResponseError, RowError, Series, in_scope

SHAPE = ("expected the World Bank API's answer to country/{codes}/indicator/{id}?format=json: "
         "a list of [paging, rows]")


def page_url(code: str, country: str) -> str:
    return f"https://data.worldbank.org/indicator/{code}?locations={country}"


KEYS = ("indicator", "countryiso3code", "date", "value")


def where(index: int) -> str:
    return f"row {index + 1}"


def read(row: dict, series: Series) -> Observation | None:
    code = row["indicator"].get("id") if isinstance(row["indicator"], dict) else None
    entry = series.find(code) if isinstance(code, str) else None
    if entry is None:
        raise RowError(series.unknown(str(code)))
    country = pycountry.countries.get(alpha_3=str(row["countryiso3code"] or "-"))
    if country is None or not in_scope(country.alpha_2):
        return None  # an aggregate (EAS, WLD) or a country outside the network
    return Observation(country.alpha_2, entry, row["value"], row["date"], "date",
                       page_url(code, country.alpha_2))


def rows(data) -> list:
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
