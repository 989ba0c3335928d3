"""MkDocs hooks: a thin adapter from MkDocs' build events to the akmn pipeline.

on_config   read, validate and link the records (a content problem stops the build here,
            before anything is written, with the same path:line messages as `akmn validate`;
            under `mkdocs serve` the site becomes one error page listing them instead)
on_files    add the generated pages (akmn.generate: one page per record, index, topic and
            overview page, each carrying its prepared view in its front matter; the same
            texts `akmn pages` writes for Zensical) and the home page with its view
on_page_context  unpack the page's view, kept apart from the front matter MkDocs reads
            (as JSON, compressed and unread by YAML) until its page is rendered
on_post_page   hand each written page to Pagefind, which indexes it in its own process
            while MkDocs renders the next (akmn_pagefind.py)
on_post_build  write open data, schemas, the web editor (/admin/), citations, feeds and the
            data licence (akmn.postbuild, as `akmn postbuild` does for Zensical), then let
            Pagefind write its bundle
on_serve    rebuilds while serving skip Pagefind (search keeps the first build's index) and,
            with `mkdocs serve --dirty`, re-render only the pages whose input changed; while
            the content is broken every address answers with the error page

Record pages are generated files that are not in the nav: every page embeds the whole nav,
so putting thousands of records there would make the build quadratic.
"""

from __future__ import annotations

import hashlib
import json
import logging
import posixpath
import shutil
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from akmn import i18n
from akmn.errorpage import error_page
from akmn.generate import HOME, iter_pages, prepare
from akmn.pipeline import publish_from_env, run
from akmn.postbuild import write_site_data
from akmn.problems import ContentError
from akmn.render import not_found_view
from akmn.review import today_from_env
from akmn.search import release_thai_dictionary
from akmn.site import SiteSettings, set_edition
from akmn_pagefind import PagefindError, StreamIndex

log = logging.getLogger("mkdocs.plugins.akmn")
_state: dict = {}  # one build's data: emptied by every on_config, so a rebuild sees nothing stale
# For the whole process: whether we are serving, each generated page's input digest (so a
# dirty rebuild re-renders only what changed) and the first build's search index while serving.
_session: dict = {"serving": False, "inputs": {}, "served_index": None}


def on_startup(command, dirty):
    _session["serving"] = command == "serve"


class _DirtyBuildNotice(logging.Filter):
    """`mkdocs serve --dirty` (how `make serve` runs) warns on every rebuild that pages may be
    stale; the site is strict, so the warning would stop the preview. Generated pages are
    re-rendered whenever their input changed (on_files), which is what the warning is about."""

    def filter(self, record):
        return not record.getMessage().startswith("A 'dirty' build is being performed")


logging.getLogger("mkdocs.commands.build").addFilter(_DirtyBuildNotice())


def on_config(config):
    root = Path(config.config_file_path).parent
    publish = publish_from_env()
    try:
        i18n.use(config.theme["language"])
        today_from_env()  # the validator's today: a wrong $AKMN_TODAY stops here with its message
    except ValueError as err:  # SettingsError is one too
        raise PluginError(str(err)) from None
    _set_editions(config)
    result = run(root, publish)
    _state.clear()
    if result.problems:
        if not _session["serving"]:
            raise PluginError(str(ContentError(result.problems)))
        return _error_build(config, result.problems)
    settings = SiteSettings(config.repo_url, dict(config.extra), config.use_directory_urls, config.docs_dir,
                            config.site_name, config.site_url)
    try:  # wrong settings stop the build here too, before a file is written
        renderer = prepare(result, root, settings)
        pages = {uri: (*_split(text), _digest(text))
                 for uri, text in iter_pages(result, root, settings, Path(config.docs_dir), renderer)}
    except ValueError as err:  # SettingsError is one too
        raise PluginError(str(err)) from None
    if not _session["serving"]:  # a preview's rebuilds split Thai again: they keep the dictionary
        release_thai_dictionary()
    _state.update(root=root, result=result, renderer=renderer, pages=pages)
    config.extra["akmn_publish"] = publish
    return config


