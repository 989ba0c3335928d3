"""How to cite a record, and the site settings a citation needs (name, address, licence).

One Citation per record is prepared from the record and the site; the "How to cite" block of
its page, its CSL-JSON and its BibTeX download are all written from it, so they cannot
disagree.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

from . import i18n
from .cms import backend
from .schema import KINDS

DEFAULT_LICENCE = {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}


@dataclass(frozen=True)
class Site:
    """What pages and downloads say about the site itself: mkdocs.yml's site_name and site_url,
    extra.licence, and the repository and web editor that "Edit this page" opens."""

    name: str = "ASEAN-Korea Migration Network"
    url: str | None = None  # absolute, ending in "/"; None in local builds
    licence_name: str = DEFAULT_LICENCE["name"]
    licence_url: str = DEFAULT_LICENCE["url"]
    repo_url: str | None = None
    branch: str = "main"
    editor: bool = False  # the web editor at /admin/ is configured

    @classmethod
    def from_settings(cls, name: str, url: str | None, extra: dict, repo_url: str | None = None) -> Site:
        """ValueError for a wrong extra.licence or web editor setting (extra.cms, repo_url)."""
        editor = extra.get("cms") or {}
        branch = backend(repo_url, editor)["branch"]  # the editor's branch, which edit links open too
        licence = {**DEFAULT_LICENCE, **(extra.get("licence") or {})}
        if set(licence) != {"name", "url"}:
            raise ValueError("mkdocs.yml: extra.licence takes `name` and `url` only, e.g. "
                             f"name: {DEFAULT_LICENCE['name']}, url: {DEFAULT_LICENCE['url']}")
        return cls(name, url.rstrip("/") + "/" if url else None, licence["name"], licence["url"],
                   repo_url.rstrip("/") if repo_url else None, branch, bool(editor))

    def address(self, path: str) -> str:
        """The absolute URL of a site path when site_url is set, else the path from the root."""
        return (self.url or "/") + path

    def edit_url(self, record_path: str) -> str | None:
        # GitHub's editor for the file on the configured branch.
        return f"{self.repo_url}/edit/{self.branch}/{record_path}" if self.repo_url else None


@dataclass(frozen=True)
class Citation:
    key: str
    title: str
    url: str
    reviewed: date | None
    site: Site

    def html(self) -> Markup:
        """The reference as the page shows it (the reader adds the day they read it), as escaped
        HTML: the title marked with its language where it is not
        the page's (an untranslated record's English title in a Korean citation)."""
        reviewed = (" " + i18n._("Last reviewed {day}.").format(day=i18n.date(self.reviewed))
                    if self.reviewed else "")
        base = i18n._("{site} knowledge base").format(site=self.site.name)
        return Markup("{}. “{}”. {}. {}.{}").format(self.site.name, i18n.marked(self.title), base, self.url,
                                                    reviewed)

    def csl_json(self) -> str:
        item = {"id": self.key, "type": "webpage", "title": self.title,
                "author": [{"literal": self.site.name}],
                "container-title": f"{self.site.name} knowledge base", "publisher": self.site.name,
                "URL": self.url,
                "license": f"{self.site.licence_name} {self.site.licence_url}"}
        if self.reviewed:
            item["issued"] = {"date-parts": [[self.reviewed.year, self.reviewed.month, self.reviewed.day]]}
        return json.dumps([item], ensure_ascii=False, indent=2) + "\n"

    def bibtex(self) -> str:
        fields = {"title": _tex(self.title), "author": "{" + _tex(self.site.name) + "}",
                  "howpublished": _tex(f"{self.site.name} knowledge base"), "url": self.url}
        if self.reviewed:
            fields |= {"year": str(self.reviewed.year), "date": self.reviewed.isoformat()}
        fields["note"] = _tex(f"Licence: {self.site.licence_name}, {self.site.licence_url}")
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items())
        return f"@misc{{{self.key},\n{body}\n}}\n"


def citation(kind: str, record_id: str, title: str, path: str, reviewed: date | None, site: Site) -> Citation:
    return Citation(f"akmn-{kind}-{record_id}", title, site.address(path), reviewed, site)


def cite_paths(kind: str, record_id: str) -> dict[str, str]:
    """Where a record's downloads are written, relative to the site root."""
    stem = f"cite/{KINDS[kind].folder}/{record_id}"
    return {"csl": f"{stem}.json", "bib": f"{stem}.bib"}


# BibTeX has no escaping library in the standard library, and the field values are ours (titles,
# names): the characters LaTeX treats as commands are escaped by hand.
_TEX = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "$": r"\$",
        "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def _tex(text: str) -> str:
    return "".join(_TEX.get(c, c) for c in text)
