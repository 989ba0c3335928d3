"""What every build adds to a rendered site, whichever engine rendered it: open data, JSON
Schemas and the web editor (/admin/). The MkDocs hooks call it after the build; `akmn
postbuild` calls it (then Pagefind) after `zensical build`, which runs no hooks.

The MkDocs build feeds Pagefind each page while it renders (hooks/akmn_pagefind.py); Zensical
has no hook to do that from, so `akmn postbuild` indexes the finished site with run_pagefind."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .cms import write_admin
from .export import write_open_data
from .load import taxonomy_entries, taxonomy_ids, taxonomy_labels
from .pipeline import Result


def write_site_data(site_dir: Path, result: Result, repo_url: str | None, cms_settings: dict | None) -> None:
    content = result.content
    write_open_data(site_dir, result.graph, taxonomy_ids(content), taxonomy_entries(content))
    write_admin(site_dir, taxonomy_labels(content), repo_url=repo_url, settings=cms_settings)


def run_pagefind(site_dir: Path) -> None:
    """Index a finished site with Pagefind's command line (the binary of the pagefind[bin] wheel)."""
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site_dir), "--silent"], check=True)