def _set_editions(config) -> None:
    """Each edition is built from its own config (mkdocs.ko.yml inherits mkdocs.yml) into a
    folder named after its language under the English site; the language menu and the head's
    hreflang links point at the same page in every edition (akmn.site.set_edition)."""
    config.site_url = set_edition(config.extra, i18n.lang(), config.site_url)


def _build_other_editions(config) -> None:
    """`mkdocs build` of the English site builds the other editions too, each in its own
    process (one build renders one language), into site/<lang>/. Serving builds English only."""
    if i18n.lang() != i18n.SOURCE or _session["serving"]:
        return
    root = Path(config.config_file_path).parent
    for code in i18n.langs_from_env():
        edition = root / f"mkdocs.{code}.yml"
        if code == i18n.SOURCE or not edition.exists():  # a project without it has no such edition
            continue
        args = [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(edition),
                "-d", str(Path(config.site_dir) / code)]
        if config.strict:
            args.append("--strict")
        done = subprocess.run(args, capture_output=True, text=True)
        if done.returncode:
            raise PluginError(f"The {i18n.NAMES[code]} edition did not build:\n{done.stderr.strip()}")


def _error_build(config, problems):
    """Under `mkdocs serve`, a content problem must not fail the build: MkDocs' server then
    leaves every page request waiting for a build that never finishes. The build goes on with
    no pages and no nav (so nothing warns in strict mode) and on_post_build writes the error
    page. The terminal gets the problems at INFO: a warning would abort a strict build."""
    log.info("Every page shows these until they are fixed. %s", ContentError(problems))
    _state.update(problems=problems)
    config.nav = None
    return config


def _split(text: str) -> tuple[bytes, bytes]:
    """A generated page's text without its view, which MkDocs reads, and the view's JSON
    compressed, which on_page_context reads when the page is rendered. MkDocs reads every
    page's front matter before it renders the first: read as YAML, the views were 270 MB of the
    build's memory at 10,000 records as Python objects (and YAML is thirty times slower than
    JSON on them); held as str until rendered, 10,000 views (with Korean and Thai text) were
    about 150 MB of the peak, compressed they are a sixth of that."""
    # Cut as UTF-8 bytes: about half the size of a str with a Thai or Korean letter in it, and
    # the view (a list page's is megabytes) is compressed from the encoded text without a copy.
    data = text.encode()
    start = data.index(b"\nview: ") + len(b"\nview: ")  # the line akmn.generate writes
    end = data.index(b"\n", start)
    return data[:start - len(b"view: ")] + data[end + 1:], zlib.compress(memoryview(data)[start:end], 1)


class _GeneratedPage(File):
    """A generated page: its front matter without the view, and the view apart, compressed
    (_split). A dirty build (`mkdocs serve --dirty`) re-renders it only when its input changed;
    MkDocs counts every in-memory file as modified."""

    changed = True
    view: bytes | None = None

    def is_modified(self) -> bool:
        return self.changed


def on_files(files, config):
    if "problems" in _state:
        return Files([])
    files.remove(files.get_file_from_path(HOME))  # replaced by the home page with its view
    for page in list(files.documentation_pages()):  # hand-written pages in this edition's language
        translated = i18n.hand_written(Path(page.abs_src_path))
        if translated.name != Path(page.abs_src_path).name:
            files.remove(page)
            files.append(File.generated(config, page.src_uri, abs_src_path=str(translated)))
    # A page's text is all its input (template, title and view), so its digest says whether a
    # dirty rebuild must render it again. The packed views move into the files.
    seen, before = {}, _session["inputs"]
    for uri, (source, view, digest) in _state.pop("pages").items():
        page = _GeneratedPage.generated(config, uri, content=source)
        page.view = view
        seen[uri] = digest
        page.changed = before.get(uri) != digest
        files.append(page)
    _session["inputs"] = seen
    return files


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def _cached(name, url, caller):
    """`{% call akmn_cache(name, page.url) %}...{% endcall %}`: render a fragment once per name,
    folder and build.

    Record and topic pages are not in the nav, so the pages of one folder share the same
    navigation HTML; rendering Material's nav for each of 10,000 pages was the largest single
    cost of the build. Per folder, not per depth: a link is relative to the page, so the Experts
    tab is "../" from experts/kim/ but "../../experts/" from countries/ph/. A global called from
    a call block, not a template tag: Zensical's template engine would refuse an unknown tag,
    and its templates skip the call when `akmn_cache` is undefined."""
    cache = _state.setdefault("fragments", {})
    key = (name, posixpath.dirname(url.rstrip("/")))
    if key not in cache:
        cache[key] = caller()
    return cache[key]


