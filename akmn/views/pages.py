"""The pages besides records: each kind's list, one page per taxonomy term and an overview,
the SDG 10.7.2 comparison, home, search, open data and the not-found page (Renderer)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property

from markupsafe import escape

from ..cite import Site
from ..export import FIGURE_COLUMNS, OpenData
from ..html import md, summary
from ..i18n import (
    N_,
    NAMES,
    _,
    catalog,
    date,
    edition_root,
    lang,
    langs_from_env,
    marked,
    other_lang,
    script_rules,
)
from ..link import Graph
from ..load import Content, Record, taxonomy_entries
from ..names import country_name
from ..review import Policy, today_from_env
from ..schema import KINDS, TAXONOMIES, search_key
from ..search import facet_labels, result_langs
from .base import PageSpec, Views, kind_url, noted, record_uri, sourced, table, term_slug, url_of, v
from .records import index_table, labels, record_page

JOIN_TEXT = N_("No expert profile is published yet: the directory opens as experts join the network.")
JOIN_HOW = N_("Experts join through the “Join the network as an expert” issue form in the knowledge base's "
            "GitHub repository, with their consent to a public profile.")
# Taxonomies with pages, in the order the home and not-found pages list them.
TOPICS = [t for t in TAXONOMIES.values() if t.folder]


class Renderer(Views):
    """Every page of the site as a PageSpec, and the home page's view."""

    def __init__(self, content: Content, graph: Graph, publish: bool, policy: Policy | None = None,
                 changed: dict | None = None, join_url: str | None = None, directory_urls: bool = True,
                 site: Site | None = None):
        super().__init__(content, graph, publish, policy or Policy(today_from_env()), changed, join_url,
                         directory_urls, site)

    def record_page(self, record: Record) -> PageSpec:
        return record_page(self, record)

    def join_notice(self) -> dict | None:
        """While no expert is public, say so and how to join, so an empty directory is explained."""
        if self.graph.records.get("expert"):
            return None
        link = v(_("Join the network as an expert"), self.join_url, external=True) if self.join_url else None
        return {"text": escape(_(JOIN_TEXT)), "how": None if link else escape(_(JOIN_HOW)), "link": link}

    def kind_index(self, kind: str) -> PageSpec:
        records = self.graph.records.get(kind, {})
        view = {"kind": kind, "intro": escape(KINDS[kind].shown_intro), "count": len(records),
                "table": index_table(self, kind, records),
                "join": self.join_notice() if kind == "expert" else None}
        return PageSpec(f"{KINDS[kind].folder}/index.md", "listing.html", KINDS[kind].shown_plural, view=view)

    def taxonomy_pages(self, taxonomy: str) -> list[PageSpec]:
        declared = TAXONOMIES[taxonomy]
        entries = self.terms.get(taxonomy, {})
        pages, overview = [], []
        for term_id, entry in entries.items():
            tagged = self.graph.tagged.get((taxonomy, term_id), [])
            groups = self.grouped(tagged)
            title = declared.page_title(entry)
            about = summary(entry.get("description") or entry["label"])
            view = {"description": md(entry["description"]) if entry.get("description") else "",
                    # the full label where the title shortens it (an SDG target's official text)
                    "label": marked(entry["label"]) if "{label}" not in declared.title_format else "",
                    "title_lang": other_lang(title),
                    "summary": escape(about),
                    "type": escape(declared.shown_singular),  # tells a theme from a migration type in search
                    "langs": result_langs(title, about),
                    "indicators": [v(f"{i['id']} {i['label']}") for i in entry.get("indicators") or []],
                    "groups": [{"heading": h, "links": ls} for h, ls in groups.items()],
                    "parent": {"title": declared.shown_plural, "url": f"{declared.folder}/"},
                    **self.indicators.topic_view(taxonomy, term_id)}
            if taxonomy == "sdg-targets" and term_id == "17.18":
                view["disaggregation"] = self.disaggregation()
            src = f"{declared.folder}/{term_slug(term_id)}.md"
            pages.append(PageSpec(src, "term.html", title, view=view))
            overview.append([v(title, url_of(src)), v(len(tagged))])
        pages.append(PageSpec(f"{declared.folder}/index.md", "listing.html", declared.shown_plural, view={
            "count": len(entries), "table": table([declared.singular, N_("Records")], overview)}))
        return pages

    def disaggregation(self) -> dict | None:
        """SDG 17.18: every country's status of disaggregation by migratory status, its source a note."""
        rows = []
        status_label = labels("country", "data_disaggregation", "status")
        for r in self.countries():
            block = r.data.get("data_disaggregation")
            status = status_label[block["status"]] if block else _("Not recorded")
            given = block and block.get("source")
            cited = sourced(block["source"], block.get("source_url")) if given else v("")
            rows.append([self.country(r.data["country"]), v(status), cited])
        return noted(table([N_("Country"), N_("Status"), N_("Source")], rows), "akmn-disaggregation")

    def countries(self) -> list[Record]:
        return sorted(self.graph.records.get("country", {}).values(),
                      key=lambda r: country_name(r.data["country"]))

    def home_page(self) -> dict:
        programs = sorted(self.graph.records.get("program", {}).values(), key=lambda r: r.data["number"])
        return {
            "programs": [self.program_card(r) for r in programs],
            "kinds": kind_links(self.graph),
            "countries": [v(country_name(r.data["country"]), url_of(record_uri("country", r.id)))
                          for r in self.countries()],
            "topics": topics(),
            "publish": self.publish,
            "join": self.join_notice(),
        }

    def program_card(self, record: Record) -> dict:
        """A program on the home page: its number, title and aim; where a translation exists, its
        title and, for the aim, its summary (a translation carries the title, summary and body)."""
        link = self.ref("program", record.id)
        translation = self.translation("program", record.id)
        aim = translation.data.get("summary") if translation else None
        return {"title": link["text"], "url": link["url"],
                "label": escape(_("Program {number}").format(number=record.data["number"])),
                "aim": md(aim or record.data["aim"]), "number": record.data["number"]}

    def pages(self) -> Iterator[PageSpec]:
        """One page at a time: the caller keeps what it needs of each (the site build packs
        the views), so all views are never in memory at once."""
        self.indicators.start_charts()  # drawn in a child process while the record pages are made
        for kind in KINDS:
            yield self.kind_index(kind)
            for record_id in sorted(self.graph.records.get(kind, {})):
                yield self.record_page(self.graph.records[kind][record_id])
        for taxonomy in TOPICS:
            yield from self.taxonomy_pages(taxonomy.name)
        yield self.indicators.overview()
        yield from self.indicators.compare_pages()
        yield PageSpec("search.md", "search.html", _("Search"),
                       view={"indexes": kind_links(), "facets": facet_labels(), "scripts": script_rules(),
                             "pinned": self.pinned_keys()})
        yield PageSpec("data.md", "data.html", _("Open data"), view=self.data_view())

    def pinned_keys(self) -> list[str]:
        """Every search some record is pinned for on this edition: the search page asks Pagefind
        for the pinned pages only when the reader's search is one of them."""
        return sorted({search_key(query) for records in self.graph.records.values()
                       for record in records.values() for query in self.pinned_searches(record)})

    def data_view(self) -> dict:
        return {
            "kinds": [{"title": kind.shown_plural, "name": name} for name, kind in KINDS.items()],
            "figure_columns": [{"name": escape(n), "about": escape(_(text))}
                               for n, text in FIGURE_COLUMNS.items()],
            "taxonomies": [{"name": escape(name),
                            "title": escape(TAXONOMIES[name].shown_data_title),
                            "count": len(self.terms.get(name, {}))}
                           for name in sorted(self.content.taxonomies)],
            "sizes": self.download_sizes(),
            # One sentence, so each language ends it its own way: a Korean date ends in a full stop.
            "built": escape(_("These files were built on {day}.").format(day=date(self.policy.today))),
            "licence": {"name": escape(self.site.licence_name), "url": escape(self.site.licence_url)},
            "citation": escape(self.data_citation()),
        }

    def licence_text(self) -> str:
        """data/LICENSE.txt (akmn.postbuild writes it)."""
        return (f"{self.site.name}: open data\n\nLicence: {self.site.licence_name}, "
                f"{self.site.licence_url}\n\nHow to cite: {self.data_citation()}\n")

    def data_citation(self) -> str:
        base = _("{site} knowledge base: open data (JSON and CSV)").format(site=self.site.name)
        version = _("Version of {day}").format(day=date(self.policy.today))
        licence = _("Licence: {name}").format(name=self.site.licence_name)
        return f"{self.site.name}. {base}. {self.site.address('data/')}. {version}. {licence}."

    @cached_property
    def open_data(self) -> OpenData:
        """The data/ files, made once: the data page shows their sizes, akmn.postbuild writes them."""
        return OpenData(self.graph, taxonomy_entries(self.content))

    def download_sizes(self) -> dict[str, str]:
        """data/ file name -> its size as shown ("12.3 kB")."""
        return {name: human_size(size) for name, size in self.open_data.sizes().items()}


def human_size(size: int) -> str:
    return (f"{size} bytes" if size < 1000 else f"{size / 1000:.1f} kB" if size < 1_000_000
            else f"{size / 1e6:.1f} MB")


def topics() -> list[dict]:
    return [{"title": t.shown_plural, "url": f"{t.folder}/"} for t in TOPICS]


def kind_links(graph: Graph | None = None) -> list[dict]:
    """Every kind's list page, with its number of records when `graph` is given."""
    return [{"title": kind.shown_plural, "url": kind_url(name),
             **({"count": len(graph.records.get(name, {}))} if graph else {})}
            for name, kind in KINDS.items()]


def not_found_view() -> dict:
    """The not-found page's lists: every kind and topic, from the schema (no records needed); and
    every other edition's home, named in its own language, since a host serves one not-found page
    (the English one) at any missing address, /ko/... included."""
    homes = [{"lang": code, "url": edition_root(code) or ".",
              "text": f"{NAMES[code]}: {catalog(code).gettext('Go to the home page')}"}
             for code in langs_from_env() if code != lang()]
    return {"kinds": kind_links(), "topics": topics(), "homes": homes}
