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
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator
from urllib.parse import urlsplit

import pycountry

from .problems import did_you_mean

# An ASEAN member state or Korea. Timor-Leste joined ASEAN in October 2025.
IN_SCOPE = ("BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "TL", "VN", "KR")
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


@dataclass
class Field:
    required: bool = False
    description: str = ""
    example: Any = None  # used by the scaffold and the docs

    label = "a value"

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
        widget = {"name": name, "label": field_label(name), "required": self.required}
        if self.description:
            widget["hint"] = self.description
        widget.update(self._cms(taxonomies))
        return widget

    def _cms(self, taxonomies) -> dict:
        return {"widget": "string"}

    def placeholder(self) -> str:
        # Empty on purpose: until it is filled in, `akmn validate` lists it as a problem.
        return "''"

    def hint(self) -> str:
        """The comment shown beside a placeholder in a new record."""
        if self.example is not None:
            shown = repr_yaml(self.example) if isinstance(self.example, bool) else self.example
            return f"{self.label}, e.g. {shown}"
        return self.label


ACRONYMS = {"sdg": "SDG", "url": "URL", "id": "ID"}


def field_label(name: str) -> str:
    """The form label of a field or map key: sdg_10_7_2 -> "SDG 10.7.2", source_url -> "Source URL".

    The one place labels are derived from names (until the schema declares a title per field)."""
    words = [ACRONYMS.get(word, word) for word in re.split(r"[_-]", name)]
    text = re.sub(r"(?<=\d) (?=\d)", ".", " ".join(words))
    return text[:1].upper() + text[1:]


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


@dataclass
class Pattern(Text):
    pattern: str = ""
    message: str = ""  # says what the value should look like

    def check_text(self, value, path):
        if not re.fullmatch(self.pattern, value):
            yield path, f"'{value}' {self.message}"

    def _schema(self, taxonomies):
        return {"type": "string", "pattern": self.pattern}


@dataclass
class Bool(Field):
    # True: the only value a record may hold (a rule of the kind says why another is refused).
    # The editor then writes it without offering a switch, so its form cannot save a refused value.
    must_be_true: bool = False
    label = "true or false"

    def check(self, value, path, ctx):
        if not isinstance(value, bool):
            yield path, f"expected true or false, found {_yaml_name(value)}"

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
        return {"widget": "select", "options": [{"label": "yes", "value": True}, {"label": "no", "value": False}]}


@dataclass
class Integer(Field):
    minimum: int | None = None
    maximum: int | None = None
    label = "a whole number"

    def check(self, value, path, ctx):
        if isinstance(value, bool) or not isinstance(value, int):
            yield path, f"expected a whole number, found {_yaml_name(value)}" + (
                f" '{value}'" if isinstance(value, str) else "")
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


def Year(**kwargs) -> Integer:
    return Integer(minimum=1900, maximum=2100, **kwargs)


@dataclass
class Number(Field):
    label = "a number"

    def check(self, value, path, ctx):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            hint = " (write it without quotes, % signs or thousands separators)" if isinstance(value, str) else ""
            yield path, f"expected a number, found {_yaml_name(value)}{hint}"
        elif not math.isfinite(value):
            yield path, f"{value} is not a number that can be published: write the figure itself"

    def _schema(self, taxonomies):
        return {"type": "number"}

    def _cms(self, taxonomies):
        return {"widget": "number", "value_type": "float"}


@dataclass
class Date(Field):
    label = "a date YYYY-MM-DD"

    def check(self, value, path, ctx):
        if isinstance(value, dt.datetime):
            yield path, "give a date without a time, as YYYY-MM-DD"
        elif isinstance(value, dt.date):
            return
        elif isinstance(value, str) and DATE_RE.fullmatch(value):
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                yield path, f"{value} is not a real calendar date"
        else:
            yield path, f"expected a date written YYYY-MM-DD, found {_yaml_name(value)}" + (
                f" '{value}'" if isinstance(value, str) else "")

    def _schema(self, taxonomies):
        # YAML reads an unquoted date as a date; editors see it as a string in this format.
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}

    def _cms(self, taxonomies):
        return {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD",
                "time_format": False}

    def placeholder(self):
        return dt.date.today().isoformat()


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


@dataclass
class Email(Text):
    label = "an email address"

    def check_text(self, value, path):
        if not EMAIL_RE.fullmatch(value):
            yield path, f"'{value}' is not an email address"

    def _schema(self, taxonomies):
        return {"type": "string", "format": "email"}


