"""What every view builds on: printable values, page URLs, and the lookups of records and
taxonomy terms that views share (Views)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from markupsafe import Markup, escape

from ..cite import Site
from ..i18n import N_ as N_  # noqa: F401 (marks table headings, translated in table())
from ..i18n import _, date, lang, localised, marked, other_lang
from ..link import Graph, Key
from ..load import Content
from ..names import country_name
from ..review import Policy
from ..schema import KINDS, TAXONOMIES


@dataclass
class PageSpec:
    src_uri: str
    template: str
    title: str
    body: str = ""  # Markdown from the record, sanitised after conversion
    view: object = field(default_factory=dict)
    sanitise: bool = False


def url_of(src_uri: str) -> str:
    """Site-root-relative URL of a page with MkDocs' directory URLs, the only setting the
    templates support: Views refuses the other (the hook passes MkDocs' use_directory_urls)."""
    stem = src_uri[:-3]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[:-5]
    return stem + "/"


def record_uri(kind: str, record_id: str) -> str:
    return f"{KINDS[kind].folder}/{record_id}.md"


def kind_url(kind: str) -> str:
    return url_of(f"{KINDS[kind].folder}/index.md")


def term_slug(term: str) -> str:
    return term.replace(".", "-")


def v(text, url: str | None = None, external: bool = False, **extra) -> dict:
    """One printable value: safe HTML text, optionally a link (or a level or a date mark)."""
    html = text if isinstance(text, Markup) else marked(str(text))
    return {"text": html, "url": escape(url) if url else url, "external": external, **extra}


def ext(text, url: str | None) -> dict:
    return v(text, url, external=True) if url else v(text)


def sourced(text, url: str | None) -> dict:
    """A row's source: `noted` prints it once under its table, the cell a numbered reference."""
    return {**ext(text, url), "source": True}


def table(head: list[str], rows: list[list]) -> dict | None:
    """A table; each cell is one value or a list of values."""
    shown = [_(h) for h in head]
    # a heading that is a record's or a taxonomy's text (an indicator domain) may be untranslated,
    # and is escaped like every other text a view hands a template
    return {"head": [escape(h) for h in shown], "head_lang": [other_lang(h) for h in shown],
            "rows": rows} if rows else None


def noted(shown: dict | None, prefix: str) -> dict | None:
    """The table with each distinct source (`sourced` cells) printed once under it: the cell
    shows "[n]" leading to note n; rows that all share one source lose the column for one
    line "Source: ...". A long source repeated in every row (every card on a phone) hid the
    values. Rows that share a source's text but link to their own page of it (a country's
    data) keep their links, named by the row. PREFIX makes the notes' ids unique on a page."""
    if not shown:
        return shown
    rows = shown["rows"]
    column = next((i for i in range(len(shown["head"])) if any(_cited(row[i]) for row in rows)), None)
    if column is None:
        return shown
    numbers: dict[str, int] = {}  # a source's text -> its note's number
    links: dict[str, list] = {}  # a source's text -> (row's title, link) of each row citing it
    for row in rows:
        for item in _cited(row[column]):
            numbers.setdefault(str(item["text"]), len(numbers) + 1)
            links.setdefault(str(item["text"]), []).append((row[0], item))
    notes = [_note(f"{prefix}-source-{numbers[text]}", cited) for text, cited in links.items()]
    if len(notes) == 1 and all(_cited(row[column]) == _items(row[column]) for row in rows):
        return {"head": _without(shown["head"], column), "head_lang": _without(shown["head_lang"], column),
                "rows": [_without(row, column) for row in rows], "source": notes[0]}
    cited = [[_referenced(cell, numbers, prefix) if i == column else cell for i, cell in enumerate(row)]
             for row in rows]
    return {**shown, "rows": cited, "notes": notes, "notes_id": f"{prefix}-sources"}


def _note(note_id: str, cited: list[tuple[dict, dict]]) -> dict:
    """One source: its text, linked when every row citing it has that one link (or none has a
    link); otherwise each row's link named by the row ("Cambodia, Indonesia"), so one row's
    link is never credited to rows that did not give it."""
    urls = {item["url"] or None for _title, item in cited}
    text = cited[0][1]["text"]
    if len(urls) == 1:
        return {"id": note_id, "source": ext(text, urls.pop()), "links": []}
    links = [{**title, "url": item["url"], "external": True} for title, item in cited if item["url"]]
    return {"id": note_id, "source": v(text), "links": links}


def _items(cell) -> list[dict]:
    return cell if isinstance(cell, list) else [cell]


def _cited(cell) -> list[dict]:
    return [c for c in _items(cell) if c.get("source")]


def _without(items: list, index: int) -> list:
    return items[:index] + items[index + 1:]


def _referenced(cell, numbers: dict[str, int], prefix: str):
    """A source cell with each source replaced by its note's reference, named for screen readers."""
    items = [_reference(numbers[str(item["text"])], prefix) if item.get("source") else item
             for item in _items(cell)]
    return items[0] if len(items) == 1 else items


def _reference(n: int, prefix: str) -> dict:
    return v(f"[{n}]", ref=f"{prefix}-source-{n}", label=_("Source {number}").format(number=n), sort=n)


def number(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}"


def meeting_date(data: dict) -> str:
    # A planned meeting without a date says so instead of leaving the cell empty.
    return date(data["date"]) if data.get("date") else _("Date to be announced")


class Views:
    """The lookups views share: record titles and links, term labels, fields' titles."""

    def __init__(self, content: Content, graph: Graph, publish: bool, policy: Policy,
                 changed: dict | None = None, join_url: str | None = None, directory_urls: bool = True,
                 site: Site | None = None):
        if not directory_urls:
            raise ValueError("mkdocs.yml: use_directory_urls must be true (the default): the "
                             "knowledge base's pages link to each other as folder/page/")
        self.content = content
        self.graph = graph
        self.publish = publish
        self.policy = policy
        self.changed = changed or {}  # record path -> day of its last commit (review.last_changed)
        self.join_url = join_url  # the join-as-expert issue form (issueform.join_url)
        self.site = site or Site()  # name, address, licence, repository (cite.Site)
        self.terms = {name: {e["id"]: localised(e) for e in record.data["entries"]}
                      for name, record in content.taxonomies.items()}

    @cached_property
    def indicators(self):
        """The comparable indicators' values by country, read once, charts drawn on first use."""
        from .indicators import Indicators  # it builds on this module

        return Indicators(self)

    def title_of(self, kind: str, record_id: str) -> str:
        record = self.graph.get(Key(kind, record_id))
        if record is None:
            return record_id
        if kind == "country":  # a profile is named by its country's ISO name, never typed
            return country_name(record.data["country"])
        translation = self.translation(kind, record_id)
        if translation is not None:
            return translation.data[KINDS[kind].title_field]
        return record.data[KINDS[kind].title_field]

    def translation(self, kind: str, record_id: str):
        """The record's translation into the page's language (load.Content.translations), if any."""
        return self.content.translations.get((kind, record_id, lang()))

    def pinned_searches(self, record) -> list[str]:
        """The searches that list the record first on this edition (schema.PINNED_SEARCHES): its
        translation's where the page shows one, else its own."""
        return (self.translation(record.kind, record.id) or record).data.get("pinned_searches", [])

    def ref(self, kind: str, record_id: str) -> dict:
        if self.graph.get(Key(kind, record_id)) is None:
            return v(record_id)
        return v(self.title_of(kind, record_id), url_of(record_uri(kind, record_id)))

    def grouped(self, keys) -> dict[str, list[dict]]:
        """Links to records by kind, headed by its plural; in a group programs by number, others
        by the title the page shows (a country by its name there, not by its code)."""
        groups: dict[str, list[Key]] = {}
        for key in keys:
            groups.setdefault(KINDS[key.kind].shown_plural, []).append(key)
        return {heading: [self.ref(k.kind, k.id) for k in sorted(members, key=self._reading_order)]
                for heading, members in groups.items()}

    def _reading_order(self, key: Key) -> tuple:
        record = self.graph.get(key)
        return (record.data.get("number", 0) if record else 0, self.title_of(key.kind, key.id).casefold())

    def country(self, code: str) -> dict:
        if self.graph.get(Key("country", code.lower())):
            return v(country_name(code), url_of(record_uri("country", code.lower())))
        return v(country_name(code))

    def entry(self, taxonomy: str, term_id: str) -> dict:
        return self.terms.get(taxonomy, {}).get(term_id) or {"id": term_id, "label": term_id}

    def term_label(self, taxonomy: str, term_id: str) -> str:
        """A term as shown and linked: its declared label format ("SDG 10.7", "Labour migration")."""
        return TAXONOMIES[taxonomy].term_label(self.entry(taxonomy, term_id))

    def term(self, taxonomy: str, term_id: str) -> dict:
        folder = TAXONOMIES[taxonomy].folder
        return v(self.term_label(taxonomy, term_id), f"{folder}/{term_slug(term_id)}/" if folder else None)

    def term_plain(self, taxonomy: str, term_id: str) -> dict:
        return v(self.term_label(taxonomy, term_id))

    def reviewed(self, day) -> dict:
        """The last-review date, marked when a review is due."""
        if not self.policy.review_due(day):
            return v(date(day))
        return v(date(day), mark={"kind": "due", "text": _("Review due"), "title": (
            _("Last reviewed more than {months} months ago").format(months=self.policy.review_months))})

    def year(self, year: int) -> dict:
        """The year of a figure, marked when the figure is older than the limit."""
        if not self.policy.figure_old(year):
            return v(year)
        limit = self.policy.figure_max_age_years
        return v(year, mark={"kind": "old", "text": _("Over {limit} years old").format(limit=limit),
                             "title": _("This figure is from {year}, more than {limit} years ago").format(
                                 year=year, limit=limit)})
