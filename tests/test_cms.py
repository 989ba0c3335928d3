"""The web editor's admin (Sveltia CMS) is generated from the schema: every field of every kind
is editable, select options come from the taxonomies, references are relation widgets, web edits
become pull requests (editorial workflow), the backend comes from repo_url and extra.cms, and the
script is served from the site, not a CDN."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
import yaml

from akmn import cms
from akmn.cite import Site
from akmn.fields import Context, Email, Language, ListOf, Ref, Term, Url
from akmn.load import taxonomy_ids
from akmn.pipeline import run
from akmn.schema import KINDS
from helpers import REPO, build_site, make_project, need


@pytest.fixture(scope="module")
def taxonomies() -> dict[str, list[str]]:
    return taxonomy_ids(run(str(REPO)).content)


@pytest.fixture(scope="module")
def config(taxonomies) -> dict:
    # Parse the YAML that is served, not the dict, so the test covers the file the editor reads.
    return yaml.safe_load(cms.admin_files(taxonomies)["admin/config.yml"])


def collections(config) -> dict[str, dict]:
    return {c["name"]: c for c in config["collections"]}


def schema_fields(schema: dict, prefix=()):
    """(path, sub-schema) of every field in a JSON Schema, through lists and groups."""
    if schema.get("type") == "array":
        schema = schema["items"]
    required = set(schema.get("required", ()))
    for name, sub in schema.get("properties", {}).items():
        yield prefix + (name,), sub, name in required
        yield from schema_fields(sub, prefix + (name,))


def widgets(fields: list[dict], prefix=()):
    for widget in fields:
        path = prefix + (widget["name"],)
        yield path, widget
        yield from widgets(widget.get("fields", []), path)


def test_every_field_of_every_kind_is_in_the_config(config, taxonomies):
    by_name = collections(config)
    assert len(by_name) == len(KINDS)
    for kind in KINDS.values():
        collection = by_name[kind.folder]
        editable = dict(widgets(collection["fields"]))
        schema = kind.json_schema(taxonomies)
        expected = list(schema_fields(schema))
        assert expected, kind.name
        # Required in the form as in the files, and groups required unless a flag (consent) too:
        # the form is how real people join.
        form_required = {(name,) for name in kind.fields.required_unless}
        for path, sub, required in expected:
            assert path in editable, f"{kind.name}: {'.'.join(path)} has no widget"
            if sub.get("const") is True:  # the one allowed value, written without a control
                assert editable[path] | {"widget": "hidden", "default": True} == editable[path], path
                assert "required" not in editable[path], path
                continue
            where = f"{kind.name}: {'.'.join(path)}"
            assert editable[path]["required"] is (required or path in form_required), where
            if "enum" in sub or "enum" in sub.get("items", {}):
                enum = sub.get("enum") or sub["items"]["enum"]
                assert editable[path]["widget"] == "select", path
                assert editable[path]["options"] == enum, path
        # Nothing the validator would reject as an unknown field, except the Markdown body.
        extra = set(editable) - {p for p, _, _ in expected} - {("body",)}
        assert not extra, f"{kind.name}: widgets for fields the schema does not have: {extra}"
        assert editable[("body",)]["widget"] == "markdown"


def test_collections_write_records_where_the_validator_reads_them(config):
    for name, collection in collections(config).items():
        kind = next(k for k in KINDS.values() if k.folder == name)
        assert collection["folder"] == f"content/{kind.folder}"
        assert (REPO / collection["folder"]).is_dir()
        assert collection | {"create": True, "extension": "md", "format": "frontmatter"} == collection
        assert collection["identifier_field"] in kind.fields.fields
        assert collection["delete"] is False  # withdrawing a record is a reviewed pull request
    assert collections(config)["countries"]["slug"] == {"template": "{{country}}", "editable": False}
    assert collections(config)["programs"]["slug"] == {"template": "program-{{number}}", "editable": False}
    assert config["slug"]["encoding"] == "ascii" and config["slug"]["clean_accents"] is True
    assert config["output"]["omit_empty_optional_fields"] is True


def test_records_named_in_text_get_an_id_box_checked_against_the_id_rule(config):
    by_name = collections(config)
    for kind in KINDS.values():
        if kind.name in ("country", "program"):
            continue
        slug = by_name[kind.folder]["slug"]
        assert slug["template"] == "{{" + kind.title_field + "}}"
        assert slug["editable"] == ["create"]  # ids never change: other records refer to them
        pattern = re.compile(slug["pattern"][0])
        for good in ("kim-min-jun", "nguyen-thi-lan", "iem-3"):
            assert pattern.fullmatch(good)
        for bad in ("Kim-Min", "kim_min", "김민준", "a--b", "-a"):
            assert not pattern.fullmatch(bad), bad
        assert "Korean" in slug["hint"]


def test_optional_true_false_fields_can_stay_unset(config):
    # A switch would write `false` into every record the editor opens; unset stays unset.
    experts = dict(widgets(collections(config)["experts"]["fields"]))
    for path in [("email_public",), ("example",)]:
        assert experts[path]["widget"] == "select"
        assert [o["value"] for o in experts[path]["options"]] == [True, False]
        assert "default" not in experts[path]


def test_labels_are_readable(config):
    countries = dict(widgets(collections(config)["countries"]["fields"]))
    assert countries[("sdg_10_7_2",)]["label"] == "SDG indicator 10.7.2: migration policy domains"
    assert countries[("figures", "source_url")]["label"] == "Source URL"
    assert countries[("sdg_10_7_2", "domains", "migrant-rights")]["label"] == "Migrant rights"
    assert countries[("last_reviewed",)]["label"] == "Last reviewed"


def test_select_options_come_from_the_taxonomies_given():
    made_up = {"themes": ["alpha-theme", "beta-theme"], "organisation-types": ["guild"],
               "migration-types": ["seasonal"], "sdg-targets": ["10.7"]}
    config = yaml.safe_load(cms.admin_files(made_up)["admin/config.yml"])
    experts = dict(widgets(collections(config)["experts"]["fields"]))
    assert experts[("expertise",)] | {"widget": "select", "multiple": True,
                                      "options": ["alpha-theme", "beta-theme"],
                                      "min": 1} == experts[("expertise",)]
    assert experts[("organisation_type",)]["options"] == ["guild"]
    countries = dict(widgets(collections(config)["countries"]["fields"]))
    # A map keyed by taxonomy ids becomes one field per id.
    assert [w["name"] for w in countries[("migration_types",)]["fields"]] == ["seasonal"]
    assert countries[("policies", "sdg_targets")]["options"] == ["10.7"]


def test_real_taxonomies_fill_the_selects(config, taxonomies):
    assert "labour-migration" in taxonomies["themes"]
    practices = dict(widgets(collections(config)["practices"]["fields"]))
    assert practices[("themes",)]["options"] == taxonomies["themes"]
    assert practices[("sdg_targets",)]["options"] == taxonomies["sdg-targets"]
    assert practices[("migration_types",)]["options"] == taxonomies["migration-types"]


def test_references_are_relation_widgets(config):
    by_name = collections(config)
    seen = 0
    for kind in KINDS.values():
        editable = dict(widgets(by_name[kind.folder]["fields"]))
        for path, spec in _ref_fields(kind.fields.fields):
            target = KINDS[spec.kind]
            widget = editable[path]
            assert widget["widget"] == "relation", path
            assert widget["collection"] == target.folder
            assert widget["value_field"] == "{{slug}}"  # the id is the file name
            target_fields = {w["name"] for w in by_name[target.folder]["fields"]}
            assert set(widget["search_fields"]) <= target_fields
            assert set(widget["display_fields"]) <= target_fields
            seen += 1
    assert seen >= 5  # programs, meetings, participants, contacts, program ...


def _ref_fields(fields, prefix=()):
    for name, spec in fields.items():
        path = prefix + (name,)
        item = spec.item if isinstance(spec, ListOf) else spec
        if isinstance(item, Ref):
            yield path, item
        elif hasattr(item, "fields"):
            yield from _ref_fields(item.fields, path)


def test_term_lists_are_multi_selects(config):
    experts = dict(widgets(collections(config)["experts"]["fields"]))
    assert isinstance(KINDS["expert"].fields.fields["expertise"].item, Term)
    assert experts[("expertise",)]["multiple"] is True
    assert experts[("programs",)]["multiple"] is True


def test_web_edits_become_pull_requests(config):
    assert config["publish_mode"] == "editorial_workflow"
    assert config["backend"] == {"name": "github", "repo": "OWNER/REPO", "branch": "main",
                                 "auth_methods": ["token"]}  # no OAuth proxy configured
    assert config["media_folder"] and config["public_folder"].startswith("/")


def test_backend_comes_from_repo_url_and_extra_cms():
    custom = cms.cms_config({}, repo_url="https://github.com/akmn/kb/", settings={
        "branch": "trunk", "base_url": "https://oauth.example.org", "auth_endpoint": "auth"})
    assert custom["backend"] == {"name": "github", "repo": "akmn/kb", "branch": "trunk",
                                 "base_url": "https://oauth.example.org", "auth_endpoint": "auth"}
    assert cms.repo_from_url("https://github.com/akmn/kb.git") == "akmn/kb"
    with pytest.raises(ValueError, match="not a GitHub repository address"):
        cms.repo_from_url("https://gitlab.com/akmn/kb")
    with pytest.raises(ValueError, match="extra.cms: unknown key repo"):
        cms.cms_config({}, settings={"repo": "akmn/kb"})


def test_edit_links_open_the_branch_the_web_editor_commits_to():
    repo = "https://github.com/akmn/kb"
    for settings, branch in (({}, "main"), ({"branch": "trunk"}, "trunk")):
        assert cms.cms_config({}, repo_url=repo, settings=settings)["backend"]["branch"] == branch
        site = Site.from_settings("KB", None, {"cms": settings}, repo)
        assert site.edit_url("content/x.md") == f"{repo}/edit/{branch}/content/x.md"
    with pytest.raises(ValueError, match="extra.cms: unknown key repo"):
        Site.from_settings("KB", None, {"cms": {"repo": "akmn/kb"}}, repo)


def test_consent_is_required_on_the_form_and_cannot_be_switched_off(config):
    experts = dict(widgets(collections(config)["experts"]["fields"]))
    assert experts[("consent",)]["required"] is True
    assert "required in the web editor" in experts[("consent",)]["hint"]
    assert experts[("consent", "public_profile")] | {"widget": "hidden", "default": True} == \
        experts[("consent", "public_profile")]
    assert experts[("consent", "date")]["required"] is True


def test_admin_page_loads_the_script_from_its_own_folder(taxonomies):
    files = cms.admin_files(taxonomies)
    assert set(files) == {"admin/index.html", "admin/config.yml"}
    html = files["admin/index.html"]
    sources = re.findall(r'<script[^>]*src="([^"]+)"', html)
    assert sources == ["sveltia-cms.js"]
    assert "http" not in html.split("<body>")[1]
    assert 'href="config.yml"' in html
    assert files["admin/config.yml"].startswith("# Generated")
    assert "&id" not in files["admin/config.yml"]  # no YAML aliases


def test_write_admin_copies_the_script_and_its_chunks(tmp_path, taxonomies):
    dist = tmp_path / "dist"
    (dist / "chunks").mkdir(parents=True)
    (dist / "sveltia-cms.js").write_text("main")
    (dist / "chunks" / "react-dom.js").write_text("chunk")
    (dist / "chunks" / "react-dom.js.map").write_text("map")
    (dist / "sveltia-cms.mjs").write_text("module build")
    site = tmp_path / "site"
    cms.write_admin(site, taxonomies, dist=dist)
    admin = site / "admin"
    written = sorted(p.relative_to(admin).as_posix() for p in admin.rglob("*") if p.is_file())
    assert written == ["chunks/react-dom.js", "config.yml", "index.html", "sveltia-cms.js"]
    with pytest.raises(FileNotFoundError, match="npm ci"):
        cms.write_admin(site, taxonomies, dist=tmp_path / "missing")


def test_the_pinned_package_ships_the_script():
    # make test runs `npm ci` first; this checks the pinned @sveltia/cms has what write_admin copies.
    if not cms.CMS_DIST.is_dir():
        pytest.fail("node_modules/@sveltia/cms is missing: run `make test` (it runs npm ci)")
    files = cms.cms_script_files()
    assert files[0].name == "sveltia-cms.js" and len(files) > 1


def test_the_build_takes_the_repository_from_repo_url(tmp_path, monkeypatch):
    root = make_project(tmp_path / "project")
    monkeypatch.setenv("AKMN_REPO_URL", "https://github.com/someone/akmn-fork")
    result = build_site(root)
    assert result.returncode == 0, result.stderr
    served = yaml.safe_load((root / "site" / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert served["backend"] | {"repo": "someone/akmn-fork", "branch": "main"} == served["backend"]
    assert (root / "site" / "admin" / "sveltia-cms.js").is_file()


def test_a_wrong_repo_url_stops_the_build_with_a_message(tmp_path, monkeypatch):
    root = make_project(tmp_path / "project")
    monkeypatch.setenv("AKMN_REPO_URL", "https://example.org/not-github")
    result = build_site(root)
    assert result.returncode != 0
    assert "is not a GitHub repository address" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (root / "site").exists()


def test_mkdocs_serve_does_not_reload_the_editor(taxonomies):
    # mkdocs serve adds a script that reloads the page after each rebuild, i.e. after each save.
    from mkdocs.livereload import LiveReloadServer

    html = cms.admin_files(taxonomies)["admin/index.html"].encode()
    served = LiveReloadServer._inject_js_into_html(None, html, epoch=1).decode()
    assert "location.reload" in served
    outside_comments = re.sub(r"<!--.*?-->", "", served, flags=re.S)
    assert "location.reload" not in outside_comments
    assert '<script src="sveltia-cms.js"></script>' in outside_comments


# What a contributor types into a text box, and whether the validator takes it.
TYPED = {
    "uri": (Url(), ["https://www.example.org/page", "http://example.org/a?b=1"],
            ["www.example.org", "example.org/page", "javascript:alert(1)", "https://example.org/a b"]),
    "email": (Email(), ["name@example.org"], ["name@example", "name at example.org", "www.example.org"]),
    "language": (Language(), ["en", "fil", "zh-Hant"], ["EN", "English", "en_US"]),
}


def sveltia_accepts(pattern: list, values: list[str]) -> list[bool]:
    """How Sveltia CMS judges VALUES against a widget's `pattern`: its string read as it reads
    one (dist/sveltia-cms.js: an optional /.../flags form, then new RegExp), run in Node."""
    need(shutil.which("node") is not None, "node is not installed: `make setup` needs it")
    script = (r"const [p, values] = JSON.parse(process.argv[1]);"
              r"const {pattern, flags} = p.match(/^\/?(?<pattern>.+?)(?:\/(?<flags>[dgimsuy]*))?$/).groups;"
              r"const re = new RegExp(pattern, flags);"
              r"console.log(JSON.stringify(values.map(v => re.test(v))));")
    proc = subprocess.run(["node", "-e", script, json.dumps([pattern[0], values])], capture_output=True,
                          text=True, timeout=60, check=True)
    return json.loads(proc.stdout)


def test_text_boxes_refuse_what_the_validator_refuses_before_saving(config, taxonomies):
    # "www.example.org" in a link's URL was saved by the form and refused only by the pull
    # request's check; every address, email and language box now says so as it is typed.
    checked = set()
    for kind in KINDS.values():
        editable = dict(widgets(collections(config)[kind.folder]["fields"]))
        for path, sub, _required in schema_fields(kind.json_schema(taxonomies)):
            widget, sub = editable[path], sub.get("items", sub)
            what = sub.get("format") or ("language" if sub.get("pattern") == Language()._schema({})["pattern"]
                                         else None)
            if what not in TYPED:
                continue
            spec, good, bad = TYPED[what]
            box = widget.get("field", widget)  # a list of languages: each item's box
            assert "pattern" in box, f"{kind.name}: {'.'.join(path)}"
            for value, accepted in zip(good + bad, sveltia_accepts(box["pattern"], good + bad), strict=True):
                valid = not list(spec.check(value, (), Context()))
                assert accepted is valid is (value in good), f"{kind.name}: {'.'.join(path)}: {value}"
            checked.add(what)
    assert checked == set(TYPED)
