"""The schema is the one declaration of what people read: every label in the web editor, the
issue form, the field reference and the built pages is a declared title or label, never one
derived from an identifier ("Sdg 10 7 2", "Url", "Email public"); and a mistake in the
declarations fails when the schema is imported, naming the field."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from akmn import cms, docs, issueform
from akmn.fields import (
    Enum,
    Kind,
    ListOf,
    MapOf,
    Object,
    Ref,
    SchemaError,
    Taxonomy,
    Term,
    Text,
    parts,
)
from akmn.load import load_content, taxonomy_labels
from akmn.schema import KINDS, TAXONOMIES, check_declarations

REPO = Path(__file__).resolve().parent.parent
VALID = Path(__file__).resolve().parent / "fixtures" / "valid"


# --- labels derived from identifiers --------------------------------------------------------

def naive(identifier: str) -> str:
    """What a label derived from an identifier looks like: sdg_10_7_2 -> "Sdg 10 7 2"."""
    return re.sub(r"[_-]+", " ", identifier).strip().capitalize()


def all_specs():
    for top in [kind.fields for kind in KINDS.values()] + [t.entry for t in TAXONOMIES.values()]:
        yield top
        yield from (spec for _, spec in parts(top))


def identifiers() -> set[str]:
    """Every name the schema declares: field names, Enum values, taxonomy and kind names."""
    names = set(KINDS) | set(TAXONOMIES) | {t.facet for t in TAXONOMIES.values() if t.facet}
    for spec in all_specs():
        if isinstance(spec, Object):
            names |= set(spec.fields)
        if isinstance(spec, Enum):
            names |= {str(value) for value in spec.values}
    return names


def declared() -> set[str]:
    """Every display text the schema declares: a derived-looking one is fine when declared."""
    texts = {kind.title for kind in KINDS.values()} | {kind.plural for kind in KINDS.values()}
    texts |= {t.singular for t in TAXONOMIES.values()} | {t.plural for t in TAXONOMIES.values()}
    texts |= {spec.title for spec in all_specs() if spec.title}
    texts |= {label for spec in all_specs() if isinstance(spec, Enum) for label in spec.labels.values()}
    return texts


# A one-word name capitalised ("Country") is an ordinary word; a derived label shows in names
# of several words or with digits.
DERIVED = {naive(name) for name in identifiers() if re.search(r"[-_\d]", name)} - declared()
# Acronyms and numbers spelt as a name-to-label rule writes them.
LOOKS_DERIVED = re.compile(r"\b(Sdg|Url|Id|Iso|Bcp)\b|\b\d+ \d+( \d+)?\b")


def derived_labels(labels) -> list[str]:
    return sorted({label for label in labels if label in DERIVED or LOOKS_DERIVED.search(label)})


def test_the_guard_catches_labels_made_from_names():
    made = [naive("sdg_10_7_2"), naive("email_public"), naive("url"), naive("data_disaggregation"),
            "Sdg target", "Source Url"]
    assert derived_labels(made) == sorted(made)
    assert derived_labels(["SDG indicator 10.7.2", "Publish the email address", "URL", "Source URL"]) == []


def widget_labels(widgets):
    for widget in widgets:
        yield widget["label"]
        yield from widget_labels(widget.get("fields", []))
        if "field" in widget:
            yield from widget_labels([widget["field"]])


def test_web_editor_labels_are_declared():
    labels = taxonomy_labels(load_content(VALID))
    config = yaml.safe_load(cms.admin_files(labels)["admin/config.yml"])
    found = [c["label"] for c in config["collections"]] + [c["label_singular"] for c in config["collections"]]
    found += [label for c in config["collections"] for label in widget_labels(c["fields"])]
    assert "SDG indicator 10.7.2: migration policy domains" in found  # declared titles are used
    assert derived_labels(found) == []


def test_issue_form_labels_are_declared():
    form = issueform.form(taxonomy_labels(load_content(VALID)))
    found = [element["attributes"]["label"] for element in form["body"] if "label" in element["attributes"]]
    assert "Full name" in found
    assert derived_labels(found) == []


def test_field_reference_labels_are_declared():
    rows = [line.split(" | ") for line in docs.field_reference().splitlines() if line.startswith("| `")]
    labels = [row[3] for row in rows]
    assert all(labels), "every field of the reference has its label"
    assert derived_labels(labels) == []


PAGE_LABELS = re.compile(r"<(dt|th|h1|h2|h3|label|caption)\b[^>]*>(.*?)</\1>", re.DOTALL)
FILTER_NAMES = re.compile(r'data-pagefind-filter="([^"]+)"')


def test_built_pages_show_declared_labels(fixture_site):
    found = set()
    for page in fixture_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        found |= {re.sub(r"<[^>]+>", "", text).strip() for _, text in PAGE_LABELS.findall(html)}
        found |= set(FILTER_NAMES.findall(html))
    assert {"Laws and policies", "SDG target"} <= found
    assert derived_labels(found) == []


# --- declarations check themselves ----------------------------------------------------------

def kind_with(**fields) -> Kind:
    return Kind(name="note", folder="notes", title="Note", plural="Notes", title_field="title",
                fields=Object(fields={"title": Text(title="Title"), **fields}))


def test_a_misspelt_taxonomy_fails_naming_the_field():
    kinds = {**KINDS, "note": kind_with(topics=ListOf(title="Topics", item=Term(taxonomy="theme")))}
    with pytest.raises(SchemaError, match=r"kind note, field topics\[\]: unknown taxonomy 'theme' "
                                          r"\(did you mean 'themes'\?\)"):
        check_declarations(kinds, TAXONOMIES)


def test_a_misspelt_kind_fails_naming_the_field():
    kinds = {**KINDS, "note": kind_with(author=Ref(title="Author", kind="experts"))}
    with pytest.raises(SchemaError, match=r"kind note, field author: unknown kind 'experts' "
                                          r"\(did you mean 'expert'\?\)"):
        check_declarations(kinds, TAXONOMIES)


def test_the_schema_module_refuses_a_misspelt_taxonomy_at_import(tmp_path):
    # The real schema.py with one taxonomy misspelt, imported as a module of the akmn package.
    source = (REPO / "akmn" / "schema.py").read_text(encoding="utf-8")
    broken = source.replace('Term(taxonomy="migration-types")', 'Term(taxonomy="migraton-types")', 1)
    assert broken != source
    (tmp_path / "broken_schema.py").write_text(broken, encoding="utf-8")
    script = ("import importlib.util, sys; spec = importlib.util.spec_from_file_location("
              f"'akmn.broken_schema', {str(tmp_path / 'broken_schema.py')!r}); "
              "module = importlib.util.module_from_spec(spec); spec.loader.exec_module(module)")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO,
                            check=False)
    assert result.returncode == 1
    assert "SchemaError: akmn/schema.py, kind country, field migration_types{key}: unknown taxonomy " \
           "'migraton-types' (did you mean 'migration-types'?)" in result.stderr


@pytest.mark.parametrize("make, message", [
    (lambda: Object(fields={"name": Text()}), "field 'name' has no title"),
    (lambda: Object(fields={"email": Text(title="Email", public_if="show")}), "depends on 'show'"),
    (lambda: Enum(title="Status", values=("a",), labels={"b": "B"}), "labels for values it does not have: b"),
    (lambda: MapOf(title="Map", key=Text(), value=Text()), "an Enum or Term `key`"),
    (lambda: Kind(name="x", folder="x", title="X", plural="Xs", title_field="name", fields=Object()),
     "title_field 'name'"),
    (lambda: Taxonomy("t", "T", "Ts", Object(fields={"id": Text(title="ID"), "label": Text(title="Label")}),
                      label_format="{code}"), "names code"),
])
def test_declarations_check_themselves(make, message):
    with pytest.raises(SchemaError, match=re.escape(message)):
        make()


def test_privacy_is_declared_on_fields():
    expert = KINDS["expert"].fields
    data = {"name": "A", "email": "a@example.org", "consent": {"public_profile": True}}
    assert expert.public(data) == {"name": "A"}
    assert expert.public({**data, "email_public": True}) == {"name": "A", "email": "a@example.org",
                                                             "email_public": True}
