"""Contributors' Markdown to safe HTML: every string a view hands a template is escaped text or
Markdown run through nh3, so templates only loop and print."""

from __future__ import annotations

import html
import re
from functools import lru_cache
from html.parser import HTMLParser
from urllib.parse import urlsplit

import markdown
import nh3
from markupsafe import Markup, escape

from .i18n import SOURCE, mark_runs, text_lang
from .i18n import lang as page_lang

# Tags and attributes that Markdown from contributors may produce; everything else (scripts,
# event handlers, styles, javascript: URLs) is removed by nh3.
ALLOWED_TAGS = {"a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em",
                "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre", "span",
                "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul"}
ALLOWED_ATTRIBUTES = {"*": {"id", "class", "lang", "dir", "title"}, "a": {"href"},
                      "img": {"src", "alt", "width", "height"}, "td": {"align"}, "th": {"align"}}


def sanitise(html: str, here: str | None = None) -> str:
    """Safe HTML, with runs in another script than HERE's (the page's language) marked."""
    return mark_scripts(nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                                  url_schemes={"http", "https", "mailto"}, link_rel=None), here)


_TAG = re.compile(r"(<[^>]*>)")


def mark_scripts(html: str, here: str | None = None) -> str:
    """HTML with each run of Hangul or Thai in its text marked (i18n.mark_runs) where it is not
    HERE, the page's language by default; the text between tags is all it touches."""
    here = here or page_lang()
    parts = _TAG.split(html)
    parts[::2] = [mark_runs(text, here) for text in parts[::2]]  # even parts are text, odd ones tags
    return "".join(parts)


_md = markdown.Markdown(extensions=["tables"])
# Characters and line patterns that make text more than one plain paragraph of Markdown.
_MARKUP = re.compile(r"[\\`*_\[\]<>&#|~!=\t]|\n\s*\n|(^|\n)(\s*([-+>]|\d+[.)])\s| {4}|\t)|  \n|\n-+\s*$|https?://")


def md(text: str) -> Markup:
    """Markdown in a text field, sanitised. Most field text is one plain paragraph: it skips
    the Markdown parser and nh3, which were a third of the time spent preparing pages. On a
    page in another language than the records', an untranslated text is marked English."""
    code = text_lang(text) if page_lang() != SOURCE else None
    foreign = code if code and code != page_lang() else None
    if not _MARKUP.search(text):
        html = mark_scripts(f"<p>{escape(text.strip())}</p>", foreign)
    else:
        html = sanitise(_convert(text), foreign)
    return Markup(f'<div lang="{foreign}">{html}</div>' if foreign else html)


def _convert(text: str) -> str:
    """Markdown to HTML, not yet sanitised."""
    _md.reset()
    return _md.convert(text)


def external_images(text: str) -> list[str]:
    """The addresses of the images a Markdown text would load from another site. Each would tell
    that site who reads the page, and costs a reader on a slow phone another connection; the
    site itself loads nothing from elsewhere (mkdocs.yml: no web fonts)."""
    if "![" not in text and "<img" not in text.lower():  # no image: skip the Markdown parser
        return []
    images = _Images()
    images.feed(_convert(text))
    return [src for src in images.sources if urlsplit(src).netloc]


class _Images(HTMLParser):
    """The src of every <img>, whether Markdown or raw HTML wrote it."""

    def __init__(self):
        super().__init__()
        self.sources: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.sources += [value for name, value in attrs if name == "src" and value]


# mkdocs.yml's markdown_extensions (tests/test_generate.py keeps them equal): record bodies are
# converted here rather than by the site engine, so they are sanitised under any engine.
BODY_EXTENSIONS = {"tables": {}, "toc": {"permalink": False}, "attr_list": {}}
_body_md = markdown.Markdown(extensions=list(BODY_EXTENSIONS), extension_configs=BODY_EXTENSIONS)


def body_html(text: str, lang: str | None = None) -> Markup:
    """A record's Markdown body as sanitised HTML; LANG: its language where not the page's."""
    return _body_html(text, lang or page_lang())


# A preview's rebuild prepares every page again: the bodies that did not change come from here
# (the Markdown was half of that work); a full build of more records than this keeps only the last.
@lru_cache(maxsize=2048)
def _body_html(text: str, lang: str) -> Markup:  # the language decides the script-run marking
    _body_md.reset()
    return Markup(sanitise(_body_md.convert(text), lang))


_ROOT_LINK = re.compile(r'(\s(?:href|src)=")/(?!/)')


def site_relative(html: str, page_url: str) -> Markup:
    """HTML whose links from the site's root (/assets/uploads/photo.jpg: the web editor's
    uploads) are made relative to the page at PAGE_URL (experts/kim/): a site served below a
    path (https://owner.github.io/repo/, or /ko/) would otherwise send them out of it."""
    up = "../" * page_url.count("/")
    return Markup(_ROOT_LINK.sub(lambda m: m.group(1) + up, html))


def summary(text: str, limit: int = 200) -> str:
    """The first paragraph of Markdown as plain text of at most `limit` characters, cut at a
    word: the page's meta description and the search result's summary."""
    paragraphs = re.split(r"\n\s*\n", text or "")
    first = next((p for p in paragraphs if p.strip() and not p.lstrip().startswith("#")), "")
    plain = " ".join(_plain(first).split())
    if len(plain) <= limit:
        return plain
    return plain[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _plain(text: str) -> str:
    """The text of Markdown: text without markup is its own (md's test); other text is converted
    and every tag dropped (the language marking and sanitising md adds would be dropped too)."""
    return html.unescape(nh3.clean(_convert(text), tags=set())) if _MARKUP.search(text) else text
