"""What the search index learns of a record beyond its text: facet values (Pagefind filters)
found by walking the record alongside its schema, and the words of Thai text."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from functools import lru_cache

from markupsafe import Markup, escape

from .fields import Country, Ref, Term, walk
from .i18n import N_, SOURCE, _, lang, other_lang, translate
from .load import Record
from .names import country_name
from .schema import KINDS, TAXONOMIES, search_key


def facets(record: Record, term_label: Callable[[str, str], str],
           title_of: Callable[[str, str], str]) -> list[dict]:
    """Pagefind filters of a record: its kind, the countries it concerns, every taxonomy term
    declared as a facet (schema.Taxonomy.facet) and the programs it belongs to."""
    leaves = [leaf_value for leaf_value in walk(KINDS[record.kind].fields, record.data, "")]
    found = [("kind", KINDS[record.kind].shown_title)]
    found += [("country", country_name(value)) for leaf, value, _path in leaves
              if isinstance(leaf, Country) and leaf.in_scope]
    found += list(_term_facets(leaves, term_label))
    found += [("program", title_of("program", value)) for leaf, value, _path in leaves
              if isinstance(leaf, Ref) and leaf.kind == "program"]
    return [{"name": name, "value": escape(value)} for name, value in dict.fromkeys(found)]


def facet_labels() -> list[dict]:
    """Every search filter, in the panel's order, with its label from the schema: the filter
    names facets() writes into the pages, shown as the schema's titles."""
    terms = [{"name": t.facet, "label": t.shown_singular} for t in TAXONOMIES.values() if t.facet]
    country = translate(KINDS["country"].fields.fields["country"].title)
    return [{"name": "kind", "label": _(KIND_FACET_LABEL)}, {"name": "country", "label": country},
            *terms, {"name": "program", "label": KINDS["program"].shown_title}]


def result_langs(title: str, text: str) -> list[dict]:
    """Pagefind filters naming the language of a search result's title and summary where it is
    not the page's (an untranslated record or topic on the Korean edition: English), so the search
    page sets `lang` on them (docs/assets/search.js). The title's follows the page's h1; the
    summary's is only named on another language's edition, where record text nobody translated
    is English. Filters, not metadata: Pagefind searches metadata, so a query "en" would find
    every untranslated page; the search page shows only the schema's filters (facet_labels)."""
    found = [("title-lang", other_lang(title)),
             ("summary-lang", other_lang(text) if lang() != SOURCE else "")]
    return [{"name": name, "value": escape(value)} for name, value in found if value]


def pinned_filters(searches: list[str]) -> list[dict]:
    """The Pagefind filter that finds the pages pinned for a search (schema.PINNED_SEARCHES); a
    filter, so the search page asks Pagefind for them with the reader's other filters applied."""
    return [{"name": "pinned", "value": escape(key)} for key in dict.fromkeys(map(search_key, searches))]


# The record kinds are the schema's, the filter that chooses among them has no field of its own.
KIND_FACET_LABEL = N_("Kind of record")


def _term_facets(leaves, term_label) -> Iterator[tuple[str, str]]:
    for leaf, value, _path in leaves:
        if isinstance(leaf, Term) and TAXONOMIES[leaf.taxonomy].facet:
            yield TAXONOMIES[leaf.taxonomy].facet, term_label(leaf.taxonomy, value)


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


def release_thai_dictionary() -> None:
    """Let go of PyThaiNLP's word trie (about 60 MB) and the runs split so far, for a build that
    has prepared every page and renders thousands more with no Thai left to split; a later call
    of thai_search_words loads the dictionary again."""
    if (tokenize := sys.modules.get("pythainlp.tokenize")) is not None:
        tokenize.word_dict_trie.cache_clear()
    _thai_words.cache_clear()


@lru_cache(maxsize=100_000)
def _thai_words(run: str) -> tuple[str, ...]:
    # Names and phrases recur across records: each distinct run is segmented once per build.
    from pythainlp.tokenize import word_tokenize  # loads a dictionary: only when there is Thai

    return tuple(w for w in word_tokenize(run, engine="newmm") if w.strip())
