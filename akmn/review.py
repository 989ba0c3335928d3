"""Content currency: how old each fact is, and what a maintainer should look at again.

One `Policy` holds the review period, the age at which a figure counts as old and the day
that is "today"; the build marks pages with it and `akmn review` lists the same findings.
Today is always a parameter (AKMN_TODAY for reproducible builds), never read in a check.
"""

from __future__ import annotations

import calendar
import json
import os
import re
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from .fields import Field, ListOf, MapOf, Object, Text, Url
from .load import Record
from .problems import field_path
from .schema import KINDS

# The defaults, declared once; mkdocs.yml `extra: akmn:` may set other values.
REVIEW_MONTHS = 12
FIGURE_MAX_AGE_YEARS = 5
SETTINGS = {"review_months": REVIEW_MONTHS, "figure_max_age_years": FIGURE_MAX_AGE_YEARS}
TODAY_ENV = "AKMN_TODAY"

# Hosts that serve copies of other publishers' documents, or re-publish their figures: a
# source there should be replaced by the publisher's own page (or say "as reported by").
COPY_HOSTS = {
    "scribd.com": "a document-sharing site", "docslib.org": "a document-sharing site",
    "studylib.net": "a document-sharing site", "pdfcoffee.com": "a document-sharing site",
    "dokumen.pub": "a document-sharing site", "documents.pub": "a document-sharing site",
    "vdocuments.net": "a document-sharing site", "yumpu.com": "a document-sharing site",
    "studocu.com": "a document-sharing site", "coursehero.com": "a document-sharing site",
    "slideshare.net": "a document-sharing site",
    "indexmundi.com": "a data aggregator", "theglobaleconomy.com": "a data aggregator",
    "tradingeconomics.com": "a data aggregator", "knoema.com": "a data aggregator",
}
URL_IN_TEXT = re.compile(r"https?://[^\s<>\"')\]]+")
MARKDOWN_LINK = re.compile(r"\]\(\s*<?https?://[^\s<>\"')]+")


class SettingsError(ValueError):
    """A wrong value in the review settings or in AKMN_TODAY: a usage error, not a content one."""


@dataclass(frozen=True)
class Policy:
    today: date
    review_months: int = REVIEW_MONTHS
    figure_max_age_years: int = FIGURE_MAX_AGE_YEARS

    @classmethod
    def from_settings(cls, settings: dict | None, today: date, where: str = "mkdocs.yml") -> Policy:
        settings = settings or {}
        unknown = sorted(set(settings) - set(SETTINGS))
        if unknown:
            raise SettingsError(f"{where}: extra.akmn.{unknown[0]}: unknown setting; the settings are "
                                + ", ".join(SETTINGS))
        values = {}
        for name, default in SETTINGS.items():
            value = settings.get(name, default)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise SettingsError(f"{where}: extra.akmn.{name}: {value!r} is not a whole number of at "
                                    f"least 1: write e.g. `{name}: {default}`")
            values[name] = value
        return cls(today, **values)

    def due_date(self, reviewed: date) -> date:
        """The day a review falls due: `review_months` calendar months after the last one
        (31 January + 1 month is the last day of February)."""
        months = reviewed.month - 1 + self.review_months
        year, month = reviewed.year + months // 12, months % 12 + 1
        return date(year, month, min(reviewed.day, calendar.monthrange(year, month)[1]))

    def review_due(self, reviewed: date) -> bool:
        return self.today > self.due_date(reviewed)

    def figure_old(self, year: int) -> bool:
        return self.today.year - year > self.figure_max_age_years


def parse_today(text: str, where: str = "") -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        prefix = f"{where}: " if where else ""
        raise SettingsError(f"{prefix}{text!r} is not a date: write it as YYYY-MM-DD") from None


def today_from_env() -> date:
    text = os.environ.get(TODAY_ENV, "")
    return parse_today(text, TODAY_ENV) if text.strip() else date.today()


