"""The UN SDG API v1 (UN Statistics Division): `/v1/sdg/Series/Data?seriesCode=...` answers with
one page of observations, `data`, each for one area (UN M49 code), year and breakdown."""

from __future__ import annotations

import pycountry

from . import Observation, ResponseError, RowError, Series, in_scope

SHAPE = ("expected the UN SDG API's series data (/v1/sdg/Series/Data?seriesCode=...): "
         "an object with a `data` list")
API = "https://unstats.un.org/sdgs/UNSDGAPIV5/v1/sdg/Series/Data"


def data_url(series: str, m49: str) -> str:
    # The Global Database has no stable page per series and country; the API query is the
    # narrowest link that returns exactly the published values.
    return f"{API}?seriesCode={series}&areaCode={m49}"


KEYS = ("series", "geoAreaCode", "timePeriodStart", "value")


def where(index: int) -> str:
    return f"data[{index}]"


def read(row: dict, series: Series) -> Observation | None:
    code, m49 = str(row["series"]), str(row["geoAreaCode"]).zfill(3)
    country = pycountry.countries.get(numeric=m49)
    if country is None or not in_scope(country.alpha_2):
        return None  # a region or a country outside the network
    entry, problem = _indicator(code, row.get("dimensions"), series)
    if problem:
        raise RowError(problem)
    return Observation(country.alpha_2, entry, row["value"], row["timePeriodStart"], "timePeriodStart",
                       data_url(code, m49))


def _indicator(code: str, dimensions, series: Series) -> tuple[dict | None, str]:
    """The indicator of a row: its series code and, for a broken-down series, the breakdown.
    The breakdown is matched by its code (PD_1, _T) whatever the dimension is called."""
    breakdowns = series.breakdowns(code)
    if not breakdowns:
        entry = series.find(code)
        return (entry, "") if entry else (None, series.unknown(code))
    found = ([v for v in (dimensions or {}).values() if v in breakdowns]
             if isinstance(dimensions, dict) else [])
    if len(found) != 1:
        return None, (f"{code} is broken down by {', '.join(sorted(breakdowns))}, but this row's "
                      f"dimensions {dimensions!r} name {'none' if not found else 'several'} of them")
    return series.find(code, found[0]), ""


def rows(data) -> list:
    if not isinstance(data, dict) or "data" not in data:
        raise ResponseError([SHAPE])
    pages = data.get("totalPages", 1)
    if isinstance(pages, int) and pages > 1:
        raise ResponseError([(f"this is page {data.get('pageNumber')} of {pages}: fetch with "
                              "pageSize=1000 so that every observation is in one file")])
    rows = data["data"]
    if rows is None or rows == []:
        raise ResponseError(["the response holds no observations: check the series code and area codes"])
    if not isinstance(rows, list):
        raise ResponseError([SHAPE])
    return rows
