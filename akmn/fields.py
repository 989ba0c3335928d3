"""The field-type registry: each type of field is declared once and knows how to
check a value, describe itself as JSON Schema, write a scaffold placeholder, and become a
web-editor widget (Sveltia CMS). Record kinds (schema.py) are built from these types, so
validation, the exported JSON Schema, the scaffold, the CMS config and the contributor docs
never disagree.

Why not validate with jsonschema or pydantic directly: contributors need messages that name
the line, quote what YAML actually read (`NO` -> false) and suggest the id they meant; both
libraries would need a second layer translating their error objects back into those words.
The exported JSON Schema is still checked against the fixtures with jsonschema in the tests.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import pycountry

from .i18n import translate
from .problems import did_you_mean

# An ASEAN member state or Korea. Timor-Leste joined ASEAN in October 2025.
IN_SCOPE = ("BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "TL", "VN", "KR")
# The one id rule: record file names (and so references), taxonomy ids, web-editor slugs.
ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
LANG_RE = re.compile(r"^([a-z]{2,3})(-[A-Za-z0-9]{1,8})*$")
EMAIL_RE = re.compile(r"[^@\s\"'<>`\\]+@[^@\s\"'<>`\\]+\.[A-Za-z]{2,}")
URL_RE = re.compile(r"https?://[^\s\"'<>`\\]+", re.IGNORECASE)
# C0 controls other than tab and newline, DEL and C1 controls: invisible, and they break YAML.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

Issue = tuple[tuple, str]  # (field path, message)


@dataclass
class Context:
    """What checks need besides the value: taxonomy ids and the ids of every record."""

    taxonomy_ids: dict[str, set[str]] = field(default_factory=dict)
    record_ids: dict[str, set[str]] = field(default_factory=dict)
    example_ids: dict[str, set[str]] = field(default_factory=dict)
    publish: bool = False
    retyped: dict = field(default_factory=dict)  # of the record being checked
    indicators: dict[str, dict] = field(default_factory=dict)  # indicator id -> its taxonomy entry
    today: dt.date = field(default_factory=dt.date.today)  # figures cannot be for a later year
    # What pages show for a code, in every edition's language: a topic's labels (taxonomy -> id ->
    # labels) and a record's titles (kind -> id -> titles), for the words of a pinned search.
    term_names: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    record_names: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    @property
    def latest_day(self) -> dt.date:
        """The last day that is today somewhere: a date typed in Seoul is a day ahead of a UTC
        machine (CI) for nine hours, and no time zone is more than a day ahead of UTC."""
        return self.today + dt.timedelta(days=1)


def _yaml_name(value: Any) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, dt.date):
        return "a date"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    return "text"


def wrong_type(path: tuple, value: Any, expected: str, ctx: Context) -> Issue:
    source = ctx.retyped.get(path)
    if source is not None and expected == "text":
        return path, (f"YAML reads {source} as {_yaml_name(value)}, not text: put it in quotes, "
                      f"'{source}'")
    return path, f"expected {expected}, found {_yaml_name(value)}"


class SchemaError(Exception):
    """A mistake in the schema's declarations, raised when the schema is imported."""


@dataclass
class Field:
    required: bool = False
    description: str = ""
    example: Any = None  # used by the scaffold and the docs
    # The display title (editor, docs, issue form, pages). A plain string now; the Korean
    # edition can widen it to a mapping per language without touching any reader of `.title`.
    title: str = ""
    private: bool = False  # never published: not on pages, not in the open data
    public_if: str = ""  # published only when this sibling flag is true (email <- email_public)

    label = "a value"  # how the scaffold and messages name the expected value

    def check(self, value: Any, path: tuple, ctx: Context) -> Iterator[Issue]:
        return iter(())

    def json_schema(self, taxonomies: dict[str, list[str]]) -> dict:
        schema = self._schema(taxonomies)
        if self.description:
            schema["description"] = self.description
        return schema

    def _schema(self, taxonomies: dict[str, list[str]]) -> dict:
        return {}

    def cms(self, name: str, taxonomies: dict[str, list[str]]) -> dict:
        widget = {"name": name, "label": self.title, "required": self.required}
        if self.description:
            widget["hint"] = self.description
        widget.update(self._cms(taxonomies))
        return widget

    def _cms(self, taxonomies) -> dict:
        return {"widget": "string"}

    def placeholder(self) -> str:
        # Empty on purpose: until it is filled in, `akmn validate` lists it as a problem.
        return "''"

    def doc_label(self) -> str:
        """The type column of the field reference in CONTRIBUTING.md."""
        return self.label

    def hint(self) -> str:
        """The comment shown beside a placeholder in a new record."""
        if self.example is not None:
            shown = repr_yaml(self.example) if isinstance(self.example, bool) else self.example
            return f"{self.label}, e.g. {shown}"
        return self.label


