"""The web editor: a Sveltia CMS admin (/admin/) whose config is generated from the record kinds.

Every field widget comes from the field type's own `.cms()` (fields.py), so the editor offers
exactly the fields the validator accepts: select widgets list the taxonomy ids, references are
relation widgets over the other collections, required fields are marked. Web edits go through
`publish_mode: editorial_workflow`, so each one becomes a pull request that CI validates.

Why Sveltia and not Decap (the comparison is in CONTRIBUTING.md, "Web editor"): Decap enforces
the required sub-fields of an optional group that is absent (so no country profile without an
SDG 10.7.2 rating could be saved), needs an OAuth proxy for GitHub sign-in, and its local
backend (decap-server) commits with `git add .`. Sveltia reads the same config format, leaves
absent optional groups out, signs in with a GitHub token, and edits a local clone through the
browser's File System Access API without committing anything.

The taxonomies (content/taxonomies/*.yml) are left out of the editor on purpose: each file is a
top-level YAML list of groups, which rarely changes; they are edited as files.

The CMS script is served from the npm package (node_modules/@sveltia/cms/dist), never a CDN:
`write_admin()` copies it beside the generated files.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
import yaml

from .fields import ID_RE, SchemaError
from .schema import KINDS, translation_fields

REPO = Path(__file__).resolve().parent.parent
CMS_DIST = REPO / "node_modules" / "@sveltia" / "cms" / "dist"
CMS_SCRIPT = "sveltia-cms.js"
MEDIA_FOLDER = "docs/assets/uploads"
PUBLIC_FOLDER = "/assets/uploads"
PLACEHOLDER_REPO = "OWNER/REPO"
# Keys of mkdocs.yml `extra.cms`, passed to the GitHub backend as they are.
BACKEND_SETTINGS = ("branch", "base_url", "auth_endpoint")

TEMPLATES = jinja2.Environment(loader=jinja2.PackageLoader("akmn", "templates"), autoescape=True,
                               keep_trailing_newline=True)
ID_HINT = ("The file name of the record, which other records use to refer to it: lowercase "
           "Latin letters, digits and hyphens, such as kim-min-jun. For a name in Korean, Thai or "
           "another script, type its Latin spelling. It cannot be changed later.")


def slug_options(kind) -> dict:
    """How a new record's file name (its id) is made: the kind's fixed template (schema.py), or
    an "ID" box on the new record's form, filled from the name or title (accents dropped:
    Nguyễn -> nguyen) and checked against the id rule; a name in Korean or Thai script has no
    spelling in Latin letters the editor could guess, so the contributor types the id there.
    Ids never change after creation: other records refer to them."""
    if kind.slug:
        return {"template": kind.slug, "editable": False}
    return {"template": "{{" + kind.title_field + "}}", "editable": ["create"], "hint": ID_HINT,
            "pattern": [ID_RE.pattern, "lowercase Latin letters, digits and single hyphens only"]}


def index_html() -> str:
    """The admin page, from akmn/templates/admin.html."""
    return TEMPLATES.get_template("admin.html").render(script=CMS_SCRIPT)


def repo_from_url(repo_url: str | None) -> str:
    """owner/name from MkDocs' repo_url (https://github.com/owner/name); a placeholder when unset."""
    if not repo_url:
        return PLACEHOLDER_REPO
    parts = urlsplit(repo_url)
    path = parts.path.strip("/").removesuffix(".git").split("/")
    if parts.netloc.lower() != "github.com" or len(path) != 2 or not all(path):
        raise ValueError(f"repo_url {repo_url!r} is not a GitHub repository address such as "
                         "https://github.com/owner/name: the web editor needs one")
    return "/".join(path)


def backend(repo_url: str | None, settings: dict | None) -> dict:
    """The GitHub backend from repo_url and mkdocs.yml `extra.cms` (branch, base_url, auth_endpoint)."""
    settings = dict(settings or {})
    unknown = sorted(set(settings) - set(BACKEND_SETTINGS))
    if unknown:
        raise ValueError(f"mkdocs.yml extra.cms: unknown key {', '.join(unknown)}; "
                         f"allowed: {', '.join(BACKEND_SETTINGS)}")
    found = {"name": "github", "repo": repo_from_url(repo_url), "branch": "main"}
    found.update({key: str(value) for key, value in settings.items() if value})
    if "base_url" not in found:
        # Without an OAuth proxy, "Sign in with GitHub" would go to Netlify's and fail: offer
        # only the sign-in with a personal access token.
        found["auth_methods"] = ["token"]
    return found


