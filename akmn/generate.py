"""Stage 5, generate: every generated page as the text of a Markdown file, for any engine that
reads a docs folder. The MkDocs hooks add these texts as in-memory files; `akmn pages` writes
them next to a copy of docs/ for Zensical, which runs no hooks. One path, so both engines get
the same pages.

A page's front matter names its template and its title and carries its prepared view as JSON
(a YAML flow mapping that both engines' YAML readers parse back to the same strings). Every
string of a view is already-safe HTML, and neither engine autoescapes (MkDocs' Jinja
environment and Zensical's MiniJinja one both have autoescaping off), so templates print them
as they are: nothing is escaped twice or unescaped. A record's body is converted and sanitised
here, into the view, because Zensical has no hook to sanitise it after its own Markdown pass.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Iterator
from dataclasses import fields, is_dataclass
from pathlib import Path, PurePosixPath

import yaml
from markupsafe import escape

from . import i18n
from .html import body_html, site_relative
from .issueform import join_url
from .pipeline import Result
from .review import Policy, last_changed, today_from_env
from .site import SiteSettings, language_of, read_config, set_edition
from .views.base import PageSpec, url_of
from .views.pages import Renderer

HOME = "index.md"  # the hand-written home page (docs/index.md), which gets its view added


def prepare(result: Result, root: Path, settings: SiteSettings) -> Renderer:
    """What prepares every view of a valid RESULT: the pages here, the citations, feeds and
    licence file in akmn.postbuild. ValueError for wrong settings (SettingsError is one)."""
    policy = Policy.from_settings(settings.extra.get("akmn"), today_from_env())
    site = settings.site()  # wrong editor or licence settings stop here too
    return Renderer(result.content, result.graph, result.publish, policy, last_changed(root),
                    join_url(settings.repo_url), directory_urls=settings.use_directory_urls, site=site)


def generate(result: Result, root: Path, settings: SiteSettings, docs_dir: Path,
             renderer: Renderer | None = None) -> dict[str, str]:
    """src_uri -> Markdown text of every generated page of a valid RESULT, home included.
    ValueError for wrong settings (SettingsError is one)."""
    return dict(iter_pages(result, root, settings, docs_dir, renderer))


def iter_pages(result: Result, root: Path, settings: SiteSettings, docs_dir: Path,
               renderer: Renderer | None = None) -> Iterator[tuple[str, str]]:
    """(src_uri, Markdown text) of every generated page, one at a time, so that a caller that
    keeps them packed (the MkDocs hooks) never holds every page's text at once."""
    renderer = renderer or prepare(result, root, settings)
    for spec in renderer.pages():
        yield spec.src_uri, page_text(spec)
    home = i18n.hand_written(docs_dir / HOME).read_text(encoding="utf-8")
    yield HOME, with_view(home, renderer.home_page())


def page_text(spec: PageSpec) -> str:
    # A record's view is a dataclass of plain lists and mappings: its fields are read as they
    # are (dataclasses.asdict deep-copied every view, a tenth of the build at 1,000 records).
    view = ({f.name: getattr(spec.view, f.name) for f in fields(spec.view)} if is_dataclass(spec.view)
            else dict(spec.view))
    if spec.sanitise:
        body = body_html(spec.body, view.get("body_lang") or None)
        view["body"] = site_relative(body, url_of(spec.src_uri))
    # The title is HTML-escaped because Material prints page titles unescaped; so is the
    # description (the view's summary, escaped there), which Material prints as the meta
    # description and main.html as the sharing cards'.
    description = f"description: {_json(str(view['summary']))}\n" if view.get("summary") else ""
    return (f"---\ntemplate: {spec.template}\ntitle: {_json(str(escape(spec.title)))}\n{description}"
            f"view: {_json(view)}\n---\n")


def with_view(text: str, view: dict) -> str:
    """A hand-written page with VIEW added to its front matter."""
    line = f"view: {_json(view)}\n"
    return "---\n" + line + text[4:] if text.startswith("---\n") else f"---\n{line}---\n{text}"


