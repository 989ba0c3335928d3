"""The site's languages: interface strings from gettext catalogs (locale/<lang>/LC_MESSAGES/
messages.po, compiled in memory with Babel when first used), dates formatted with Babel, country
names from pycountry's ISO 3166 translations, language names from CLDR (Babel), and the
language of a passage from its script.

One build renders one language (the hooks call `use` with MkDocs' theme.language), so the active
catalog is module state that the views read through `_`.
"""

from __future__ import annotations

import datetime
import gettext
import io
import os
import re
from functools import cache
from pathlib import Path

import pycountry
from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from markupsafe import Markup, escape

LANGS = ("en", "ko")  # English first: the source language of the records and the catalog
SOURCE = "en"
LANGS_ENV = "AKMN_LANGS"  # AKMN_LANGS=en builds English only (quick previews)
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
NAMES = {"en": "English", "ko": "한국어"}
NOTICE = {"ko": "이 내용은 아직 한국어로 번역되지 않아 영어 원문으로 보여 드립니다."}

_active = {"lang": SOURCE, "catalog": gettext.NullTranslations()}


def langs_from_env() -> tuple[str, ...]:
    wanted = [x.strip() for x in os.environ.get(LANGS_ENV, ",".join(LANGS)).split(",") if x.strip()]
    return tuple(lang for lang in LANGS if lang in wanted) or (SOURCE,)


def edition_root(code: str) -> str:
    """An edition's folder under the English site's root."""
    return "" if code == SOURCE else f"{code}/"


def editions(here: str, site_url: str | None) -> list[dict]:
    """The language menu's entries and the head's hreflang links on the edition HERE (kept in
    extra.editions, not Material's extra.alternate, whose home-page links Material's script follows
    instead of the menu's: overrides/main.html): each edition's root relative to this one, and
    its absolute address when SITE_URL (the English site's) is set. Empty when only one edition is
    built (an English-only preview, AKMN_LANGS=en)."""
    codes = langs_from_env() if here == SOURCE else LANGS
    if len(codes) < 2:
        return []
    up = "" if here == SOURCE else "../"
    english = (site_url or "").removesuffix(f"{here}/") if here != SOURCE else (site_url or "")
    return [{"name": NAMES[code], "lang": code, "link": up + edition_root(code), "root": edition_root(code),
             "url": english + edition_root(code) if english else ""}
            for code in codes]


def edition_site_url(site_url: str | None, here: str) -> str | None:
    """An edition's own address: the English site_url with the edition's folder added."""
    if not site_url or here == SOURCE or site_url.rstrip("/").endswith(f"/{here}"):
        return site_url
    return site_url.rstrip("/") + f"/{here}/"


@cache
def catalog(lang: str) -> gettext.NullTranslations:
    """The compiled catalog of a language (compiled here, at build, from the .po file)."""
    po = LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po"
    if lang == SOURCE or not po.exists():
        return gettext.NullTranslations()
    with po.open("rb") as handle:
        messages = read_po(handle, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, messages)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def use(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"mkdocs.yml: theme.language {lang!r} has no edition; use one of {', '.join(LANGS)}")
    _active.update(lang=lang, catalog=catalog(lang))


def lang() -> str:
    return _active["lang"]


def _(message: str) -> str:
    return _active["catalog"].gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _active["catalog"].ngettext(singular, plural, n)


# A message held in a variable (a name the schema declares, extracted by extract_schema below):
# a second name, because Babel's extractor would read literals inside `_(...)` as messages.
translate = _


def N_(message: str) -> str:
    """Marks a message for the catalog where it is translated later (table headings, constants)."""
    return message


def hand_written(path: Path) -> Path:
    """A hand-written page (docs/about.md) in the active language: its sibling about.ko.md
    where one exists, otherwise the page itself. mkdocs.yml's exclude_docs keeps the siblings
    from becoming pages of their own."""
    if lang() != SOURCE and (translated := path.with_name(f"{path.stem}.{lang()}.md")).exists():
        return translated
    return path


