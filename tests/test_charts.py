"""The indicator charts (akmn/charts.py): static SVG that a reader can use without colour,
JavaScript or a screen, the same bytes for the same input, and a table as text alternative."""

from __future__ import annotations

import re
from xml.etree import ElementTree as ET

import pytest
import yaml

from akmn import charts, i18n
from akmn.fields import IN_SCOPE
from akmn.names import country_name
from helpers import FIXTURES

SVG = "{http://www.w3.org/2000/svg}"

# Made-up values for the tests, not data: shapes like the figures of the country profiles.
SHARE = {
    "id": "test-share", "label": "Test share of something", "unit": "% of GDP",
    "definition": "A made-up indicator.",
    "source": {"agency": "Test Agency", "dataset": "Test Dataset", "series_code": "T.EST"},
}
COUNT = {**SHARE, "id": "test-count", "label": "Test count", "unit": "persons"}
VALUES = [
    {"country": "PH", "value": 8.6, "year": 2023, "source": "Test Agency & Co", "source_url": "https://example.org/ph"},
    {"country": "VN", "value": 3.3, "year": 2022, "source": "Test Agency & Co"},
    {"country": "KH", "value": 3.3, "year": 2023, "source": "Test Agency & Co"},
    {"country": "TH", "value": 1.6, "year": 2023, "source": "Test Agency & Co"},
    {"country": "SG", "value": 0.25, "year": 2023, "source": "Test Agency & Co"},
    {"country": "BN", "value": 0, "year": 2023, "source": "Test Agency & Co"},
    {"country": "MY", "value": None, "note": "not published"},
]
VALUED = [v for v in VALUES if v["value"] is not None]


@pytest.fixture(scope="module")
def bar():
    return charts.bar_chart(SHARE, VALUES)


@pytest.fixture(scope="module")
def region():
    return charts.region_map(SHARE, VALUES)


def parse(chart: dict) -> ET.Element:
    return ET.fromstring(chart["svg"])


def texts(root: ET.Element) -> list[str]:
    """Each <text> element's lines (a multi-line label is one <text> of <tspan>s)."""
    return [" ".join(t.strip() for t in el.itertext() if t.strip()) for el in root.iter(f"{SVG}text")]


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def shape_fills(root: ET.Element) -> list[str]:
    """The fill of every country shape (Vega draws geoshapes as paths in mark-shape groups)."""
    return [path.get("fill") for group in root.iter(f"{SVG}g") if "mark-shape" in group.get("class", "")
            for path in group.iter(f"{SVG}path")]


# --- the table ----------------------------------------------------------------------------

def test_table_has_every_country_in_scope_highest_first_missing_last():
    rows = charts.table_rows(SHARE, VALUES + [{"country": "FR", "value": 99, "year": 2023}])
    assert sorted(r["country"] for r in rows) == sorted(IN_SCOPE)  # FR is out of scope
    valued = [r["value"] for r in rows if r["value"] is not None]
    assert valued == sorted(valued, reverse=True) == [8.6, 3.3, 3.3, 1.6, 0.25, 0]
    assert all(r["value"] is None for r in rows[len(valued):])


def test_table_ranks_ties_alike_and_gives_missing_no_rank():
    rows = {r["country"]: r for r in charts.table_rows(SHARE, VALUES)}
    assert (rows["PH"]["rank"], rows["KH"]["rank"], rows["VN"]["rank"], rows["TH"]["rank"]) == (1, 2, 2, 4)
    assert rows["BN"]["rank"] == 6 and rows["BN"]["display"] == "0%"  # zero is a value
    assert rows["MY"]["rank"] is None and rows["MY"]["display"] == "no data"
    assert rows["MY"]["note"] == "not published"
    assert rows["ID"]["display"] == "no data" and rows["ID"]["name"] == "Indonesia"
    assert rows["PH"]["source_url"] == "https://example.org/ph" and rows["PH"]["year"] == 2023


@pytest.mark.parametrize("value, unit, text", [
    (9.3, "% of GDP", "9.3%"), (0.25, "% of population", "0.25%"), (6.0, "% of GDP", "6%"),
    (39_120_000_000, "current US$", "US$39.1 billion"), (3_430_000, "persons", "3.43 million"),
    (77_450, "persons", "77,450"), (3, "level (1-4)", "3"), (0, "persons", "0"),
    # Three significant digits however small: Babel's own pattern rounded these to 0.005 and 0%
    (0.00456, "persons", "0.00456"), (0.0004, "% of population", "0.0004%"), (1234.5, "persons", "1,234"),
])
def test_values_are_written_as_a_reader_writes_them(value, unit, text):
    assert charts.format_value(value, unit) == text


# --- both charts: accessible, self-describing SVG ------------------------------------------------

