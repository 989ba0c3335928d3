"""Static, accessible SVG charts of one comparable indicator across the twelve countries.

For one entry of content/taxonomies/indicators.yml and the countries' values, `bar_chart` and
`region_map` return the SVG to inline in a page plus the rows of the data table that is its
text alternative. Charts are drawn at build time (Vega-Altair builds the Vega-Lite spec,
vl-convert renders it without a browser), so they read without JavaScript and print. One chart
per indicator, never per record: vl-convert starts its JavaScript engine once per process.
"""

from __future__ import annotations

import json
import pickle
import re
import sys
import unicodedata
from collections import Counter
from functools import lru_cache
from pathlib import Path
from xml.etree import ElementTree as ET

import altair as alt
import pycountry
import vl_convert
from babel import Locale
from babel.numbers import format_compact_decimal, format_decimal

from . import i18n
from .fields import IN_SCOPE
from .i18n import N_, _, localised, text_lang
from .names import country_name
from .schema import LEVEL_LABELS, LEVEL_WORDS

# Natural Earth 1:50m boundaries from npm `world-atlas` (package.json). 1:110m drops Singapore.
ATLAS = Path(__file__).resolve().parent.parent / "node_modules" / "world-atlas" / "countries-50m.json"
# Land drawn in grey around the region so the shaded countries can be placed: China, India,
# Bangladesh, Bhutan, Japan, North Korea, Taiwan, Papua New Guinea, Australia.
NEIGHBOURS = ("156", "356", "050", "064", "392", "408", "158", "598", "036")
MAP_SIZE = (520, 560)
# Mercator fitted to the region's corners (lon/lat); clipExtent cuts the neighbours' outlines
# to the frame, so their far coasts add no bytes.
PROJECTION = {"type": "mercator", "clipExtent": [[0, 0], list(MAP_SIZE)], "fit": {
    "type": "Feature", "properties": {},
    "geometry": {"type": "MultiPoint", "coordinates": [[91.5, -11.5], [141.5, 39.5]]}}}
# Where each country's label goes, [lon, lat, align], chosen by eye: centroids of archipelagos
# fall in the sea, and Singapore, Brunei and Korea are too small to hold a label.
LABELS = {
    "MM": [95.0, 25.2, "center"], "TH": [100.6, 14.6, "center"], "LA": [102.6, 22.0, "center"],
    "KH": [105.2, 12.3, "center"], "VN": [109.8, 16.0, "left"], "MY": [101.6, 6.2, "right"],
    "SG": [104.4, 1.8, "left"], "BN": [114.6, 7.0, "center"], "ID": [113.6, -1.2, "center"],
    "PH": [125.6, 13.2, "left"], "TL": [127.6, -8.9, "left"], "KR": [125.2, 36.4, "right"],
}
# Singapore and Brunei are a few pixels of land at this scale: a dot at the capital shows them.
SMALL = {"SG": [103.82, 1.35], "BN": [114.94, 4.89]}
INK, MUTED, BAR = "#1a1a1a", "#4d4d4d", "#2b6a99"  # >= 7:1 on white
NO_DATA_FILL, CONTEXT_FILL, OUTLINE = "#d9d9d9", "#f0f0f0", "#595959"
# Light half of ColorBrewer's "blues", so dark labels keep >= 4.5:1 contrast on every shade.
SCHEME = {"name": "blues", "extent": [0.08, 0.55]}
NO_DATA = N_("no data")
WRAP = 100  # columns per caption line (a Hangul syllable takes two: _columns)
LABEL_PX = 12  # the font size of the bar chart's country names


# --- the table: the text alternative of both charts -------------------------------------

def table_rows(indicator: dict, values: list[dict]) -> list[dict]:
    """One row per country in scope, highest value first, then the countries without a value.

    `values` holds {country, value, year, source, source_url, note} (note: why a value is
    missing); a country absent from `values`, or with value None, is shown as "no data".
    """
    given = {v["country"]: v for v in values}
    rows = [_row(indicator, code, given.get(code, {})) for code in IN_SCOPE]
    rows.sort(key=lambda r: (r["value"] is None, -(r["value"] or 0), r["name"]))
    for row in rows:
        if row["value"] is not None:
            row["rank"] = 1 + sum(1 for r in rows if r["value"] is not None and r["value"] > row["value"])
    return rows


