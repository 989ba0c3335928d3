"""The "Join the network" GitHub issue form, generated from the expert schema.

One form element per expert field an applicant fills in, with the element id equal to the
field name, so `akmn from-issue` (fromissue.py) can turn the issue GitHub renders back into
a record. `make docs` (python -m akmn.docs) rewrites the committed form; a test fails when
it is stale. Field types map to elements generically: a taxonomy id becomes a dropdown of
labels, a list of them a multiple-choice dropdown, true/false a checkbox, free text an input.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .fields import IN_SCOPE, Bool, Country, Enum, Field, ListOf, Object, Ref, Term, Text
from .load import load_content
from .load import taxonomy_labels as labels_of
from .names import country_name
from .schema import EXPERT, KINDS

FORM_PATH = Path(".github") / "ISSUE_TEMPLATE" / "join-as-expert.yml"
TEMPLATE = FORM_PATH.name
REQUEST_LABEL = "join-request"  # set by the form on every request
ACCEPT_LABEL = "accepted"  # added by a maintainer: the join-request workflow converts the issue

# Fields the applicant does not fill in: an applicant is a real person, never an example.
LEFT_OUT = {"example"}
# The applicant's own voice where the schema's title speaks about the expert.
APPLICANT_WORDING = {"email_public": "Publish my email address"}
BODY = ("body", "Short biography")  # the record's text below the fields
NO_RESPONSE = "_No response_"  # what GitHub writes for an empty field


def label(name: str) -> str:
    return APPLICANT_WORDING.get(name) or EXPERT.fields.fields[name].title


def published_fields() -> list[str]:
    """What a public profile shows, in the applicant's words (the email only when ticked)."""
    names = [label(n).lower() for n in EXPERT.fields.fields
             if n not in LEFT_OUT | {"consent", "email", "email_public"}]
    return names + [BODY[1].lower()]


def consent_statement() -> str:
    return ("I agree that the ASEAN-Korea Migration Network publishes a public profile of me on its "
            "website and in its open data, with what I give in this form: "
            + ", ".join(published_fields())
            + ". My email address is published only if I tick “Publish my email address”. "
            "I can withdraw this consent at any time, and my profile is then removed.")


def country_option(code: str) -> str:
    return f"{country_name(code)} ({code})"


def _description(spec: Field, inner: Field) -> str:
    parts = [spec.description] if spec.description else []
    if isinstance(spec, ListOf) and not isinstance(inner, (Term, Enum, Object)) and not (
            isinstance(inner, Country) and inner.in_scope):
        parts.append("separate several with commas")
    if isinstance(inner, Ref):
        parts.append(f"give each {inner.kind}'s id, the end of its page's address on the site: "
                     f".../{KINDS[inner.kind].folder}/<id>/")
    if isinstance(inner, Country) and not inner.in_scope:
        parts.append("a two-letter country code such as VN, or the country's name")
    if isinstance(spec, ListOf) and isinstance(inner, Object):
        parts.append("one per line: the title, then the address, e.g. "
                     "University profile https://www.example.org/me")
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] + ("." if text else "")


def options(spec: Field, labels: dict[str, dict[str, str]]) -> list[str] | None:
    """Dropdown options of a field, or None when it is typed in."""
    if isinstance(spec, Term):
        return list(labels.get(spec.taxonomy, {}).values()) or None
    if isinstance(spec, Country) and spec.in_scope:
        return [country_option(code) for code in IN_SCOPE]
    if isinstance(spec, Enum):
        return list(spec.values)
    return None


def element(name: str, spec: Field, labels: dict[str, dict[str, str]]) -> dict:
    inner = spec.item if isinstance(spec, ListOf) else spec
    attributes = {"label": label(name)}
    if description := _description(spec, inner):
        attributes["description"] = description
    choices = options(inner, labels)
    if isinstance(spec, Bool):
        kind, attributes = "checkboxes", {"label": label(name), "options": [{"label": label(name)}]}
    elif choices:
        kind = "dropdown"
        attributes.update(multiple=isinstance(spec, ListOf), options=choices)
    elif (isinstance(inner, Text) and inner.multiline) or isinstance(inner, Object):
        kind = "textarea"
    else:
        kind = "input"
    item = {"type": kind, "id": name, "attributes": attributes}
    if spec.required and kind != "checkboxes":
        item["validations"] = {"required": True}
    return item


def consent_element() -> dict:
    return {"type": "checkboxes", "id": "consent", "attributes": {
        "label": label("consent"),
        "description": "Required: without your consent no profile is published.",
        "options": [{"label": consent_statement(), "required": True}]}}


INTRO = """\
Ask to be listed in the expert directory of the ASEAN-Korea Migration Network. A maintainer
reviews your request; when it is accepted, your profile is added through a pull request and
published with the next update of the site.

**This issue is public:** everything you write here, including an email address, can be read
by anyone on GitHub. Leave the email empty if it must stay private."""


def form(labels: dict[str, dict[str, str]]) -> dict:
    """The issue form. `labels` maps a taxonomy name to {id: label}."""
    body = [{"type": "markdown", "attributes": {"value": INTRO}}]
    for name, spec in EXPERT.fields.fields.items():
        if name not in LEFT_OUT | {"consent"}:
            body.append(element(name, spec, labels))
    body.append({"type": "textarea", "id": BODY[0], "attributes": {
        "label": BODY[1], "description": "A few sentences about your work, in Markdown."}})
    body.append(consent_element())  # last: no other answer can be read as a tick here
    return {"name": "Join the network as an expert",
            "description": "Ask to be listed in the expert directory, with your consent to a public profile.",
            "title": "Join the network: ", "labels": [REQUEST_LABEL], "body": body}


def taxonomy_labels(root: Path) -> dict[str, dict[str, str]]:
    return labels_of(load_content(root))


HEADER = ("# Generated from akmn/schema.py and content/taxonomies/ by `make docs` (python -m akmn.docs):\n"
          "# do not edit; change the schema or the taxonomy instead. Element ids are field names.\n")


class _Dumper(yaml.SafeDumper):
    """Text of several lines as a `|` block, so the committed form reads like the text."""


_Dumper.add_representer(str, lambda dumper, text: dumper.represent_scalar(
    "tag:yaml.org,2002:str", text, style="|" if "\n" in text else None))


def form_yaml(root: Path) -> str:
    return HEADER + yaml.dump(form(taxonomy_labels(root)), Dumper=_Dumper, sort_keys=False,
                              allow_unicode=True, width=100)


def write(root: Path) -> bool:
    """Rewrite the committed form under `root`; True when it changed."""
    path = Path(root) / FORM_PATH
    text = form_yaml(root)
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


def join_url(repo_url: str | None) -> str | None:
    """Where the form opens, for a repository on GitHub; None when there is none to link to."""
    if not repo_url or not repo_url.startswith("https://github.com/"):
        return None
    return f"{repo_url.rstrip('/')}/issues/new?template={TEMPLATE}"