def repr_yaml(value: Any) -> str:
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


@dataclass
class Text(Field):
    multiline: bool = False
    label = "text"

    def check(self, value, path, ctx):
        if not isinstance(value, str):
            yield wrong_type(path, value, "text", ctx)
        elif not value.strip():
            yield path, "is empty: write the text or remove the field"
        elif match := CONTROL_RE.search(value):
            yield path, (f"contains the invisible control character U+{ord(match.group()):04X}: "
                         "delete it (it often comes from copying out of a PDF)")
        else:
            yield from self.check_text(value, path)

    def check_text(self, value: str, path: tuple):
        """Checks of subtypes (URL, email, ...), run only on text that passed the checks above."""
        return iter(())

    def _schema(self, taxonomies):
        return {"type": "string", "minLength": 1}

    def _cms(self, taxonomies):
        return {"widget": "text" if self.multiline else "string"}

    def doc_label(self):
        return "text (several lines)" if self.multiline else "text"


@dataclass
class Pattern(Text):
    pattern: str = ""
    message: str = ""  # says what the value should look like

    def check_text(self, value, path):
        if not re.fullmatch(self.pattern, value):
            yield path, f"'{value}' {self.message}"

    def _schema(self, taxonomies):
        return {"type": "string", "pattern": self.pattern}

    def doc_label(self):
        return "text"


@dataclass
class Bool(Field):
    # True: the only value a record may hold (a rule of the kind says why another is refused).
    # The editor then writes it without offering a switch, so its form cannot save a refused value.
    must_be_true: bool = False
    label = "true or false"

    def check(self, value, path, ctx):
        if not isinstance(value, bool):
            quoted = isinstance(value, str) and value.strip().lower() in ("true", "false", "yes", "no")
            yield path, f"expected true or false, found {_yaml_name(value)}" + (
                ": write true or false, without quotes" if quoted else "")

    def _schema(self, taxonomies):
        return {"type": "boolean", "const": True} if self.must_be_true else {"type": "boolean"}

    def cms(self, name, taxonomies):
        widget = super().cms(name, taxonomies)
        if self.must_be_true:  # a hidden field has no `required`: it always holds its value
            del widget["required"]
            widget.update({"widget": "hidden", "default": True})
        return widget

    def _cms(self, taxonomies):
        # Not Sveltia's switch: it writes `false` into every record it opens that lacks the
        # field, so a one-field edit would add lines. Unset here stays unset (= false).
        return {"widget": "select",
                "options": [{"label": "yes", "value": True}, {"label": "no", "value": False}]}

    def doc_label(self):
        return "true/false"


@dataclass
class Integer(Field):
    minimum: int | None = None
    maximum: int | None = None
    label = "a whole number"

    def check(self, value, path, ctx):
        if isinstance(value, bool) or not isinstance(value, int):
            # isdigit() alone accepts '１' (full width), which YAML still reads as text
            quoted = isinstance(value, str) and value.strip().isascii() and value.strip().isdigit()
            yield path, f"expected a whole number, found {_yaml_name(value)}" + (
                f" '{value}'" if isinstance(value, str) else "") + (
                f": write it without quotes, {value.strip()}" if quoted else "")
        elif (self.minimum is not None and value < self.minimum) or (
                self.maximum is not None and value > self.maximum):
            yield path, f"{value} is out of range: use a number from {self.minimum} to {self.maximum}"

    def _schema(self, taxonomies):
        schema = {"type": "integer"}
        if self.minimum is not None:
            schema["minimum"] = self.minimum
        if self.maximum is not None:
            schema["maximum"] = self.maximum
        return schema

    def _cms(self, taxonomies):
        widget = {"widget": "number", "value_type": "int"}
        if self.minimum is not None:
            widget["min"] = self.minimum
        if self.maximum is not None:
            widget["max"] = self.maximum
        return widget

    def doc_label(self):
        if self.minimum is not None and self.maximum is not None:
            return f"whole number {self.minimum}–{self.maximum}"
        return "whole number"


