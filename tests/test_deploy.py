"""A fork deploys to its own GitHub Pages project site (https://OWNER.github.io/REPO/): the
deploy workflow's publish build, run here with the values GitHub substitutes, gives a sitemap
that lists every page and a 404 page whose styles, scripts and links work under /REPO/."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from helpers import REPO, make_project

PAGES_URL = "https://example.github.io/repo"  # configure-pages' base_url: no trailing slash
# What GitHub puts in for each expression of the deploy workflow on a fork named example/repo.
GITHUB_VALUES = {
    "steps.pages.outputs.base_url": PAGES_URL,
    "github.server_url": "https://github.com",
    "github.repository": "example/repo",
}


def deploy_build_step() -> tuple[dict, dict]:
    workflow = yaml.safe_load((REPO / ".github/workflows/deploy.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    build = next(s for s in steps if "mkdocs build" in s.get("run", ""))
    return steps, build


def substitute(value: str) -> str:
    def one(match):
        assert match.group(1) in GITHUB_VALUES, f"teach this test what GitHub puts in for {match.group(0)}"
        return GITHUB_VALUES[match.group(1)]
    return re.sub(r"\$\{\{\s*([\w.]+)\s*\}\}", one, value)


def publish_build(root: Path, env: dict) -> Path:
    """The workflow's build command (AKMN_PUBLISH=1 mkdocs build --strict) on a project."""
    _, build = deploy_build_step()
    assert build["run"] == "AKMN_PUBLISH=1 .venv/bin/mkdocs build --strict"
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"), "-d",
         str(root / "site")],
        capture_output=True, text=True, timeout=600,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "AKMN_PUBLISH": "1", **env})
    assert proc.returncode == 0, proc.stderr
    return root / "site"


@pytest.fixture(scope="module")
def fork_site(tmp_path_factory) -> Path:
    _, build = deploy_build_step()
    env = {name: substitute(str(value)) for name, value in build.get("env", {}).items()}
    return publish_build(make_project(tmp_path_factory.mktemp("fork") / "project"), env)


@pytest.fixture(scope="module")
def site_without_url(tmp_path_factory) -> Path:
    return publish_build(make_project(tmp_path_factory.mktemp("nourl") / "project"),
                         {"AKMN_SITE_URL": "", "AKMN_REPO_URL": ""})


def test_workflow_takes_the_urls_from_github():
    steps, build = deploy_build_step()
    pages = next(s for s in steps if s.get("uses", "").startswith("actions/configure-pages@"))
    assert steps.index(pages) < steps.index(build), "the Pages URL is known only after configure-pages"
    assert build["env"] == {
        "AKMN_SITE_URL": f"${{{{ steps.{pages['id']}.outputs.base_url }}}}/",
        "AKMN_REPO_URL": "${{ github.server_url }}/${{ github.repository }}",
    }
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert "site_url: !ENV [AKMN_SITE_URL, null]" in config
    assert "repo_url: !ENV [AKMN_REPO_URL, null]" in config


def sitemap_gaps(site: Path) -> set[str]:
    """Pages (every index.html but the web editor's) whose URL no sitemap lists: each edition
    (English at the root, Korean under ko/) writes its own."""
    sitemaps = [site / "sitemap.xml", *site.glob("*/sitemap.xml")]
    listed = {url for path in sitemaps
              for url in re.findall(r"<loc>([^<]*)</loc>", path.read_text(encoding="utf-8"))}
    pages = {p.parent.relative_to(site).as_posix() for p in site.rglob("index.html")}
    urls = {f"{PAGES_URL}/" + ("" if page == "." else f"{page}/") for page in pages
            if page.split("/")[-1] != "admin"}
    assert len(urls) > 10
    return urls - listed


def broken_404_references(site: Path) -> list[str]:
    """Local URLs of 404.html that would not load on the project site, served under /repo/."""
    html = (site / "404.html").read_text(encoding="utf-8")
    local = [u for u in re.findall(r'(?:href|src|action)="([^"#][^"]*)"', html) if not re.match(r"\w+:", u)]
    assert any(u.endswith(".css") for u in local) and any(u.endswith(".js") for u in local)
    broken = []
    for url in local:
        path = site / url.removeprefix("/repo/").split("?")[0]
        if not url.startswith("/repo/") or not (path.is_file() or (path / "index.html").is_file()):
            broken.append(url)
    return broken


def test_sitemap_lists_every_page(fork_site):
    assert sitemap_gaps(fork_site) == set()


def test_404_page_loads_its_assets_and_links_under_the_project_path(fork_site):
    assert broken_404_references(fork_site) == []


def test_pages_link_to_the_repository(fork_site):
    assert 'href="https://github.com/example/repo"' in (fork_site / "index.html").read_text(encoding="utf-8")


def test_hreflang_links_are_full_addresses_of_the_same_page(fork_site):
    """Search engines want hreflang alternates as full URLs: with site_url set, each page's head
    names itself in each edition under the deployed address (the Korean edition under /ko/)."""
    for edition in (fork_site, fork_site / "ko"):
        html = (edition / "practices" / "fixture-return" / "index.html").read_text(encoding="utf-8")
        links = dict(re.findall(r'<link rel="alternate ?" hreflang="([\w-]+)" href="([^"]+)">', html))
        page = "practices/fixture-return/"
        assert links == {"en": f"{PAGES_URL}/{page}", "x-default": f"{PAGES_URL}/{page}",
                         "ko": f"{PAGES_URL}/ko/{page}"}, edition


def test_without_the_urls_the_checks_above_fail(site_without_url):
    # Proof the checks can fail: the build the workflow made before it set site_url.
    assert sitemap_gaps(site_without_url)
    assert broken_404_references(site_without_url)


def test_readme_explains_what_the_workflow_sets():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Deploy your own copy"):]
    _, build = deploy_build_step()
    for name in build["env"]:
        assert f"`{name}`" in section, name
    assert "GitHub Actions" in section and "CONTRIBUTING.md#web-editor" in section
