"""Comparable indicators across the twelve countries: one compare page per indicator with a bar
chart, a map and the table; the overview with each indicator's coverage and the SDG 10.7.2
assessments; each country's own values ranked in the region; the data that topic pages gather.

SDG 10.7.2 has one representation: figures with the indicator ids `sdg-10-7-2` (the overall
assessment) and `sdg-10-7-2-<domain>`, as `akmn import un-sdg` writes them. Each value then
carries its own year, source and link, lands in the open data with every other figure and
needs no second importer path. The older `sdg_10_7_2` block is still read, as the same values
(one source and year for all six domains), so profiles written before keep their pages, until
the profile has an imported figure of 10.7.2: then the block is superseded whole, never mixed
value by value with figures of another year and source.

Charts are drawn once per indicator (akmn/charts.py, ~0.3 s each), never per record, in a child
process that starts with the first generated page (draw_in_child).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import subprocess
import sys
from concurrent.futures import Future, ThreadPoolExecutor
from functools import cached_property
from pathlib import Path

from markupsafe import Markup, escape

from .. import i18n
from ..i18n import N_, _, localised, marked, ngettext, other_lang, translate
from ..load import indicator_entries
from ..names import country_name
from ..schema import DOMAINS_10_7_2, LEVEL_LABELS, LEVEL_NUMBERS, LEVEL_WORDS
from .base import PageSpec, Views, ext, noted, sourced, table, url_of, v

OVERALL_10_7_2 = "sdg-10-7-2"
DOMAIN_IDS = {domain: f"{OVERALL_10_7_2}-{domain}" for domain in DOMAINS_10_7_2}
IDS_10_7_2 = (OVERALL_10_7_2, *DOMAIN_IDS.values())
NOT_RECORDED = N_("Not published or not yet recorded in this profile")
SECONDARY = "as reported by"
OVERVIEW_INTRO = N_("Comparable indicators for the ASEAN member states and the Republic of Korea: each "
                  "page sets one indicator side by side, with a chart, a map and the table of values, each "
                  "with its year and source.")


# The charts this process drew last, by their input: a preview's rebuild (`mkdocs serve`) draws
# them again only when a country's figures changed.
_drawn: dict[bytes, Future] = {}


def draw_in_child(jobs: dict) -> Future:
    """akmn.charts.draw_all(JOBS) run in a child process (`python -m akmn.charts`, why there:
    its _main), waited for in a thread; the build's process never loads Altair or vl-convert."""
    payload = pickle.dumps((i18n.lang(), jobs))
    key = hashlib.blake2b(payload, digest_size=16).digest()
    if key not in _drawn:
        pool = ThreadPoolExecutor(max_workers=1)
        _drawn.clear()
        _drawn[key] = pool.submit(_draw, payload)
        pool.shutdown(wait=False)
    return _drawn[key]


def _draw(payload: bytes) -> dict:
    here = str(Path(__file__).resolve().parents[2])  # the child imports the akmn this process runs
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [here, os.environ.get("PYTHONPATH")]))}
    done = subprocess.run([sys.executable, "-m", "akmn.charts"], input=payload, capture_output=True, env=env)
    if done.returncode:
        raise RuntimeError(f"Drawing the charts failed:\n{done.stderr.decode(errors='replace')[-3000:]}")
    return pickle.loads(done.stdout)


def compare_uri(indicator_id: str) -> str:
    return f"countries/compare/{indicator_id}.md"


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


