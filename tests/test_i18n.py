"""The Korean edition: every interface string translated, a Korean page for every English page,
record translations shown (or the English text marked as English), the language switcher and
hreflang links landing on the same page, lang on passages in another script, and translations
checked by the validator."""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from helpers import INDICATOR_KR, REPO, build_site, indicator_files, make_project, run_cli, static_server

PO = REPO / "locale" / "ko" / "LC_MESSAGES" / "messages.po"
PLACEHOLDER = re.compile(r"\{\w*\}|%\(\w+\)[sd]")


def pages(site: Path) -> set[str]:
    """The site's pages as URLs relative to its root, the Korean edition's folder left out."""
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")
            if p.relative_to(site).parts[0] not in ("ko", "admin")}


def read(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def test_every_string_the_code_uses_has_a_korean_translation(tmp_path):
    """Extract the strings from the code now (as `make messages` does): a new `_()` string, a
    template text or a schema title without a Korean translation fails here."""
    pot = tmp_path / "messages.pot"
    subprocess.run([Path(sys.executable).parent / "pybabel", "-q", "extract", "-F", "babel.cfg", "-k", "N_",
                    "-o", pot, "."], cwd=REPO, check=True, capture_output=True)
    used = {m.id for m in read_po(pot.open("rb")) if m.id}
    # a fuzzy entry (a guess from a similar string) is left out of the compiled catalog
    translated = {m.id: m.string for m in read_po(PO.open("rb"), locale="ko") if m.id and not m.fuzzy}
    missing = sorted(str(i) for i in used if not translated.get(i) or not all(translated[i]))
    assert not missing, f"add Korean translations to {PO.relative_to(REPO)} (make messages): {missing}"
    for message_id in used:
        source = message_id[0] if isinstance(message_id, tuple) else message_id
        target = translated[message_id][0] if isinstance(message_id, tuple) else translated[message_id]
        assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(target)), message_id


def test_a_korean_page_for_every_english_page(fixture_site):
    english, korean = pages(fixture_site), pages(fixture_site / "ko")
    assert len(english) > 10
    assert english == korean


HREFLANG = re.compile(r'<link rel="alternate ?" hreflang="([\w-]+)" href="([^"]+)">')


@pytest.mark.parametrize("rel", ["practices/fixture-return/", "practices/", ""],
                         ids=["record", "listing", "home"])
def test_hreflang_links_point_at_the_same_page_in_every_edition(fixture_site, rel):
    """Each page's head names itself in each edition and English as the default (x-default)."""
    for edition in (fixture_site, fixture_site / "ko"):
        page = edition / rel / "index.html"
        links = dict(HREFLANG.findall(page.read_text(encoding="utf-8")))
        found = {lang: (page.parent / href).resolve() for lang, href in links.items()}
        assert found == {"en": (fixture_site / rel).resolve(), "x-default": (fixture_site / rel).resolve(),
                         "ko": (fixture_site / "ko" / rel).resolve()}, (page, links)
    # Material's script reads link[rel=alternate] and asks for a sitemap.xml beside each linked
    # page; the trailing space keeps the links out of its selector (main.html).
    assert '<link rel="alternate" hreflang' not in read(fixture_site, rel + "index.html")
    assert "hreflang" not in read(fixture_site, "404.html").split("</head>")[0]


def test_korean_pages_declare_korean_and_switch_to_the_same_page_in_english(fixture_site):
    rel = "practices/fixture-return/index.html"
    ko = read(fixture_site / "ko", rel)
    assert '<html lang="ko"' in ko
    switcher = re.findall(r'<a href="([^"]+)" hreflang="en" lang="en" class="md-select__link">', ko)
    assert switcher == ["../../../practices/fixture-return/"]
    en = read(fixture_site, rel)
    assert '<html lang="en"' in en
    assert re.search(r'<a href="\.\./\.\./ko/practices/fixture-return/" hreflang="ko"', en)


def test_korean_record_page_shows_the_translation_and_korean_interface(fixture_site):
    ko = read(fixture_site / "ko", "practices/fixture-return/index.html")
    assert "<h1" in ko and "픽스처 귀환 프로그램</h1>" in ko
    assert "픽스처 사례의 한국어 본문." in ko and "Fixture practice body." not in ko
    assert '<meta name="description" content="픽스처 사례의 한국어 요약.">' in ko
    # How to cite, the kind, a field, the skip link
    for korean in ("인용 방법", "모범 사례", "국가", "본문으로 건너뛰기"):
        assert korean in ko
    assert "How to cite" not in ko and "Skip to content" not in ko
    assert "대한민국" in ko  # the country's Korean name from pycountry's ISO 3166 catalog


