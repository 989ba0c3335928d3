"""Stage 3, link: references, backlinks and indexes over the records that will be published.

Every reference is found by walking a record's values alongside its kind's schema, so a new
reference field in schema.py is linked without touching this module. One pass over all
records; each lookup afterwards is a dict access.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .fields import Country, Ref, Term, walk
from .load import Content, Record
from .publish import publishable
from .schema import KINDS


@dataclass(frozen=True, order=True)
class Key:
    kind: str
    id: str


@dataclass
class Graph:
    records: dict[str, dict[str, Record]]  # kind -> id -> record, publishable ones only
    # target -> [(source, field name)] for references between records
    backlinks: dict[Key, list[tuple[Key, str]]] = field(default_factory=lambda: defaultdict(list))
    # (taxonomy, term id) -> records tagged with it, anywhere in their fields
    tagged: dict[tuple[str, str], list[Key]] = field(default_factory=lambda: defaultdict(list))
    # country code -> records that concern it (not the profile itself)
    by_country: dict[str, list[Key]] = field(default_factory=lambda: defaultdict(list))

    def get(self, key: Key) -> Record | None:
        return self.records.get(key.kind, {}).get(key.id)


def link(content: Content, publish: bool = False) -> Graph:
    graph = Graph(publishable(content, publish))
    for kind, records in sorted(graph.records.items()):
        spec = KINDS[kind].fields
        for rid in sorted(records):
            source = Key(kind, rid)
            seen: set = set()
            for leaf, value, top in walk(spec, records[rid].data, ""):
                if isinstance(leaf, Ref):
                    mark = (Key(leaf.kind, value), top)
                    if mark not in seen and graph.get(mark[0]):
                        graph.backlinks[mark[0]].append((source, top))
                elif isinstance(leaf, Term):
                    mark = (leaf.taxonomy, value)
                    if mark not in seen:
                        graph.tagged[mark].append(source)
                elif isinstance(leaf, Country) and leaf.in_scope and kind != "country":
                    mark = value
                    if mark not in seen:
                        graph.by_country[mark].append(source)
                else:
                    continue
                seen.add(mark)
    return graph
