"""MkDocs adapter: hands the model's pages to MkDocs. Everything else lives in plain modules."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from zoneinfo import ZoneInfo

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from . import pages, publishing, search
from .errors import ContentErrors
from .loader import load_site
from .render import environment

log = logging.getLogger("mkdocs.plugins.deffinov")


class PublisherConfig(Config):
    """Who publishes the site: shown on the legal pages, filled in by the deploying organisation."""

    name = opt.Type(str, default="")
    address = opt.Type(str, default="")
    director = opt.Type(str, default="")
    email = opt.Type(str, default="")
    host_name = opt.Type(str, default="")
    host_address = opt.Type(str, default="")
    accessibility_contact = opt.Type(str, default="")
    data_protection_contact = opt.Type(str, default="")


class DeffinovConfig(Config):
    content_root = opt.Dir(exists=True, default=".")
    templates = opt.Type(str, default="theme/deffinov")
    timezone = opt.Type(str, default="Europe/Paris")
    search_index = opt.Type(bool, default=True)
    publisher = opt.SubConfig(PublisherConfig)


class WarningCounter(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.count = 0

    def emit(self, record):
        self.count += 1


class DeffinovPlugin(BasePlugin[DeffinovConfig]):
    def on_startup(self, *, command, dirty):
        self.command = command

    def on_config(self, config):
        self.root = Path(self.config.content_root).resolve()
        self._strict = config.strict
        self.final_site = None
        if getattr(self, "command", None) == "build":
            self.final_site = Path(config.site_dir)
            config.site_dir = str(publishing.staging_dir(self.final_site))
        return config

    @event_priority(100)
    def on_pre_build(self, *, config):
        # Runs before MkDocs empties site_dir: invalid content stops the build with nothing written.
        self.succeeded = False
        self.warnings = WarningCounter()
        if self.final_site:
            logging.getLogger("mkdocs").addHandler(self.warnings)
        try:
            site = load_site(self.root)
            conflicts = pages.url_conflicts(pages.generated_uris(site), Path(config.docs_dir), self.root)
            if conflicts:
                raise ContentErrors(conflicts)
        except ContentErrors as exc:
            raise Abort(exc.report()) from None
        now = dt.datetime.now(ZoneInfo(self.config.timezone))
        self.pages = pages.build_pages(site, now, environment(self.root / self.config.templates))

    def on_files(self, files: Files, *, config):
        # Edit links point into the repository: editorial pages live under docs_dir, generated
        # pages at the region or call file they come from (edit_uri is the repository root).
        docs = Path(config.docs_dir).resolve().relative_to(self.root).as_posix()
        for file in files.documentation_pages():
            file.edit_uri = f"{docs}/{file.src_uri}"
        for page in self.pages:
            generated = File.generated(config, page.uri, content=page.content)
            if page.source:
                generated.edit_uri = page.source
            files.append(generated)
        return files

    def on_page_markdown(self, markdown, *, page, config, files):
        # Editorial pages may use the publisher's details: {{ publisher.name }} and the like.
        if page.meta.get("publisher_fields"):
            for key, value in self.config.publisher.items():
                markdown = markdown.replace("{{ publisher." + key + " }}", value or "[à compléter]")
        return markdown

    def on_serve(self, server, *, config, builder):
        for folder in ("regions", self.config.templates):
            server.watch(str(self.root / folder))
        return server

    def on_post_build(self, *, config):
        if self.config.search_index:
            try:
                search.index_site(Path(config.site_dir))
            except search.SearchIndexError as exc:
                raise PluginError(str(exc)) from None
        self.succeeded = True

    def on_shutdown(self):
        if not getattr(self, "final_site", None):
            return
        warnings = getattr(self, "warnings", None)
        logging.getLogger("mkdocs").removeHandler(warnings)
        staging = publishing.staging_dir(self.final_site)
        # MkDocs aborts a strict build on warnings only after on_post_build: check it here too.
        strict_failed = self._strict and warnings is not None and warnings.count > 0
        if getattr(self, "succeeded", False) and not strict_failed:
            publishing.publish(staging, self.final_site)
        else:
            publishing.discard(staging)
            if self.final_site.exists():
                log.error("Le site précédent est conservé tel quel dans %s.", self.final_site)
            else:
                log.error("Aucun site n'a été écrit.")