@pytest.mark.parametrize("name", ["bar", "region"])
def test_svg_is_an_image_with_title_and_description(name, request):
    chart = request.getfixturevalue(name)
    root = parse(chart)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    title, desc = root[0], root[1]
    assert (title.tag, desc.tag) == (f"{SVG}title", f"{SVG}desc")
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert title.text == "Test share of something (% of GDP)" == chart["title"]
    for fact in ("% of GDP", "Source: Test Agency & Co", "Year: 2023 (Viet Nam 2022)", "No data:", "Malaysia",
                 "Philippines 8.6%", "Brunei Darussalam 0%"):
        assert fact in desc.text, fact
    assert desc.text == chart["desc"]
    assert chart["rows"] == charts.table_rows(SHARE, VALUES)


@pytest.mark.parametrize("name", ["bar", "region"])
def test_title_units_source_years_and_every_value_are_printed_as_text(name, request):
    root = parse(request.getfixturevalue(name))
    printed = " | ".join(texts(root))
    for fact in ("Test share of something", "Unit: % of GDP", "Source: Test Agency & Co.", "Year: 2023",
                 "No data: Indonesia"):
        assert fact in printed, fact
    for row in charts.table_rows(SHARE, VALUES):
        assert row["name"] in printed and row["display"] in printed, row["name"]


def test_bar_chart_draws_a_bar_per_value_and_says_no_data_for_the_rest(bar):
    root = parse(bar)
    bars = [p for g in root.iter(f"{SVG}g") if "mark-rect role-mark" in g.get("class", "")
            for p in g.iter(f"{SVG}path")]
    assert len(bars) == len(VALUED)  # Brunei's 0 is a bar of no length, not a missing value
    labels = texts(root)
    assert labels.count("no data") == len(IN_SCOPE) - len(VALUED)
    assert "3.3% (2022)" in labels  # a year unlike the others is said at the bar
    names = [t for t in labels if t in {country_name(c) for c in IN_SCOPE}]
    assert names[:3] == ["Philippines", "Cambodia", "Viet Nam"]  # sorted: highest first, ties by name


def test_map_shades_a_shape_per_value_and_greys_the_countries_without_one(region):
    fills = shape_fills(parse(region))
    shaded = [f for f in fills if f not in (charts.NO_DATA_FILL, charts.CONTEXT_FILL)]
    assert len(shaded) == len(VALUED)
    assert fills.count(charts.NO_DATA_FILL) == len(IN_SCOPE) - len(VALUED)
    assert fills.count(charts.CONTEXT_FILL) >= len(charts.NEIGHBOURS)  # Australia has an islet record too
    labels = texts(parse(region))
    for row in charts.table_rows(SHARE, VALUES):
        assert any(t.endswith(f" {row['display']}") and t.startswith(row["name"].split()[0])
                   for t in labels), row
    assert len({f for f in shaded}) >= 4  # distinct values, distinct shades


def test_map_text_is_readable_on_every_shade_and_on_white(region):
    root = parse(region)
    fills = [f for f in shape_fills(root) if f and f.startswith("#")]
    ink = {el.get("fill") for el in root.iter(f"{SVG}text")}
    assert ink and all(colour.startswith("#") for colour in ink)
    for colour in ink:
        assert contrast(colour, "#ffffff") >= 4.5, colour
        for fill in fills:  # a label may sit on any country
            assert contrast(colour, fill) >= 4.5, (colour, fill)


def test_small_countries_are_marked_by_a_dot(region):
    root = parse(region)
    dots = [p for g in root.iter(f"{SVG}g") if "mark-symbol role-mark" in g.get("class", "")
            for p in g.iter(f"{SVG}path")]
    assert len(dots) == len(charts.SMALL)


def test_same_input_gives_the_same_bytes(bar, region):
    charts.region_map(COUNT, [{"country": "TH", "value": 3.6e6, "year": 2024, "source": "Test"}])
    assert charts.bar_chart(SHARE, list(VALUES)) == bar
    assert charts.region_map(SHARE, list(reversed(VALUES))) == region


def test_ids_are_unique_across_the_charts_of_a_page(bar, region):
    other = charts.region_map(COUNT, VALUED)
    ids = [el.get("id") for chart in (bar, region, other) for el in parse(chart).iter() if el.get("id")]
    assert len(ids) == len(set(ids))
    for chart in (bar, region, other):  # every reference points into its own SVG
        own = {el.get("id") for el in parse(chart).iter() if el.get("id")}
        assert set(re.findall(r"url\(#([^)]+)\)", chart["svg"])) <= own


def test_text_from_records_stays_text():
    hostile = {**SHARE, "label": "Share <script>alert(1)</script>"}
    hostile_value = {"country": "KR", "value": 1, "year": 2024, "source": "<b onclick=x>S</b>"}
    chart = charts.bar_chart(hostile, [hostile_value])
    root = parse(chart)
    assert not [el for el in root.iter() if el.tag in (f"{SVG}script", f"{SVG}b")]
    assert "<script>" not in chart["svg"] and "&lt;script&gt;" in chart["svg"]


