"""Problems found in content: one type shared by every pipeline stage.

Messages follow one writing guide (as Astro's error catalog does): say what is wrong and
what to do, in plain words, with no "Error:" prefix. The file, line and field come from the
stage that found the problem, so the message itself never repeats them.
"""

from __future__ import annotations

import difflib
import html
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
        message = f"{self.field}: {self.message}" if self.field else self.message
        return f"::error file={_escape(self.file, True)},line={self.line}::{_escape(message)}"


def _escape(text: str, prop: bool = False) -> str:
    """Escape a workflow command's message, or one of its properties (prop=True), as the
    runner unescapes them (actions/runner ActionCommand.cs, `_escapeDataMappings` and
    `_escapePropertyMappings`): `%` first, then CR and LF; in properties also `:` and `,`,
    which would otherwise end the command or start a new property. `;` is no separator in
    the `::` syntax, and the runner would show `%3B` literally, so it stays as it is."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def _cell(text: str) -> str:
    """A Markdown table cell: HTML escaped (a value may hold markup), `|` escaped so it does
    not end the cell, line breaks as <br>."""
    text = html.escape(text, quote=False).replace("|", "\\|")
    return "<br>".join(text.splitlines()) or " "


def summary_table(problems: list[Problem]) -> str:
    """Every problem as a Markdown table for $GITHUB_STEP_SUMMARY: GitHub shows at most 10
    error annotations per step, the summary has them all."""
    rows = [f"| {_cell(f'{p.file}:{p.line}')} | {_cell(p.field)} | {_cell(p.message)} |" for p in problems]
    return "\n".join([f"### akmn validate: {tally(problems)}", "",
                      "| file:line | field | message |", "|---|---|---|", *rows, ""])


def tally(problems: list[Problem]) -> str:
    """'3 problems in 2 files'"""
    count, files = len(problems), len({p.file for p in problems})
    return f"{count} problem{'s' if count != 1 else ''} in {files} file{'s' if files != 1 else ''}"


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
