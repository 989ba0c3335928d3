"""The site as the public reads it: in Chromium, on a desktop and on a phone.

Three sites are built once per session and served from 127.0.0.1: the repository's content
(`mkdocs build` of this checkout), the valid fixture tree (conftest's `fixture_site`) and the
fixture tree plus the hostile records of tests/hostile.py. Chromium is Debian's package
(Playwright's own browser download is not used); `make test` installs it when it is missing.
Without it these tests are skipped locally and fail in CI (CI=true). Requests that leave
127.0.0.1 are blocked and reported as failures.

Select them with `pytest -m browser`. Screenshots of every page type, desktop and phone, are
written to screenshots/ (`make screenshots` runs only those tests).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, quote, unquote, urlencode, urljoin, urlsplit

import pytest

from akmn import i18n
from akmn.schema import KINDS as SCHEMA_KINDS
from helpers import REPO, build_site, make_project, need, static_server
from hostile import FILES as HOSTILE_FILES

pytestmark = pytest.mark.browser

AXE = REPO / "node_modules/axe-core/axe.min.js"
VNU = REPO / "node_modules/vnu-jar/build/dist/vnu.jar"
SCREENSHOTS = REPO / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

# One page of every type, on the site built from the repository's content.
REPO_PAGES = {
    "home": "",
    "listing-experts": "experts/",
    "listing-countries": "countries/",
    "listing-meetings": "meetings/",
    "listing-practices": "practices/",
    "listing-programs": "programs/",
    "listing-themes": "themes/",
    "expert": "experts/kanya-testsuk/",
    "country": "countries/ph/",
    "meeting": "meetings/iem-1/",
    "practice": "practices/employment-permit-system-korea/",
    "program": "programs/program-1/",
    "term-theme": "themes/brain-circulation/",
    "term-sdg": "sdg/10-7/",
    "compare": "countries/compare/",
    "compare-indicator": "countries/compare/remittances-received-usd/",
    "term-sdg-17-18": "sdg/17-18/",
    "term-sdg-17-3": "sdg/17-3/",
    "search": "search/?q=migration",
    "data": "data/",
    "about": "about/",
    "404": "no/such/page/",
}
FIXTURE_PAGES = {
    "home": "", "listing": "experts/", "expert": "experts/fixture-kim/",
    "example-expert": "experts/fixture-sample/",
    "country": "countries/ph/", "country-without-domains": "countries/kr/", "meeting": "meetings/iem-1/",
    "practice": "practices/fixture-return/", "program": "programs/program-1/",
    "term": "themes/brain-circulation/",
    "compare": "countries/compare/", "search": "search/?q=fixture", "data": "data/", "404": "missing/",
}
# The Korean edition of every page type (site/ko/, built by the same `mkdocs build`).
KO_PAGES = {f"ko-{name}": f"ko/{path}" for name, path in REPO_PAGES.items()}
# The hostile expert's body holds <img src="x" onerror=...>: the sanitiser keeps the image (without
# its handler), so the browser asks for experts/mallory/x, which does not exist.
CONTENT_IMAGE = "/experts/mallory/x"
HOSTILE_PAGES = {"expert": "experts/mallory/", "practice": "practices/hostile/", "experts": "experts/",
                 "practices": "practices/", "home": "", "compare": "countries/compare/"}

# --- tools: skipped locally when missing, a failure in CI ------------------------------------


def need_node_tool(path: Path) -> None:
    need(path.exists(), f"{path.relative_to(REPO)} is missing: run `make test` (npm ci installs it)")


# --- the sites, each built once per session ----------------------------------------------------


@pytest.fixture(scope="session")
def repo_site(tmp_path_factory) -> Path:
    """The repository's content, built like `make build` (examples shown with a badge)."""
    out = tmp_path_factory.mktemp("repo-site") / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "AKMN_PUBLISH": ""}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f",
                             str(REPO / "mkdocs.yml"), "-d", str(out)],
                            cwd=REPO, capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory) -> Path:
    root = make_project(tmp_path_factory.mktemp("hostile") / "project", files=HOSTILE_FILES)
    result = build_site(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture(scope="session")
def serve():
    """serve(site_dir) -> base URL ending in "/"; one server per site, for the whole session."""
    with contextlib.ExitStack() as stack:
        urls: dict[Path, str] = {}

        def start(site: Path) -> str:
            if site not in urls:
                urls[site] = stack.enter_context(static_server(site))
            return urls[site]

        yield start


@pytest.fixture(scope="session")
def sites(repo_site, fixture_site, hostile_site, serve) -> dict[str, tuple[Path, str]]:
    return {name: (path, serve(path)) for name, path in
            (("repo", repo_site), ("fixture", fixture_site), ("hostile", hostile_site))}


# --- the browser -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def contexts(browser):
    """A desktop and a phone browser context, shared: a context costs far more than a page."""
    made = {"desktop": browser.new_context(viewport=DESKTOP),
            "phone": browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)}
    for context in made.values():
        context.set_default_timeout(15_000)
    yield made
    for context in made.values():
        context.close()


class Visit:
    """One page (a new tab), with everything that went wrong while it was open."""

    def __init__(self, context):
        self.problems: list[str] = []
        self.dialogs: list[str] = []
        self.page = context.new_page()
        self.page.route("**/*", self._only_loopback)
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda e: self.problems.append(f"script error: {e}"))
        self.page.on("requestfailed", self._failed)
        self.page.on("response", self._response)
        self.page.on("dialog", self._dialog)
        self.document: str | None = None

    def _only_loopback(self, route):
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            self.problems.append(f"request off the site: {route.request.url}")
            route.abort()

    def _failed(self, request):
        # A request the browser cut short (the reader clicked on to another page) is not a
        # failure; a missing file is reported by _response with its status, and a request off
        # the site by _only_loopback.
        if request.failure != "net::ERR_ABORTED":
            self.problems.append(f"failed: {request.url} {request.failure}")

    def _console(self, message):
        # Chromium logs the 404 status of the 404 page itself; that status is the point of it.
        if message.type == "error" and not (message.location.get("url") == self.document
                                            and "status of 404" in message.text):
            self.problems.append(f"console: {message.text} ({message.location.get('url')})")

    def _response(self, response):
        if response.status >= 400 and response.url != self.document:
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def _dialog(self, dialog):
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def goto(self, url: str):
        self.document = url.split("#")[0]
        return self.page.goto(url, wait_until="load")

    def close(self):
        self.page.close()


@pytest.fixture
def visit(contexts):
    opened: list[Visit] = []

    def open_(url: str | None = None, device: str = "desktop") -> Visit:
        v = Visit(contexts[device])
        opened.append(v)
        if url is not None:
            v.goto(url)
        return v

    yield open_
    for v in opened:
        v.close()


