"""The whole core pipeline in one readable function, shared by the CLI and the build hooks:
read records -> validate -> link. Rendering and export run on its result."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .link import Graph, link
from .load import Content, load_content
from .problems import Problem
from .validate import validate_content

PUBLISH_ENV = "AKMN_PUBLISH"


def publish_from_env() -> bool:
    return os.environ.get(PUBLISH_ENV, "").strip().lower() in ("1", "true", "yes")


@dataclass
class Result:
    content: Content
    problems: list[Problem]
    graph: Graph | None  # None when there are problems: nothing is linked or rendered
    publish: bool


def run(root: Path | str, publish: bool = False, linked: bool = True) -> Result:
    """linked=False stops after validation (the validator CLI needs no backlinks)."""
    content = load_content(Path(root))
    problems = validate_content(content, publish)
    graph = link(content, publish) if linked and not problems else None
    return Result(content, problems, graph, publish)
