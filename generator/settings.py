"""Every setting of a project, declared once: where its content and templates are, its options
and their defaults, who publishes it.

The MkDocs plugin builds a `Project` from MkDocs' own configuration; `deffinov check` reads the
same `mkdocs.yml` without importing MkDocs, so both agree on the content folder and the URL style.
The publisher's details (the `publisher` section) are what the legal pages show; the sample
`mkdocs.yml` fills each with a bracketed placeholder ("[Nom de l'organisme…]"), fine for a local
preview, which a build for a public address (`site_url`) must not put online.
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
# A running call last checked longer ago than this many months is a warning of `deffinov check`
# and is listed on /maintenance/ (presentation/freshness.py).
STALE_AFTER_MONTHS = 6
# The plugin's options and their defaults: MkDocs' config schema (mkdocs/plugin.py) and
# `deffinov check`, which reads mkdocs.yml without MkDocs, both take them from here.
DEFAULTS = {
    "content_root": ".", "templates": "theme/deffinov", "timezone": "Europe/Paris", "today": "",
    "catalog_examples": True, "stale_after_months": STALE_AFTER_MONTHS,
}


# The browser editor's forge (README, « Modifier dans le navigateur ») : the `editor` section of the
# plugin's options. GitHub signs in through an OAuth proxy (`base_url`), GitLab with PKCE (`app_id`).
EDITOR_DEFAULTS = {
    "backend": "github", "repo": "", "branch": "main", "base_url": "", "auth_endpoint": "", "app_id": "",
    "api_root": "", "open_authoring": True,
}
EDITOR_BACKENDS = ("github", "gitlab")


@dataclass(frozen=True)
class Project:
    root: Path  # the repository: regions/ lives here
    content_dir: Path  # editorial pages (MkDocs' docs_dir)
    templates_dir: Path  # templates of generated pages
    directory_urls: bool = True
    timezone: str = DEFAULTS["timezone"]  # the site's own clock, for "today"
    today: str = ""  # ISO date or date-time the site is built for; empty: now (tests, previews)
    site_url: str = ""  # public address of the site, for links in calendars and feeds; empty: unknown
    # Show the catalog's example entries (false once real ones exist).
    catalog_examples: bool = DEFAULTS["catalog_examples"]
    stale_after_months: int = STALE_AFTER_MONTHS  # when a running call's last check is too old
    publisher: str = ""  # the name of who publishes the site (publisher.name): the feeds' author
    editor: tuple[tuple[str, object], ...] = tuple(EDITOR_DEFAULTS.items())  # the `editor` section, filled in

    @property
    def editor_settings(self) -> dict:
        return dict(self.editor)

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
            editor=_editor(options.get("editor")),
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
        f"exemple {STALE_AFTER_MONTHS}, reçu « {value} »."
    )


def _publisher_name(publisher) -> str:
    """The publisher's name from the plugin's `publisher` section, empty when not given."""
    name = publisher.get("name") if isinstance(publisher, Mapping) else None
    return name.strip() if isinstance(name, str) else ""


def _editor(section) -> tuple[tuple[str, object], ...]:
    """The `editor` section with its defaults; an unknown forge is refused, in French."""
    given = {k: v for k, v in (section or {}).items() if k in EDITOR_DEFAULTS and v is not None}
    editor = {**EDITOR_DEFAULTS, **given}
    if editor["backend"] not in EDITOR_BACKENDS:
        raise ProjectError(
            f"{CONFIG_FILE}, extension {PLUGIN_NAME}, rubrique editor, réglage « backend » : "
            f"{' ou '.join(EDITOR_BACKENDS)} attendu, reçu « {editor['backend']} »."
        )
    return tuple(editor.items())


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


# Who publishes the site: what each field of the `publisher` section holds, as the fix to ask for.
PUBLISHER_FIELDS = {
    "name": "le nom de l'organisme qui publie le site",
    "address": "l'adresse postale de l'organisme",
    "director": "le nom et la fonction du directeur ou de la directrice de la publication",
    "email": "une adresse électronique de contact",
    "host_name": "le nom de l'hébergeur du site",
    "host_address": "l'adresse et le téléphone de l'hébergeur",
    "accessibility_contact": "l'adresse électronique où signaler un défaut d'accessibilité",
    "data_protection_contact": "l'adresse du délégué à la protection des données",
}


def missing_fields(publisher: Mapping[str, str | None], config_file: str = "mkdocs.yml") -> list[str]:
    """One French message per field still empty or a bracketed placeholder, in the file's order."""
    messages = []
    for field, wanted in PUBLISHER_FIELDS.items():
        value = (publisher.get(field) or "").strip()
        if not value:
            found = "non renseigné"
        elif value.startswith("["):
            found = f"« {value} » est un exemple à remplacer"
        else:
            continue
        messages.append(f"{config_file}, rubrique publisher, champ « {field} » : {found} ; indiquez {wanted}.")
    return messages


def going_live_report(site_url: str, messages: list[str]) -> str:
    lines = "\n".join(f"  - {message}" for message in messages)
    return (
        f"Le site est construit pour être mis en ligne à l'adresse {site_url} (site_url), mais les "
        "coordonnées de l'éditeur, affichées sur les pages légales, ne sont pas toutes renseignées :\n"
        f"{lines}\n"
        "Complétez-les dans la rubrique publisher de l'extension deffinov, ou retirez site_url pour "
        "un simple aperçu local."
    )
