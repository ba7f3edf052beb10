"""Where a project's content, templates and settings are: one description for the CLI and the plugin.

The MkDocs plugin builds it from MkDocs' own configuration; `deffinov check` reads the same
`mkdocs.yml` without importing MkDocs, so both agree on the content folder and the URL style.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

CONFIG_FILE = "mkdocs.yml"
PLUGIN_NAME = "deffinov"
DEFAULTS = {
    "content_root": ".", "templates": "theme/deffinov", "timezone": "Europe/Paris", "today": "",
    "catalog_examples": True, "stale_after_months": 6,
}


@dataclass(frozen=True)
class Project:
    root: Path  # the repository: regions/ lives here
    content_dir: Path  # editorial pages (MkDocs' docs_dir)
    templates_dir: Path  # templates of generated pages
    directory_urls: bool = True
    timezone: str = "Europe/Paris"  # the site's own clock, for "today"
    today: str = ""  # ISO date or date-time the site is built for; empty: now (tests, previews)
    site_url: str = ""  # public address of the site, for links in calendars and feeds; empty: unknown
    catalog_examples: bool = True  # show the catalog's example entries (false once real ones exist)
    # A running call last checked longer ago than this is a warning of `deffinov check` and on /maintenance/.
    stale_after_months: int = 6
    publisher: str = ""  # the name of who publishes the site (publisher.name): the feeds' author

    def now(self) -> dt.datetime:
        """The moment the site is built for, aware."""
        zone = ZoneInfo(self.timezone)
        if not self.today:
            return dt.datetime.now(zone)
        moment = dt.datetime.fromisoformat(self.today)
        return moment if moment.tzinfo else moment.replace(tzinfo=zone)

    @classmethod
    def from_options(
        cls, config_dir: Path, docs_dir: str, directory_urls: bool, options: dict, site_url: str = "",
    ) -> Project:
        """A project from MkDocs settings and the plugin's options, paths relative to `config_dir`."""
        settings = {**DEFAULTS, **{k: v for k, v in options.items() if k in DEFAULTS}}
        root = (config_dir / settings["content_root"]).resolve()
        return cls(
            root=root,
            content_dir=(config_dir / docs_dir).resolve(),
            templates_dir=root / settings["templates"],
            directory_urls=directory_urls,
            timezone=settings["timezone"],
            today=str(settings["today"] or ""),
            site_url=site_url or "",
            catalog_examples=bool(settings["catalog_examples"]),
            stale_after_months=_months(settings["stale_after_months"]),
            publisher=_publisher_name(options.get("publisher")),
        )

    @classmethod
    def at(cls, root: Path) -> Project:
        """The project whose repository is `root`, as its `mkdocs.yml` describes it (defaults without one)."""
        root = Path(root).resolve()
        config = _read_config(root / CONFIG_FILE)
        return cls.from_options(
            root,
            str(config.get("docs_dir") or "docs" if config else "content"),
            bool(config.get("use_directory_urls", True)),
            _plugin_options(config.get("plugins")),
            str(config.get("site_url") or ""),
        )


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as data: tags meant for MkDocs (!ENV, !!python/name…) become None."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def _read_config(path: Path) -> dict:
    if not path.is_file():
        return {}
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    return data if isinstance(data, dict) else {}


def _months(value) -> int:
    """A number of months from the configuration; MkDocs checks the plugin's options, `deffinov check` does it here."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return value
    raise ProjectError(
        f"{CONFIG_FILE}, extension {PLUGIN_NAME}, réglage « stale_after_months » : nombre de mois attendu, par "
        f"exemple 6, reçu « {value} »."
    )


def _publisher_name(publisher) -> str:
    """The publisher's name from the plugin's `publisher` section, empty when not given."""
    name = publisher.get("name") if isinstance(publisher, Mapping) else None
    return name.strip() if isinstance(name, str) else ""


class ProjectError(Exception):
    """A setting of mkdocs.yml that `deffinov check` cannot use; the message is for people, in French."""


def _plugin_options(plugins) -> dict:
    """The deffinov plugin's options, whether `plugins` is a list or a mapping."""
    entries = plugins.items() if isinstance(plugins, dict) else (
        next(iter(p.items())) if isinstance(p, dict) else (p, None) for p in plugins or []
    )
    for name, options in entries:
        if name == PLUGIN_NAME:
            return options or {}
    return {}