@dataclass
class Year(Integer):
    """A calendar year: a whole number in a range no real record leaves."""

    minimum: int | None = 1900
    maximum: int | None = 2100
    label = "a year"

    def doc_label(self):
        return "year"


@dataclass
class Number(Field):
    label = "a number"

    def check(self, value, path, ctx):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            hint = (" (write it without quotes, % signs or thousands separators)"
                    if isinstance(value, str) else "")
            yield path, f"expected a number, found {_yaml_name(value)}{hint}"
        elif not math.isfinite(value):
            yield path, f"{value} is not a number that can be published: write the figure itself"

    def _schema(self, taxonomies):
        return {"type": "number"}

    def _cms(self, taxonomies):
        return {"widget": "number", "value_type": "float"}

    def doc_label(self):
        return "number"


def calendar_day(value) -> dt.date | None:
    """VALUE as a day: a YAML date, or one written in quotes as YYYY-MM-DD (None for anything
    else, a time of day included)."""
    if isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and DATE_RE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:  # 2026-02-30
            return None
    return None


@dataclass
class Date(Field):
    # A day that has come (a consent, a review, a reading): a later one is a typo, and a
    # `last_reviewed` years ahead would keep a profile from ever being marked for review.
    past: bool = False
    label = "a date YYYY-MM-DD"

    def check(self, value, path, ctx):
        if isinstance(value, dt.datetime):
            yield path, "give a date without a time, as YYYY-MM-DD"
        elif (day := calendar_day(value)) is not None:
            yield from self._check_day(day, path, ctx)
        elif isinstance(value, str) and DATE_RE.fullmatch(value):
            yield path, f"{value} is not a real calendar date"
        else:
            yield path, f"expected a date written YYYY-MM-DD, found {_yaml_name(value)}" + (
                f" '{value}'" if isinstance(value, str) else "")

    def _check_day(self, day: dt.date, path, ctx):
        if self.past and day > ctx.latest_day:
            yield path, f"{day} is after today ({ctx.today}): check the year"

    def _schema(self, taxonomies):
        # YAML reads an unquoted date as a date; editors see it as a string in this format.
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}

    def _cms(self, taxonomies):
        return {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD",
                "time_format": False}

    def placeholder(self):
        return dt.date.today().isoformat()

    def doc_label(self):
        return "date YYYY-MM-DD"


@dataclass
class Url(Text):
    label = "a web address"

    def check_text(self, value, path):
        try:
            parts = urlsplit(value.strip())
        except ValueError:
            parts = None
        if parts is not None and parts.scheme.lower() not in ("http", "https"):
            yield path, f"'{value}' is not a web address: only links starting https:// or http:// are allowed"
        elif parts is None or not parts.netloc or not URL_RE.fullmatch(value.strip()):
            yield path, (f"'{value}' is not a complete web address: write it in full, like "
                         "https://www.example.org/page (spaces, quotes and < > must be %-encoded)")

    def _schema(self, taxonomies):
        return {"type": "string", "format": "uri", "pattern": "^https?://[^\\s]+$"}

    def _cms(self, taxonomies):
        # The form refuses www.example.org before saving, as the validator would after.
        return {"widget": "string", "pattern": ["^" + URL_RE.pattern + "$", "Write the whole address, "
                                                "starting with https://, e.g. https://www.example.org/page"]}

    def doc_label(self):
        return "URL"


@dataclass
class Email(Text):
    label = "an email address"

    def check_text(self, value, path):
        if not EMAIL_RE.fullmatch(value):
            yield path, f"'{value}' is not an email address"

    def _schema(self, taxonomies):
        return {"type": "string", "format": "email"}

    def _cms(self, taxonomies):
        return {"widget": "string", "pattern": ["^" + EMAIL_RE.pattern + "$", "An email address, e.g. "
                                                "name@example.org"]}

    def doc_label(self):
        return "email"


