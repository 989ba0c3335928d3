"""Stage 4, render: turn linked records into page specifications with prepared view data.

Every string in a view is already safe HTML (escaped text, or Markdown run through nh3), so
templates only loop and print. URLs are relative to the site root; templates prefix them with
MkDocs' `base_url`. Work per page is proportional to that page's own links.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

import markdown
import nh3
import pycountry
from markupsafe import Markup, escape

from .fields import Term
from .export import public_data
from .link import Graph, Key, walk
from .load import Content, Record
from .schema import DOMAINS_10_7_2, KINDS

KIND_PLURAL = {"expert": "Experts", "country": "Countries", "meeting": "Meetings",
               "practice": "Best practices", "program": "Programs"}
KIND_INTRO = {
    "expert": "Migration experts of the network, from government, academe, international organisations "
              "and civil society in the ASEAN member states and Korea.",
    "country": "Migration and development policy profiles of the ASEAN member states and the Republic of "
               "Korea, each with its sources and the date it was last reviewed.",
    "meeting": "Meetings of the network: their themes, objectives, participants and outcomes.",
    "practice": "Best-practice models on brain circulation, return and reintegration, diaspora engagement, "
                "skills recognition, fair recruitment and migration data, with notes on transferability.",
    "program": "The project's three programs and how they connect.",
}
TAXONOMY_PAGES = {"themes": ("themes", "Themes"), "sdg-targets": ("sdg", "SDG targets"),
                  "migration-types": ("migration-types", "Migration types")}
DOMAIN_LABELS = {
    "migrant-rights": "Migrant rights", "whole-of-government": "Whole-of-government / evidence-based policies",
    "cooperation-partnerships": "Cooperation and partnerships", "socioeconomic-wellbeing": "Socioeconomic well-being",
    "mobility-crises": "Mobility dimensions of crises", "safe-orderly-regular": "Safe, orderly and regular migration",
}
LEVEL_LABELS = {"fully-meets": "Fully meets", "meets": "Meets", "partially-meets": "Partially meets",
                "requires-further-progress": "Requires further progress", "no-data": "No data"}

# Tags and attributes that Markdown from contributors may produce; everything else (scripts,
# event handlers, styles, javascript: URLs) is removed by nh3.
ALLOWED_TAGS = {"a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em",
                "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre", "span",
                "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul"}
ALLOWED_ATTRIBUTES = {"*": {"id", "class", "lang", "dir", "title"}, "a": {"href"},
                      "img": {"src", "alt", "width", "height"}, "td": {"align"}, "th": {"align"}}


def sanitise(html: str) -> str:
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes={"http", "https", "mailto"}, link_rel=None)


_md = markdown.Markdown(extensions=["tables"])
# Characters and line patterns that make text more than one plain paragraph of Markdown.
_MARKUP = re.compile(r"[\\`*_\[\]<>&#|~!=\t]|\n\s*\n|(^|\n)(\s*([-+>]|\d+[.)])\s| {4}|\t)|  \n|\n-+\s*$|https?://")


def md(text: str) -> Markup:
    """Markdown in a text field, sanitised. Most field text is one plain paragraph: it skips
    the Markdown parser and nh3, which were a third of the time spent preparing pages."""
    if not _MARKUP.search(text):
        return Markup(f"<p>{escape(text.strip())}</p>")
    _md.reset()
    return Markup(sanitise(_md.convert(text)))


_THAI_RUN = re.compile(r"[\u0E00-\u0E7F]+")


def thai_search_words(*texts: str) -> Markup:
    """Thai words of the texts, separated by spaces, for the search index.

    Thai is written without spaces between words and Pagefind only splits at spaces, so a word
    inside a Thai sentence could not be found. PyThaiNLP's dictionary segmenter splits it here;
    the search page splits queries with the browser's Intl.Segmenter (docs/assets/search.js).
    """
    runs = dict.fromkeys(run for text in texts for run in _THAI_RUN.findall(text or ""))
    words = dict.fromkeys(word for run in runs for word in _thai_words(run))
    return escape(" ".join(words))


@lru_cache(maxsize=100_000)
def _thai_words(run: str) -> tuple[str, ...]:
    # Names and phrases recur across records: each distinct run is segmented once per build.
    from pythainlp.tokenize import word_tokenize  # loads a dictionary: only when there is Thai

    return tuple(w for w in word_tokenize(run, engine="newmm") if w.strip())


def country_name(code: str) -> str:
    """The ISO 3166 short name, read naturally: "Korea, Republic of" -> "Republic of Korea"."""
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    head, _, tail = country.name.partition(", ")
    return f"{tail} {head}" if tail else head


def url_of(src_uri: str) -> str:
    """Site-root-relative URL of a page, with MkDocs' directory URLs."""
    stem = src_uri[:-3]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[:-5]
    return stem + "/"