# The file names of hand-written pages' translations, which are not pages themselves.
TRANSLATED_PAGES = tuple(f"*.{code}.md" for code in LANGS if code != SOURCE)


def date(day) -> str:
    """A date as the language writes it (Babel): 2025-03-01, 2025. 3. 1."""
    if lang() == SOURCE:
        return str(day)  # English pages keep ISO dates, as before
    return format_date(day, format="medium", locale=lang())


def year(value) -> str:
    """A year as the language writes it (Babel): 2019, 2019년."""
    if lang() == SOURCE or not isinstance(value, int):
        return str(value)
    return format_skeleton("y", datetime.date(value, 1, 1), locale=lang())


def localised(entry: dict) -> dict:
    """A taxonomy entry, and the entries listed in it (an SDG target's indicators), with its texts
    in the page's language where given: `label_ko` for `label` on the Korean edition, and so on
    for every field the schema translates."""
    here = lang()
    if here == SOURCE:
        return entry
    shown = {key: [localised(x) if isinstance(x, dict) else x for x in value] if isinstance(value, list)
             else value for key, value in entry.items()}
    return {**shown, **{key: entry[f"{key}_{here}"] for key in list(entry) if entry.get(f"{key}_{here}")}}


@cache
def _countries(lang: str) -> gettext.NullTranslations:
    if lang == SOURCE:
        return gettext.NullTranslations()
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True)


def language(code: str) -> str | None:
    """A language's name in the active language from CLDR: Malay, 말레이어 (None where CLDR has none)."""
    return Locale.parse(lang()).languages.get(code)


def country(iso_name: str, code: str | None = None) -> str | None:
    """A country's name in the active language (or language `code`) from pycountry's ISO 3166
    catalog, or None in English."""
    code = code or lang()
    if code == SOURCE:
        return None
    return _countries(code).gettext(iso_name)


# Scripts that name their language: Thai and Hangul. Vietnamese is Latin script with the
# tone marks only Vietnamese uses (ơ, ư, đ and the stacked diacritics of the Latin Extended
# Additional block), so those mark it.
_HANGUL = "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af"
_THAI = "\u0e00-\u0e7f"
_HANGUL_CHAR = re.compile(f"[{_HANGUL}]")
_SCRIPTS = (("ko", _HANGUL_CHAR),
            ("th", re.compile(f"[{_THAI}]")),
            ("vi", re.compile(r"[ơƠưƯđĐ\u1ea0-\u1ef9]")))

# Runs of words in a script that names its language, spaces and punctuation between them included.
SCRIPT_RUNS = (("ko", re.compile(f"[{_HANGUL}]+(?:[\\s·,]+[{_HANGUL}]+)*")),
               ("th", re.compile(f"[{_THAI}]+(?:\\s+[{_THAI}]+)*")))


def script_lang(text: str) -> str | None:
    """The language a passage's script shows, when it shows one."""
    for code, pattern in _SCRIPTS:
        if pattern.search(text):
            return code
    return None


_LATIN = re.compile("[A-Za-z]")
_LETTERS = dict(_SCRIPTS)
# Scripts with letters of their own (None: no script shown), unlike Vietnamese's marked Latin ones:
# a passage in them may be English with a Korean or Thai name in it.
_OWN_LETTERS = (None, "ko", "th")


def text_lang(text: str) -> str | None:
    """The language of a passage of record text: the one its script shows, unless the passage
    has more Latin letters than letters of that script ("Kookmin Ilbo: Statistics Korea renamed
    국가데이터처"): that is the records' English with a name in it, whose run marked() marks.
    On a page in another language, text in Latin letters that no mark shows to be Vietnamese is
    English too: a record value nobody translated ("Balik Scientist Program")."""
    code = script_lang(text)
    if code not in _OWN_LETTERS or (code is None and lang() == SOURCE):
        return code
    # Letters against letters: a Hangul syllable counts one, so "KOICA 사업" is English on a Korean
    # page; its Hangul run is still marked Korean inside it, which is what a screen reader needs.
    own = len(_LETTERS[code].findall(text)) if code else 0
    return SOURCE if len(_LATIN.findall(text)) > own else code