def test_large_numbers_read_as_millions_and_billions():
    chart = charts.bar_chart(COUNT, [{"country": "TH", "value": 3_600_000, "year": 2024, "source": "Test"},
                                     {"country": "KR", "value": 1_700_000_000, "year": 2024,
                                      "source": "Test"}])
    printed = texts(parse(chart))
    assert "3.6 million" in printed and "1.7 billion" in printed
    assert not any(re.fullmatch(r"[\d.]+G", t) for t in printed)  # the axis says B, not SI's G


@pytest.fixture
def korean():
    i18n.use("ko")
    yield
    i18n.use("en")


@pytest.mark.parametrize("value, unit, text", [
    (9.3, "% of GDP", "9.3%"), (39_120_000_000, "current US$", "US$391억"), (3_430_000, "persons", "343만"),
    (77_450, "persons", "77,450"), (0.00456, "% of GDP", "0.00456%"),
])
def test_values_are_written_as_a_korean_reader_writes_them(korean, value, unit, text):
    assert charts.format_value(value, unit) == text


def test_korean_charts_say_their_numbers_units_and_gaps_in_korean(korean):
    counted = {**COUNT, "label_ko": "시험 인원", "unit_ko": "명"}
    chart = charts.bar_chart(counted, [{"country": "TH", "value": 3_600_000, "year": 2024, "source": "Test"},
                                       {"country": "KR", "value": 1_700_000_000, "year": 2024,
                                        "source": "Test source"}])
    root = parse(chart)
    printed = texts(root)
    assert "360만" in printed and "17억" in printed and "데이터 없음" in printed
    assert "단위: 명" in printed and root[0].text == "시험 인원 (명)"
    assert "10억" in printed and not any(re.fullmatch(r"[\d.]+[GM]", t) for t in printed)  # the axis too
    # The source, left in English, is marked so after the Korean "출처:"
    english = [el for el in root.iter() if el.get("lang") == "en"]
    assert [el.text for el in english] == ["Test; Test source."]


def test_english_between_korean_words_is_marked_run_by_run(korean):
    """An English label with a Korean unit, and a source's English name followed by Korean words:
    each English run gets lang="en", the Korean around it does not."""
    unit_only = {**COUNT, "unit_ko": "명"}  # no label_ko: the label stays English
    chart = charts.bar_chart(unit_only, [{"country": "KR", "value": 5, "year": 2024,
                                          "source": "Test Agency 외 2곳"}])
    root = parse(chart)
    english = [el for el in root.iter() if el.get("lang") == "en"]
    assert [el.text for el in english] == ["Test count", "Test Agency"]  # the heading, the source
    caption = next(el for el in english if el.text == "Test Agency")
    assert caption.tail == " 외 2곳."  # the Korean after it is read in Korean


@pytest.mark.parametrize("source", ["https://example.org/" + "a" * 150, "กระทรวงแรงงาน" * 12])
def test_a_word_longer_than_a_caption_line_is_broken_to_fit(source):
    """A URL or Thai (written without spaces) in a source is cut into lines of the caption's width."""
    chart = charts.bar_chart(COUNT, [{"country": "KR", "value": 5, "year": 2024, "source": source}])
    caption = next(el for el in parse(chart).iter(f"{SVG}text") if "Source:" in "".join(el.itertext()))
    lines = [span.text for span in caption.iter(f"{SVG}tspan")]
    assert len(lines) > 3 and all(charts._columns(line) <= charts.WRAP for line in lines)
    assert "".join(lines).startswith(f"Source: {source}.")  # every character kept, in order


def test_level_axis_names_its_ticks_in_words():
    """SDG 10.7.2's value axis reads as the bars and the map's legend do: words, not 1-4."""
    level = {**SHARE, "id": "test-level", "unit": "level (1-4)", "sdg_indicator": "10.7.2"}
    root = parse(charts.bar_chart(level, [{"country": "KR", "value": 3, "year": 2021, "source": "Test"}]))
    printed = texts(root)
    assert not [t for t in printed if re.fullmatch(r"[\d.]+", t)]
    for word in ("Requires further progress", "Partially meets", "Fully meets"):  # the bar says only Meets
        assert word in printed, word


def test_no_value_at_all_still_draws_an_honest_chart():
    for chart in (charts.bar_chart(SHARE, []), charts.region_map(SHARE, [])):
        root = parse(chart)
        assert "no country has a value" in root[1].text or "no data" in " ".join(texts(root))
        assert "No data: Brunei Darussalam" in " ".join(texts(root))
    assert all(f == charts.NO_DATA_FILL or f == charts.CONTEXT_FILL
               for f in shape_fills(parse(charts.region_map(SHARE, []))))


def test_every_indicator_of_the_list_can_be_charted():
    """The shapes of content/taxonomies/indicators.yml entries are what the charts take."""
    indicators = FIXTURES / "valid/content/taxonomies/indicators.yml"
    entries = yaml.safe_load(indicators.read_text(encoding="utf-8"))
    for entry in entries:
        chart = charts.bar_chart(entry, [{"country": "KR", "value": 2, "year": 2024, "source": "Test"}])
        assert parse(chart)[0].text.startswith(entry["label"])