def all_pages(pages: dict[str, str], *site_names: str):
    return [pytest.param(site, name, path, id=f"{site}-{name}")
            for site in site_names for name, path in pages.items()]


# axe and the Nu checker judge the pages we write, on real and fixture content. The hostile pages
# are checked for safety instead: their content is broken on purpose (an image without alt text).
BUILT_PAGES = (all_pages(REPO_PAGES, "repo") + all_pages(KO_PAGES, "repo")
               + all_pages(FIXTURE_PAGES, "fixture"))
EVERY_PAGE = BUILT_PAGES + all_pages(HOSTILE_PAGES, "hostile")


# --- pages load cleanly ------------------------------------------------------------------------


def screenshot(v: Visit, site: str, name: str, device: str) -> None:
    """Screenshots of the repository's site, for reviewers (screenshots/, not committed)."""
    if site == "repo":
        SCREENSHOTS.mkdir(exist_ok=True)
        v.page.screenshot(path=str(SCREENSHOTS / f"{name}-{device}.png"), full_page=True)


def wait_until_ready(v: Visit, name: str) -> None:
    # Pagefind fetches its index and results after the load event
    if name.removeprefix("ko-") == "search":
        v.page.wait_for_selector(".akmn-result__link")
        open_filters(v)


def open_filters(v: Visit) -> None:
    """Open the filter panel (its data loads then) and wait for its groups."""
    toggle = v.page.locator("#akmn-filters-toggle")
    if toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
    v.page.wait_for_selector("fieldset.akmn-filter")


@pytest.mark.parametrize("site, name, path", BUILT_PAGES)
def test_page_loads_cleanly_and_passes_axe(sites, visit, site, name, path):
    """No console error, failed request or dialog; no serious or critical axe-core violation."""
    need_node_tool(AXE)
    v = visit(sites[site][1] + path)
    wait_until_ready(v, name)
    h1 = v.page.locator("h1").first
    assert h1.is_visible()
    if name == "404":
        assert "not found" in h1.inner_text().lower()
    screenshot(v, site, name, "desktop")
    serious = [x for x in axe_violations(v.page) if x["impact"] in ("serious", "critical")]
    assert serious == [], json.dumps(serious, indent=1)
    assert v.problems == []
    assert v.dialogs == []


# --- search ------------------------------------------------------------------------------------


STATUS = "#akmn-search-status"
RESULT_LINKS = ".akmn-result__link"


def _result_paths(page) -> list[str]:
    """Every result of the current search, as site paths, after loading them all."""
    page.wait_for_function("""() => /^(No results|\\d+ results? for|\\d+ records match)/.test(
        document.querySelector('#akmn-search-status').textContent.trim())""")
    text = page.locator(STATUS).inner_text().strip()
    total = 0 if text.startswith("No results") else int(text.split()[0])
    more = page.locator("#akmn-search-more")
    while (shown := page.locator(RESULT_LINKS).count()) < total:
        more.click()
        page.wait_for_function(f"document.querySelectorAll('{RESULT_LINKS}').length > {shown}")
    hrefs = page.eval_on_selector_all(RESULT_LINKS, "els => els.map(e => e.href)")
    return [urlsplit(h).path.lstrip("/") for h in hrefs]


def search(v: Visit, base: str, query: str) -> list[str]:
    """Type a query into the search page like a reader and return the result paths."""
    if not v.page.url.startswith(base + "search/"):
        v.goto(base + "search/")
    box = v.page.locator("#akmn-search-q")
    box.fill("")
    box.press_sequentially(query, delay=10)
    v.page.wait_for_function("q => document.querySelector('#akmn-search-status').textContent.includes(q)",
                             arg=query)
    return _result_paths(v.page)


def filter_box(v: Visit, name: str, value: str):
    return v.page.locator(f"fieldset.akmn-filter input[name={json.dumps(name)}][value={json.dumps(value)}]")


def filter_values(v: Visit, name: str) -> list[str]:
    return v.page.eval_on_selector_all(f"fieldset.akmn-filter input[name={json.dumps(name)}]",
                                       "es => es.map(e => e.value)")


def filter_count(v: Visit, name: str, value: str) -> int:
    return int(filter_box(v, name, value).locator("xpath=..").locator(".akmn-filter__count").inner_text())


def choose_filter(v: Visit, name: str, value: str) -> list[str]:
    box = filter_box(v, name, value)
    open_filters(v)
    before = v.page.locator(STATUS).inner_text()
    box.locator("xpath=ancestor::label[1]").click()
    v.page.wait_for_function("b => document.querySelector('#akmn-search-status').textContent !== b "
                             "&& !/…$/.test(document.querySelector('#akmn-search-status').textContent)",
                             arg=before)
    return _result_paths(v.page)


def filters_of(site: Path, path: str) -> set[tuple[str, str]]:
    html = (site / path / "index.html").read_text(encoding="utf-8")
    return {(n, unescape_html(x)) for n, x in re.findall(r'data-pagefind-filter="([^"]+)">([^<]*)<', html)}


def unescape_html(text: str) -> str:
    import html
    return html.unescape(text)


@pytest.mark.parametrize("query, expected", [
    pytest.param("Thailand", ["countries/th/", "practices/reverse-brain-drain-thailand/"], id="country"),
    pytest.param("Kanya Testsuk", ["experts/kanya-testsuk/"], id="expert"),
    pytest.param("Return and reintegration",
                 ["themes/return-reintegration/", "practices/eps-happy-return-programme/"],
                 id="theme"),
    pytest.param("두뇌순환", ["experts/ji-woo-demo/"], id="korean"),
    pytest.param("데모 지우", ["experts/ji-woo-demo/"], id="korean-name"),
    pytest.param("thống kê", ["experts/linh-exampleton/"], id="vietnamese"),
    pytest.param("lao động", ["experts/linh-exampleton/"], id="vietnamese-2"),
    pytest.param("กัญญา", ["experts/kanya-testsuk/"], id="thai-word-between-spaces"),
    # Thai is written without spaces: the build indexes its words and the search page splits the
    # query the same way, so a word from inside a sentence and a whole phrase are both found.
    pytest.param("คุ้มครอง", ["experts/kanya-testsuk/"], id="thai-word-inside-a-sentence"),
    pytest.param("การคุ้มครองสิทธิแรงงาน", ["experts/kanya-testsuk/"], id="thai-phrase"),
])
def test_search_finds_the_right_records(sites, visit, query, expected):
    base = sites["repo"][1]
    found = search(visit(), base, query)
    for path in expected:
        assert path in found, (query, found)
    assert found.index(expected[0]) < 3, found