def record_uri(kind: str, record_id: str) -> str:
    return f"{KINDS[kind].folder}/{record_id}.md"


def term_slug(term: str) -> str:
    return term.replace(".", "-")


def v(text, url: str | None = None, external: bool = False) -> dict:
    """One printable value: safe HTML text, optionally a link."""
    html = text if isinstance(text, Markup) else escape(str(text))
    return {"text": html, "url": escape(url) if url else url, "external": external}


def ext(text, url: str | None) -> dict:
    return v(text, url, external=True) if url else v(text)


@dataclass
class PageSpec:
    src_uri: str
    template: str
    title: str
    body: str = ""  # Markdown from the record, sanitised after conversion
    view: dict = field(default_factory=dict)
    sanitise: bool = False


class Renderer:
    def __init__(self, content: Content, graph: Graph, publish: bool):
        self.content = content
        self.graph = graph
        self.publish = publish
        self.terms = {
            name: {e["id"]: e for e in record.data["entries"]}
            for name, record in content.taxonomies.items()
        }

    # --- small helpers --------------------------------------------------------------------

    def title_of(self, key: Key) -> str:
        record = self.graph.get(key)
        if record is None:
            return key.id
        if key.kind == "country":
            return country_name(record.data["country"])
        return record.data[KINDS[key.kind].title_field]

    def ref(self, kind: str, record_id: str) -> dict:
        key = Key(kind, record_id)
        if self.graph.get(key) is None:
            return v(record_id)
        return v(self.title_of(key), url_of(record_uri(kind, record_id)))

    def country(self, code: str) -> dict:
        if self.graph.get(Key("country", code.lower())):
            return v(country_name(code), url_of(record_uri("country", code.lower())))
        return v(country_name(code))

    def term(self, taxonomy: str, term_id: str) -> dict:
        label = self.label(taxonomy, term_id)
        if taxonomy == "sdg-targets":
            label = f"SDG {term_id}"
        folder = TAXONOMY_PAGES.get(taxonomy, (None,))[0]
        return v(label, f"{folder}/{term_slug(term_id)}/" if folder else None)

    def fact(self, label: str, values: list[dict]) -> dict | None:
        return {"label": label, "values": values} if values else None

    def filters(self, record: Record) -> list[dict]:
        """Pagefind filter values of a record: its kind and every tag it carries."""
        data = record.data
        out = [("kind", KINDS[record.kind].title)]
        countries = [data["country"]] if record.kind in ("country", "expert") else []
        countries += data.get("countries") or []
        countries += [c for r in data.get("recommendations") or [] for c in r.get("countries") or []]
        out += [("country", country_name(c)) for c in countries]
        return [{"name": n, "value": filter_value(val)} for n, val in dict.fromkeys(out)] + self._term_filters(record)

    def _term_filters(self, record: Record) -> list[dict]:
        names = {"themes": "theme", "sdg-targets": "sdg target", "migration-types": "migration type",
                 "organisation-types": "organisation type"}
        found = []
        for taxonomy, term in self._terms_of(record):
            label = f"SDG {term}" if taxonomy == "sdg-targets" else \
                self.label(taxonomy, term)
            found.append((names[taxonomy], label))
        data = record.data
        programs = list(data.get("programs") or []) + ([data["program"]] if data.get("program") else [])
        found += [("program", self.title_of(Key("program", p))) for p in programs]
        return [{"name": n, "value": filter_value(val)} for n, val in dict.fromkeys(found)]

    def _terms_of(self, record: Record):
        for leaf, value, _ in walk(KINDS[record.kind].fields, record.data, ""):
            if isinstance(leaf, Term):
                yield leaf.taxonomy, value

    def backlinks(self, key: Key) -> list[dict]:
        groups: dict[str, list[dict]] = {}
        for source, _field in self.graph.backlinks.get(key, []):
            groups.setdefault(KIND_PLURAL[source.kind], []).append(self.ref(source.kind, source.id))
        return [{"heading": f"{heading} that refer to this page" if key.kind != "program"
                 else heading, "links": links} for heading, links in groups.items()]

    def sources(self, items) -> list[dict]:
        out = []
        for s in items or []:
            accessed = s.get("accessed")
            out.append({"link": ext(s["title"], s["url"]),
                        "note": escape(f"accessed {accessed.isoformat() if hasattr(accessed, 'isoformat') else accessed}")
                        if accessed else ""})
        return out

    # --- record pages ----------------------------------------------------------------------

    def record_page(self, record: Record) -> PageSpec:
        key = Key(record.kind, record.id)
        build = getattr(self, f"_{record.kind}")
        view = {
            "kind": record.kind,
            "kind_label": KINDS[record.kind].title,
            "kind_url": url_of(f"{KINDS[record.kind].folder}/index.md"),
            "kind_plural": KIND_PLURAL[record.kind],
            "example": record.data.get("example") is True,
            "facts": [], "sections": [], "sources": [],
            "filters": self.filters(record),
            "backlinks": self.backlinks(key),
            "edit_path": record.path,
        }
        build(record, view)
        view["search_words"] = thai_search_words(record.body, *(str(x) for x in public_data(record).values()))
        view["facts"] = [f for f in view["facts"] if f]
        view["sections"] = [s for s in view["sections"] if s and (s.get("entries") or s.get("table") or s.get("html") or s.get("definitions"))]
        return PageSpec(record_uri(record.kind, record.id), "record.html", self.title_of(key),
                        record.body, view, sanitise=True)

    def _expert(self, r: Record, view: dict) -> None:
        d = r.data
        view["subtitle"] = escape(", ".join(x for x in (d.get("position"), d["affiliation"]) if x))
        view["facts"] += [
            self.fact("Organisation type", [self.term_plain("organisation-types", d["organisation_type"])]),
            self.fact("Based in", [self.country(d["country"])]),
            self.fact("Nationality", [v(country_name(d["nationality"]))] if d.get("nationality") else []),
            self.fact("Expertise", [self.term("themes", t) for t in d["expertise"]]),
            self.fact("Languages", [v(language_name(x)) for x in d.get("languages") or []]),
            self.fact("Programs", [self.ref("program", p) for p in d.get("programs") or []]),
            self.fact("Meetings", [self.ref("meeting", m) for m in d.get("meetings") or []]),
            self.fact("Email", [v(d["email"], "mailto:" + d["email"], external=True)]
                      if d.get("email") and d.get("email_public") is True else []),
            self.fact("Links", [ext(link["title"], link["url"]) for link in d.get("links") or []]),
        ]

    def term_plain(self, taxonomy: str, term_id: str) -> dict:
        return v(self.label(taxonomy, term_id))

    def label(self, taxonomy: str, term_id: str) -> str:
        return self.terms.get(taxonomy, {}).get(term_id, {}).get("label", term_id)

    def _country(self, r: Record, view: dict) -> None:
        d = r.data
        reviewed = d["last_reviewed"]
        view["subtitle"] = escape("Country policy profile")
        view["facts"] += [self.fact("Last reviewed", [v(str(reviewed))])]
        view["sections"] += [
            {"id": "migration-types", "heading": "Migration types", "definitions": [
                {"term": self.term("migration-types", t), "html": md(text)}
                for t, text in (d.get("migration_types") or {}).items()]},
            {"id": "institutions", "heading": "Institutions", "table": table(
                ["Institution", "Role"],
                [[ext(i["name"], i.get("url")), v(i.get("role", ""))] for i in d.get("institutions") or []])},
            {"id": "policies", "heading": "Laws and policies", "table": table(
                ["Year", "Title", "Kind", "Themes and SDG targets", "Summary"],
                [[v(p["year"]), ext(p["title"], p.get("url")), v(p.get("kind", "")),
                  self.tags(p), v(md(p["summary"]) if p.get("summary") else "")]
                 for p in sorted(d.get("policies") or [], key=lambda p: p["year"])])},
            self.domains_section(d.get("sdg_10_7_2")),
            self.disaggregation_section(d.get("data_disaggregation")),
            {"id": "figures", "heading": "Key figures", "table": table(
                ["Indicator", "Value", "Year", "Source"],
                [[v(f["indicator"]), v(f"{number(f['value'])} {f['unit']}"), v(f["year"]),
                  ext(f["source"], f.get("source_url"))] for f in d.get("figures") or []])},
        ]
        view["sources"] = self.sources(d.get("sources"))
        code = d["country"]
        view["related"] = self.related_to_country(code)

    def tags(self, item: dict) -> dict:
        labels = [self.term_plain("themes", t)["text"] for t in item.get("themes") or []]
        labels += [escape(f"SDG {t}") for t in item.get("sdg_targets") or []]
        return v(Markup(", ").join(labels))

    def domains_section(self, block) -> dict | None:
        if not block:
            return {"id": "sdg-10-7-2", "heading": "SDG indicator 10.7.2: migration policy domains",
                    "html": escape("No SDG 10.7.2 data is recorded for this country.")}
        rows = [[v(DOMAIN_LABELS[k]), level(block["domains"][k])] for k in DOMAINS_10_7_2]
        return {"id": "sdg-10-7-2", "heading": "SDG indicator 10.7.2: migration policy domains",
                "table": table(["Domain", "Assessment"], rows),
                "note": escape(f"Source: {block['source']}, {block['year']}.")}

    def disaggregation_section(self, block) -> dict | None:
        if not block:
            return None
        parts = [f"<p><strong>Status:</strong> {escape(block['status'].replace('-', ' ').capitalize())}</p>"]
        if block.get("note"):
            parts.append(str(md(block["note"])))
        if block.get("source"):
            parts.append(f"<p>Source: {escape(block['source'])}</p>")
        return {"id": "sdg-17-18", "heading": "SDG 17.18: data disaggregated by migratory status",
                "html": Markup("".join(parts))}

    def related_to_country(self, code: str) -> list[dict]:
        groups: dict[str, list[dict]] = {}
        for key in self.graph.by_country.get(code, []):
            groups.setdefault(KIND_PLURAL[key.kind], []).append(self.ref(key.kind, key.id))
        recs = []
        for meeting in self.graph.records.get("meeting", {}).values():
            for rec in meeting.data.get("recommendations") or []:
                if code in (rec.get("countries") or []):
                    recs.append(v(rec["text"], url_of(record_uri("meeting", meeting.id))))
        if recs:
            groups["Recommendations"] = recs
        return [{"heading": heading, "links": links} for heading, links in groups.items()]

    def _meeting(self, r: Record, view: dict) -> None:
        d = r.data
        status = "Held" if d["status"] == "held" else "Planned"
        view["subtitle"] = escape(f"{status}" + (f" · {d['date']}" if d.get("date") else ""))
        loc = d.get("location") or {}
        view["facts"] += [
            self.fact("Program", [self.ref("program", d["program"])]),
            self.fact("Status", [v(status)]),
            self.fact("Date", [v(str(d["date"]))] if d.get("date") else []),
            self.fact("Location", ([v(loc["city"])] if loc.get("city") else [])
                      + ([self.country(loc["country"])] if loc.get("country") else [])),
            self.fact("Theme", [v(d["theme"])] if d.get("theme") else []),
            self.fact("Participants", [self.ref("expert", p) for p in d.get("participants") or []]),
        ]
        view["sections"] += [
            {"id": "objectives", "heading": "Objectives", "entries": [v(md(o)) for o in d.get("objectives") or []]},
            {"id": "outcomes", "heading": "Outcomes", "entries": [v(md(o)) for o in d.get("outcomes") or []]},
            {"id": "recommendations", "heading": "Recommendations", "table": table(
                ["Recommendation", "Themes and SDG targets", "Countries"],
                [[v(md(x["text"])), self.tags(x), [self.country(c) for c in x.get("countries") or []]]
                 for x in d.get("recommendations") or []])},
            {"id": "documents", "heading": "Documents",
             "entries": [ext(doc["title"], doc["url"]) for doc in d.get("documents") or []]},
        ]

    def _practice(self, r: Record, view: dict) -> None:
        d = r.data
        period = d.get("period") or {}
        span = f"{period['start']}–{period.get('end') or 'present'}" if period else ""
        view["subtitle"] = escape(" · ".join(x for x in (", ".join(map(country_name, d["countries"])), span,
                                                          (d.get("status") or "").capitalize()) if x))
        view["facts"] += [
            self.fact("Countries", [self.country(c) for c in d["countries"]]),
            self.fact("Implementers", [v(i) for i in d.get("implementers") or []]),
            self.fact("Period", [v(span)] if span else []),
            self.fact("Status", [v(d["status"].capitalize())] if d.get("status") else []),
            self.fact("Themes", [self.term("themes", t) for t in d["themes"]]),
            self.fact("SDG targets", [self.term("sdg-targets", t) for t in d.get("sdg_targets") or []]),
            self.fact("Migration types", [self.term("migration-types", t) for t in d.get("migration_types") or []]),
            self.fact("Program", [self.ref("program", d["program"])] if d.get("program") else []),
            self.fact("Contacts", [self.ref("expert", c) for c in d.get("contacts") or []]),
        ]
        view["sections"] += [
            {"id": "outcomes", "heading": "Outcomes", "entries": [v(md(o)) for o in d.get("outcomes") or []]},
            {"id": "transferability", "heading": "Transferability to other countries",
             "html": md(d["transferability"]) if d.get("transferability") else ""},
        ]
        view["sources"] = self.sources(d.get("sources"))

    def _program(self, r: Record, view: dict) -> None:
        d = r.data
        view["subtitle"] = escape(f"Program {d['number']}" + (f" · {d['status']}" if d.get("status") else ""))
        view["sections"] += [{"id": "aim", "heading": "Aim", "html": md(d["aim"])}]

    # --- index, taxonomy and overview pages --------------------------------------------------

    def kind_index(self, kind: str) -> PageSpec:
        records = self.graph.records.get(kind, {})
        columns, rows = self.index_rows(kind, records)
        view = {"kind": kind, "intro": escape(KIND_INTRO[kind]),
                "count": len(records), "table": table(columns, rows)}
        return PageSpec(f"{KINDS[kind].folder}/index.md", "listing.html", KIND_PLURAL[kind], view=view)

    def index_rows(self, kind: str, records: dict[str, Record]):
        def title(r):
            return self.title_of(Key(kind, r.id))

        ordered = sorted(records.values(), key=lambda r: (r.data.get("number", 0), title(r).lower()))
        link = lambda r: v(title(r), url_of(record_uri(kind, r.id)))  # noqa: E731
        if kind == "expert":
            return ["Name", "Affiliation", "Based in", "Expertise"], [
                [link(r), v(r.data["affiliation"]), v(country_name(r.data["country"])),
                 v(", ".join(self.label("themes", t) for t in r.data["expertise"]))]
                for r in ordered]
        if kind == "country":
            return ["Country", "Last reviewed", "Policies", "Figures"], [
                [link(r), v(str(r.data["last_reviewed"])), v(len(r.data.get("policies") or [])),
                 v(len(r.data.get("figures") or []))] for r in ordered]
        if kind == "meeting":
            return ["Meeting", "Status", "Date", "Program"], [
                [link(r), v(r.data["status"]), v(str(r.data.get("date") or "")), self.ref("program", r.data["program"])]
                for r in ordered]
        if kind == "practice":
            return ["Practice", "Countries", "Themes", "Status"], [
                [link(r), v(", ".join(map(country_name, r.data["countries"]))),
                 v(", ".join(self.label("themes", t) for t in r.data["themes"])),
                 v(r.data.get("status") or "")] for r in ordered]
        return ["Program", "Aim"], [[link(r), v(md(r.data["aim"]))] for r in ordered]

    def taxonomy_pages(self, taxonomy: str) -> list[PageSpec]:
        folder, heading = TAXONOMY_PAGES[taxonomy]
        entries = self.terms.get(taxonomy, {})
        pages, overview = [], []
        for term_id, entry in entries.items():
            tagged = self.graph.tagged.get((taxonomy, term_id), [])
            groups: dict[str, list[dict]] = {}
            for key in tagged:
                groups.setdefault(KIND_PLURAL[key.kind], []).append(self.ref(key.kind, key.id))
            label = f"SDG {term_id}: {entry['label']}" if taxonomy == "sdg-targets" else entry["label"]
            indicators = [v(f"{i['id']} {i['label']}") for i in entry.get("indicators") or []]
            view = {"description": md(entry["description"]) if entry.get("description") else "",
                    "indicators": indicators, "groups": [{"heading": h, "links": ls} for h, ls in groups.items()],
                    "parent": {"title": heading, "url": f"{folder}/"}}
            src = f"{folder}/{term_slug(term_id)}.md"
            pages.append(PageSpec(src, "term.html", label, view=view))
            overview.append([v(label, url_of(src)), v(len(tagged))])
        pages.append(PageSpec(f"{folder}/index.md", "listing.html", heading,
                              view={"count": len(entries), "table": table([heading[:-1].capitalize()
                                                                            if taxonomy != "sdg-targets" else "Target",
                                                                            "Records"], overview)}))
        return pages

    def comparison_page(self) -> PageSpec:
        countries = sorted(self.graph.records.get("country", {}).values(), key=lambda r: country_name(r.data["country"]))
        head = ["Country"] + [DOMAIN_LABELS[k] for k in DOMAINS_10_7_2] + ["Source"]
        rows = []
        for r in countries:
            block = r.data.get("sdg_10_7_2")
            cells = [level(block["domains"][k]) for k in DOMAINS_10_7_2] if block else \
                [level("no-data") for _ in DOMAINS_10_7_2]
            source = v(f"{block['source']}, {block['year']}") if block else v("No data recorded")
            rows.append([v(country_name(r.data["country"]), url_of(record_uri("country", r.id))), *cells, source])
        return PageSpec("countries/compare.md", "listing.html", "Compare countries: SDG 10.7.2",
                        view={"intro": escape("The six policy domains of SDG indicator 10.7.2, side by side. "
                                              "Each assessment comes from the source named in its row."),
                              "table": table(head, rows)})

    def home_page(self) -> dict:
        programs = sorted(self.graph.records.get("program", {}).values(), key=lambda r: r.data["number"])
        return {
            "programs": [{"title": escape(r.data["title"]), "url": url_of(record_uri("program", r.id)),
                          "aim": md(r.data["aim"]), "number": r.data["number"]} for r in programs],
            "kinds": [{"title": KIND_PLURAL[k], "url": url_of(f"{KINDS[k].folder}/index.md"),
                       "count": len(self.graph.records.get(k, {}))} for k in KINDS],
            "countries": [v(country_name(r.data["country"]), url_of(record_uri("country", r.id)))
                          for r in sorted(self.graph.records.get("country", {}).values(),
                                          key=lambda r: country_name(r.data["country"]))],
            "topics": [{"title": title, "url": f"{folder}/"} for folder, title in TAXONOMY_PAGES.values()],
            "publish": self.publish,
        }

    def pages(self) -> Iterator[PageSpec]:
        """One page at a time: the caller keeps what it needs of each (the site build packs
        the views), so all views are never in memory at once."""
        for kind in KINDS:
            yield self.kind_index(kind)
            for record_id in sorted(self.graph.records.get(kind, {})):
                yield self.record_page(self.graph.records[kind][record_id])
        for taxonomy in TAXONOMY_PAGES:
            yield from self.taxonomy_pages(taxonomy)
        yield self.comparison_page()
        yield PageSpec("search.md", "search.html", "Search", view={
            "indexes": [{"title": KIND_PLURAL[k], "url": url_of(f"{KINDS[k].folder}/index.md")} for k in KINDS]})
        yield PageSpec("data.md", "data.html", "Open data", view={
            "kinds": [{"title": KIND_PLURAL[k], "name": k} for k in KINDS]})


def filter_value(text: str) -> Markup:
    """A search-facet value that is safe however often it is unescaped. Pagefind decodes the
    element's text and its default UI puts filter values into the page as HTML (the browser
    test with hostile content caught a program title running script in the filter list), so
    the characters that make markup are replaced by their full-width look-alikes."""
    return escape(text.translate(_FILTER_SAFE))


_FILTER_SAFE = str.maketrans({"<": "\uff1c", ">": "\uff1e", "&": "\uff06", '"': "\uff02", "'": "\uff07"})


def table(head: list[str], rows: list[list]) -> dict | None:
    """A table; each cell is one value or a list of values."""
    return {"head": head, "rows": rows} if rows else None


def level(value: str) -> dict:
    return {"text": escape(LEVEL_LABELS[value]), "url": None, "external": False, "level": value}


def number(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}"


def language_name(tag: str) -> str:
    primary = tag.split("-")[0]
    lang = pycountry.languages.get(alpha_2=primary) or pycountry.languages.get(alpha_3=primary)
    return lang.name if lang else tag