# Three or more English words in a row: in a Korean or Thai search excerpt, a field nobody
# translated (tests/test_i18n.py holds the pages to the same count).
_ENGLISH_RUN = re.compile(r"[A-Za-z][A-Za-z'’-]*(?:[,;:()]?\s+\(?[A-Za-z][A-Za-z'’-]*){2,}")


def script_rules() -> dict:
    """text_lang's and mark_runs' rules as data, for the search page's script (assets/search.js),
    which marks excerpts and the runs inside them by them: one table in Python, so the two cannot
    drift. The patterns are written alike in Python's and JavaScript's regular expressions."""
    return {"source": SOURCE, "scripts": [[code, pattern.pattern] for code, pattern in _SCRIPTS],
            "latin": _LATIN.pattern, "own_letters": [code for code in _OWN_LETTERS if code],
            "runs": [[code, pattern.pattern] for code, pattern in SCRIPT_RUNS],
            "english_run": _ENGLISH_RUN.pattern}


def mark_runs(text: str, here: str) -> str:
    """TEXT (escaped, without tags) with each run of a script naming another language than HERE
    in a `lang` span, so a screen reader reads 고용허가제 in an English sentence with a Korean
    voice. (A run of words in a script is a pattern no HTML library marks.)"""
    for code, run in SCRIPT_RUNS:
        if code != here and run.search(text):
            text = run.sub(lambda m, c=code: f'<span lang="{c}">{m.group(0)}</span>', text)
    return text


def other_lang(text, declared: str | None = None) -> str:
    """The language of TEXT (declared, or as its script shows: text_lang) where it is not the
    page's, for a `lang` attribute; otherwise ""."""
    code = declared or text_lang(str(text))
    return code if code and code.split("-")[0] != lang() else ""


def marked(text, declared: str | None = None) -> Markup:
    """Escaped text in a span with `lang` when its language differs from the page's, so
    screen readers switch voice; runs in another script inside it marked too."""
    code = other_lang(text, declared)
    html = text if isinstance(text, Markup) else mark_runs(escape(text), code or lang())
    return Markup(f'<span lang="{escape(code)}">{html}</span>') if code else Markup(html)


def schema_messages():
    """Every name the schema declares for people (kinds, fields, enum labels, taxonomies): the
    catalog's entries for them, so a field's Korean title sits beside the interface's."""
    from .fields import Enum, ListOf, MapOf, Object
    from .schema import KINDS, TAXONOMIES

    def walk(spec):
        if spec is None:
            return
        yield spec.title
        if isinstance(spec, Enum):
            yield from spec.labels.values()
        for part in (getattr(spec, "item", None), getattr(spec, "key", None), getattr(spec, "value", None)):
            if isinstance(part, (Object, ListOf, MapOf, Enum)) or getattr(part, "title", ""):
                yield from walk(part)
        if isinstance(spec, Object):
            for child in spec.fields.values():
                yield from walk(child)

    for kind in KINDS.values():
        yield from (kind.title, kind.plural, kind.intro)
        yield from walk(kind.fields)
    for taxonomy in TAXONOMIES.values():
        yield from (taxonomy.singular, taxonomy.plural, taxonomy.data_title)


def extract_schema(fileobj, keywords, comment_tags, options):
    """Babel extraction method for akmn/schema.py (babel.cfg): the declared names as messages."""
    seen = set()
    for text in schema_messages():
        if text and text not in seen:
            seen.add(text)
            yield 1, None, text, []