def test_thai_results_show_the_text_as_written_not_the_index_words(sites, visit):
    """The build indexes Thai text split into words (a hidden paragraph); a result shows the
    record's own text, never that word list."""
    site, base = sites["repo"]
    v = visit()
    found = search(v, base, "คุ้มครอง")
    page = (site / found[0] / "index.html").read_text(encoding="utf-8")
    words = re.search(r'<p class="md-visually-hidden" aria-hidden="true">([^<]+)</p>', page).group(1).split()
    index_runs = {" ".join(words[i:i + 3]) for i in range(len(words) - 2)}
    shown = " ".join(v.page.locator(".akmn-result").first.inner_text().split())
    assert len(index_runs) > 3 and not [run for run in index_runs if run in shown], shown


def test_search_from_the_header_form(sites, visit):
    base = sites["repo"][1]
    v = visit(base + "experts/")
    v.page.fill("#akmn-q", "Kanya")
    v.page.press("#akmn-q", "Enter")
    v.page.wait_for_url("**/search/?q=Kanya")
    assert "experts/kanya-testsuk/" in _result_paths(v.page)
    assert v.problems == []


@pytest.mark.parametrize("name, value", [("country", "Thailand"), ("theme", "Labour migration"),
                                         ("SDG target", "SDG 10.7"), ("kind", "Best practice"),
                                         ("country", "Lao People's Democratic Republic")])
def test_search_filters_narrow_the_results(sites, visit, name, value):
    site, base = sites["repo"]
    v = visit()
    everything = search(v, base, "migration")
    narrowed = choose_filter(v, name, value)
    assert 0 < len(narrowed) < len(everything)
    for path in narrowed:
        assert (name, value) in filters_of(site, path), path


def test_search_filters_combine(sites, visit):
    site, base = sites["repo"]
    v = visit()
    search(v, base, "migration")
    practices = choose_filter(v, "kind", "Best practice")
    both = choose_filter(v, "country", "Philippines")
    assert 0 < len(both) < len(practices)
    assert all(p.startswith("practices/") and ("country", "Philippines") in filters_of(site, p) for p in both)


# The theme's admonition styling of <details> (a border, a tinted title band, an icon) must not
# reach the filter groups: each group is a plain fieldset of checkboxes.
FILTER_GROUP_STYLE = """() => [...document.querySelectorAll('fieldset.akmn-filter')].map(g => {
    const s = getComputedStyle(g), legend = g.querySelector('legend');
    const before = getComputedStyle(legend, '::before'), after = getComputedStyle(legend, '::after');
    return {border: parseFloat(s.borderTopWidth) + parseFloat(s.borderLeftWidth), shadow: s.boxShadow,
            background: s.backgroundColor, legendBackground: getComputedStyle(legend).backgroundColor,
            icons: [before.content, after.content, before.maskImage, after.maskImage]
                   .filter(x => x && x !== 'none' && x !== 'normal'),
            details: g.querySelectorAll('details, summary').length};
})"""


def test_filter_panel_is_plain_checkbox_groups(sites, visit):
    v = visit(sites["repo"][1] + "search/?q=migration")
    wait_until_ready(v, "search")
    groups = v.page.evaluate(FILTER_GROUP_STYLE)
    assert len(groups) >= 5
    for group in groups:
        assert group["border"] == 0 and group["shadow"] == "none", group
        assert group["background"] == group["legendBackground"] == "rgba(0, 0, 0, 0)", group
        assert group["icons"] == [] and group["details"] == 0, group
    legends = v.page.locator("fieldset.akmn-filter legend").all_inner_texts()
    assert "SDG target" in legends and "Country" in legends  # the schema's titles, as declared
    v.page.locator(".akmn-search").screenshot(path=str(SCREENSHOTS / "search-filters-desktop.png"))


