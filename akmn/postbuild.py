"""What every build adds to a rendered site, whichever engine rendered it: open data, JSON
Schemas, the web editor (/admin/), every record's citation downloads (cite/: CSL-JSON and
BibTeX), the Atom feeds (feeds/) and the open data's licence (data/LICENSE.txt). The MkDocs
hooks call it after the build; `akmn postbuild` calls it (then Pagefind) after `zensical
build`, which runs no hooks.

The MkDocs build feeds Pagefind each page while it renders (hooks/akmn_pagefind.py); Zensical
has no hook to do that from, so `akmn postbuild` indexes the finished site with run_pagefind."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .cite import cite_paths
from .cms import write_admin
from .export import write_open_data
from .feeds import write_feeds
from .load import taxonomy_ids, taxonomy_labels
from .pipeline import Result
from .views.pages import Renderer
from .views.records import record_citation


def write_site_data(site_dir: Path, result: Result, renderer: Renderer, repo_url: str | None,
                    cms_settings: dict | None) -> None:
    """RENDERER is the one that prepared the pages (akmn.generate.prepare), so the downloads
    say what the pages say."""
    content = result.content
    write_open_data(site_dir, renderer.open_data, taxonomy_ids(content))
    write_admin(site_dir, taxonomy_labels(content), repo_url=repo_url, settings=cms_settings)
    write_citations(site_dir, renderer)
    write_feeds(site_dir, result.graph, renderer.changed, renderer.site, renderer.title_of)
    (site_dir / "data" / "LICENSE.txt").write_text(renderer.licence_text(), encoding="utf-8")


def write_citations(site_dir: Path, renderer: Renderer) -> None:
    """Every record page's CSL-JSON and BibTeX download, where its "How to cite" links to."""
    made: set[Path] = set()
    for records in renderer.graph.records.values():
        for record in records.values():
            found = record_citation(renderer, record)
            for key, text in (("csl", found.csl_json()), ("bib", found.bibtex())):
                path = site_dir / cite_paths(record.kind, record.id)[key]
                if path.parent not in made:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    made.add(path.parent)
                path.write_text(text, encoding="utf-8")


def run_pagefind(site_dir: Path) -> None:
    """Index a finished site with Pagefind's command line (the binary of the pagefind[bin] wheel)."""
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site_dir), "--silent"], check=True)
