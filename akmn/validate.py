"""Stage 2, validate: every record against its kind's schema, every taxonomy against its entry
schema, and every reference against the ids that exist. One pass over each record; the id
sets are built once, so the whole run stays linear in the number of records."""

from __future__ import annotations

from .fields import Context
from .html import external_images
from .load import Content, Record, indicator_entries, taxonomy_ids
from .problems import Problem, field_path
from .review import today_from_env
from .scaffold import placeholder_body
from .schema import KINDS, TAXONOMIES, pinned_search_rule, search_key, translation_fields


def build_context(content: Content, publish: bool) -> Context:
    ctx = Context(publish=publish, today=today_from_env())  # $AKMN_TODAY, as the build reads it
    ctx.taxonomy_ids = {name: set(ids) for name, ids in taxonomy_ids(content).items()}
    ctx.indicators = indicator_entries(content)
    for kind, records in content.records.items():
        ctx.record_ids[kind] = set(records) | content.unreadable.get(kind, set())
        ctx.example_ids[kind] = {rid for rid, r in records.items() if r.is_example}
    ctx.term_names = {name: {e["id"]: _labels(e) for e in record.data["entries"]
                             if isinstance(e, dict) and isinstance(e.get("id"), str)}
                      for name, record in content.taxonomies.items()}
    named = [((kind, rid), r) for kind, records in content.records.items() for rid, r in records.items()]
    named += [((kind, rid), r) for (kind, rid, _code), r in content.translations.items()]
    for (kind, record_id), record in named:
        title = record.data.get(KINDS[kind].title_field)
        if isinstance(title, str):
            ctx.record_names.setdefault(kind, {}).setdefault(record_id, []).append(title)
    return ctx


def _labels(entry: dict) -> list:
    """A taxonomy entry's label in every language (label, label_ko)."""
    return [value for name, value in entry.items() if name == "label" or name.startswith("label_")]


def _report(record: Record, issues, problems: list[Problem], strip: int = 0) -> None:
    # strip: leading path parts not shown to the reader (a taxonomy's internal "entries" key)
    for path, message in issues:
        problems.append(Problem(record.path, record.line(path), field_path(path[strip:]), message))


def validate_taxonomy(name: str, record: Record, ctx: Context, problems: list[Problem]) -> None:
    spec = TAXONOMIES[name].entry
    seen: dict[str, int] = {}
    ctx.retyped = record.retyped
    for index, entry in enumerate(record.data["entries"]):
        path = ("entries", index)
        _report(record, spec.check(entry, path, ctx), problems, strip=1)
        entry_id = entry.get("id") if isinstance(entry, dict) else None
        if isinstance(entry_id, str):
            if entry_id in seen:
                problems.append(Problem(record.path, record.line(path + ("id",)), f"[{index}].id",
                                        f"'{entry_id}' is already used on line {seen[entry_id]}: "
                                        "ids must be unique"))
            seen.setdefault(entry_id, record.line(path + ("id",)))


def validate_record(record: Record, ctx: Context, problems: list[Problem]) -> None:
    kind = KINDS[record.kind]
    ctx.retyped = record.retyped
    _report(record, kind.fields.check(record.data, (), ctx), problems)
    for rule in kind.rules:
        _report(record, rule(record, ctx), problems)
    _external_images(record, problems)
    if record.body.strip() == placeholder_body(kind):
        line = record.body_line_at(len(record.body) - len(record.body.lstrip()))
        problems.append(Problem(record.path, line, "", "the text is still the "
                                f"placeholder of `akmn new`: replace it with the {kind.title.lower()}'s "
                                "text (or delete the line)"))


def _external_images(record: Record, problems: list[Problem]) -> None:
    for src in external_images(record.body):
        line = record.body_line_at(max(record.body.find(src), 0))  # a src written escaped: the body's start
        name = src.rstrip("/").rsplit("/", 1)[-1].split("?")[0] or "image.png"
        problems.append(Problem(record.path, line, "", f"the image {src} would load from another site, "
                                "which then learns who reads the page: save the image in "
                                f"docs/assets/uploads/ (the web editor's image button does) and write "
                                f"![what it shows](/assets/uploads/{name})"))


def validate_translation(key: tuple, record: Record, content: Content, ctx: Context,
                         problems: list[Problem]) -> None:
    kind, record_id, _code = key
    if record_id in content.unreadable.get(kind, set()):
        return  # the record's own problem is reported; its translation is checked once it reads
    if record_id not in content.records.get(kind, {}):
        problems.append(Problem(record.path, 1, "", f"no {KINDS[kind].title.lower()} '{record_id}' "
                                "to translate: "
                                f"name the file after an existing record in content/{KINDS[kind].folder}/"))
        return
    ctx.retyped = record.retyped
    _report(record, translation_fields(KINDS[kind]).check(record.data, (), ctx), problems)
    if "pinned_searches" in KINDS[kind].fields.fields:  # not an expert's: its field is unknown
        _report(record, pinned_search_rule(record, ctx, content.records[kind][record_id]), problems)
    _external_images(record, problems)
    if not record.body.strip():
        problems.append(Problem(record.path, record.body_line, "", "the translation has no text: "
                                "write the translated text below the closing `---`"))


def one_record_per_expert(experts: list[Record], problems: list[Problem]) -> None:
    """An expert who joined twice (the issue form, then the web editor) would be listed twice:
    two records with the same email, or the same name at the same affiliation, are one expert."""
    seen: dict[tuple, Record] = {}
    for record in sorted(experts, key=lambda r: r.path):
        data = record.data
        keys = [(("email",), data.get("email")), (("name",), data.get("name"), data.get("affiliation"))]
        for field, *values in keys:
            if not all(isinstance(value, str) for value in values):
                continue
            key = (field, *map(search_key, values))
            if (first := seen.setdefault(key, record)) is not record:
                what = " at ".join(values)
                problems.append(Problem(record.path, record.line(field), field[0], (
                    f"{what} already has a record, {first.path}: one expert, one record; add what "
                    "is new there and delete this file (two people? tell them apart in affiliation)")))
                break


def validate_content(content: Content, publish: bool = False) -> list[Problem]:
    """Every problem in every file, sorted by file and line."""
    problems = list(content.problems)
    ctx = build_context(content, publish)
    for name, record in content.taxonomies.items():
        validate_taxonomy(name, record, ctx, problems)
    for records in content.records.values():
        for record in records.values():
            if publish and record.is_example:
                continue  # left out of the publish build, so its references do not matter
            validate_record(record, ctx, problems)
    one_record_per_expert([r for r in content.records.get("expert", {}).values()
                           if not (publish and r.is_example)], problems)
    for key, record in content.translations.items():
        validate_translation(key, record, content, ctx, problems)
    return sorted(set(problems))