@dataclass
class IdField(Field):
    """A string that names something declared elsewhere: a country, a taxonomy term, a record."""

    def check(self, value, path, ctx):
        if not isinstance(value, str):
            yield wrong_type(path, value, "text", ctx)
        else:
            yield from self.check_id(value, path, ctx)

    def check_id(self, value: str, path: tuple, ctx: Context) -> Iterator[Issue]:
        return iter(())


@dataclass
class Country(IdField):
    in_scope: bool = True
    label = "a country code"

    def check_id(self, value, path, ctx):
        if len(value) == 2 and value.upper() != value:
            yield path, f"write country codes in capitals: '{value.upper()}'"
        elif len(value) != 2 or pycountry.countries.get(alpha_2=value) is None:
            yield path, (f"'{value}' is not an ISO 3166 two-letter country code"
                         + (did_you_mean(value.upper(), IN_SCOPE) if self.in_scope else ""))
        elif self.in_scope and value not in IN_SCOPE:
            yield path, (f"{value} is not an ASEAN member state or Korea; use one of "
                         + ", ".join(IN_SCOPE))

    def _schema(self, taxonomies):
        if self.in_scope:
            return {"type": "string", "enum": list(IN_SCOPE)}
        return {"type": "string", "pattern": "^[A-Z]{2}$"}

    def _cms(self, taxonomies):
        if self.in_scope:
            return {"widget": "select", "options": list(IN_SCOPE)}
        return {"widget": "string", "pattern": ["^[A-Z]{2}$", "Two capital letters, e.g. KR"]}

    def doc_label(self):
        return "country code (ASEAN or KR)" if self.in_scope else "country code"


@dataclass
class Language(Text):
    label = "a language tag"

    def check_text(self, value, path):
        match = LANG_RE.fullmatch(value)
        primary = match.group(1) if match else None
        if not primary or not (pycountry.languages.get(alpha_2=primary)
                               or pycountry.languages.get(alpha_3=primary)):
            yield path, f"'{value}' is not a BCP 47 language tag: use codes like en, ko, th, vi, fil"

    def _schema(self, taxonomies):
        return {"type": "string", "pattern": LANG_RE.pattern}

    def _cms(self, taxonomies):
        return {"widget": "string", "pattern": [LANG_RE.pattern, "A language tag in lowercase, "
                                                "e.g. en, ko, th, vi, fil"]}

    def doc_label(self):
        return "language tag"


@dataclass
class Enum(Field):
    values: tuple = ()
    labels: dict[str, str] = field(default_factory=dict)  # value -> display label, where shown
    label = "one of a fixed list"

    def __post_init__(self):
        if not self.values:
            raise SchemaError("an Enum needs its `values`")
        unknown = set(self.labels) - set(self.values)
        if unknown:
            raise SchemaError(f"Enum labels for values it does not have: {', '.join(sorted(unknown))}")

    def check(self, value, path, ctx):
        if value not in self.values:
            shown = f"'{value}'" if isinstance(value, str) else _yaml_name(value)
            yield path, (f"{shown} is not allowed{did_you_mean(value, self.values)}; use one of "
                         + ", ".join(map(str, self.values)))

    def _schema(self, taxonomies):
        return {"enum": list(self.values)}

    def _cms(self, taxonomies):
        return {"widget": "select", "options": list(self.values)}

    def hint(self):
        return "one of " + ", ".join(map(str, self.values))

    def doc_label(self):
        return "one of " + ", ".join(f"`{v}`" for v in self.values)


@dataclass
class Term(IdField):
    """An id from one of the taxonomies in content/taxonomies/ (checked against TAXONOMIES
    when the schema is imported: schema.check_declarations)."""

    taxonomy: str = ""
    label = "a taxonomy id"
    noun: str = field(default="", repr=False)  # the taxonomy's singular mid-sentence, set with Ref's

    def __post_init__(self):
        if not self.taxonomy:
            raise SchemaError("a Term needs the name of its `taxonomy`")

    def check_id(self, value, path, ctx):
        known = ctx.taxonomy_ids.get(self.taxonomy, set())
        if value not in known:
            yield path, (f"unknown {self.noun} '{value}'"
                         f"{did_you_mean(value, known)}; "
                         f"the list is in content/taxonomies/{self.taxonomy}.yml")

    def _schema(self, taxonomies):
        ids = list(taxonomies.get(self.taxonomy, []))
        return {"type": "string", "enum": ids} if ids else {"type": "string"}

    def _cms(self, taxonomies):
        return {"widget": "select", "options": list(taxonomies.get(self.taxonomy, []))}

    def doc_label(self):
        return f"`{self.taxonomy}` id"


