"""MkDocs hooks: a thin adapter from MkDocs' build events to the akmn pipeline.

on_config   read, validate and link the records (a content problem stops the build here,
            before anything is written, with the same path:line messages as `akmn validate`;
            under `mkdocs serve` the site becomes one error page listing them instead)
on_files    add the generated pages (akmn.generate: one page per record, index, topic and
            overview page, each carrying its prepared view in its front matter; the same
            texts `akmn pages` writes for Zensical) and the home page with its view
on_post_build  write open data, schemas and the web editor (/admin/), then index the site
            with Pagefind

Record pages are generated files that are not in the nav: every page embeds the whole nav,
so putting thousands of records there would make the build quadratic.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from akmn.errorpage import error_page
from akmn.export import run_pagefind
from akmn.generate import HOME, generate
from akmn.pipeline import publish_from_env, run
from akmn.postbuild import write_site_data
from akmn.problems import ContentError
from akmn.render import not_found_view
from akmn.site import SiteSettings

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
    settings = SiteSettings(config.repo_url, dict(config.extra), config.use_directory_urls, config.docs_dir)
    try:  # wrong settings stop the build here too, before a file is written
        pages = generate(result, root, settings, Path(config.docs_dir))
    except ValueError as err:  # SettingsError is one too
        raise PluginError(str(err)) from None
    _state.update(root=root, result=result, pages=pages)
    config.extra["akmn_publish"] = publish
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
    files.remove(files.get_file_from_path(HOME))  # replaced by the home page with its view
    for uri, text in _state["pages"].items():
        files.append(File.generated(config, uri, content=text))
    return files


def _cached(key, caller):
    """`{% call akmn_cache(key) %}...{% endcall %}`: render a fragment once per key and build.

    Record and topic pages are not in the nav, so at one folder depth they share the same
    navigation HTML; rendering Material's nav for each of 10,000 pages was the largest single
    cost of the build. A global called from a call block, not a template tag: Zensical's
    template engine would refuse an unknown tag, and its templates skip the call when
    `akmn_cache` is undefined."""
    cache = _state.setdefault("fragments", {})
    if key not in cache:
        cache[key] = caller()
    return cache[key]


def on_env(env, config, files):
    env.globals["akmn_cache"] = _cached
    return env


def on_template_context(context, template_name, config):
    if template_name == "404.html":
        context["view"] = not_found_view()
    return context


def on_post_page(output, page, config):
    page.meta.pop("view", None)  # a written page's view is not needed again: free its memory
    return output


def on_post_build(config):
    site_dir = Path(config.site_dir)
    if "problems" in _state:
        # index.html for the server's address rewrite below; 404.html for its fallback.
        for name in ("index.html", "404.html"):
            (site_dir / name).write_text(error_page(_state["problems"]), encoding="utf-8")
        return
    write_site_data(site_dir, _state["result"], config.repo_url, config.extra.get("cms"))
    run_pagefind(site_dir)


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
