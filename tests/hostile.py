"""Hostile content: every way a record could try to put script into a page."""

HOSTILE_EXPERT = """---
name: "Mallory <img src=x onerror=alert('name')></title><script>alert('title')</script>"
affiliation: "<script>alert('affiliation')</script>Evil Corp"
position: "<b onmouseover=alert('position')>Boss</b>"
organisation_type: academe
country: KR
expertise: [labour-migration]
links:
  - title: "<svg onload=alert('link')>"
    url: https://example.org/ok
email: mallory@example.org
email_public: true
programs: [program-3]
consent:
  public_profile: true
  date: 2026-01-01
---
Hello <script>alert('body')</script> and <img src="x" onerror="alert('img')">.

[click me](javascript:alert('mdlink')) and <a href="javascript:alert('a')">raw link</a>
and <iframe src="https://example.org"></iframe> <div style="position:fixed" onclick="alert('div')">x</div>
"""

HOSTILE_PRACTICE = """---
title: "Practice <script>alert('ptitle')</script>"
countries: [KR]
themes: [migration-data]
outcomes:
  - "Outcome <img src=x onerror=alert('outcome')>"
  - "[bad](javascript:alert('outcomelink'))"
transferability: "<script>alert('transfer')</script>"
sources:
  - title: "<script>alert('source')</script>"
    url: https://example.org/source
---
Body &lt;img src=x onerror=alert('summary')&gt; "quoted" <script>alert('pbody')</script>
"""

# A program title and a theme label end up in search-filter values on other records' pages.
HOSTILE_PROGRAM = """---
title: "Program <img src=x onerror=alert('program')>"
number: 3
aim: "Aim <svg onload=alert('aim')>"
---
"""

HOSTILE_THEMES = """- id: labour-migration
  label: "Labour <img src=x onerror=alert('theme')>"
- id: brain-circulation
  label: Brain circulation
- id: migration-data
  label: Migration data
- id: return-reintegration
  label: Return and reintegration
"""

FILES = {
    "content/programs/program-3.md": HOSTILE_PROGRAM,
    "content/taxonomies/themes.yml": HOSTILE_THEMES,
    "content/experts/mallory.md": HOSTILE_EXPERT,
    "content/practices/hostile.md": HOSTILE_PRACTICE,
}
