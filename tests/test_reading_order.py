"""Lists of related records read in the order a reader looks names up: by the name the page shows,
in its language (a country by its name, not its code), programs by number."""

from __future__ import annotations

import re

import pytest

from helpers import build_site, make_project

KR_WITH_LABOUR = """---
country: KR
last_reviewed: 2026-11-25
migration_types:
  labour: Workers come to Korea on the Employment Permit System.
---

Korea fixture.
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The valid fixture with both country profiles (PH, KR) on the labour migration page."""
    root = make_project(tmp_path_factory.mktemp("order") / "project",
                        files={"content/countries/kr.md": KR_WITH_LABOUR})
    result = build_site(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


def tagged_countries(html: str) -> list[str]:
    tagged = html.split('id="akmn-tagged"', 1)[1]
    countries = re.search(r"<h3>(?:Countries|국가)</h3>\s*<ul[^>]*>(.*?)</ul>", tagged, re.S).group(1)
    return [re.sub(r"<[^>]+>", "", x) for x in re.findall(r"<a [^>]*>(.*?)</a>", countries)]


@pytest.mark.parametrize("edition, expected", [
    pytest.param("", ["Philippines", "Republic of Korea"], id="en"),
    pytest.param("ko/", ["대한민국", "필리핀"], id="ko"),
])
def test_a_topic_lists_countries_by_their_shown_name(site, edition, expected):
    html = (site / edition / "migration-types/labour/index.html").read_text(encoding="utf-8")
    assert tagged_countries(html) == expected