# Characters that YAML reads as line breaks (folding them into spaces) or refuses; JSON's \u
# escape means the same in YAML's double-quoted strings.
_NOT_YAML = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")


def _json(value) -> str:
    """VALUE as one line of YAML that reads back to the same value: JSON is YAML flow syntax."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=_day)
    return _NOT_YAML.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


MARKER = ".akmn-pages"  # marks a folder `akmn pages` wrote, so it may empty it next time


def _day(value) -> str:
    """A date in a view prints as it would in a template: YYYY-MM-DD. Anything else is a mistake."""
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"a view holds {value!r}: views hold text, numbers, lists and mappings")


def write_docs(pages: dict[str, str], docs_dir: Path, out: Path) -> int:
    """A complete docs folder at OUT: a copy of DOCS_DIR (each hand-written page in the active
    language: i18n.hand_written) with the generated pages written over it. A page whose record
    was removed does not stay behind; a folder that this did not write (docs/, content/, a typo)
    is refused, never emptied."""
    files = {path.relative_to(docs_dir).as_posix(): i18n.hand_written(path).read_bytes()
             for path in docs_dir.rglob("*")
             if path.is_file() and not any(path.match(p) for p in i18n.TRANSLATED_PAGES)}
    files.update((uri, text.encode("utf-8")) for uri, text in pages.items())
    _sync(out, files)
    return len(pages)


def _sync(out: Path, files: dict[str, bytes]) -> None:
    """Make OUT hold exactly FILES (path -> bytes) and the marker. Only files whose bytes changed
    are written and only stale ones removed, so a watching server (`zensical serve`, which
    `akmn pages --watch` feeds) rebuilds what changed and never sees the folder missing."""
    if out.exists() and any(out.iterdir()) and not (out / MARKER).exists():
        raise ValueError(f"{out}: exists and was not written by `akmn pages`: choose a new or empty folder")
    files = {**files, MARKER: b"Written by `akmn pages`: rewritten on every run.\n"}
    for path in sorted(out.rglob("*"), reverse=True) if out.exists() else ():  # a folder after its files
        if path.is_dir() and not any(path.iterdir()):
            path.rmdir()
        elif path.is_file() and path.relative_to(out).as_posix() not in files:
            path.unlink()
    for rel, data in files.items():
        path = out / rel
        if not path.is_file() or path.read_bytes() != data:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)


# `_("...")` in a template: a gettext call (MkDocs' hook installs Jinja's i18n extension).
_MESSAGE = re.compile(r'(?<![\w.])_\("((?:[^"\\]|\\.)*)"\)')
# `ngettext("%(num)d entry", "%(num)d entries", count)`, COUNT a plain expression.
_STRING = r'"((?:[^"\\]|\\.)*)"'
_PLURAL = re.compile(rf'(?<![\w.])ngettext\(\s*{_STRING}\s*,\s*{_STRING}\s*,\s*([^(),]+?)\s*\)')


def translated_templates(text: str, lang: str) -> str:
    """A template with every `_("message")` replaced by the message from LANG's catalog as a
    string literal: Zensical's template engine has no gettext and runs no hooks to add one."""
    catalog = i18n.catalog(lang)

    def quoted(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    def unquoted(text: str) -> str:
        return re.sub(r"\\(.)", r"\1", text)

    def literal(found: re.Match) -> str:
        return quoted(catalog.gettext(unquoted(found.group(1))))

    def plural(found: re.Match) -> str:
        # The catalog's forms for one and for many (English and Korean have no other), with
        # the count put in as Jinja's newstyle gettext does.
        one, many = (catalog.ngettext(unquoted(found.group(1)), unquoted(found.group(2)), n) for n in (1, 2))
        count = found.group(3)
        return (f'(({quoted(one)} if ({count}) == 1 else {quoted(many)})'
                f' | replace("%(num)d", ({count}) | string))')

    return _MESSAGE.sub(literal, _PLURAL.sub(plural, text))


def write_templates(templates: Path, out: Path, lang: str, views: dict[str, dict] | None = None) -> int:
    """A copy of the theme's override folder at OUT with the interface strings put in (see
    translated_templates), kept like `write_docs`' folder; the count of templates. VIEWS gives
    a template with no page (404.html) its view where it says `{# akmn:view -#}`: Zensical
    renders such a template with the configuration alone and no hook to add to it."""
    files = {}
    for path in templates.rglob("*"):
        rel = path.relative_to(templates).as_posix()
        if path.suffix == ".html":
            text = translated_templates(path.read_text(encoding="utf-8"), lang)
            if rel in (views or {}):
                text = text.replace(VIEW_MARK, "{% set view = " + _json(views[rel]) + " -%}")
            files[rel] = text.encode("utf-8")
        elif path.is_file():
            files[rel] = path.read_bytes()
    _sync(out, files)
    return sum(rel.endswith(".html") for rel in files)


VIEW_MARK = "{# akmn:view -#}"


def write_config(root: Path, name: str, out: Path, docs: Path, templates: Path) -> dict:
    """The edition ROOT/NAME's configuration for Zensical at OUT, resolved as MkDocs reads it
    (akmn.site.read_config: Zensical's INHERIT would repeat the nav) with what the hooks set
    under MkDocs: the folders `akmn pages` wrote, the edition's site folder under the English
    one and its address, and the language switcher. Zensical requires the site folder inside
    the configuration's folder, so OUT goes in the project folder. The configuration written."""
    from .i18n import edition_root

    config, english = read_config(root, name), read_config(root, "mkdocs.yml")
    lang = language_of(config)
    site_dir = Path(root) / english.get("site_dir", "site") / edition_root(lang)
    config.pop("hooks", None)  # Zensical runs none: `akmn pages` and `akmn postbuild` do their work
    config.update(docs_dir=_relative(docs, out), site_dir=_relative(site_dir, out),
                  site_url=set_edition(config.setdefault("extra", {}), lang, config.get("site_url")))
    config.setdefault("theme", {})["custom_dir"] = _relative(templates, out)
    config["nav"] = nav_by_address(config.get("nav") or [], docs)
    text = yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=1000)
    out.write_text(f"# Written by `akmn pages` from {name} for Zensical (README.md, \"Zensical\").\n{text}",
                   encoding="utf-8")
    return config