class Indicators:
    """Every comparable indicator's values by country, read once from the country profiles."""

    def __init__(self, views: Views):
        self.views = views
        # As written (the charts' child localises them itself) and in the page's language.
        self.raw = indicator_entries(views.content)
        self.entries = {i: localised(e) for i, e in self.raw.items()}
        self.values: dict[str, list[dict]] = {i: [] for i in self.entries}
        self.reasons: dict[str, dict[str, str]] = {i: {} for i in self.entries}  # id -> country -> why
        for record in views.graph.records.get("country", {}).values():
            for indicator_id, value in record_values(record.data).items():
                if indicator_id in self.values:
                    self.values[indicator_id].append(value)
            for indicator_id, reason in record_reasons(record.data).items():
                if indicator_id in self.reasons:
                    self.reasons[indicator_id][record.data["country"]] = reason

    def recorded(self) -> list[str]:
        """The indicators with at least one value, in the order of the indicator list."""
        return [i for i, values in self.values.items() if values]

    def reason(self, indicator_id: str, code: str) -> str:
        """Why the country has no value: its recorded reason, or the generic sentence. Tables
        print it beside a cell saying "Not published"; where it stands alone, see `unpublished`."""
        return self.reasons.get(indicator_id, {}).get(code) or _(NOT_RECORDED)

    def unpublished(self, indicator_id: str, code: str) -> Markup:
        return escape(_("Not published: {reason}")).format(reason=marked(self.reason(indicator_id, code)))

    def rows(self, indicator_id: str) -> list[dict]:
        return self._charts[indicator_id]["bar"]["rows"]

    @cached_property
    def _drawing(self) -> Future:
        return draw_in_child({i: (self.raw[i], self.with_reasons(i)) for i in self.recorded()})

    def start_charts(self) -> None:
        """Start drawing the charts, so they are ready when the first page needs them."""
        self._drawing  # noqa: B018 - the cached property starts the child process

    @cached_property
    def _charts(self) -> dict[str, dict]:
        return self._drawing.result()

    def with_reasons(self, indicator_id: str) -> list[dict]:
        """The values, and a row without a value for each country that records why (its note)."""
        gaps = [{**value_of(code, None, None, None, None), "note": self.reason(indicator_id, code)}
                for code in self.reasons[indicator_id]]
        return self.values[indicator_id] + gaps

    def chart(self, indicator_id: str, kind: str) -> dict:
        return self._charts[indicator_id][kind]

    # --- pages ------------------------------------------------------------------------

    def compare_pages(self) -> list[PageSpec]:
        return [self.compare_page(i) for i in self.recorded()]

    def compare_page(self, indicator_id: str) -> PageSpec:
        entry = self.entries[indicator_id]
        view = {**self.block(indicator_id, with_map=True), "definition": marked(entry["definition"]),
                "title_lang": other_lang(entry["label"]),
                "preferred": preferred_source(entry),
                "parent": {"title": _("Compare countries"), "url": url_of("countries/compare.md")}}
        return PageSpec(compare_uri(indicator_id), "compare.html", entry["label"], view=view)

    def block(self, indicator_id: str, with_map: bool = False) -> dict:
        """One indicator's chart(s) and table, as compare and topic pages print them."""
        rows = self.rows(indicator_id)
        bar = self.chart(indicator_id, "bar")
        return {"id": indicator_id, "title": escape(bar["title"]), "title_lang": other_lang(bar["title"]),
                "url": url_of(compare_uri(indicator_id)),
                "coverage": coverage(rows), "bar": bar["svg"],
                "map": self.chart(indicator_id, "map")["svg"] if with_map else None,
                "table": self.table(indicator_id, rows), "gaps": self.gaps(rows),
                "secondary": any(SECONDARY in (r["source"] or "") for r in rows)}

    def table(self, indicator_id: str, rows: list[dict]) -> dict | None:
        """The countries with a value, highest first, their sources as notes under the table.
        Each cell carries the key a reader's re-sort uses (docs/assets/sort.js), so sorting needs
        no parsing: a level's words ("Meets") sort by its number. A value is printed by Babel or
        the catalog in the page's language ("US$367억"), so escaped rather than marked as record text."""
        body = [[{**self.views.country(row["country"]), "sort": row["name"]},
                 v(escape(row["display"]), sort=row["value"]), v(row["year"], sort=row["year"]),
                 sourced(row["source"], row["source_url"])] for row in rows if row["value"] is not None]
        head = [N_("Country"), N_("Value"), N_("Year"), N_("Source")]
        return noted(table(head, body), f"akmn-{indicator_id}")

    def gaps(self, rows: list[dict]) -> dict:
        """The countries without a value, those that share a reason named together: one long
        reason printed in eleven rows (eleven cards on a phone) is read once."""
        grouped: dict[str, list[dict]] = {}
        for row in rows:
            if row["value"] is None:
                reason = row["note"] or _(NOT_RECORDED)
                grouped.setdefault(reason, []).append(self.views.country(row["country"]))
        return {"count": sum(map(len, grouped.values())),
                "groups": [{"countries": c, "reason": marked(r)} for r, c in grouped.items()]}

    def overview(self) -> PageSpec:
        listed = [[v(self.entries[i]["label"], url_of(compare_uri(i))), v(self.entries[i]["unit"]),
                   v(coverage(self.rows(i)))] for i in self.recorded()]
        missing = [v(e["label"]) for i, e in self.entries.items() if i not in self.recorded()]
        view = {"intro": escape(_(OVERVIEW_INTRO)),
                "table": table([N_("Indicator"), N_("Unit"), N_("Countries with a value")], listed),
                "unrecorded": missing, "sdg": self.assessments()}
        return PageSpec("countries/compare.md", "compare-overview.html", _("Compare countries"), view=view)

    def assessments(self) -> dict:
        """SDG 10.7.2: a row per country with an assessment; the others folded away, each with
        their recorded reason (explained) or named once with the generic sentence (without)."""
        countries = sorted(self.views.graph.records.get("country", {}).values(),
                           key=lambda r: country_name(r.data["country"]))
        # A column only for what some country has: six columns of "Not assessed" tell nothing.
        shown = [i for i in IDS_10_7_2 if i in self.entries and self.values[i]]
        head = [N_("Country"), *(N_("Overall") if i == OVERALL_10_7_2 else
                                 self.entries[i]["label"].split(": ", 1)[-1] for i in shown), N_("Source")]
        rows, without, explained = [], [], {}
        for record in countries:
            code = record.data["country"]
            values = {i: x for i, x in record_values(record.data).items() if i in IDS_10_7_2}
            if values:
                rows.append([self.views.country(code), *(level_cell(values.get(i)) for i in shown),
                             sources_cell(values.values())])
            elif code in self.reasons.get(OVERALL_10_7_2, {}):
                reason = self.unpublished(OVERALL_10_7_2, code)
                explained.setdefault(reason, []).append(self.views.country(code))
            else:
                without.append(self.views.country(code))
        # Countries that share a reason are named together: the same sentence five times is noise.
        return {"table": noted(table(head, rows), "akmn-assessments"), "without": without,
                "explained": [{"countries": c, "reason": r} for r, c in explained.items()],
                "unassessed": len(without) + sum(len(c) for c in explained.values())}

    # --- a country's own values ----------------------------------------------------------

    def country_section(self, code: str) -> dict:
        """Every comparable indicator (SDG 10.7.2 has its own section): the country's value and
        its rank in the region, or _("Not published") with the reason."""
        rows = [self.country_row(code, i) for i in self.entries if i not in IDS_10_7_2]
        return {"id": "indicators", "heading": _("Comparable indicators in the region"),
                "table": noted(table([N_("Indicator"), N_("Value"), N_("Year"), N_("Regional rank"),
                                     N_("Source")], rows), "akmn-indicators")}

    def country_row(self, code: str, indicator_id: str) -> list[dict]:
        entry = self.entries[indicator_id]
        if not self.values[indicator_id]:
            return [v(entry["label"]), v(_("Not published")), v(""), v(_("No country has a value yet")),
                    v(self.reason(indicator_id, code))]
        ranked = self.rows(indicator_id)
        own = next(r for r in ranked if r["country"] == code)
        label = v(entry["label"], url_of(compare_uri(indicator_id)))
        n = sum(r["value"] is not None for r in ranked)
        if own["value"] is None:
            counted = ngettext("{count} country with data", "{count} countries with data", n).format(count=n)
            return [label, v(_("Not published")), v(""), v(counted), v(own["note"] or _(NOT_RECORDED))]
        # "1st" is English grammar: another language says the rank in its message ("2개국 중 1위").
        place = ordinal(own["rank"]) if i18n.lang() == i18n.SOURCE else own["rank"]
        rank = ngettext("{rank} of {count} country with data", "{rank} of {count} countries with data",
                        n).format(rank=place, count=n)
        return [label, v(escape(own["display"])), v(own["year"]), v(rank),
                sourced(own["source"], own["source_url"])]

    # --- topic pages ---------------------------------------------------------------------

    def for_topic(self, taxonomy: str, term_id: str) -> list[str]:
        """The indicators a theme or SDG target page shows: those that name the theme, or serve an
        SDG indicator of the target or name the target."""
        found = []
        for indicator_id, entry in self.entries.items():
            if taxonomy == "themes" and term_id in (entry.get("themes") or []):
                found.append(indicator_id)
            elif taxonomy == "sdg-targets" and (term_id in (entry.get("sdg_targets") or [])
                                                or serves(entry, term_id)):
                found.append(indicator_id)
        return found

    def topic_view(self, taxonomy: str, term_id: str) -> dict:
        """A topic page's data: each recorded indicator's chart and table; SDG 10.7.2's
        assessments (recorded or not) on the pages it belongs to; on a theme page, the
        countries with a value."""
        related = self.for_topic(taxonomy, term_id)
        shown = [i for i in related if i not in IDS_10_7_2 and self.values[i]]
        view = {"data": [self.block(i) for i in shown]}
        if taxonomy == "sdg-targets" and any(i in IDS_10_7_2 for i in related):
            view["sdg"] = self.assessments()
        if taxonomy == "themes":
            codes = {value["country"] for i in related for value in self.values[i]}
            view["countries"] = [self.views.country(c) for c in sorted(codes, key=country_name)]
        return view