def _row(indicator: dict, code: str, given: dict) -> dict:
    value = given.get("value")
    return {
        "country": code, "name": country_name(code), "value": value,
        "display": display(indicator, value) if value is not None else _(NO_DATA),
        "year": given.get("year"), "source": given.get("source"), "source_url": given.get("source_url"),
        "note": given.get("note"), "rank": None,
    }


def levels(indicator: dict) -> bool:
    """SDG 10.7.2 (overall and domains) publishes levels 1-4 that stand for words."""
    return str(indicator.get("sdg_indicator")) == "10.7.2"


def display(indicator: dict, value: float) -> str:
    """A value as the table, the bars and the map print it: a level in its words ("Meets", 충족),
    as the overview's assessments do; "3" told a reader nothing."""
    if levels(indicator) and value in LEVEL_WORDS:
        return _(LEVEL_LABELS[LEVEL_WORDS[value]])
    return format_value(value, indicator["unit"])


def format_value(value: float, unit: str) -> str:
    """A value as a reader of the page's language writes it: 9.3%, US$39.1 billion, 3.43 million,
    1,234; in Korean 391억, 343만. UNIT is the indicator's unit as written in English."""
    text = _number(value)
    if unit.startswith("%"):
        return f"{text}%"
    return f"US${text}" if "US$" in unit else text


def _number(value: float) -> str:
    """Three significant digits, millions and up in the language's words for them (Babel)."""
    locale = i18n.lang()
    if abs(value) >= 1e6:
        compact = "long" if "long" in Locale.parse(locale).compact_decimal_formats else "short"
        return format_compact_decimal(float(f"{value:.3g}"), format_type=compact, locale=locale,
                                      fraction_digits=2)
    if abs(value) >= 1000 or float(value).is_integer():
        return format_decimal(round(value), locale=locale)
    # Without decimal_quantization=False Babel's pattern rounds to three decimals: 0.00456 -> 0.005
    return format_decimal(float(f"{value:.3g}"), locale=locale, decimal_quantization=False)


def _compact_axis() -> str:
    """A Vega expression writing an axis value as Babel's short compact numbers of the page's
    language do (40B, 400억), to three significant digits: Vega's '~s' has only SI prefixes (40G)."""
    patterns = Locale.parse(i18n.lang()).compact_decimal_formats["short"]["other"]
    expr = "format(datum.value, ',')"
    for magnitude in sorted(patterns, key=int):
        pattern = patterns[magnitude].pattern.replace("'", "")
        zeros = pattern.count("0")
        prefix, suffix = (json.dumps(part, ensure_ascii=False) for part in pattern.split("0" * zeros))
        divisor = int(magnitude) // 10 ** (zeros - 1)
        scaled = f"{prefix} + format(datum.value / {divisor}, ',.3~g') + {suffix}"
        expr = f"abs(datum.value) >= {magnitude} ? {scaled} : {expr}"
    return expr


# --- the bar chart --------------------------------------------------------------------

def bar_chart(indicator: dict, values: list[dict]) -> dict:
    """{"svg", "title", "desc", "rows"}: the countries as horizontal bars, highest first, each
    labelled with its value; countries without a value are listed with "no data"."""
    rows = table_rows(indicator, values)
    data = alt.Data(values=[_plotted(r, rows) for r in rows])
    y = alt.Y("name:N", sort=[r["name"] for r in rows], title=None,
              axis=alt.Axis(labelColor=INK, labelFontSize=LABEL_PX, labelLimit=220, ticks=False, domain=False,
                            minExtent=min(220, max(_columns(r["name"]) for r in rows) * LABEL_PX * 0.55)))
    x = alt.X("value:Q", title=localised(indicator)["unit"], axis=_value_axis(indicator, rows),
              scale=alt.Scale(domainMax=_max(rows) * 1.3))  # room for the labels past the longest bar
    base = alt.Chart(data).encode(y=y)
    bars = base.mark_bar(color=BAR, height={"band": 0.7}).encode(x=x)
    labels = base.mark_text(align="left", dx=4, fontSize=12, color=INK).encode(
        x=alt.X("labelx:Q"), text="label:N", color=alt.Color("kind:N", legend=None, scale=alt.Scale(
            domain=["value", "missing"], range=[INK, MUTED])))
    chart = (bars + labels).properties(width=420, height=alt.Step(26), title=_heading(indicator))
    desc = _("Bar chart of {title}. {ranking}.").format(title=_titled(indicator), ranking=_ranking(rows))
    return _finish(chart, indicator, rows, "bar", desc)


