"""MkDocs hooks: a thin adapter from MkDocs' build events to the akmn pipeline.

on_config   read, validate and link the records (a content problem stops the build here,
            before anything is written, with the same path:line messages as `akmn validate`)
on_files    add one generated page per record, index, topic and overview page
on_page_*   hand each page its prepared view; sanitise record bodies after Markdown
on_post_build  write open data, schemas and the web editor (/admin/), then index the site
            with Pagefind

Record pages are generated files that are not in the nav: every page embeds the whole nav,
so putting thousands of records there would make the build quadratic.
"""

from __future__ import annotations

import json
from pathlib import Path

from jinja2 import nodes
from jinja2.ext import Extension
from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from akmn.cms import backend as cms_backend, write_admin
from akmn.export import run_pagefind, write_open_data
from akmn.load import taxonomy_ids
from akmn.pipeline import publish_from_env, run
from akmn.problems import ContentError
from akmn.render import Renderer, sanitise

_state: dict = {}


def on_config(config):
    root = Path(config.config_file_path).parent
    publish = publish_from_env()
    result = run(root, publish)
    if result.problems:
        raise PluginError(str(ContentError(result.problems)))
    try:  # a wrong repo_url or extra.cms stops the build here too, before a file is written
        cms_backend(config.repo_url, config.extra.get("cms"))
    except ValueError as error:
        raise PluginError(str(error)) from None
    renderer = Renderer(result.content, result.graph, publish)
    _state.update(root=root, result=result, home=renderer.home_page(),
                  pages={p.src_uri: p for p in renderer.pages()})
    config.extra["akmn_publish"] = publish
    return config


def on_files(files, config):
    for spec in _state["pages"].values():
        # The title is HTML-escaped here because Material prints page titles unescaped.
        meta = f"---\ntemplate: {spec.template}\ntitle: {_yaml_string(str(escape(spec.title)))}\n---\n"
        files.append(File.generated(config, spec.src_uri, content=meta + spec.body))
    return files


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


def on_page_content(html, page, config, files):
    spec = _state["pages"].get(page.file.src_uri)
    return sanitise(html) if spec is not None and spec.sanitise else html


def on_post_build(config):
    result = _state["result"]
    site_dir = Path(config.site_dir)
    taxonomies = taxonomy_ids(result.content)
    write_open_data(site_dir, result.graph, taxonomies)
    write_admin(site_dir, taxonomies, repo_url=config.repo_url, settings=config.extra.get("cms"))
    run_pagefind(site_dir)


def on_serve(server, config, builder):
    server.watch(str(Path(config.config_file_path).parent / "content"))
    return server