def sort_key(value: str) -> list:
    """Numbers in a value compare as numbers: SDG 3.c < SDG 10.7 < SDG 10.c < SDG 17.3 < SDG 17.18."""
    return [(0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", value)]


def test_sdg_filter_values_in_numeric_order(sites, visit):
    v = visit(sites["repo"][1] + "search/?q=migration")
    wait_until_ready(v, "search")
    values = filter_values(v, "SDG target")
    assert len(values) > 3
    assert values == sorted(values, key=sort_key), values


def test_first_query_loads_no_filter_data_until_the_panel_opens(sites, visit):
    """docs/dev/scale.md: every filter's data is a large part of the first query's download."""
    v = visit()
    requested: list[str] = []
    v.page.on("request", lambda r: requested.append(urlsplit(r.url).path))
    v.goto(sites["repo"][1] + "search/?q=migration")
    v.page.wait_for_selector(RESULT_LINKS)
    v.page.wait_for_load_state("networkidle")
    assert [p for p in requested if p.startswith("/pagefind/filter/")] == []
    assert "/pagefind/pagefind-ui.js" not in requested  # the default UI is not loaded at all
    open_filters(v)
    assert [p for p in requested if p.startswith("/pagefind/filter/")]


def test_browse_by_filter_without_a_query(sites, visit):
    site, base = sites["repo"]
    v = visit(base + "search/")
    found = choose_filter(v, "kind", "Best practice")
    practices = {p.parent.name for p in (site / "practices").glob("*/index.html")}
    assert {p.split("/")[1] for p in found} == practices
    assert v.page.locator(STATUS).get_attribute("role") == "status"
    assert str(len(practices)) in v.page.locator(STATUS).inner_text()  # the live region says how many


def test_filter_counts_say_what_choosing_gives(sites, visit):
    """A value's count is the number of results that choosing it gives (values of one group are
    alternatives): checked by choosing values and counting the results."""
    base = sites["repo"][1]
    v = visit()
    search(v, base, "migration")
    choose_filter(v, "kind", "Best practice")
    count = filter_count(v, "country", "Thailand")
    assert len(choose_filter(v, "country", "Thailand")) == count
    other = filter_count(v, "kind", "Country profile")
    with_both = choose_filter(v, "kind", "Country profile")
    assert len(with_both) == count + other


def test_shared_url_restores_query_and_filters_and_back_works(sites, visit):
    base = sites["repo"][1]
    v = visit()
    everything = search(v, base, "migration")
    narrowed = choose_filter(v, "country", "Philippines")
    query = dict(parse_qsl(urlsplit(v.page.url).query))
    assert query == {"q": "migration", "country": "Philippines"}
    other = visit(v.page.url)
    assert other.page.locator("#akmn-search-q").input_value() == "migration"
    assert _result_paths(other.page) == narrowed
    assert filter_box(other, "country", "Philippines").is_checked()
    v.page.go_back()
    v.page.wait_for_function("() => !location.search.includes('country=')")
    assert _result_paths(v.page) == everything
    assert not filter_box(v, "country", "Philippines").is_checked()


def test_exact_acronym_finds_its_practice_first(sites, visit):
    found = search(visit(), sites["repo"][1], "EPS")
    assert found[0] == "practices/employment-permit-system-korea/", found


def test_results_say_what_they_are(sites, visit):
    v = visit()
    search(v, sites["repo"][1], "Labour migration")
    kinds = {r.locator(".akmn-result__link").inner_text(): r.locator(".akmn-result__kind").inner_text()
             for r in v.page.locator(".akmn-result").all()[:10]}
    assert {"Topic", "Best practice"} <= set(kinds.values()), kinds
    twins = [" ".join(r.locator(".akmn-result__meta").inner_text().split())
             for r in v.page.locator(".akmn-result").all()
             if r.locator(".akmn-result__link").inner_text() == "Labour migration"]
    assert sorted(twins) == ["Topic Migration type", "Topic Theme"], twins  # same title, told apart


def test_focused_result_is_clear_of_the_header(sites, visit):
    v = visit(sites["repo"][1] + "search/?q=migration")
    wait_until_ready(v, "search")
    links = v.page.locator(RESULT_LINKS)
    target = links.nth(min(6, links.count() - 1))
    # Put the link right under the top edge, where the sticky header covers it, then focus it
    # with the keyboard from the link before it.
    v.page.evaluate("e => window.scrollBy(0, e.getBoundingClientRect().top - 5)", target.element_handle())
    links.nth(min(5, links.count() - 2)).evaluate("e => e.focus({preventScroll: true})")
    v.page.keyboard.press("Tab")
    v.page.wait_for_timeout(300)
    assert v.page.evaluate("document.activeElement.classList.contains('akmn-result__link')")
    box = v.page.evaluate("document.activeElement.getBoundingClientRect().toJSON()")
    header = v.page.locator(".md-header").bounding_box()
    assert box["top"] >= header["y"] + header["height"], (box, header)
    top_button = v.page.locator(".md-top")
    if top_button.is_visible():
        button = top_button.bounding_box()
        assert box["top"] >= button["y"] + button["height"] or box["bottom"] <= button["y"]


def test_phone_shows_results_first_and_filters_in_a_drawer(sites, visit):
    v = visit(sites["repo"][1] + "search/?q=migration", device="phone")
    v.page.wait_for_selector(RESULT_LINKS)
    first = v.page.locator(RESULT_LINKS).first.bounding_box()
    assert first["y"] < PHONE["height"], "the first result is below the first screen"
    assert not v.page.locator("fieldset.akmn-filter").first.is_visible()
    v.page.locator("#akmn-filters-toggle").click()
    v.page.wait_for_selector("fieldset.akmn-filter")  # loaded now, and shown
    assert v.page.locator("#akmn-filters-toggle").get_attribute("aria-expanded") == "true"


def test_hostile_filter_values_show_exactly_as_written(sites, visit):
    v = visit(sites["hostile"][1] + "search/?q=Mallory")
    wait_until_ready(v, "search")
    title = "Program <img src=x onerror=alert('program')>"
    assert title in filter_values(v, "program")
    label = filter_box(v, "program", title).locator("xpath=ancestor::label[1]")
    assert label.inner_text().startswith(title)
    assert v.page.locator("fieldset.akmn-filter img").count() == 0
    assert v.page.evaluate(NO_CONTENT_SCRIPT) == [] and v.dialogs == []


def test_fixture_search_korean_and_example_badge(sites, visit):
    base = sites["fixture"][1]
    assert "experts/fixture-kim/" in search(visit(), base, "이주 노동")


# --- navigation --------------------------------------------------------------------------------

# Link text on the home page and on records -> (index page, its heading)
KINDS = {"Experts": ("experts/", "Experts"), "Countries": ("countries/", "Country profiles"),
         "Meetings": ("meetings/", "Meetings"), "Best practices": ("practices/", "Best practices"),
         "Programs": ("programs/", "Programs")}


@pytest.mark.parametrize("title", KINDS)
def test_home_page_reaches_every_kind(sites, visit, title):
    base = sites["repo"][1]
    index, heading = KINDS[title]
    v = visit(base)
    with v.page.expect_navigation():
        v.page.locator(".akmn-kinds a", has_text=title).first.click()
    assert v.page.url == base + index
    assert v.page.locator("h1").inner_text() == heading
    first = v.page.locator(".akmn-table tbody th a").first
    name = first.inner_text()
    with v.page.expect_navigation():
        first.click()
    assert v.page.url.startswith(base + index) and v.page.url != base + index
    assert v.page.locator("h1").inner_text() == name
    assert v.page.locator(".akmn-kind a").text_content().strip() == title
    # The kind's navigation tab brings the reader back to its index.
    with v.page.expect_navigation():
        v.page.locator(".md-tabs__link", has_text=title.split()[0]).first.click()
    assert v.page.url == base + index
    assert v.problems == []


@pytest.mark.parametrize("site, start", [("repo", "programs/program-1/"), ("repo", "meetings/iem-1/"),
                                         ("repo", "countries/ph/"), ("fixture", "experts/fixture-kim/")])
def test_backlinks_click_through_and_link_back(sites, visit, site, start):
    _, base = sites[site]
    v = visit(base + start)
    links = v.page.locator(".akmn-backlinks a")
    assert links.count() > 0
    for i in range(min(links.count(), 2)):
        v.goto(base + start)
        link = v.page.locator(".akmn-backlinks a").nth(i)
        target = link.inner_text()
        with v.page.expect_navigation():
            link.click()
        assert v.page.url != base + start
        assert target.startswith(v.page.locator("h1").inner_text()[:40])
        # The page reached refers back to where the reader came from.
        back = v.page.eval_on_selector_all(".md-content a", "els => els.map(e => e.href)")
        assert base + start in back, (v.page.url, back)
    assert v.problems == []


def test_every_backlink_is_reciprocal(sites):
    """Each "Referred to by" link leads to a page that links back, over every record page of both
    sites. "Related records" of a country lead to pages that link or at least name it; its
    meeting recommendations are left out (they link to the meeting, which lists countries as text)."""
    checked = 0
    folders = {kind.folder for kind in SCHEMA_KINDS.values()}
    for site in (sites["repo"][0], sites["fixture"][0]):
        for page in site.glob("*/*/index.html"):
            if page.parent.parent.name not in folders:  # the editor, the Korean edition's folder
                continue
            html = page.read_text(encoding="utf-8")
            url = "/" + page.parent.relative_to(site).as_posix() + "/"
            title = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1).strip()
            for section in re.findall(r'<section class="akmn-section akmn-backlinks".*?</section>', html,
                                      re.S):
                related = "<h2>Related records</h2>" in section
                section = re.sub(r"<h3>Recommendations</h3>\s*<ul.*?</ul>", "", section, flags=re.S)
                for href in re.findall(r'href="([^"]+)"', section):
                    target = urlsplit(urljoin(url, href)).path
                    back = (site / target.lstrip("/") / "index.html").read_text(encoding="utf-8")
                    hrefs = {urlsplit(urljoin(target, h)).path for h in re.findall(r'href="([^"]+)"', back)}
                    # A meeting names the country it was held in without linking it (akmn.render).
                    named = related and title in back.split('class="md-content"', 1)[-1]
                    assert url in hrefs or named, f"{target} does not link back to {url}"
                    checked += 1
    assert checked, "no backlink section found: the check above never ran"


# --- phone ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("site, name, path",
                         all_pages(REPO_PAGES, "repo") + all_pages(FIXTURE_PAGES, "fixture"))