def _plotted(row: dict, rows: list[dict]) -> dict:
    common = _common_year(rows)
    label = row["display"]
    if row["value"] is not None and row["year"] not in (None, common):
        label += f" ({row['year']})"  # a year unlike the others is said at the bar
    return {"name": row["name"], "value": row["value"], "labelx": row["value"] or 0, "label": label,
            "kind": "value" if row["value"] is not None else "missing"}


def _value_axis(indicator: dict, rows: list[dict]) -> alt.Axis:
    axis = dict(labelColor=INK, titleColor=INK, labelFontSize=11, titleFontSize=12, grid=True,
                gridColor="#e6e6e6", tickCount=5)
    if levels(indicator):  # the levels only, in words as the bars say them: a tick at 4.5 is no level
        axis.update(values=sorted(LEVEL_WORDS), labelExpr=_level_words(lines=True), labelLineHeight=12)
    elif _max(rows) >= 1e5:  # 40G reads as nothing; 40B as 40 billion
        axis["labelExpr"] = _compact_axis()
    return alt.Axis(**axis)


def _max(rows: list[dict]) -> float:
    return max((r["value"] for r in rows if r["value"] is not None), default=1) or 1


def _titled(indicator: dict) -> str:
    """The label, with the unit unless the label already says it."""
    shown = localised(indicator)
    label, unit = shown["label"], shown["unit"]
    return label if unit in label else f"{label} ({unit})"


def _ranking(rows: list[dict]) -> str:
    valued = [f"{r['name']} {r['display']}" for r in rows if r["value"] is not None]
    if not valued:
        return _("No country has a value")
    return _("Highest first: {list}").format(list="; ".join(valued))


# --- the map --------------------------------------------------------------------------

def region_map(indicator: dict, values: list[dict]) -> dict:
    """{"svg", "title", "desc", "rows"}: the ASEAN member states and Korea shaded by the value
    (darker is higher), each labelled with its name and value, grey with "no data" without one."""
    rows = table_rows(indicator, values)
    # Named, and the values added after Altair's to_dict: Altair deep-copies inline values in
    # every layer, which took seconds for this TopoJSON.
    shapes = alt.Data(name="countries", format=alt.DataFormat(type="topojson", feature="countries"))
    outline = dict(stroke=OUTLINE, strokeWidth=0.6)
    context = alt.Chart(shapes).mark_geoshape(fill=CONTEXT_FILL, **outline).transform_filter(
        "datum.properties.kind == 'context'")
    missing = alt.Chart(shapes).mark_geoshape(fill=NO_DATA_FILL, **outline).transform_filter(
        "datum.properties.kind == 'missing'")
    color = alt.Color("value:Q", title=localised(indicator)["unit"],
                      scale=alt.Scale(scheme=SCHEME, zero=True), legend=_legend(indicator, rows))
    shaded = alt.Chart(shapes).mark_geoshape(**outline).encode(color=color).transform_calculate(
        value="datum.properties.value").transform_filter("datum.properties.kind == 'value'")
    points = alt.Data(values=[_label_point(r) for r in rows])
    dot = alt.Chart(points).mark_circle(size=70, stroke=INK, strokeWidth=1, opacity=1).encode(
        longitude="dotlon:Q", latitude="dotlat:Q")
    dots = [dot.encode(color=color).transform_filter("datum.small && datum.value != null"),
            dot.mark_circle(size=70, stroke=INK, strokeWidth=1, opacity=1, fill=NO_DATA_FILL)
               .transform_filter("datum.small && datum.value == null")]
    labels = [alt.Chart(points).mark_text(align=align, lineBreak="\n", fontSize=11, color=INK,
                                          fontWeight="bold", lineHeight=13).encode(
        longitude="lon:Q", latitude="lat:Q", text="text:N").transform_filter(f"datum.align == '{align}'")
        for align in ("left", "center", "right")]  # a text mark's align is not an encoding channel
    chart = alt.layer(context, missing, shaded, *dots, *labels).properties(
        width=MAP_SIZE[0], height=MAP_SIZE[1], title=_heading(indicator), projection=PROJECTION,
        view=alt.ViewBackground(stroke=OUTLINE))  # the frame the neighbours are cut at
    desc = _("Map of the ASEAN member states and the Republic of Korea shaded by {title}, darker for higher "
             "values; each country is labelled with its value. {ranking}.").format(
                 title=_titled(indicator), ranking=_ranking(rows))
    return _finish(chart, indicator, rows, "map", desc, {"countries": _topology(rows)})


