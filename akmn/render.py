"""Stage 4, render: turn linked records into page specifications with prepared view data.

Every string in a view is already safe HTML (escaped text, or Markdown run through nh3:
html.py), so templates only loop and print. URLs are relative to the site root; templates
prefix them with MkDocs' `base_url`. Work per page is proportional to that page's own links.
The views are in views/ (records.py: one builder per kind; pages.py: lists, topics, home),
search facets in search.py.
"""

from __future__ import annotations

from .html import md, sanitise
from .views.base import PageSpec
from .views.pages import Renderer, not_found_view

__all__ = ["PageSpec", "Renderer", "md", "not_found_view", "sanitise"]
