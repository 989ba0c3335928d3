"""The few settings of mkdocs.yml that the generated pages depend on, read without MkDocs, so
`akmn pages` (for Zensical, which reads the same file) prepares the pages the hooks do."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import mergedeep
import yaml
from yaml_env_tag import construct_env_tag  # MkDocs' own `!ENV` tag, so both read the same values

from .cite import Site


class _SiteLoader(yaml.SafeLoader):
    """mkdocs.yml as MkDocs reads it: `!ENV` resolved, other tags (`!!python/name`) as None."""


_SiteLoader.add_constructor("!ENV", construct_env_tag)
_SiteLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@dataclass
class SiteSettings:
    repo_url: str | None = None
    extra: dict = field(default_factory=dict)
    use_directory_urls: bool = True
    docs_dir: str = "docs"
    site_name: str = "ASEAN-Korea Migration Network"
    site_url: str | None = None
    language: str = "en"

    def site(self) -> Site:
        """Name, address, licence and repository for citations, feeds and edit links;
        ValueError for a wrong extra.licence or web editor setting."""
        return Site.from_settings(self.site_name, self.site_url, self.extra, self.repo_url)


def read_config(root: Path, name: str = "mkdocs.yml") -> dict:
    """ROOT/NAME as MkDocs reads it: `!ENV` resolved and `INHERIT` merged with mergedeep, as
    MkDocs does (mappings merged, lists replaced: Zensical's own INHERIT appends lists, so it
    would repeat the nav). ValueError with the file's name when it cannot be read."""
    path = Path(root) / name
    try:
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=_SiteLoader) or {}
    except (OSError, yaml.YAMLError) as err:
        raise ValueError(f"{path}: cannot be read: {err}") from None
    if parent := config.pop("INHERIT", None):
        config = mergedeep.merge(read_config(path.parent, parent), config)
    return config


def read_settings(root: Path, name: str = "mkdocs.yml") -> SiteSettings:
    """The settings of ROOT/NAME (mkdocs.yml, or an edition's mkdocs.<lang>.yml); ValueError
    with the file's name when it cannot be read."""
    from .i18n import edition_site_url

    config = read_config(root, name)
    language = language_of(config)
    return SiteSettings(repo_url=config.get("repo_url"), extra=config.get("extra") or {},
                        use_directory_urls=config.get("use_directory_urls", True),
                        docs_dir=config.get("docs_dir") or "docs", site_name=config.get("site_name") or "",
                        site_url=edition_site_url(config.get("site_url"), language), language=language)


def language_of(config: dict) -> str:
    """The language of the edition a configuration builds (Material's theme.language)."""
    return (config.get("theme") or {}).get("language") or "en"


def set_edition(extra: dict, lang: str, site_url: str | None) -> str | None:
    """What an edition's configuration gets beside its own settings, under either engine (the
    MkDocs hooks, `akmn pages --write-config`): the language menu and hreflang links
    (extra.editions), the feed titles in LANG; returns the edition's own address from the
    English SITE_URL."""
    from .feeds import feed_links_in_language
    from .i18n import edition_site_url, editions

    if switcher := editions(lang, site_url):
        extra["editions"] = switcher
    extra["feeds"] = feed_links_in_language(extra.get("feeds") or [])
    return edition_site_url(site_url, lang)