def _legend(indicator: dict, rows: list[dict]) -> alt.Legend:
    legend = dict(orient="bottom", direction="horizontal", gradientLength=180, titleColor=INK,
                  labelColor=INK, fillColor="white", padding=6, titleLimit=240)
    if levels(indicator):  # a swatch per level, named as the table names it
        legend.update(type="symbol", values=sorted(LEVEL_WORDS), symbolType="square", symbolSize=150,
                      symbolStrokeColor=OUTLINE, columns=2, labelLimit=220, labelExpr=_level_words())
    elif _max(rows) >= 1e5:
        legend["labelExpr"] = _compact_axis()
    return alt.Legend(**legend)


def _level_words(lines: bool = False) -> str:
    """A Vega expression naming a level's number in the page's language; with LINES, a list of
    short lines, so "Requires further progress" fits between an axis's ticks."""
    expr = "''"
    for number, word in sorted(LEVEL_WORDS.items(), reverse=True):
        name = _(LEVEL_LABELS[word])
        shown = json.dumps(_wrap(name, 10) if lines else name, ensure_ascii=False)
        expr = f"datum.value == {number} ? {shown} : {expr}"
    return expr


def _label_point(row: dict) -> dict:
    lon, lat, align = LABELS[row["country"]]
    dot = SMALL.get(row["country"], [lon, lat])
    # Lao People's Democratic Republic on two lines, as "Requires further progress"
    name, shown = ("\n".join(_wrap(text, 18)) for text in (row["name"], row["display"]))
    return {"lon": lon, "lat": lat, "align": align, "text": f"{name}\n{shown}",
            "value": row["value"], "small": row["country"] in SMALL, "dotlon": dot[0], "dotlat": dot[1]}


def _topology(rows: list[dict]) -> dict:
    """The region's TopoJSON with each country's kind (value, missing, context) and value."""
    topo = _atlas()
    by_number = {_numeric(r["country"]): r for r in rows}
    geometries = []
    for geometry in topo["objects"]["countries"]["geometries"]:
        row = by_number.get(geometry["id"])
        kind = "context" if row is None else ("missing" if row["value"] is None else "value")
        properties = {"kind": kind, "value": row["value"] if row else None}
        geometries.append({**geometry, "properties": properties})
    return {**topo, "objects": {"countries": {"type": "GeometryCollection", "geometries": geometries}}}


def _numeric(code: str) -> str:
    return pycountry.countries.get(alpha_2=code).numeric


