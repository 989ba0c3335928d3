"""The page `mkdocs serve` shows while content has problems.

It lists the same `path:line: field: message` lines as `akmn validate`. It is one standalone
document, with no theme, stylesheet or script of its own, because the site around it cannot be
built; the development server adds its live-reload script, so the page turns back into the
site as soon as the records are valid. Every line is escaped: messages quote what contributors
wrote.
"""

from __future__ import annotations

from markupsafe import escape

from .problems import Problem

STYLE = ("body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;"
         "color:#1a1a1a}h1{color:#b00020;font-size:1.5rem}li{margin:.4rem 0}"
         "code{white-space:pre-wrap;overflow-wrap:anywhere}")


def error_page(problems: list[Problem]) -> str:
    count = len(problems)
    heading = f"{count} content problem{'s' if count != 1 else ''}"
    items = "\n".join(f"<li><code>{escape(p.text())}</code></li>" for p in problems)
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{heading}: the site cannot be built</title>
<style>{STYLE}</style>
</head>
<body>
<main>
<h1>{heading}: the site cannot be built</h1>
<p>Fix each line below in the file it names and save. This page reloads by itself once every
record is valid; <code>akmn validate</code> lists the same problems.</p>
<ul>
{items}
</ul>
</main>
</body>
</html>
"""
