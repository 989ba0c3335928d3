"""What every build adds to a rendered site, whichever engine rendered it: open data, JSON
Schemas and the web editor (/admin/). The MkDocs hooks call it after the build; `akmn
postbuild` calls it (then Pagefind) after `zensical build`, which runs no hooks."""

from __future__ import annotations

from pathlib import Path

from .cms import write_admin
from .export import write_open_data
from .load import taxonomy_entries, taxonomy_ids, taxonomy_labels
from .pipeline import Result


def write_site_data(site_dir: Path, result: Result, repo_url: str | None, cms_settings: dict | None) -> None:
    content = result.content
    write_open_data(site_dir, result.graph, taxonomy_ids(content), taxonomy_entries(content))
    write_admin(site_dir, taxonomy_labels(content), repo_url=repo_url, settings=cms_settings)
