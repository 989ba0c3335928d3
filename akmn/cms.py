"""The web editor: a Decap CMS admin (/admin/) whose config is generated from the record kinds.

Every field widget comes from the field type's own `.cms()` (fields.py), so the editor offers
exactly the fields the validator accepts: select widgets list the taxonomy ids, references are
relation widgets over the other collections, required fields are marked. Web edits go through
`publish_mode: editorial_workflow`, so each one becomes a pull request that CI validates.

The taxonomies (content/taxonomies/*.yml) are left out of the editor on purpose: each file is a
top-level YAML list, and Decap's file collections can only edit a mapping at the top level, so it
would rewrite the file into another shape. Taxonomies change rarely; they are edited as files.

The CMS script is served from the npm package (node_modules/decap-cms/dist), never a CDN:
`write_admin()` copies it beside the generated files.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from .schema import KINDS

REPO = Path(__file__).resolve().parent.parent
CMS_DIST = REPO / "node_modules" / "decap-cms" / "dist"
MEDIA_FOLDER = "docs/assets/uploads"
PUBLIC_FOLDER = "/assets/uploads"

# How a new record's file name (its id) is made from what the editor typed. Decap lowercases
# the value and, with `encoding: ascii` and `clean_accents`, turns "Nguyễn Văn A" into
# nguyen-van-a, which matches the id rule ^[a-z0-9]+(-[a-z0-9]+)*$.
SLUGS = {
    "expert": "{{slug}}",  # from the name
    "country": "{{country}}",  # KR -> kr.md, as the contract requires
    "meeting": "{{slug}}",  # from the title
    "practice": "{{slug}}",
    "program": "program-{{number}}",  # program 2 lives in program-2.md
}

INDEX_HTML = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <title>Content manager · ASEAN-Korea Migration Network</title>
  <link href="config.yml" type="text/yaml" rel="cms-config-url">
</head>
<body>
  <!-- Decap CMS from the pinned npm package (package.json), copied here by the site build. -->
  <script src="decap-cms.js"></script>
</body>
</html>
"""


def collection(kind, taxonomies: dict[str, list[str]]) -> dict:
    fields = [spec.cms(name, taxonomies) for name, spec in kind.fields.fields.items()]
    for name, flag in kind.fields.required_unless.items():
        for widget in fields:
            if widget["name"] == name:
                note = f"required unless `{flag}` is on"
                widget["hint"] = f"{widget['hint']} ({note})" if widget.get("hint") else note
    fields.append({"name": "body", "label": "Text", "widget": "markdown", "required": False,
                   "hint": "the page text below the fields, in Markdown"})
    return {
        "name": kind.folder,
        "label": kind.title if kind.title.endswith("s") else kind.title + "s",
        "label_singular": kind.title,
        "description": kind.summary,
        "folder": f"content/{kind.folder}",
        "create": True,
        "extension": "md",
        "format": "frontmatter",
        "slug": SLUGS.get(kind.name, "{{slug}}"),
        "identifier_field": kind.title_field,
        "summary": "{{" + kind.title_field + "}}",
        "fields": fields,
    }


def cms_config(taxonomies: dict[str, list[str]], repo: str = "OWNER/REPO", branch: str = "main",
               local_backend: bool | str = True) -> dict:
    """The Decap CMS config. `taxonomies` maps a taxonomy name to its ids (load.taxonomy_ids).

    `local_backend` is True (decap-server on localhost:8081, used only when the admin is opened
    from localhost) or the URL of a decap-server API such as http://127.0.0.1:8082/api/v1.
    """
    return {
        "backend": {"name": "github", "repo": repo, "branch": branch},
        "publish_mode": "editorial_workflow",
        "local_backend": local_backend if isinstance(local_backend, bool) else {"url": local_backend},
        "media_folder": MEDIA_FOLDER,
        "public_folder": PUBLIC_FOLDER,
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
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

    `options` go to cms_config (repo, branch, local_backend)."""
    return {"admin/index.html": INDEX_HTML, "admin/config.yml": config_yaml(cms_config(taxonomies, **options))}


def cms_script_files(dist: Path = CMS_DIST) -> list[Path]:
    """decap-cms.js and the chunks it loads lazily from its own folder (NNN.decap-cms.js)."""
    main = dist / "decap-cms.js"
    if not main.is_file():
        raise FileNotFoundError(f"{main} is missing: run `npm ci` (make does it) to install decap-cms")
    return [main, *sorted(dist.glob("*.decap-cms.js"))]


def write_admin(site_dir: Path, taxonomies: dict[str, list[str]], dist: Path = CMS_DIST,
                **options) -> list[Path]:
    """Write admin/index.html, admin/config.yml and the CMS script into a built site."""
    site_dir = Path(site_dir)
    written = []
    for rel, text in admin_files(taxonomies, **options).items():
        path = site_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    for script in cms_script_files(dist):
        target = site_dir / "admin" / script.name
        shutil.copyfile(script, target)
        written.append(target)
    return written