def test_untranslated_record_is_marked_english_with_a_notice(fixture_site):
    ko = read(fixture_site / "ko", "programs/program-1/index.html")
    body = re.search(r'<div class="akmn-body"( lang="en")?>', ko)
    assert body and body.group(1) == ' lang="en"'
    assert ko.count("아직 번역되지 않아") == 1


def test_korean_listing_and_topic_pages_use_korean_names(fixture_site):
    listing = read(fixture_site / "ko", "practices/index.html")
    assert "<h1>모범 사례</h1>" in listing
    assert "픽스처 귀환 프로그램" in listing  # the translated title in the list
    topic = read(fixture_site / "ko", "migration-types/index.html")
    assert "<h1>이주 유형</h1>" in topic



def test_languages_are_named_in_the_pages_language(fixture_site):
    """An expert's languages (ko, en) read as the page's language names them, not in English."""
    for site, expected in ((fixture_site / "ko", "한국어, 영어"), (fixture_site, "Korean, English")):
        html = read(site, "experts/fixture-kim/index.html")
        shown = re.search(r"<dt>(?:언어|Languages)</dt>\s*<dd>(.*?)</dd>", html, re.S).group(1)
        assert re.sub(r"<[^>]+>", "", shown) == expected


@pytest.mark.parametrize("lang, expected", [("en", "Malay"), ("ko", "말레이어")])
def test_a_language_is_named_as_readers_name_it(lang, expected):
    """CLDR's names, not ISO 639's "Malay (macrolanguage)"."""
    from akmn import i18n
    from akmn.names import language_name

    i18n.use(lang)
    try:
        assert language_name("ms") == expected
    finally:
        i18n.use(i18n.SOURCE)


def test_a_missing_korean_address_leads_to_the_korean_home(fixture_site):
    """A host serves its one not-found page (the English one) at any missing address: for a
    reader of /ko/ it links the Korean home, in Korean."""
    import urllib.error
    import urllib.request
    from urllib.parse import urljoin

    with static_server(fixture_site) as base:
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(base + "ko/no/such/page/")
        assert missing.value.code == 404
        html = missing.value.read().decode("utf-8")
        link = re.search(r'<p lang="ko"><a href="([^"]+)">([^<]+)</a>', html)
        assert link and re.search("[가-힣]", link.group(2))
        with urllib.request.urlopen(urljoin(base + "ko/no/such/page/", link.group(1))) as home:
            assert home.url.rstrip("/").endswith("/ko") and '<html lang="ko"' in home.read().decode("utf-8")


def test_korean_sdg_target_page_uses_the_korean_names_given(fixture_site):
    """short_ko titles the target's Korean page; an indicator's label_ko replaces its label there,
    and an indicator without one keeps its English label, marked English."""
    page = read(fixture_site / "ko", "sdg/10-7/index.html")
    assert "<h1>SDG 10.7: 픽스처 안전한 이주</h1>" in page
    assert "<li>10.7.1 픽스처 모집 비용 지표</li>" in page
    assert '<li><span lang="en">10.7.2 Number of countries with migration policies' in page
    english = read(fixture_site, "sdg/10-7/index.html")
    assert "<h1>SDG 10.7: Safe, orderly and regular migration</h1>" in english
    assert "<li>10.7.1 Fixture recruitment cost indicator</li>" in english


# Three or more words in Latin letters in a row: English that a reader meets as a sentence or a
# name (a lone acronym, a number or "CC BY" is not read in an English voice either way).
LATIN_WORDS = re.compile(r"[A-Za-z][A-Za-z'’-]*(?:[,;:()]?\s+\(?[A-Za-z][A-Za-z'’-]*){2,}")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
UNREAD = {"head", "script", "style", "code", "pre", "svg", "noscript"}  # not prose a screen reader reads