def _widgets(kind, taxonomies: dict[str, list[str]]) -> list[dict]:
    fields = [spec.cms(name, taxonomies) for name, spec in kind.fields.fields.items()]
    for name in kind.fields.required_unless:
        for widget in fields:
            if widget["name"] == name:
                # The form is how real people join; an example record made here carries it too.
                note = "required in the web editor"
                widget["hint"] = f"{widget['hint']}; {note}" if widget.get("hint") else note
                widget["required"] = True
    # Markdown source first: the rich-text mode rewrites what it opens (*a* becomes _a_), so a
    # one-field edit would also change the text; contributors can still switch to it.
    fields.append({"name": "body", "label": "Text", "widget": "markdown", "modes": ["raw", "rich_text"],
                   "required": False, "hint": "the page text below the fields, in Markdown"})
    return fields


def records_only(kind) -> dict:
    """A filter that lists a kind's records and not its translations (<id>.ko.md, in the same
    folder): Sveltia would list each translation as one more record and open it in the record's
    form. The filter keeps the entries that have a required field no translation may have
    (Sveltia tests the pattern on the field's value as text, an absent one read as "null")."""
    translated = translation_fields(kind).fields
    marker = next((name for name, spec in kind.fields.fields.items()
                   if spec.required and name not in translated), None)
    if marker is None:  # a schema change, caught by the editor's tests before anyone edits
        raise SchemaError(f"{kind.folder}: the web editor needs a required field that translations "
                          "do not have, to list records without their translations")
    return {"field": marker, "pattern": "^(?!null$)."}


def collection(kind, taxonomies: dict[str, list[str]]) -> dict:
    return {
        "name": kind.folder,
        "label": kind.plural,
        "label_singular": kind.title,
        "description": kind.summary,
        "folder": f"content/{kind.folder}",
        "create": True,
        # Withdrawing a record is a pull request that deletes the file (CONTRIBUTING.md): the
        # editor's delete would remove it without review and leave references to it dangling.
        "delete": False,
        "extension": "md",
        "format": "frontmatter",
        "filter": records_only(kind),
        "slug": slug_options(kind),
        "identifier_field": kind.title_field,
        "summary": "{{" + kind.title_field + "}}",
        "editor": {"preview": False},
        "fields": _widgets(kind, taxonomies),
    }


def cms_config(taxonomies: dict[str, list[str]], repo_url: str | None = None,
               settings: dict | None = None) -> dict:
    """The Sveltia CMS config. `taxonomies` maps a taxonomy name to {id: label} (load.taxonomy_labels),
    or to its ids (load.taxonomy_ids) where labels are not at hand;
    `repo_url` is MkDocs' repo_url and `settings` mkdocs.yml `extra.cms`."""
    return {
        "backend": backend(repo_url, settings),
        "publish_mode": "editorial_workflow",
        "media_folder": MEDIA_FOLDER,
        "public_folder": PUBLIC_FOLDER,
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        # Optional fields left empty are not written: an absent group stays absent, and a saved
        # record holds only what the contributor filled in (see CONTRIBUTING.md for the layout).
        "output": {"omit_empty_optional_fields": True},
        "collections": [collection(kind, taxonomies) for kind in KINDS.values()],
    }


class _NoAliases(yaml.SafeDumper):
    # Option lists are shared between widgets; write each one out instead of as &id/*id aliases.
    def ignore_aliases(self, data):
        return True


def config_yaml(config: dict) -> str:
    header = "# Generated from akmn/schema.py by akmn.cms: do not edit; change the schema instead.\n"
    return header + yaml.dump(config, Dumper=_NoAliases, sort_keys=False, allow_unicode=True, width=100)


def admin_files(taxonomies: dict[str, list[str]], **options) -> dict[str, str]:
    """Relative path in the built site -> text: the admin page and its generated config.

    `options` go to cms_config (repo_url, settings)."""
    return {"admin/index.html": index_html(),
            "admin/config.yml": config_yaml(cms_config(taxonomies, **options))}


def cms_script_files(dist: Path = CMS_DIST) -> list[Path]:
    """sveltia-cms.js and the chunks it imports from chunks/ beside it (source maps left out)."""
    main = dist / CMS_SCRIPT
    if not main.is_file():
        raise FileNotFoundError(f"{main} is missing: run `npm ci` (make does it) to install @sveltia/cms")
    return [main, *sorted(dist.glob("chunks/*.js"))]


def write_admin(site_dir: Path, taxonomies: dict[str, list[str]], dist: Path = CMS_DIST,
                **options) -> list[Path]:
    """Write admin/index.html, admin/config.yml and the CMS script into a built site."""
    admin = Path(site_dir) / "admin"
    written = []
    for rel, text in admin_files(taxonomies, **options).items():
        path = Path(site_dir) / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    for script in cms_script_files(dist):
        target = admin / script.relative_to(dist)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(script, target)
        written.append(target)
    return written