@dataclass
class Ref(IdField):
    """The id of another record of the given kind (checked against KINDS when the schema is
    imported: schema.check_declarations)."""

    kind: str = ""
    label = "a record id"
    # The referred kind's folder and title field, set by check_declarations: a field cannot
    # hold its Kind, which is declared after it (experts and meetings refer to each other).
    folder: str = field(default="", repr=False)
    title_field: str = field(default="", repr=False)

    def __post_init__(self):
        if not self.kind:
            raise SchemaError("a Ref needs the `kind` of record it refers to")

    def check_id(self, value, path, ctx):
        known = ctx.record_ids.get(self.kind, set())
        if value not in known:
            yield path, (f"no {self.kind} has the id '{value}'{did_you_mean(value, known)}: "
                         f"the id is a file name in content/{self.folder}/ without .md")
        elif ctx.publish and value in ctx.example_ids.get(self.kind, ()):
            yield path, (f"'{value}' is an example {self.kind}, which the publish build leaves out: "
                         "remove the reference or make that record real")

    def hint(self):
        return f"the id of a {self.kind} (its file name without .md)"

    def _schema(self, taxonomies):
        return {"type": "string", "pattern": ID_RE.pattern}

    def _cms(self, taxonomies):
        return {"widget": "relation", "collection": self.folder, "search_fields": [self.title_field],
                "value_field": "{{slug}}", "display_fields": [self.title_field]}

    def doc_label(self):
        return f"{self.kind} id"

@dataclass
class ListOf(Field):
    item: Field = None
    min_items: int = 0
    label = "a list, one `- ` line per item"

    def __post_init__(self):
        if not isinstance(self.item, Field):
            raise SchemaError("a ListOf needs the Field of its `item`")

    def check(self, value, path, ctx):
        if not isinstance(value, list):
            hint = " (start each item on its own line with '- ')" if isinstance(value, str) else ""
            yield path, f"expected a list, found {_yaml_name(value)}{hint}"
            return
        if len(value) < self.min_items:
            yield path, f"needs at least {self.min_items} item{'s' if self.min_items > 1 else ''}"
        seen = set()
        for index, item in enumerate(value):
            if item is None:
                yield path + (index,), "this list item is empty: fill it in or remove the line"
                continue
            yield from self.item.check(item, path + (index,), ctx)
            if isinstance(item, (str, int)) and not isinstance(item, bool):
                if item in seen:
                    yield path + (index,), f"'{item}' is listed twice: remove one"
                seen.add(item)

    def _schema(self, taxonomies):
        schema = {"type": "array", "items": self.item.json_schema(taxonomies)}
        if self.min_items:
            schema["minItems"] = self.min_items
        if isinstance(self.item, (Text, IdField, Enum)):
            schema["uniqueItems"] = True
        return schema

    def cms(self, name, taxonomies):
        widget = super().cms(name, taxonomies)
        inner = dict(self.item.cms("item", taxonomies), label="Item")
        if isinstance(self.item, Object):
            widget.update({"widget": "list", "fields": inner["fields"]})
        elif inner["widget"] in ("relation", "select"):
            widget.update({k: v for k, v in inner.items() if k not in ("name", "label", "required")})
            widget["multiple"] = True
        else:
            widget.update({"widget": "list", "field": inner})
        if self.min_items:
            widget["min"] = self.min_items
        return widget

    def placeholder(self):
        if isinstance(self.item, Object):
            return "\n" + self.item.placeholder_lines(indent="  - ", rest="    ")
        return "[]"

    def hint(self):
        example = ", ".join(map(str, self.example)) if self.example else ""
        if example:
            return f"a list, e.g. [{example}]"
        if isinstance(self.item, Ref):
            return f"a list of {self.item.kind} ids"
        return f"a list of {self.item.label}s"

    def doc_label(self):
        least = f", at least {self.min_items}" if self.min_items else ""
        if isinstance(self.item, Object):
            return f"list of groups{least}"
        return f"list, each {self.item.doc_label()}{least}"


