"""MkDocs hooks: a thin adapter from MkDocs' build events to the akmn pipeline.

on_config   read, validate and link the records (a content problem stops the build here,
            before anything is written, with the same path:line messages as `akmn validate`;
            under `mkdocs serve` the site becomes one error page listing them instead)
on_files    add one generated page per record, index, topic and overview page
on_page_*   hand each page its prepared view; sanitise record bodies after Markdown
on_post_build  write open data, schemas and the web editor (/admin/), then index the site
            with Pagefind

Record pages are generated files that are not in the nav: every page embeds the whole nav,
so putting thousands of records there would make the build quadratic.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from jinja2 import nodes
from jinja2.ext import Extension
from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from akmn.cms import backend as cms_backend, write_admin
from akmn.cite import Site
from akmn.errorpage import error_page
from akmn.feeds import feed_links, write_feeds
from akmn.export import run_pagefind, write_open_data
from akmn.issueform import join_url
from akmn.load import taxonomy_entries, taxonomy_ids, taxonomy_labels
from akmn.pipeline import publish_from_env, run
from akmn.problems import ContentError
from akmn.render import Renderer, not_found_view, sanitise
from akmn.review import Policy, last_changed, today_from_env

log = logging.getLogger("mkdocs.plugins.akmn")
_state: dict = {}  # one build's data: emptied by every on_config, so a rebuild sees nothing stale
_session = {"serving": False}  # for the whole process: set by on_startup and on_serve


def on_startup(command, dirty):
    _session["serving"] = command == "serve"


def on_config(config):
    root = Path(config.config_file_path).parent
    publish = publish_from_env()
    result = run(root, publish)
    _state.clear()
    if result.problems:
        if not _session["serving"]:
            raise PluginError(str(ContentError(result.problems)))
        return _error_build(config, result.problems)
    try:  # wrong settings stop the build here too, before a file is written
        policy = Policy.from_settings(config.extra.get("akmn"), today_from_env())
        cms_backend(config.repo_url, config.extra.get("cms"))
        site = Site.from_settings(config.site_name, config.site_url, config.extra, config.repo_url)
        changed = last_changed(root)
        renderer = Renderer(result.content, result.graph, publish, policy, changed,
                            join_url(config.repo_url), directory_urls=config.use_directory_urls, site=site)
    except ValueError as err:  # SettingsError is one too
        raise PluginError(str(err)) from None
    _state.update(root=root, result=result, home=renderer.home_page(), site=site, changed=changed,
                  renderer=renderer, pages={p.src_uri: p for p in renderer.pages()})
    config.extra["akmn_publish"] = publish
    config.extra["akmn_site"] = site  # licence and feeds for every page's head and footer
    config.extra["akmn_feeds"] = feed_links()
    return config


def _error_build(config, problems):
    """Under `mkdocs serve`, a content problem must not fail the build: MkDocs' server then
    leaves every page request waiting for a build that never finishes. The build goes on with
    no pages and no nav (so nothing warns in strict mode) and on_post_build writes the error
    page. The terminal gets the problems at INFO: a warning would abort a strict build."""
    log.info("Every page shows these until they are fixed. %s", ContentError(problems))
    _state.update(problems=problems)
    config.nav = None
    return config


def on_files(files, config):
    if "problems" in _state:
        return Files([])
    for spec in _state["pages"].values():
        # The title is HTML-escaped here because Material prints page titles unescaped.
        meta = (f"---\ntemplate: {spec.template}\ntitle: {_yaml_string(str(escape(spec.title)))}\n"
                f"{_description(spec)}---\n")
        files.append(File.generated(config, spec.src_uri, content=meta + spec.body))
    return files


def _description(spec) -> str:
    # Material prints page.meta.description as it is: the view's summary is already escaped.
    summary = spec.view.get("summary") if isinstance(spec.view, dict) else getattr(spec.view, "summary", "")
    return f"description: {_yaml_string(str(summary))}\n" if summary else ""


def _yaml_string(text: str) -> str:
    # A JSON string is a valid YAML flow scalar, whatever characters the title holds.
    return json.dumps(text, ensure_ascii=False)


class FragmentCache(Extension):
    """`{% cache key %}...{% endcache %}`: render a fragment once per key and build.

    Record and topic pages are not in the nav, so at one folder depth they share the same
    navigation HTML; rendering Material's nav for each of 10,000 pages was the largest single
    cost of the build. (Adapted from the fragment-cache example in Jinja's documentation.)
    """

    tags = {"cache"}

    def __init__(self, environment):
        super().__init__(environment)
        environment.extend(fragment_cache={})

    def parse(self, parser):
        lineno = next(parser.stream).lineno
        key = parser.parse_expression()
        body = parser.parse_statements(("name:endcache",), drop_needle=True)
        return nodes.CallBlock(self.call_method("_cached", [key]), [], [], body).set_lineno(lineno)

    def _cached(self, key, caller):
        cache = self.environment.fragment_cache
        if key not in cache:
            cache[key] = caller()
        return cache[key]


def on_env(env, config, files):
    env.add_extension(FragmentCache)
    env.fragment_cache = {}  # a new build (mkdocs serve rebuilds) starts with an empty cache
    return env


def on_page_context(context, page, config, nav):
    spec = _state["pages"].get(page.file.src_uri)
    if spec is not None:
        context["view"] = spec.view
    elif page.file.src_uri == "index.md":
        context["view"] = _state["home"]
    return context


def on_template_context(context, template_name, config):
    if template_name == "404.html":
        context["view"] = not_found_view()
    return context


def on_page_content(html, page, config, files):
    spec = _state["pages"].get(page.file.src_uri)
    return sanitise(html) if spec is not None and spec.sanitise else html


def on_post_build(config):
    site_dir = Path(config.site_dir)
    if "problems" in _state:
        # index.html for the server's address rewrite below; 404.html for its fallback.
        for name in ("index.html", "404.html"):
            (site_dir / name).write_text(error_page(_state["problems"]), encoding="utf-8")
        return
    result = _state["result"]
    taxonomies = taxonomy_ids(result.content)
    write_open_data(site_dir, result.graph, taxonomies, taxonomy_entries(result.content))
    write_admin(site_dir, taxonomy_labels(result.content), repo_url=config.repo_url,
                settings=config.extra.get("cms"))
    write_reader_files(site_dir, result.graph, _state, config)
    run_pagefind(site_dir)


def write_reader_files(site_dir: Path, graph, state: dict, config) -> None:
    """Each record's citation downloads, the Atom feeds and the licence of the open data."""
    for spec in state["pages"].values():
        cite = getattr(spec.view, "cite", None)
        if cite:
            for key, text in (("csl", cite["data"].csl_json()), ("bib", cite["data"].bibtex())):
                (site_dir / cite[key]).parent.mkdir(parents=True, exist_ok=True)
                (site_dir / cite[key]).write_text(text, encoding="utf-8")
    write_feeds(site_dir, graph, state["changed"], state["site"], state["renderer"].title_of)
    (site_dir / "data" / "LICENSE.txt").write_text(state["pages"]["data.md"].view["licence_text"], encoding="utf-8")


def on_serve(server, config, builder):
    # A running server must never stop on content, also under `serve --clean` (started as 'build').
    _session["serving"] = True
    server.watch(str(Path(config.config_file_path).parent / "content"))
    server.set_app(_error_page_while_broken(server.get_app(), server.mount_path))
    return server


def _error_page_while_broken(app, home):
    """While the content is broken, answer every address (except the live-reload poll) with the
    error page, status 500, through MkDocs' own handler: it waits for a running rebuild and
    adds the live-reload script, so the browser shows the site again once the content is fixed."""
    def serve(environ, start_response):
        if "problems" not in _state or environ["PATH_INFO"].startswith("/livereload/"):
            return app(environ, start_response)

        def start(status, headers, exc_info=None):
            status = "500 Internal Server Error" if status.startswith("200") else status
            return start_response(status, headers, exc_info)
        return app({**environ, "PATH_INFO": home}, start)
    return serve