class _UnmarkedEnglish(HTMLParser):
    """Text in Latin words whose nearest `lang` is the page's Korean, outside what nobody reads
    aloud (the head, scripts, code, hidden and aria-hidden elements; SVG has its own title)."""

    def __init__(self, unread: set[str]):
        super().__init__(convert_charrefs=True)
        self.unread = unread
        self.open: list[tuple[str, str, bool]] = []  # tag, language, skipped
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        attrs = dict(attrs)
        lang, skipped = self.open[-1][1:] if self.open else ("", False)
        skipped = skipped or tag in self.unread or "hidden" in attrs or attrs.get("aria-hidden") == "true"
        self.open.append((tag, attrs.get("lang", lang), skipped))

    def handle_endtag(self, tag):
        if any(t == tag for t, _, _ in self.open):
            while self.open.pop()[0] != tag:
                pass

    def handle_data(self, data):
        if self.open and not self.open[-1][2] and self.open[-1][1] == "ko":
            self.found += LATIN_WORDS.findall(data)


def unmarked_english(html: str, unread: set[str] = UNREAD) -> list[str]:
    parser = _UnmarkedEnglish(unread)
    parser.feed(html)
    return parser.found


def test_english_on_korean_pages_is_marked_english(fixture_site):
    """Untranslated record text (a title, a field, a taxonomy term without label_ko, a figure's
    note) and interface text are English on a Korean page: every such passage is inside an
    element with lang="en", so a screen reader switches voice; interface text has none left."""
    sample = ('<html lang="ko"><p>Balik Scientist Program 소개</p><p lang="en">Marked as English</p>'
              '<p hidden>Not read aloud here</p></html>')
    assert unmarked_english(sample) == ["Balik Scientist Program"]
    found = {}
    pages = list((fixture_site / "ko").rglob("*.html"))
    for page in pages:
        if english := unmarked_english(page.read_text(encoding="utf-8")):
            found[page.relative_to(fixture_site).as_posix()] = english
    assert len(pages) > 20
    assert found == {}, found


# In a chart, its own text is checked too; its title and desc name the whole image in one string.
IN_CHARTS = UNREAD - {"svg"} | {"title", "desc"}


@pytest.mark.parametrize("rel", ["countries/compare/", "countries/compare/remittances-received-gdp/",
                                 "countries/kr/", "themes/remittances/"])
def test_korean_indicator_pages_and_charts_have_no_unmarked_english(indicator_site, rel):
    """Indicator names, units, levels, ranks and the charts' own text are Korean; record text
    left in English (a source, a country's reason) is marked lang="en", in the SVG too."""
    html = read(indicator_site / "ko", rel + "index.html")
    assert unmarked_english(html, IN_CHARTS) == []
    charts = "".join(re.findall(r"<svg\b.*?</svg>", html.split("<article")[1], flags=re.S))
    if "compare/remittances" in rel:
        assert "<h1>개인 송금 수취액(국내총생산 대비 %)</h1>" in html  # the indicators file's label_ko
        assert "단위: 국내총생산 대비 %" in charts and "데이터 없음" in charts and "no data" not in charts
        assert re.search(r'출처: <tspan lang="en">Fixture KR source; Fixture source\.</tspan>', charts)
    if rel == "countries/compare/":
        assert "충족(2021년)" in html and "Meets" not in html  # level and year as Korean writes them
    if rel == "countries/kr/":
        assert "자료가 있는 2개국 중 2위" in html


def test_korean_words_in_an_english_page_are_marked_korean(tmp_path):
    from akmn import i18n
    from akmn.html import md, sanitise

    i18n.use("en")
    assert md("The EPS (고용허가제) and ภาษาไทย") == (
        '<p>The EPS (<span lang="ko">고용허가제</span>) and <span lang="th">ภาษาไทย</span></p>')
    marked = '<p title="고용"><span lang="ko">고용허가제</span></p>'
    assert sanitise('<p title="고용">고용허가제</p>') == marked
    i18n.use("ko")
    try:
        assert md("고용허가제 EPS") == "<p>고용허가제 EPS</p>"  # a Korean page needs no mark
    finally:
        i18n.use("en")


@pytest.mark.parametrize("edition, text, expected", [
    # English with a Korean name in it: the name is marked, the sentence keeps the page's voice
    ("en", "Kookmin Ilbo: Statistics Korea renamed 국가데이터처",
     'Kookmin Ilbo: Statistics Korea renamed <span lang="ko">국가데이터처</span>'),
    ("en", "고용허가제 EPS", '<span lang="ko">고용허가제 EPS</span>'),  # more Hangul than Latin
    ("en", "โครงการ Balik Scientist", '<span lang="th">โครงการ</span> Balik Scientist'),
    ("ko", "Kookmin Ilbo: Statistics Korea renamed 국가데이터처",
     '<span lang="en">Kookmin Ilbo: Statistics Korea renamed <span lang="ko">국가데이터처</span></span>'),
    ("ko", "고용허가제 EPS", "고용허가제 EPS"),
    ("ko", "ภาษาไทย", '<span lang="th">ภาษาไทย</span>'),
    ("ko", "A & B", '<span lang="en">A &amp; B</span>'),
])
def test_a_value_in_another_script_is_marked_by_its_runs(edition, text, expected):
    """A field's value (a source's title, a role) is in the script it mostly uses; runs in
    another script inside it are marked so each is read with its own voice."""
    from akmn import i18n

    i18n.use(edition)
    try:
        assert i18n.marked(text) == expected
    finally:
        i18n.use(i18n.SOURCE)