@dataclass
class Object(Field):
    fields: dict[str, Field] = field(default_factory=dict)
    # field -> flag: the field is required unless the flag field is true (consent unless example)
    required_unless: dict[str, str] = field(default_factory=dict)

    def __post_init__(self):
        for name, spec in self.fields.items():
            if not isinstance(spec, Field):
                raise SchemaError(f"field '{name}' is declared as {spec!r}, not a field type")
            if not spec.title:
                raise SchemaError(f"field '{name}' has no title: declare its display title, "
                                  f"e.g. title=\"{name.replace('_', ' ').capitalize()}\", in akmn/schema.py")
            flag = spec.public_if or self.required_unless.get(name)
            if flag and not isinstance(self.fields.get(flag), Bool):
                raise SchemaError(f"field '{name}' depends on '{flag}', which is not a true/false "
                                  f"field beside it (fields here: {', '.join(self.fields)})")

    def public(self, value: dict) -> dict:
        """The fields of `value` anyone may read: the privacy rule of every page and export."""
        return {name: item for name, item in value.items()
                if not self._hidden(self.fields.get(name), value)}

    @staticmethod
    def _hidden(spec: Field | None, value: dict) -> bool:
        return spec is not None and (
            spec.private or bool(spec.public_if and value.get(spec.public_if) is not True))

    @property
    def label(self) -> str:
        return "its fields: " + ", ".join(
            name for name, spec in self.fields.items() if spec.required) or "its fields"

    def _required(self, name: str, spec: Field, value: dict) -> bool:
        flag = self.required_unless.get(name)
        return spec.required or bool(flag and value.get(flag) is not True)

    def check(self, value, path, ctx):
        if not isinstance(value, dict):
            yield path, f"expected a group of fields ({', '.join(self.fields)}), found {_yaml_name(value)}"
            return
        for name, spec in self.fields.items():
            item = value.get(name)
            required = self._required(name, spec, value)
            if item is None or item == "":
                # The web editor saves a cleared field as "": the same as leaving it empty.
                if required:
                    state = "is empty" if name in value else "is missing"
                    yield path + (name,), f"required field {state}: add `{name}:` with {spec.label}"
                continue
            yield from spec.check(item, path + (name,), ctx)
        for name in value:
            if name not in self.fields:
                yield path + (name,), (f"unknown field '{name}'{did_you_mean(name, self.fields)}; "
                                       f"allowed here: {', '.join(self.fields)}")

    def _schema(self, taxonomies):
        schema = {
            "type": "object",
            "properties": {name: spec.json_schema(taxonomies) for name, spec in self.fields.items()},
            "required": [name for name, spec in self.fields.items() if spec.required],
            "additionalProperties": False,
        }
        for name, flag in self.required_unless.items():
            schema.setdefault("allOf", []).append({
                "if": {"not": {"required": [flag], "properties": {flag: {"const": True}}}},
                "then": {"required": [name]},
            })
        return schema

    def cms(self, name, taxonomies):
        widget = super().cms(name, taxonomies)
        widget["widget"] = "object"
        widget["fields"] = [spec.cms(key, taxonomies) for key, spec in self.fields.items()]
        return widget

    def placeholder(self):
        return "\n" + self.placeholder_lines(indent="  ", rest="  ")

    def doc_label(self):
        return "group"

    def placeholder_lines(self, indent: str, rest: str) -> str:
        lines = []
        for name, spec in self.fields.items():
            if not (spec.required or name in self.required_unless):
                continue
            value = spec.placeholder()
            if value.startswith("\n"):
                value = value.replace("\n", "\n" + rest)
            else:
                value = f" {value}  # {spec.hint()}"
            lines.append(f"{indent if not lines else rest}{name}:{value}")
        return "\n".join(lines)


