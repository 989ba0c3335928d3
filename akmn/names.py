"""Display names of codes from the ISO data (pycountry), never typed by hand."""

from __future__ import annotations

import pycountry

from .i18n import country as translated_country
from .i18n import language as translated_language


def country_name(code: str, language: str | None = None) -> str:
    """The ISO 3166 short name, read naturally: "Korea, Republic of" -> "Republic of Korea"; in
    the page's language, or in `language`."""
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    if translated := translated_country(country.name, language):
        return translated
    head, _sep, tail = country.name.partition(", ")
    return f"{tail} {head}" if tail else head


def language_name(tag: str) -> str:
    """The name of a tag's language in the page's language (CLDR: "Malay", "말레이어"), or, for a
    code CLDR does not name, its ISO 639 name (which reads "Malay (macrolanguage)" for ms)."""
    primary = tag.split("-")[0].lower()
    if name := translated_language(primary):
        return name
    lang = pycountry.languages.get(alpha_2=primary) or pycountry.languages.get(alpha_3=primary)
    return lang.name if lang else tag