class _TaggedLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs: its `!ENV` and `!!python/name` tags become None."""


_TaggedLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_TaggedLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def settings_of_project(root: Path) -> dict:
    """`extra: akmn:` of ROOT/mkdocs.yml, the one place the project sets its review policy."""
    path = Path(root) / "mkdocs.yml"
    if not path.is_file():
        return {}
    try:
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=_TaggedLoader) or {}
    except yaml.YAMLError as err:
        raise SettingsError(f"{path}: the YAML cannot be read: {err}") from None
    settings = (config.get("extra") or {}).get("akmn") or {}
    if not isinstance(settings, dict):
        raise SettingsError(f"{path}: extra.akmn: must be a group of settings such as `review_months: 12`")
    return settings


# --- git history -------------------------------------------------------------------------

def last_changed(root: Path) -> dict[str, date]:
    """Record path (relative to ROOT) -> the day of the last commit that changed it.

    One `git log` over content/ for the whole tree, newest first: the first date seen for a
    path is its last change. Empty when ROOT is not in a git repository (a copied tree) or
    the clone is shallow (its oldest commit would seem to change every file)."""
    def git(*args):
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=120)

    try:
        shallow = git("rev-parse", "--is-shallow-repository")
        if shallow.returncode != 0 or shallow.stdout.strip() != "false":
            return {}
        log = git("log", "--relative", "--name-only", "--format=%x00%cs", "--", "content")
    except (OSError, subprocess.SubprocessError):
        return {}
    found: dict[str, date] = {}
    day = None
    for line in log.stdout.splitlines():
        if line.startswith("\0"):
            day = date.fromisoformat(line[1:])
        elif line and day and line not in found:
            found[line] = day
    return found


# --- findings ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Finding:
    check: str  # one of CHECKS
    file: str
    line: int
    field: str
    message: str

    def as_dict(self) -> dict:
        return {"check": self.check, "file": self.file, "line": self.line, "field": self.field,
                "message": self.message}


CHECKS = {
    "review-due": "Records due for review",
    "old-figure": "Figures older than the limit",
    "copy-host": "Sources on document-sharing hosts or aggregators",
    "no-access-date": "Sources without an access date",
    "bare-url": "Bare URLs in text fields",
}


def leaves(spec: Field, value, path: tuple = ()):
    """(spec, value, path) for every value of a record, groups included (link.walk gives no
    paths, and the checks below need them for the line)."""
    if value is None:
        return
    yield spec, value, path
    if isinstance(spec, Object) and isinstance(value, dict):
        for name, child in spec.fields.items():
            yield from leaves(child, value.get(name), path + (name,))
    elif isinstance(spec, ListOf) and isinstance(value, list):
        for index, item in enumerate(value):
            yield from leaves(spec.item, item, path + (index,))
    elif isinstance(spec, MapOf) and isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(spec.value, item, path + (key,))


def copy_host(url: str) -> tuple[str, str] | None:
    host = (urlsplit(url).hostname or "").lower()
    for domain, what in COPY_HOSTS.items():
        if host == domain or host.endswith("." + domain):
            return host, what
    return None


def bare_urls(text: str) -> list[str]:
    """URLs written out in text rather than as the target of a Markdown link."""
    linked = {m.end() for m in MARKDOWN_LINK.finditer(text)}
    return [m.group() for m in URL_IN_TEXT.finditer(text) if m.end() not in linked]


def review_record(record: Record, policy: Policy) -> list[Finding]:
    found = []

    def add(check, path, message):
        found.append(Finding(check, record.path, record.line(path), field_path(path), message))

    reviewed = record.data.get("last_reviewed")
    if isinstance(reviewed, date) and policy.review_due(reviewed):
        add("review-due", ("last_reviewed",), f"last reviewed {reviewed}; a review was due on "
            f"{policy.due_date(reviewed)} (every {policy.review_months} months): check every fact "
            "against its source, then set `last_reviewed:` to the day you did")
    for spec, value, path in leaves(KINDS[record.kind].fields, record.data):
        if isinstance(spec, Object) and {"year", "source"} <= spec.fields.keys():
            _figure(value, path, policy, add)
        elif isinstance(spec, Object) and "accessed" in spec.fields and not value.get("accessed"):
            add("no-access-date", path, f"{value.get('title', 'this source')!r} has no access date: "
                "add `accessed: YYYY-MM-DD`, the day you read it")
        elif isinstance(spec, Url) and isinstance(value, str) and (hit := copy_host(value)):
            add("copy-host", path, f"{hit[0]} is {hit[1]}: cite the publisher's own page, or say in the "
                "title that it is a copy (\"as reported by ...\") and name both")
        elif isinstance(spec, Text) and not isinstance(spec, Url) and isinstance(value, str):
            for url in bare_urls(value):
                add("bare-url", path, f"a bare URL ({url}): name the source in words and put the "
                    "address in a link field (`source_url:` or `sources:`)")
    return found


def _figure(value: dict, path: tuple, policy: Policy, add) -> None:
    # A figure is any group with a year and a source (figures[], sdg_10_7_2): read from the schema.
    year = value.get("year")
    if isinstance(year, int) and policy.figure_old(year):
        what = value.get("indicator") or field_path(path)
        add("old-figure", path + ("year",), f"{what!r} is from {year}, "
            f"more than {policy.figure_max_age_years} years before {policy.today.year}: "
            "look for a newer edition of the source")


def review(records: list[Record], policy: Policy) -> list[Finding]:
    found = [f for record in records for f in review_record(record, policy)]
    order = list(CHECKS)
    return sorted(found, key=lambda f: (order.index(f.check), f.file, f.line))


def external_urls(records: list[Record]) -> list[str]:
    """Every http(s) address in the records' fields, once each, sorted: the link checker's input."""
    urls = set()
    for record in records:
        for spec, value, _ in leaves(KINDS[record.kind].fields, record.data):
            if isinstance(spec, Url) and isinstance(value, str):
                urls.add(value)
            elif isinstance(spec, Text) and isinstance(value, str):
                urls.update(URL_IN_TEXT.findall(value))
    return sorted(urls)


def report_text(found: list[Finding], policy: Policy, records: int) -> str:
    lines = [f"Review of {records} records on {policy.today}: a review is due {policy.review_months} months "
             f"after the last; figures more than {policy.figure_max_age_years} years old are old."]
    for check, heading in CHECKS.items():
        group = [f for f in found if f.check == check]
        if group:
            lines += ["", f"{heading} ({len(group)}):"]
            lines += [f"  {f.file}:{f.line}: {f.field}: {f.message}" for f in group]
    lines += ["", f"{len(found)} finding{'s' if len(found) != 1 else ''}." if found else "Nothing to review."]
    return "\n".join(lines)


def report_json(found: list[Finding], policy: Policy) -> str:
    return json.dumps({"today": policy.today.isoformat(), "review_months": policy.review_months,
                       "figure_max_age_years": policy.figure_max_age_years,
                       "findings": [f.as_dict() for f in found]}, ensure_ascii=False, indent=2)