@lru_cache(maxsize=1)
def _atlas() -> dict:
    """The world atlas cut down to the region and its neighbours, arcs renumbered.

    Written by hand: Python's TopoJSON libraries build topologies (with shapely), none cuts one.
    """
    try:
        world = json.loads(ATLAS.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RuntimeError(f"{ATLAS} is missing: run `make setup` (npm ci installs world-atlas)") from None
    wanted = {_numeric(c) for c in IN_SCOPE} | set(NEIGHBOURS)
    geometries = [g for g in world["objects"]["countries"]["geometries"] if g.get("id") in wanted]
    used = sorted({_arc(i) for g in geometries for i in _arc_refs(g["arcs"])})
    new = {old: n for n, old in enumerate(used)}
    for g in geometries:
        g["arcs"] = _renumber(g["arcs"], new)
        g.pop("properties", None)
    return {"type": "Topology", "transform": world["transform"], "arcs": [world["arcs"][i] for i in used],
            "objects": {"countries": {"type": "GeometryCollection", "geometries": geometries}}}


def _arc(index: int) -> int:
    return ~index if index < 0 else index  # TopoJSON writes a reversed arc i as ~i


def _arc_refs(arcs):
    for item in arcs:
        if isinstance(item, list):
            yield from _arc_refs(item)
        else:
            yield item


def _renumber(arcs, new: dict[int, int]):
    if isinstance(arcs, list):
        return [_renumber(a, new) for a in arcs]
    return new[arcs] if arcs >= 0 else ~new[~arcs]


# --- shared: heading, caption, rendering, accessibility -------------------------------------

def _heading(indicator: dict) -> alt.TitleParams:
    shown = localised(indicator)
    unit = _("Unit: {unit}").format(unit=shown["unit"])
    return alt.TitleParams(text=_wrap(shown["label"], 60), subtitle=unit,
                           anchor="start", color=INK, subtitleColor=MUTED, fontSize=15, subtitleFontSize=12)


def _caption(indicator: dict, rows: list[dict]) -> list[str]:
    lines = [_("Source: {sources}.").format(sources=_sources(indicator, rows)), f"{_years(rows)}."]
    missing = [r["name"] for r in rows if r["value"] is None]
    if missing:
        lines.append(_("No data: {countries}.").format(countries=", ".join(missing)))
    return [part for line in lines for part in _wrap(line, WRAP)]


def _wrap(text: str, width: int) -> list[str]:
    """Lines of at most WIDTH columns, broken between words, and inside a word longer than a
    line (a URL, Thai written without spaces). Written here: textwrap counts characters, and a
    line of Hangul is twice as wide as one of Latin letters."""
    lines, line = [], ""
    for word in text.split():
        joined = f"{line} {word}" if line else word
        if _columns(joined) > width and _columns(word) <= width:
            lines.append(line)
            joined = word
        line = joined
        while _columns(line) > width:  # a word longer than a line fills it and goes on in the next
            head = _fit(line, width)
            lines.append(head)
            line = line[len(head):].lstrip()
    return [*lines, line] if line else lines


def _fit(text: str, width: int) -> str:
    """The longest start of TEXT within WIDTH columns (one character at least)."""
    end = 1
    while end < len(text) and _columns(text[:end + 1]) <= width:
        end += 1
    return text[:end]


def _columns(text: str) -> int:
    """The width of TEXT in columns, as a terminal counts: two for a wide (East Asian) character,
    none for a combining mark (a Thai tone mark sits on its consonant)."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
               for c in text)


def _sources(indicator: dict, rows: list[dict]) -> str:
    given = sorted({r["source"] for r in rows if r["value"] is not None and r["source"]})
    if given:
        return "; ".join(given)
    source = indicator.get("source") or {}
    return ", ".join(str(source[k]) for k in ("agency", "dataset", "series_code") if source.get(k))


def _years(rows: list[dict]) -> str:
    common = _common_year(rows)
    if common is None:
        return _("Year: none")
    others = [f"{r['name']} {r['year']}" for r in rows if r["value"] is not None and r["year"] != common]
    return _("Year: {year}").format(year=common) + (f" ({', '.join(others)})" if others else "")


def _common_year(rows: list[dict]):
    years = Counter(r["year"] for r in rows if r["value"] is not None)
    return max(years, key=lambda y: (years[y], y or 0)) if years else None


def _finish(chart, indicator: dict, rows: list[dict], kind: str, desc: str,
            datasets: dict | None = None) -> dict:
    caption = _caption(indicator, rows)
    framed = alt.concat(chart, title=alt.TitleParams(
        text=caption, orient="bottom", anchor="start", fontSize=11, fontWeight="normal", color=MUTED,
        offset=12)).configure(aria=False, font="sans-serif").configure_view(stroke=None)
    spec = framed.to_dict(validate=True)
    spec.setdefault("datasets", {}).update(datasets or {})
    svg = vl_convert.vegalite_to_svg(spec, vl_version=VL_VERSION)
    title = _titled(indicator)
    full_desc = f"{desc} {' '.join(caption)}"
    return {"svg": _accessible(svg, f"chart-{indicator['id']}-{kind}", title, full_desc),
            "title": title, "desc": full_desc, "rows": rows}


VL_VERSION = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])  # the one Altair writes for
SVG_NS = "http://www.w3.org/2000/svg"
DECIMALS = re.compile(r"\d+\.\d{2,}")
# A word: letters standing alone, not a number's part as in US$367억 or an axis's 1e+3
WORD = re.compile(r"(?<!\w)[^\W\d_]+(?![\w$])")
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")


def _accessible(svg: str, prefix: str, title: str, desc: str) -> str:
    """role="img" with <title> and <desc>, and ids made unique to this chart so several SVGs
    can share a page (Vega numbers its clip paths and gradients from 1 in every SVG)."""
    root = ET.fromstring(svg)
    _rename_ids(root, prefix)
    # The whole chart is one image named by its title and desc: the roles Vega leaves inside (the
    # bar layer as graphics-symbol) would be unnamed images to a screen reader.
    for element in root.iter():
        for name in ("role", "aria-roledescription", "aria-label"):
            element.attrib.pop(name, None)
    for path in root.iter(f"{{{SVG_NS}}}path"):  # a tenth of a pixel is finer than print: a third fewer bytes
        path.set("d", DECIMALS.sub(lambda m: f"{float(m.group()):.1f}", path.get("d", "")))
    _mark_english(root)
    root.set("role", "img")
    root.set("aria-labelledby", f"{prefix}-title {prefix}-desc")
    for index, (tag, text) in enumerate((("title", title), ("desc", desc))):
        element = ET.Element(f"{{{SVG_NS}}}{tag}", id=f"{prefix}-{tag}")
        element.text = text
        root.insert(index, element)
    return ET.tostring(root, encoding="unicode")


def _mark_english(root: ET.Element) -> None:
    """On another language's page, lang="en" on record text left in English (a source's name, an
    untranslated label), so a screen reader switches voice as in the page: a whole line, or each
    run of English between the page's own words ("출처: UN DESA 외 2곳") in a nested tspan."""
    if i18n.lang() == i18n.SOURCE:
        return
    lines = [e for e in root.iter() if e.tag in (f"{{{SVG_NS}}}text", f"{{{SVG_NS}}}tspan") and e.text]
    for element in lines:
        parts = _foreign_runs(element.text)
        if len(parts) == 1 and parts[0][1]:
            element.set("lang", parts[0][1])
        elif len(parts) > 1:
            _split_text(element, parts)