@dataclass
class Country(Field):
    in_scope: bool = True
    label = "a country code"

    def check(self, value, path, ctx):
        if not isinstance(value, str):
            yield wrong_type(path, value, "text", ctx)
        elif len(value) == 2 and value.upper() != value:
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


@dataclass
class Enum(Field):
    values: tuple = ()
    label = "one of a fixed list"

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


@dataclass
class Term(Field):
    """An id from one of the taxonomies in content/taxonomies/."""

    taxonomy: str = ""
    label = "a taxonomy id"

    def check(self, value, path, ctx):
        known = ctx.taxonomy_ids.get(self.taxonomy, set())
        if not isinstance(value, str):
            yield wrong_type(path, value, "text", ctx)
        elif value not in known:
            yield path, (f"unknown {self.taxonomy.rstrip('s').replace('-', ' ')} '{value}'"
                         f"{did_you_mean(value, known)}; the list is in content/taxonomies/{self.taxonomy}.yml")

    def _schema(self, taxonomies):
        ids = taxonomies.get(self.taxonomy)
        return {"type": "string", "enum": ids} if ids else {"type": "string"}

    def _cms(self, taxonomies):
        return {"widget": "select", "options": taxonomies.get(self.taxonomy, [])}


@dataclass
class Ref(Field):
    """The id of another record of the given kind."""

    kind: str = ""
    label = "a record id"

    def check(self, value, path, ctx):
        if not isinstance(value, str):
            yield wrong_type(path, value, "text", ctx)
            return
        known = ctx.record_ids.get(self.kind, set())
        folder = f"content/{self.kind}s/"
        if value not in known:
            yield path, (f"no {self.kind} has the id '{value}'{did_you_mean(value, known)}: "
                         f"the id is a file name in {folder} without .md")
        elif ctx.publish and value in ctx.example_ids.get(self.kind, ()):
            yield path, (f"'{value}' is an example {self.kind}, which the publish build leaves out: "
                         "remove the reference or make that record real")

    def hint(self):
        return f"the id of a {self.kind} (its file name without .md)"

    def _schema(self, taxonomies):
        return {"type": "string", "pattern": ID_RE.pattern}

    def _cms(self, taxonomies):
        title = "name" if self.kind == "expert" else "title"
        return {"widget": "relation", "collection": f"{self.kind}s", "search_fields": [title],
                "value_field": "{{slug}}", "display_fields": [title]}


@dataclass
class ListOf(Field):
    item: Field = None
    min_items: int = 0
    label = "a list, one `- ` line per item"

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
        if isinstance(self.item, (Text, Term, Ref, Country, Enum)):
            schema["uniqueItems"] = True
        return schema

    def cms(self, name, taxonomies):
        widget = super().cms(name, taxonomies)
        inner = self.item.cms("item", taxonomies)
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


@dataclass
class Object(Field):
    fields: dict[str, Field] = field(default_factory=dict)
    # field -> flag: the field is required unless the flag field is true (consent unless example)
    required_unless: dict[str, str] = field(default_factory=dict)

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
        # The editor has no free-key map widget: each known key becomes a field of an object.
        widget = super().cms(name, taxonomies)
        keys = self.key.values if isinstance(self.key, Enum) else ()
        if keys:
            widget["widget"] = "object"
            widget["fields"] = [dict(self.value.cms(k, taxonomies), required=k in self.all_keys) for k in keys]
        else:
            keys = taxonomies.get(getattr(self.key, "taxonomy", ""), [])
            widget["widget"] = "object"
            widget["fields"] = [dict(self.value.cms(k, taxonomies), required=False) for k in keys]
        return widget

    def placeholder(self):
        keys = self.all_keys or (self.key.values[:1] if isinstance(self.key, Enum) else ("key",))
        return "".join(f"\n  {k}: {self.value.placeholder()}  # {self.value.hint()}" for k in keys)


@dataclass
class Kind:
    """One kind of record: its folder, its fields, and rules that involve several fields."""

    name: str  # singular: expert, country, meeting, practice, program
    folder: str
    title: str  # display label of the kind
    fields: Object
    title_field: str
    summary: str = ""  # one line for the docs and the scaffold
    rules: list[Callable] = field(default_factory=list)  # (record, ctx) -> Iterator[Issue]

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
