"""Field text rendering: the plain-paragraph shortcut gives what Markdown + nh3 would."""

import markdown
import pytest

from akmn.render import md, sanitise

TEXTS = ["Plain text, with commas (and parens).", "A *b* c", "line one\nline two", "- item", "1. one",
         "x <b>y</b>", "a\n\nb", "see https://x.org", "Title\n---", "Title\n===", "x\n    code",
         "<script>alert(1)</script>", "[x](javascript:alert(1))", "Tab\tinside", "100% of 3 > 2"]


@pytest.mark.parametrize("text", TEXTS)
def test_md_matches_full_markdown(text):
    assert str(md(text)) == sanitise(markdown.markdown(text, extensions=["tables"]))


def test_md_never_lets_script_through():
    for text in TEXTS:
        assert "<script" not in md(text) and "javascript:" not in md(text)