def _foreign_runs(text: str) -> list[tuple[str, str | None]]:
    """TEXT as (part, language): the runs between the page's own script (i18n.SCRIPT_RUNS) from
    their first word on, each with its language where it is not the page's, else None."""
    own = dict(i18n.SCRIPT_RUNS).get(i18n.lang())  # None: a language written in Latin letters
    parts, done = [], 0
    for gap_start, gap_end in _gaps(own, text):
        word = WORD.search(text, gap_start, gap_end)
        if not word:
            continue
        run = text[word.start():gap_end].rstrip(" ([{")  # "Migrant stock (명)": the bracket is the unit's
        code = text_lang(run)
        if code and code != i18n.lang():
            parts += [(text[done:word.start()], None), (run, code)]
            done = word.start() + len(run)
    parts.append((text[done:], None))
    return [p for p in parts if p[0]]


def _gaps(own: re.Pattern | None, text: str):
    """(start, end) of the stretches of TEXT outside the matches of OWN."""
    done = 0
    for match in own.finditer(text) if own else ():
        yield done, match.start()
        done = match.end()
    yield done, len(text)


def _split_text(element: ET.Element, parts: list[tuple[str, str | None]]) -> None:
    """ELEMENT's text as PARTS: the foreign ones in nested tspans with their lang, before any child."""
    element.text, spans = None, []
    for text, code in parts:
        if code:
            spans.append(ET.Element(f"{{{SVG_NS}}}tspan", lang=code))
            spans[-1].text = text
        elif spans:
            spans[-1].tail = text
        else:
            element.text = text
    for index, span in enumerate(spans):
        element.insert(index, span)


def _rename_ids(root: ET.Element, prefix: str) -> None:
    renamed = {}
    for element in root.iter():
        old = element.get("id")
        if old is not None:
            renamed[old] = element.attrib["id"] = f"{prefix}-{len(renamed) + 1}"
    if not renamed:
        return
    alternatives = "|".join(map(re.escape, sorted(renamed, key=len, reverse=True)))
    pattern = re.compile(rf"#({alternatives})\b")
    for element in root.iter():
        for name, value in element.attrib.items():
            if "#" in value:
                element.attrib[name] = pattern.sub(lambda m: "#" + renamed[m.group(1)], value)


# --- in a child process ---------------------------------------------------------------------

def draw_all(jobs: dict[str, tuple[dict, list[dict]]]) -> dict[str, dict]:
    """Both charts of every indicator: {id: (entry, values)} -> {id: {"bar": ..., "map": ...}}."""
    return {i: {"bar": bar_chart(entry, values), "map": region_map(entry, values)}
            for i, (entry, values) in jobs.items()}


def _main() -> None:
    """`python -m akmn.charts`: (language, jobs) pickled on stdin, draw_all's answer pickled on
    stdout. akmn.views.indicators runs this in a child process: vl-convert's JavaScript engine
    and Altair take about 180 MB and several seconds that would otherwise sit in the build's own
    process, and the child draws on the second core while the build prepares the record pages."""
    from . import i18n

    lang, jobs = pickle.load(sys.stdin.buffer)
    i18n.use(lang)
    pickle.dump(draw_all(jobs), sys.stdout.buffer)


if __name__ == "__main__":
    _main()