def test_phone_has_no_horizontal_scrolling(sites, visit, site, name, path):
    base = sites[site][1]
    v = visit(base + path, device="phone")
    wait_until_ready(v, name)
    screenshot(v, site, name, "phone")
    width = v.page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"page is {width[0]}px wide on a {width[1]}px screen"
    assert v.problems == []


def test_phone_menu_opens_and_navigates(sites, visit):
    base = sites["repo"][1]
    v = visit(base + "countries/ph/", device="phone")
    drawer = v.page.locator(".md-sidebar--primary")
    assert drawer.bounding_box()["x"] + drawer.bounding_box()["width"] <= 0  # off screen until opened
    v.page.locator('label.md-header__button[for="__drawer"]').click()
    v.page.wait_for_timeout(400)  # Material slides the drawer in
    box = drawer.bounding_box()
    assert box["x"] >= 0 and box["width"] > 200
    link = drawer.locator("a.md-nav__link", has_text="Meetings").first
    assert link.is_visible()
    with v.page.expect_navigation():
        link.click()
    assert v.page.url == base + "meetings/"
    assert v.page.locator("h1").inner_text() == "Meetings"


def test_phone_header_search_is_usable(sites, visit):
    """On a phone the header keeps the site name and a search button that opens the search page."""
    base = sites["repo"][1]
    v = visit(base + "experts/", device="phone")
    button = v.page.locator(".akmn-header-search button")
    box = button.bounding_box()
    assert box["width"] >= 24 and box["x"] + box["width"] <= PHONE["width"]
    size = v.page.evaluate("parseFloat(getComputedStyle(document.querySelector('#akmn-q')).fontSize)")
    assert size >= 16, "below 16px iOS Safari zooms into the box"
    with v.page.expect_navigation():
        button.click()
    assert urlsplit(v.page.url).path == "/search/"
    v.page.locator("#akmn-search-q").press_sequentially("Kanya", delay=10)
    assert "experts/kanya-testsuk/" in _result_paths(v.page)


# --- print -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["countries/ph/", "practices/employment-permit-system-korea/"])
def test_print_shows_the_record_without_navigation(sites, visit, path):
    base = sites["repo"][1]
    v = visit()
    v.page.emulate_media(media="print")
    v.goto(base + path)
    for chrome in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer",
                   ".akmn-backlinks", ".akmn-edit"):
        for element in v.page.locator(chrome).all():
            assert not element.is_visible(), chrome
    assert v.page.locator("h1").is_visible()
    assert v.page.locator(".akmn-facts, .akmn-section").first.is_visible()


def test_print_keeps_every_column_on_the_page_and_prints_title_and_address(sites, visit, tmp_path):
    need(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils) is missing")
    base = sites["repo"][1]
    v = visit(base + "countries/ph/")
    v.page.emulate_media(media="print")
    v.page.set_viewport_size({"width": 700, "height": 900})  # about an A4 page's printable width
    overflow = v.page.evaluate("""() => [...document.querySelectorAll('.md-content table')]
        .filter(t => t.getBoundingClientRect().right > document.documentElement.clientWidth + 1
                     || t.scrollWidth > t.parentElement.clientWidth + 1)
        .map(t => t.closest('section') && t.closest('section').id)""")
    assert overflow == []
    pdf = tmp_path / "ph.pdf"
    v.page.pdf(path=str(pdf), format="A4", print_background=True)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    flat = " ".join(text.split())
    assert "Source" in text  # the figures table's last column made it onto the page
    foot = v.page.locator(".akmn-print-foot")
    assert foot.is_visible() and "Philippines" in foot.inner_text()
    assert "countries/ph/" in flat.replace(" ", "") and "How to cite" in flat


SKIP_PAGES = {name: REPO_PAGES[name] for name in ("home", "listing-countries", "country", "practice",
                                                  "term-sdg", "compare", "search", "data", "about", "404")}


@pytest.mark.parametrize("name", SKIP_PAGES)
def test_skip_link_is_the_first_tab_stop_and_skips_the_header(sites, visit, name):
    v = visit(sites["repo"][1] + SKIP_PAGES[name])
    v.page.keyboard.press("Tab")
    focused = v.page.evaluate("({cls: document.activeElement.className, "
                              "text: document.activeElement.textContent.trim()})")
    assert "md-skip" in focused["cls"] and focused["text"] == "Skip to content", focused
    v.page.keyboard.press("Enter")
    v.page.keyboard.press("Tab")
    assert v.page.evaluate("!!document.activeElement.closest('.md-content, .md-main')"), \
        v.page.evaluate("document.activeElement.outerHTML.slice(0, 120)")


# --- accessibility ---------------------------------------------------------------------------------