@dataclass
class MapOf(Field):
    """A mapping whose keys come from a fixed list or a taxonomy."""

    key: Field = None
    value: Field = None
    all_keys: tuple = ()  # keys that must all be present
    label = "`key: value` lines"

    def __post_init__(self):
        if not isinstance(self.key, (Enum, Term)) or not isinstance(self.value, Field):
            raise SchemaError("a MapOf needs an Enum or Term `key` and a Field `value`")

    def check(self, value, path, ctx):
        if not isinstance(value, dict):
            yield path, f"expected `key: value` lines, found {_yaml_name(value)}"
            return
        for key, item in value.items():
            key_issues = list(self.key.check(key, path + (key,), ctx))
            yield from key_issues
            if not key_issues:
                if item is None:
                    yield path + (key,), "is empty: fill it in or remove the line"
                else:
                    yield from self.value.check(item, path + (key,), ctx)
        missing = [k for k in self.all_keys if k not in value]
        if missing:
            yield path, "missing " + ", ".join(missing) + ": add each (use `no-data` where unknown)"

    def _schema(self, taxonomies):
        keys = self.key.json_schema(taxonomies)
        schema = {"type": "object", "propertyNames": keys,
                  "additionalProperties": self.value.json_schema(taxonomies)}
        if "enum" in keys:
            schema = {"type": "object", "additionalProperties": False,
                      "properties": {k: self.value.json_schema(taxonomies) for k in keys["enum"]}}
        if self.all_keys:
            schema["required"] = list(self.all_keys)
        return schema

    def cms(self, name, taxonomies):
        # The editor has no free-key map widget: each known key becomes a field of an object,
        # labelled as the key's value is shown on the pages (the Enum's label, the term's label).
        widget = super().cms(name, taxonomies)
        if isinstance(self.key, Enum):
            keys = {k: self.key.labels.get(k, k) for k in self.key.values}
        else:
            keys = term_labels(taxonomies, self.key.taxonomy)
        widget["widget"] = "object"
        widget["fields"] = [dict(self.value.cms(k, taxonomies), label=label, required=k in self.all_keys)
                            for k, label in keys.items()]
        return widget

    def placeholder(self):
        keys = self.all_keys or (self.key.values[:1] if isinstance(self.key, Enum) else ("key",))
        return "".join(f"\n  {k}: {self.value.placeholder()}  # {self.value.hint()}" for k in keys)

    def doc_label(self):
        keys = (f"`{self.key.taxonomy}` id" if isinstance(self.key, Term)
                else "one of " + ", ".join(f"`{k}`" for k in self.key.values))
        return f"map: {keys} → {self.value.doc_label()}"


def term_labels(taxonomies: dict, name: str) -> dict[str, str]:
    """{id: label} of a taxonomy, from the mapping the web editor's config is made with: a
    taxonomy name -> {id: label} (the site build), or -> [ids] where the labels are not at hand
    (`akmn schema`, tests), when the id itself is shown."""
    terms = taxonomies.get(name, [])
    return dict(terms) if isinstance(terms, dict) else {t: t for t in terms}


class Shown:
    """A name the schema declares, read in the active language (akmn.i18n), as pages, feeds and
    search show it: `shown_plural = Shown("plural")`. The first of NAMES that is set is read; ""
    stays "" (gettext would give the catalog's header for it). The attributes themselves stay the
    catalog's English source (the schema, the editor, the messages)."""

    def __init__(self, *names: str):
        self.names = names

    def __get__(self, owner, owner_type=None) -> str:
        if owner is None:
            return self
        name = next((getattr(owner, n) for n in self.names if getattr(owner, n)), "")
        return translate(name) if name else ""