def serves(entry: dict, target: str) -> bool:
    return str(entry.get("sdg_indicator", "")).startswith(f"{target}.")


def record_values(data: dict) -> dict[str, dict]:
    """A profile's values of comparable indicators: figures with an indicator_id, and the
    older sdg_10_7_2 block read as the same values."""
    found = {}
    figures = [f for f in data.get("figures") or [] if f.get("indicator_id")]
    block = data.get("sdg_10_7_2")
    if block and not any(f["indicator_id"].startswith(OVERALL_10_7_2) for f in figures):
        for domain, word in block["domains"].items():
            if word in LEVEL_NUMBERS:
                found[DOMAIN_IDS[domain]] = value_of(data["country"], LEVEL_NUMBERS[word], block["year"],
                                                     block["source"], block.get("source_url"))
    for figure in figures:
        found[figure["indicator_id"]] = value_of(data["country"], figure["value"], figure["year"],
                                                 figure["source"], figure.get("source_url"))
    return found


def record_reasons(data: dict) -> dict[str, str]:
    """A profile's recorded gaps: indicator id -> why no value could be traced."""
    return {m["indicator_id"]: m["reason"] for m in data.get("missing") or []}


def value_of(country: str, value, year: int, source: str, source_url: str | None) -> dict:
    return {"country": country, "value": value, "year": year, "source": source, "source_url": source_url,
            "note": None}


def coverage(rows: list[dict]) -> str:
    return _("{count} of {total} countries").format(count=sum(r["value"] is not None for r in rows),
                                                    total=len(rows))


def level_cell(value: dict | None) -> dict:
    if value is None:
        return v(_("Not assessed"))
    word = LEVEL_WORDS.get(value["value"])
    label = translate(LEVEL_LABELS[word]) if word else str(value["value"])
    text = _("{level} ({year})").format(level=label, year=i18n.year(value["year"]))
    return v(text, level=word or "no-data")


def sources_cell(values) -> list[dict]:
    seen = {}
    for value in values:
        seen.setdefault((value["source"], value["source_url"]), value)
    return [sourced(text, url) for text, url in seen]


def preferred_source(entry: dict) -> dict:
    source = entry["source"]
    text = ", ".join(str(source[k]) for k in ("agency", "dataset", "series_code") if source.get(k))
    return ext(text, source.get("url"))