def axe_violations(page) -> list[dict]:
    # Material fades the header tabs in one after another; on a busy machine axe could measure
    # their colours halfway through. Judge the page as it settles.
    page.add_style_tag(content="*, *::before, *::after "
                                "{ transition: none !important; animation: none !important; }")
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']})).violations
        .map(v => ({id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary)}))""")


def test_axe_on_phone_with_the_menu_open(sites, visit):
    need_node_tool(AXE)
    v = visit(sites["repo"][1] + "practices/", device="phone")
    v.page.locator('label.md-header__button[for="__drawer"]').click()
    v.page.wait_for_timeout(400)
    serious = [x for x in axe_violations(v.page) if x["impact"] in ("serious", "critical")]
    assert serious == [], json.dumps(serious, indent=1)


FOCUS_STYLE = """() => {
    const e = document.activeElement, s = getComputedStyle(e);
    return {tag: e.tagName, text: (e.textContent || e.value || '').trim().slice(0, 40),
            outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0,
            shadow: s.boxShadow !== 'none', inContent: !!e.closest('.md-content')};
}"""


@pytest.mark.parametrize("path", ["", "countries/ph/", "experts/"])
def test_keyboard_focus_is_visible(sites, visit, path):
    v = visit(sites["repo"][1] + path)
    seen_content_link = False
    for _ in range(40):
        v.page.keyboard.press("Tab")
        focus = v.page.evaluate(FOCUS_STYLE)
        if focus["tag"] == "BODY":
            continue
        assert focus["outline"] or focus["shadow"], f"no visible focus on {focus}"
        if focus["inContent"] and focus["tag"] == "A":
            seen_content_link = True
            break
    assert seen_content_link, "Tab never reached a link in the page content"


# --- HTML validity -----------------------------------------------------------------------------------

# Errors in markup that Material for MkDocs' own templates write (not our overrides); each is
# matched exactly and only in the element it comes from.
MATERIAL_VNU_ERRORS = {
    # base.html: Material's drawer and search toggles are <input type="checkbox" autocomplete="off">
    # (autocomplete keeps Firefox from restoring the toggle state); HTML allows autocomplete only
    # on text-like inputs.
    ("Attribute “autocomplete” is only allowed when the input type is “color”, “date”, “datetime-local”, "
     "“email”, “hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, “text”, “time”, “url”, "
     "or “week”.", 'class="md-toggle"'),
    # partials/nav-item.html: a nav section's label gets tabindex="" (its `tabindex` variable is unset
    # for sections); we have one section with children ("Countries", "Topics").
    ("Bad value “” for attribute “tabindex” on element “label”: The empty string is not a valid integer.",
     'class="md-nav__link"'),
    # partials/toc.html: the table of contents' title is <label for="__toc">; the matching checkbox is
    # written only for pages in the nav, and record pages are kept out of the nav on purpose.
    ("The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.",
     'for="__toc"'),
}


def material_error(message: dict) -> bool:
    return any(message["message"] == text and marker in message.get("extract", "")
               for text, marker in MATERIAL_VNU_ERRORS)


def html_files(site: Path, pages: dict[str, str]) -> list[Path]:
    out = []
    for name, path in pages.items():
        path = path.split("?")[0]
        out.append(site / "404.html" if name == "404" else site / path / "index.html")
    return out


def test_nu_html_checker_finds_no_errors(sites):
    need(shutil.which("java") is not None, "java is missing: the Nu HTML Checker needs Java 11 or later")
    need_node_tool(VNU)
    files = [str(p) for site_name, pages in (("repo", REPO_PAGES), ("fixture", FIXTURE_PAGES))
             for p in html_files(sites[site_name][0], pages)]
    # Every other page of the repository's site too: it is one JVM start either way.
    files += sorted({str(p) for p in sites["repo"][0].rglob("*.html")} - set(files))
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *files],
                            capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [m for m in messages if m.get("type") == "error" and not material_error(m)]
    report = "\n".join(f"{m['url'].rsplit('site/', 1)[-1]}:{m.get('lastLine')}: {m['message']} "
                       f"| {m.get('extract', '')!r}" for m in errors)
    assert errors == [], f"{len(errors)} errors in {len(files)} files:\n{report}"


# --- links -----------------------------------------------------------------------------------------


class _Links(HTMLParser):
    ATTRS = {"href", "src", "action", "poster", "data"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("id", "name") and value and (name == "id" or tag == "a"):
                self.ids.add(value)
            if value is None:
                continue
            if name in self.ATTRS:
                self.links.append(value)
            elif name == "srcset":
                self.links += [part.strip().split()[0] for part in value.split(",") if part.strip()]


def broken_links(site: Path) -> tuple[int, list[str]]:
    """Every internal href/src/action of every HTML page resolves to a file of the site (and a
    #fragment to an id in it). URLs are resolved as a browser would, from the page's URL."""
    parsed: dict[Path, _Links] = {}
    for page in site.rglob("*.html"):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        parsed[page] = parser
    origin = "http://site.invalid/"
    checked, broken = 0, []
    for page, parser in parsed.items():
        rel = page.relative_to(site).as_posix()
        # 404.html is served at any missing path: its links must work from anywhere.
        page_url = origin + ("a/b/c/missing/" if rel == "404.html" else rel.removesuffix("index.html"))
        for link in parser.links:
            if link.startswith("#") and len(link) > 1:  # within the page, wherever it is served
                checked += 1
                if link[1:] not in parser.ids:
                    broken.append(f"{rel}: {link} -> no such id on the page")
                continue
            if link.startswith("//"):
                broken.append(f"{rel}: protocol-relative URL {link}")
                continue
            scheme = urlsplit(link).scheme
            if scheme and scheme not in ("http", "https"):
                continue  # mailto:, tel:, data:
            url = urlsplit(urljoin(page_url, link))
            if f"{url.scheme}://{url.netloc}/" != origin:
                continue  # another site
            checked += 1
            target = site / unquote(url.path).lstrip("/")
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{rel}: {link} -> {url.path} (no such file)")
            # A fragment starting with "/" is a route of the web editor's app (admin/#/collections/...).
            elif url.fragment and not url.fragment.startswith("/") and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else set()
                if url.fragment not in ids:
                    broken.append(f"{rel}: {link} -> no id {url.fragment!r} in {target.relative_to(site)}")
    return checked, broken


@pytest.mark.parametrize("site", ["repo", "fixture", "hostile"])
def test_no_broken_internal_links(sites, site):
    checked, broken = broken_links(sites[site][0])
    assert checked > 100
    if site == "hostile":  # the content's own broken image, in each edition, and nothing else
        assert sorted(broken) == ['experts/mallory/index.html: x -> /experts/mallory/x (no such file)',
                                  'ko/experts/mallory/index.html: x -> /ko/experts/mallory/x (no such file)']
    else:
        assert broken == [], "\n".join(broken)


# --- safety ------------------------------------------------------------------------------------------

NO_CONTENT_SCRIPT = """() => {
    const bad = [];
    for (const e of document.querySelectorAll('*')) {
        for (const a of e.attributes) {
            if (a.name.startsWith('on')) bad.push(`${e.tagName} ${a.name}=${a.value}`);
            if (['href', 'src', 'action', 'formaction'].includes(a.name) && /^\\s*javascript:/i.test(a.value))
                bad.push(`${e.tagName} ${a.name}=${a.value}`);
        }
    }
    for (const s of document.querySelectorAll('script')) {
        if (!s.src && /alert/.test(s.textContent)) bad.push('inline script: ' + s.textContent.slice(0, 80));
        if (s.src && !s.src.startsWith(location.origin + '/')) bad.push('script from elsewhere: ' + s.src);
    }
    for (const f of document.querySelectorAll('iframe, object, embed')) bad.push(f.outerHTML.slice(0, 80));
    return bad;
}"""


@pytest.mark.parametrize("path", list(HOSTILE_PAGES.values()), ids=list(HOSTILE_PAGES))
def test_hostile_content_runs_no_script(sites, visit, path):
    base = sites["hostile"][1]
    v = visit()
    v.page.add_init_script("window.alert = window.confirm = window.prompt = "
                           "(m) => { (window.__akmnDialogs = window.__akmnDialogs || []).push(String(m)); };")
    v.goto(base + path)
    # Hover and click what a handler could have been attached to.
    for text in ("Boss", "click me", "raw link", "x"):
        for element in v.page.get_by_text(text, exact=True).all()[:3]:
            if element.is_visible():
                element.hover()
    assert v.page.evaluate(NO_CONTENT_SCRIPT) == []
    assert v.page.evaluate("window.__akmnDialogs || []") == []
    assert v.dialogs == [] and [p for p in v.problems if CONTENT_IMAGE not in p] == []


def test_hostile_content_in_search_results_runs_no_script(sites, visit):
    base = sites["hostile"][1]
    v = visit()
    found = search(v, base, "Mallory")
    assert "experts/mallory/" in found
    found = search(v, base, "alert")
    for result in v.page.locator(".akmn-result").all():
        result.hover()
    assert v.page.evaluate(NO_CONTENT_SCRIPT) == []
    assert v.dialogs == [] and v.problems == []
    # The script text shows as text, not markup.
    assert v.page.locator(".akmn-result img, .akmn-result script").count() == 0


# --- the Korean edition ------------------------------------------------------------------------


def switch_language(v: Visit, code: str) -> None:
    """Choose a language in Material's header menu, as a reader does: hover until the menu shows
    the link (only the header's <a>, never the head's <link hreflang>), click it, wait for the
    address it names. A CI run once landed on /ko/ instead of /ko/practices/: Material's script
    sent the click to an edition's home when the head's hreflang links named the homes and that
    edition's sitemap had loaded before the click (the head now names the same page, main.html)."""
    link = v.page.locator(f'.md-header a.md-select__link[hreflang="{code}"]')
    v.page.locator(".md-header__option .md-select").hover()
    link.wait_for(state="visible")
    target = link.evaluate("a => a.href")
    link.click()
    v.page.wait_for_url(target)


@pytest.mark.parametrize("path", ["practices/employment-permit-system-korea/", "practices/", "search/"],
                         ids=["record", "listing", "search"])
def test_language_switcher_lands_on_the_same_page(sites, visit, path):
    base = sites["repo"][1]
    v = visit(base + path)
    for _ in range(3):  # back and forth: a click sent elsewhere would show on any round
        switch_language(v, "ko")
        assert v.page.url == base + "ko/" + path
        assert v.page.locator("html").get_attribute("lang") == "ko"
        switch_language(v, "en")
        assert v.page.url == base + path
    assert v.problems == []


def test_language_switch_on_the_search_page_keeps_the_query(sites, visit):
    base = sites["repo"][1]
    v = visit(base + "search/?q=migration")
    v.page.wait_for_selector(RESULT_LINKS)
    switch_language(v, "ko")
    assert v.page.url == base + "ko/search/?q=migration"
    assert v.page.locator("#akmn-search-q").input_value() == "migration"
    found = first_results(v)
    assert found and all(path.startswith("ko/") for path in found), found
    v.page.locator("#akmn-search-q").fill("이주")  # a query typed here goes back with the reader
    v.page.wait_for_url(base + "ko/search/?q=" + quote("이주"))
    switch_language(v, "en")
    assert v.page.url == base + "search/?q=" + quote("이주")
    assert v.problems == []


def first_results(v: Visit) -> list[str]:
    v.page.wait_for_selector(RESULT_LINKS)
    hrefs = v.page.eval_on_selector_all(RESULT_LINKS, "els => els.map(e => e.href)")
    return [urlsplit(h).path.lstrip("/") for h in hrefs]


@pytest.mark.parametrize("query, expected, rank", [
    ("고용허가제", "ko/practices/employment-permit-system-korea/", 1),
    ("결혼이민", "ko/migration-types/marriage/", 1),
    ("유학생", "ko/migration-types/education/", 1),
    # "migration", on most pages: word counts cannot tell which page answers it, so the Korea
    # profile's translation pins it (pinned_searches; README, "Korean edition").
    ("이주", "ko/countries/kr/", 1),
])
def test_korean_search_finds_the_named_pages(sites, visit, query, expected, rank):
    """The Korean edition's own Pagefind index (its pages say lang="ko")."""
    base = sites["repo"][1]
    found = first_results(visit(base + "ko/search/?q=" + quote(query)))
    assert expected in found[:rank], found
    assert all(path.startswith("ko/") for path in found), found


def pinned_pages(site: Path) -> dict[str, list[str]]:
    """Search -> the pages pinned for it (schema.PINNED_SEARCHES), as the build wrote them into
    the English edition's pages."""
    found: dict[str, list[str]] = {}
    for page in site.rglob("index.html"):
        path = page.parent.relative_to(site).as_posix() + "/"
        if path.startswith("ko/"):
            continue
        for key in re.findall(r'data-pagefind-filter="pinned">([^<]+)<', page.read_text(encoding="utf-8")):
            found.setdefault(unescape_html(key), []).append(path)
    return found


def test_a_pinned_search_lists_its_pages_first(sites, visit):
    """A record's pinned_searches put it first for that whole search, however it is capitalised
    or spaced, above pages that use its words more; the reader's filters still apply."""
    root, base = sites["fixture"]
    pins = pinned_pages(root)
    assert pins, "the fixture pins a search"
    for key, pages in pins.items():
        typed = "  " + "  ".join(key.upper().split())
        found = first_results(visit(base + "search/?q=" + quote(typed)))
        assert sorted(found[:len(pages)]) == sorted(pages), (key, found)
        assert len(found) > len(pages), "the other pages with its words still follow"
        other = SCHEMA_KINDS["program"].title  # no program is pinned in the fixture
        v = visit(base + "search/?" + urlencode({"q": key, "kind": other}))
        v.page.wait_for_selector("#akmn-search-status:has-text('“')")  # the answer, not "Searching…"
        shown = v.page.eval_on_selector_all(RESULT_LINKS, "els => els.map(e => e.pathname.slice(1))")
        assert set(shown).isdisjoint(pages), shown
        assert v.problems == []


def test_english_search_finds_korean_names_in_english_pages(sites, visit):
    base = sites["repo"][1]
    found = first_results(visit(base + "search/?q=" + quote("고용허가제")))
    assert found[0] == "practices/employment-permit-system-korea/", found


# A result's title, summary and excerpt: the language a screen reader uses for each is the nearest
# `lang`; its letters say which it should be (Latin: an untranslated record's English).
RESULT_TEXT_LANGS = """() => Array.from(document.querySelectorAll(
    '.akmn-result__link, .akmn-result__summary, .akmn-result__excerpt'), el => {
  const latin = (el.textContent.match(/[A-Za-z]/g) || []).length;
  const hangul = (el.textContent.match(/[\\uac00-\\ud7af]/g) || []).length;
  return {text: el.textContent.slice(0, 60), written: latin > hangul ? "en" : "ko",
          read: el.closest("[lang]").getAttribute("lang")};
})"""


def test_korean_search_results_in_english_are_marked_english(sites, visit):
    """On the Korean edition a result from an untranslated record (eps-happy-return-programme)
    is English: its title, summary and excerpt carry lang="en"; a translated record's (the EPS
    practice) are read in Korean."""
    v = visit(sites["repo"][1] + "ko/search/?q=EPS")
    v.page.wait_for_selector(RESULT_LINKS)
    parts = v.page.evaluate(RESULT_TEXT_LANGS)
    assert {p["written"] for p in parts} == {"en", "ko"}, parts  # both kinds of result are shown
    assert [p for p in parts if p["written"] != p["read"]] == []
    assert v.problems == []


# Every text node of every excerpt with the language a screen reader would use for it.
EXCERPT_RUNS = """() => {
  const nodes = [];
  for (const excerpt of document.querySelectorAll('.akmn-result__excerpt')) {
    const walker = document.createTreeWalker(excerpt, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      nodes.push({text: node.data, read: node.parentElement.closest('[lang]').lang});
    }
  }
  return nodes;
}"""
HANGUL = re.compile(r"[\uac00-\ud7af]")
ENGLISH_WORDS = re.compile(r"[A-Za-z][A-Za-z'’-]*(?:[,;:()]?\s+\(?[A-Za-z][A-Za-z'’-]*){2,}")


@pytest.mark.parametrize("edition, query", [("ko/", "이주"), ("ko/", "EPS"), ("", "고용허가제"),
                                            ("", "Korea")])
def test_runs_inside_an_excerpt_are_read_in_their_language(sites, visit, edition, query):
    """An excerpt joins passages of several fields, some translated and some not: inside it,
    Korean is read in Korean and three English words in a row in English, whatever the whole
    excerpt is marked."""
    v = visit(sites["repo"][1] + edition + "search/?q=" + quote(query))
    v.page.wait_for_selector(".akmn-result__excerpt")
    nodes = v.page.evaluate(EXCERPT_RUNS)
    assert any(HANGUL.search(n["text"]) for n in nodes), "the query finds Korean text"
    wrong = [n for n in nodes if (HANGUL.search(n["text"]) and n["read"] != "ko")
             or (ENGLISH_WORDS.search(n["text"]) and n["read"] != "en")]
    assert wrong == [], wrong


EXCERPT_LANGS = """() => Array.from(document.querySelectorAll('.akmn-result__excerpt'),
    el => ({text: el.textContent, own: el.getAttribute("lang") || "", read: el.closest("[lang]").lang}))"""


@pytest.mark.parametrize("edition", ["", "ko/"])
def test_search_excerpts_in_vietnamese_are_marked_vietnamese(sites, visit, edition):
    """A Vietnamese sentence of a record's body (the fixture's Dara Sample) is found, and its
    excerpt is read in Vietnamese on both editions: its tone marks say so, though most of its
    letters are plain Latin ones. (The query is the last word of a long sentence, so the excerpt
    does not reach the Korean edition's notice above the body: Hangul in it would make it
    mixed text, which text_lang reads by Hangul and Latin letters.)"""
    v = visit(sites["fixture"][1] + edition + "search/?q=" + quote("vững"))
    v.page.wait_for_selector(".akmn-result__excerpt mark")
    excerpts = v.page.evaluate(EXCERPT_LANGS)
    assert excerpts and {e["read"] for e in excerpts} == {"vi"}, excerpts
    assert v.problems == []


# Excerpts of every kind text_lang tells apart, served by a stand-in for Pagefind's pagefind.js
# (a real index holds no passage without letters: every excerpt has the page's words around it).
EXCERPTS = ["Chuyên gia hỗ trợ các cơ quan thống kê quốc gia",  # Vietnamese marks
            "Balik Scientist Program",  # Latin only: the records' English
            "Employment Permit System 고용허가제",  # more Latin than Hangul
            "고용허가제 EPS",  # more Hangul than Latin
            "โครงการ Balik Scientist",  # more Latin than Thai
            "ภาษาไทย",  # Thai
            "2019 10.7 17.18",  # no letters
            "Linh được 2019"]
STUB_PAGEFIND = "const texts = " + json.dumps(EXCERPTS) + """;
export async function options() {}
export async function filters() { return {}; }
export async function search() {
  return {filters: {}, results: texts.map((excerpt, i) => ({data: async () => (
    {url: "/stub-" + i + "/", meta: {title: "Stub " + i}, filters: {}, excerpt: excerpt})}))};
}"""


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_search_excerpt_langs_follow_text_lang(sites, visit, lang):
    """search.js marks an excerpt's language by akmn.i18n.text_lang's rules (the build writes
    them into the page): each excerpt gets the `lang` other_lang gives its text on an edition
    in LANG, and one without letters none, so it is read in the page's language."""
    v = visit()
    v.page.route("**/pagefind/pagefind.js", lambda route: route.fulfill(
        body=STUB_PAGEFIND, content_type="text/javascript"))
    v.goto(sites["fixture"][1] + ("" if lang == "en" else f"{lang}/") + "search/?q=stub")
    v.page.wait_for_selector(".akmn-result__excerpt")
    excerpts = v.page.evaluate(EXCERPT_LANGS)
    assert len(excerpts) == len(EXCERPTS), excerpts
    with edition_lang(lang):
        expected = [{**e, "own": i18n.other_lang(e["text"])} for e in excerpts]
    assert excerpts == expected
    digits = next(e for e in excerpts if "10.7" in e["text"])
    assert digits["own"] == "" and digits["read"] == lang, digits
    assert v.problems == []


@contextlib.contextmanager
def edition_lang(lang: str):
    """akmn.i18n's rules as on an edition in LANG (module state), English again afterwards."""
    i18n.use(lang)
    try:
        yield
    finally:
        i18n.use(i18n.SOURCE)