@dataclass
class Kind:
    """One kind of record: its folder, its fields, and rules that involve several fields."""

    name: str  # singular: expert, country, meeting, practice, program
    folder: str
    title: str  # display label of one record of the kind
    plural: str  # display label of the kind's list: page titles, headings, the editor's collection
    fields: Object
    title_field: str  # the field that names a record (its page title, the editor's summary)
    summary: str = ""  # one line for the docs and the scaffold
    intro: str = ""  # the paragraph atop the kind's list page
    # How the web editor names a new record's file (Sveltia slug template); None: from the
    # title field, with an ID box for the contributor.
    slug: str | None = None
    # The field whose value, in lowercase, is the record's id (country profiles: kr.md holds
    # `country: KR`): the validator, `akmn new` and the editor's slug follow it.
    id_field: str | None = None
    rules: list[Callable] = field(default_factory=list)  # (record, ctx) -> Iterator[Issue]
    shown_title = Shown("title")  # the names in the active language, as pages show them
    shown_plural = Shown("plural")
    shown_intro = Shown("intro")

    def __post_init__(self):
        if self.title_field not in self.fields.fields:
            raise SchemaError(f"kind {self.name}: title_field '{self.title_field}' is not one of its fields")
        if self.id_field:
            if self.id_field not in self.fields.fields:
                raise SchemaError(f"kind {self.name}: id_field '{self.id_field}' is not one of its fields")
            self.slug = self.slug or "{{" + self.id_field + "}}"
        for name in re.findall(r"\{\{(\w+)\}\}", self.slug or ""):
            if name not in self.fields.fields:
                raise SchemaError(
                    f"kind {self.name}: the slug template names '{name}', not one of its fields")

    def json_schema(self, taxonomies: dict[str, list[str]]) -> dict:
        schema = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"https://akmn.example/schema/{self.name}.schema.json",
            "title": f"{self.title} record (front matter of content/{self.folder}/<id>.md)",
        }
        if self.summary:
            schema["description"] = self.summary
        schema.update(self.fields.json_schema(taxonomies))
        return schema


@dataclass
class Taxonomy:
    """A controlled vocabulary, content/taxonomies/<name>.yml: a list of entries, each with an
    id and a label. How its terms are named and where they appear is declared here."""

    name: str
    singular: str  # display: "Theme", "SDG target"
    plural: str  # display: "Themes", "SDG targets"
    entry: Object
    folder: str | None = None  # site folder of one page per term and an overview; None: no pages
    facet: str | None = None  # search-filter name for records tagged with it; None: no filter
    label_format: str = "{label}"  # a term where it is shown or linked: "SDG {id}"
    title_format: str = "{label}"  # a term's own page: "SDG {id}: {label}"
    data_title: str = ""  # the open-data page's name for the list, when the plural says too little
    shown_singular = Shown("singular")  # the names in the active language, as pages show them
    shown_plural = Shown("plural")
    shown_data_title = Shown("data_title", "plural")

    def __post_init__(self):
        if "id" not in self.entry.fields or "label" not in self.entry.fields:
            raise SchemaError(f"taxonomy {self.name}: its entries need an `id` and a `label`")
        for text in (self.label_format, self.title_format):
            unknown = set(re.findall(r"\{(\w+)\}", text)) - set(self.entry.fields)
            if unknown:
                raise SchemaError(f"taxonomy {self.name}: the format {text!r} names "
                                  f"{', '.join(sorted(unknown))}, not fields of its entries")

    @property
    def noun(self) -> str:
        """The singular inside a sentence: "theme", but "SDG target" keeps its acronym."""
        first = self.singular.split()[0]
        return self.singular if first.isupper() else self.singular[:1].lower() + self.singular[1:]

    def term_label(self, entry: dict) -> str:
        return self.label_format.format(**entry)

    def page_title(self, entry: dict) -> str:
        return self.title_format.format(**entry)


def parts(spec: Field) -> Iterator[tuple[str, Field]]:
    """(path, field) of every field declared inside `spec`, depth first, for schema checks."""
    children = {ListOf: lambda: [("[]", spec.item)],
                MapOf: lambda: [("{key}", spec.key), ("{value}", spec.value)],
                Object: lambda: [(f".{name}", child) for name, child in spec.fields.items()]}
    for cls, found in children.items():
        if isinstance(spec, cls):
            for step, child in found():
                yield step, child
                yield from ((step + path, inner) for path, inner in parts(child))


def walk(spec: Field, value, top: str):
    """Yields (spec, value, top-level field name) for every leaf value a record holds."""
    if value is None:
        return
    if isinstance(spec, Object) and isinstance(value, dict):
        for name, child in spec.fields.items():
            yield from walk(child, value.get(name), top or name)
    elif isinstance(spec, ListOf) and isinstance(value, list):
        for item in value:
            yield from walk(spec.item, item, top)
    elif isinstance(spec, MapOf) and isinstance(value, dict):
        for key, item in value.items():
            yield from walk(spec.key, key, top)
            yield from walk(spec.value, item, top)
    else:
        yield spec, value, top