def test_a_value_printed_in_the_page_language_is_not_marked_english(tmp_path):
    """Babel writes a Korean page's amounts as Korean does ("US$7.82억"): read in Korean, not
    marked English for its two Latin letters."""
    usd = ("  - indicator: Personal remittances, received (current US$)\n"
           "    indicator_id: remittances-received-usd\n    value: 782000000\n    unit: current US$\n"
           "    year: 2022\n    source: Fixture KR source\n    source_url: https://example.org/kr\n")
    files = indicator_files()
    files["content/countries/kr.md"] = INDICATOR_KR.replace("figures:\n", "figures:\n" + usd, 1)
    root = make_project(tmp_path / "project", files=files)
    result = build_site(root)
    assert result.returncode == 0, result.stderr
    for rel in ("countries/compare/remittances-received-usd/index.html", "countries/kr/index.html"):
        html = read(root / "site" / "ko", rel)
        cells = re.findall(r'<td data-label="값"[^>]*>(.*?)</td>', html, flags=re.S)
        amounts = [cell for cell in cells if "억" in cell]  # the figures table's record units stay English
        assert amounts and all("lang=" not in cell for cell in amounts), cells


@pytest.mark.parametrize("name, text, expected", [
    ("practices/nothing-here.ko.md", "---\ntitle: 없음\n---\n\n본문\n",
     "practices/nothing-here.ko.md:1: no best practice 'nothing-here' to translate"),
    ("practices/fixture-return.ko.md", "---\ntitle: 제목\ntitel: 오타\n---\n\n본문\n",
     "practices/fixture-return.ko.md:3: titel: unknown field 'titel'"),
    ("practices/fixture-return.ko.md", "---\nsummary: 요약\n---\n\n본문\n",
     "practices/fixture-return.ko.md:1: title: required field is missing: add `title:`"),
    ("practices/fixture-return.ko.md", "---\ntitle: 제목\n---\n",
     "practices/fixture-return.ko.md:4: the translation has no text"),
    ("practices/fixture-return.fr.md", "---\ntitle: Titre\n---\n\nTexte\n",
     "practices/fixture-return.fr.md:1: a translation is named after its record and a language the "
     "site has (ko)"),
])
def test_validator_checks_translations(site_tree, name, text, expected):
    (site_tree / "content" / name).write_text(text, encoding="utf-8")
    result = run_cli("validate", str(site_tree))
    assert result.code == 1
    assert expected in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_a_translations_pinned_search_is_checked_against_what_its_page_shows(site_tree):
    """The Korean page of fixture-return shows its countries by name (필리핀 for PH) and its
    topics by label ("Return and reintegration"); a word only in a source's address is not
    shown, so a pin of it would do nothing."""
    (site_tree / "content/practices/fixture-return.ko.md").write_text(
        "---\ntitle: 제목\npinned_searches:\n  - 필리핀  REINTEGRATION\n  - example\n---\n\n본문\n",
        encoding="utf-8")
    result = run_cli("validate", str(site_tree))
    assert result.code == 1
    assert result.stderr.count("pinned_searches") == 1, result.stderr
    assert ("practices/fixture-return.ko.md:5: pinned_searches[1]: 'example' is not a word (or the "
            "start of one) on the record's page") in result.stderr, result.stderr


def test_a_policy_kind_is_shown_in_the_page_language(fixture_site):
    """A policy's kind (`kind: law`) is a value of the schema's list: each edition shows its
    label in its own language (법률 on the Korean page), never the raw value."""
    english = read(fixture_site, "countries/ph/index.html")
    korean = read(fixture_site / "ko", "countries/ph/index.html")
    assert re.search(r'<td data-label="Kind">\s*Law\s*</td>', english), english
    assert re.search(r'<td data-label="유형">\s*법률\s*</td>', korean)