def on_env(env, config, files):
    env.globals["akmn_cache"] = _cached
    env.add_extension("jinja2.ext.i18n")  # `_("...")` in our templates: the catalog of this edition
    env.install_gettext_translations(i18n.catalog(i18n.lang()), newstyle=True)
    return env


def on_template_context(context, template_name, config):
    if template_name == "404.html":
        context["view"] = not_found_view()
    return context


def on_page_context(context, page, config, nav):
    if isinstance(page.file, _GeneratedPage):
        page.meta["view"] = json.loads(zlib.decompress(page.file.view))
        # Neither is read again, and MkDocs keeps its files until the build ends.
        page.file.view, page.file.content_bytes = None, b""
    return context


def _search_index(config) -> StreamIndex | None:
    """The running indexer of this build; None on rebuilds while serving and in error builds."""
    if "problems" in _state or _session["served_index"] is not None:
        return None
    if _state.get("index") is None:
        _state["index"] = StreamIndex(Path(config.site_dir))
    return _state["index"]


def on_post_page(output, page, config):
    page.meta.pop("view", None)  # a written page's view is not needed again: free its memory
    index = _search_index(config)
    if index is not None:
        index.add(page.file.dest_uri, output)
    return output


def on_post_template(output_content, template_name, config):
    index = _search_index(config)
    if index is not None and template_name.endswith(".html"):  # 404.html, as `pagefind --site` sees it
        index.add(template_name, output_content)
    return output_content


def on_build_error(error):
    if (index := _state.pop("index", None)) is not None:
        index.close()


def on_post_build(config):
    site_dir = Path(config.site_dir)
    if "problems" in _state:
        # index.html for the server's address rewrite below; 404.html for its fallback.
        for name in ("index.html", "404.html"):
            (site_dir / name).write_text(error_page(_state["problems"]), encoding="utf-8")
        return
    write_site_data(site_dir, _state["result"], _state["renderer"], config.repo_url, config.extra.get("cms"))
    if (index := _state.pop("index", None)) is not None:
        try:
            index.finish()
        except PagefindError as error:
            raise PluginError(str(error)) from None
    elif (served := _session["served_index"]) and not (site_dir / "pagefind").exists():
        shutil.copytree(served, site_dir / "pagefind")  # a clean rebuild emptied the site
    _build_other_editions(config)


def on_serve(server, config, builder):
    # A running server must never stop on content, also under `serve --clean` (started as 'build').
    _session["serving"] = True
    server.watch(str(Path(config.config_file_path).parent / "content"))
    server.set_app(_error_page_while_broken(server.get_app(), server.mount_path))
    # Rebuilds skip Pagefind, the slowest step: search keeps the first build's index, kept here
    # for rebuilds that empty the site (without --dirty). A first build that showed the error
    # page has none: then rebuilds index as a full build does.
    built = Path(config.site_dir) / "pagefind"
    if built.is_dir():
        _session["served_index"] = Path(tempfile.mkdtemp(prefix="akmn-pagefind-")) / "pagefind"
        shutil.copytree(built, _session["served_index"])
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


def on_shutdown():
    if (served := _session["served_index"]) is not None:
        shutil.rmtree(served.parent, ignore_errors=True)
        _session["served_index"] = None
