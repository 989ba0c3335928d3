"""Atom feeds of new and updated records: one for everything (feeds/all.xml) and one per kind
(feeds/<folder>.xml), written with feedgen. A record's date is the later of its own date
(a profile's last review, a meeting's date) and its last commit (review.last_changed); a
record with neither is left out, since a feed entry needs a date."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path

from feedgen.feed import FeedGenerator

from .cite import Site
from .html import summary
from .i18n import N_, translate
from .link import Graph
from .load import Record
from .schema import KINDS
from .views.base import record_uri, url_of

LIMIT = 50  # entries per feed: the newest
OWN_DATES = ("last_reviewed", "date")  # fields whose day is a change of the record itself


def feed_paths() -> dict[str, str]:
    """Feed name -> path from the site root, "all" first."""
    return {"all": "feeds/all.xml", **{name: f"feeds/{kind.folder}.xml" for name, kind in KINDS.items()}}


ALL_TITLE = N_("New and updated records")  # translated where shown, as the kinds' plurals


def feed_links() -> list[dict]:
    """What every page's head links to: each feed's title and path."""
    return [{"title": ALL_TITLE if name == "all" else KINDS[name].plural, "path": path}
            for name, path in feed_paths().items()]


def feed_links_in_language(feeds: list[dict]) -> list[dict]:
    """The head's feed links (extra.feeds, as mkdocs.yml lists feed_links) with their titles in
    the active language."""
    return [{**feed, "title": translate(feed["title"])} for feed in feeds]


def atom_id(site: Site, path: str) -> str:
    # Atom ids must be absolute IRIs: the page's address, or a tag URI in a build without site_url.
    return site.address(path) if site.url else f"tag:akmn,2026:{path}"


def record_day(record: Record, changed: dict[str, date]) -> date | None:
    days = [d for d in (record.data.get(name) for name in OWN_DATES) if isinstance(d, date)]
    if record.path in changed:
        days.append(changed[record.path])
    return max(days, default=None)


def dated(graph: Graph, changed: dict[str, date], kind: str | None) -> list[tuple[date, Record]]:
    found = [(day, r) for k, records in graph.records.items() if kind in (None, k)
             for r in records.values() if (day := record_day(r, changed))]
    return sorted(found, key=lambda pair: (pair[0], pair[1].path), reverse=True)[:LIMIT]


def feed_xml(graph: Graph, changed: dict[str, date], site: Site, name: str, title_of) -> bytes:
    kind = None if name == "all" else name
    entries = dated(graph, changed, kind)
    feed = FeedGenerator()
    feed.id(atom_id(site, feed_paths()[name]))
    feed.title(f"{site.name}: {translate(ALL_TITLE) if kind is None else KINDS[kind].shown_plural}")
    feed.link(href=site.address(feed_paths()[name]), rel="self")
    feed.link(href=site.address(""), rel="alternate")
    feed.rights(f"{site.licence_name} {site.licence_url}")
    feed.author({"name": site.name})
    # Atom's feed date is its newest entry's; a feed with none gets a fixed day, never the
    # build's clock, so two builds of the same content stay identical.
    feed.updated(_moment(entries[0][0] if entries else date(2000, 1, 1)))
    for day, record in reversed(entries):  # feedgen prepends: add oldest first
        path = url_of(record_uri(record.kind, record.id))
        entry = feed.add_entry()
        entry.id(atom_id(site, path))
        url = site.address(path)
        entry.title(title_of(record.kind, record.id))
        entry.link(href=url)
        entry.updated(_moment(day))
        entry.summary(summary(record.body) or KINDS[record.kind].shown_title)
    return feed.atom_str(pretty=True)


def _moment(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=UTC)


def write_feeds(site_dir: Path, graph: Graph, changed: dict[str, date], site: Site, title_of) -> None:
    for name, path in feed_paths().items():
        out = site_dir / path
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(feed_xml(graph, changed, site, name, title_of))
