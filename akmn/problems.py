"""Problems found in content: one type shared by every pipeline stage.

Messages follow one writing guide (as Astro's error catalog does): say what is wrong and
what to do, in plain words, with no "Error:" prefix. The file, line and field come from the
stage that found the problem, so the message itself never repeats them.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import asdict, dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str  # path relative to the project root, with forward slashes
    line: int  # 1-based; 1 when a problem concerns the whole file
    field: str  # field path such as "expertise[1]" or "links[0].url"; "" for the file
    message: str

    def text(self) -> str:
        where = f"{self.file}:{self.line}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"

    def github(self) -> str:
        # Workflow commands need %, CR and LF escaped in the message part.
        message = (f"{self.field}: {self.message}" if self.field else self.message)
        message = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::error file={self.file},line={self.line}::{message}"


def format_problems(problems: list[Problem], style: str) -> str:
    if style == "json":
        return json.dumps([asdict(p) for p in problems], ensure_ascii=False, indent=2)
    render = Problem.github if style == "github" else Problem.text
    return "\n".join(render(p) for p in problems)


def did_you_mean(value: object, choices) -> str:
    """' (did you mean 'x'?)' for a near miss, else ''."""
    if not isinstance(value, str):
        return ""
    match = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""


def field_path(path: tuple) -> str:
    """('links', 0, 'url') -> 'links[0].url'"""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class ContentError(Exception):
    """Raised by adapters (the build hooks) when content has problems; carries them all."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        count = len(problems)
        super().__init__(
            f"{count} content problem{'s' if count != 1 else ''}:\n" + format_problems(problems, "text")
        )