def nav_by_address(nav: list, docs: Path) -> list:
    """NAV with each entry whose title is its page's own (the title in the front matter of the
    page in DOCS) naming the page by address instead of by file. Zensical (0.0.73) copies the
    front matter of every page the nav names by file into the nav, and copies and serialises the
    whole nav for every page it renders: the lists' views grow with the records (Experts: 0.4 MB
    at 2,000), so the build grew with the square of the records (docs/dev/scale.md, "Zensical at
    10,000 records"). An entry with a title of its own keeps its file: only then does Zensical,
    as MkDocs, head the page with the nav's title (the home page too, which it finds by file)."""
    return [_address(entry, None, docs) if isinstance(entry, str) else
            {title: nav_by_address(value, docs) if isinstance(value, list) else _address(value, title, docs)
             for title, value in entry.items()}
            for entry in nav]


def _address(path: str, title: str | None, docs: Path) -> str:
    """The address of the page PATH in DOCS with directory URLs (MkDocs' and our default) when its
    front matter's title is TITLE, else PATH."""
    page = PurePosixPath(path)
    if path == HOME or page.suffix != ".md" or _own_title(docs / path) != title:
        return path
    return f"{page.parent if page.stem in ('index', 'README') else page.with_suffix('')}/"


def _own_title(path: Path) -> str | None:
    """The title in the front matter of the page at PATH, read line by line: a list's front
    matter holds a view of every record on one line."""
    if not path.is_file():
        return None
    with path.open(encoding="utf-8") as lines:
        if next(lines, "") != "---\n":
            return None
        for line in lines:
            if line == "---\n":
                return None
            if line.startswith("title:"):
                return str(yaml.safe_load(line)["title"])
    return None


def _relative(path: Path, config_file: Path) -> str:
    return os.path.relpath(Path(path).resolve(), Path(config_file).resolve().parent)
