"""The MkDocs plugin: runs the pipeline from MkDocs' hooks, hands MkDocs its pages, and writes the bulk pages, the data files and the site search after MkDocs' own pages."""

from __future__ import annotations

import dataclasses
import functools
import logging
import shutil
from contextlib import nullcontext
from pathlib import Path

import jinja2

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import AnchorLink, TableOfContents

from . import assets, editor, material_html, sitemap
from .bulk_pages import BulkPageWriter
from .compiled_templates import CompiledTemplates
from .generated_pages import LATER_TEMPLATE, GeneratedPage, PageOnRequest, SkippedPages, nav_titles
from .preview import OnDemandPages, rebuild_soon
from .. import settings
from ..build import gc_freeze, pipeline, publishing, stopping
from ..build.cache import Memo
from ..build.progress import BuildProgress, kind_of
from ..build.site_search import IndexBeside, SearchIndexError
from ..build.workers import Ahead
from ..content.errors import ContentErrors
from ..content.loading import PROGRAMME_FILE
from ..french import typography
from ..outputs import document
from ..outputs.base import RequestedFolder
from ..presentation.urls import Urls
from ..settings import Project, ProjectError
from ..tools import guide


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


class EditorConfig(Config):
    """The browser editor's forge (settings.EDITOR_DEFAULTS; README, « Modifier dans le navigateur »)."""

    backend = opt.Choice(settings.EDITOR_BACKENDS, default=settings.EDITOR_DEFAULTS["backend"])
    repo = opt.Type(str, default="")
    branch = opt.Type(str, default=settings.EDITOR_DEFAULTS["branch"])
    base_url = opt.Type(str, default="")
    auth_endpoint = opt.Type(str, default="")
    app_id = opt.Type(str, default="")
    api_root = opt.Type(str, default="")
    open_authoring = opt.Type(bool, default=settings.EDITOR_DEFAULTS["open_authoring"])


class DeffinovConfig(Config):
    # The defaults are settings.DEFAULTS, which `deffinov check` applies without MkDocs.
    content_root = opt.Type(str, default=settings.DEFAULTS["content_root"])
    templates = opt.Type(str, default=settings.DEFAULTS["templates"])
    timezone = opt.Type(str, default=settings.DEFAULTS["timezone"])
    # The day the site is built for (ISO date or date-time); empty: now. For tests and previews.
    today = opt.Type(str, default=settings.DEFAULTS["today"])
    # The catalog's example entries: set to false once real providers have added theirs.
    catalog_examples = opt.Type(bool, default=settings.DEFAULTS["catalog_examples"])
    # Months after which a running call's last_checked is reported (deffinov check, /maintenance/).
    stale_after_months = opt.Type(int, default=settings.STALE_AFTER_MONTHS)
    search_index = opt.Type(bool, default=True)
    publisher = opt.SubConfig(PublisherConfig)
    editor = opt.SubConfig(EditorConfig)


def _searched(page) -> bool:
    """Whether the site search reads this MkDocs page (None: a page of the theme, such as the error
    page): not when its front matter keeps it from search engines (`robots`) or says
    `search: {exclude: true}` (Material's key). theme/main.html asks it too, to mark the page's
    body for Pagefind; a page not yet read, in a preview, is given to Pagefind, which skips it."""
    meta = page.meta if page is not None else {}
    search = meta.get("search")
    return not (meta.get("robots") or (isinstance(search, dict) and search.get("exclude")))


def _write_data(path: Path, content: str) -> None:
    """Write a data file byte for byte as MkDocs would (CSV lines keep their CRLF on any system)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8"))


def _write_rendered(site_dir: Path, file) -> None:
    """Write a rendered data file into the site folder, its content rendered now if not yet (a preview)."""
    _write_data(site_dir / file.uri, file.content)


def _writers(site_dir: Path, folder: RequestedFolder) -> dict:
    """What writes each file of a preview's folder of data files, once they are made."""
    return {file.uri: functools.partial(_write_rendered, site_dir, file) for file in folder.files()}


class WrittenOnRequest(File):
    """A generated data file of a preview, written by the preview when requested (preview.py):
    MkDocs' copy of its static files at every save skips it."""

    def copy_file(self, dirty: bool = False) -> None:
        pass


class DeffinovPlugin(BasePlugin[DeffinovConfig]):
    command: str | None = None
    dirty = False  # `mkdocs serve --dirty`: the site folder is not emptied between builds
    final_site: Path | None = None  # where a successful `mkdocs build` is published
    # A build is published only if it reached its end (post_build) and nothing failed after.
    written = False
    failed = False
    progress: BuildProgress | None = None
    ahead: Ahead | None = None  # the bulk pages' contents, rendered in the background
    aside: Path | None = None  # where a build writes its large data files until MkDocs has emptied the site folder
    search: IndexBeside | None = None  # the site search's index, made while the last pages are written
    sigterm = False  # whether this plugin made SIGTERM stop the build as Ctrl-C does (stopping.py)
    preview: OnDemandPages | None = None  # `mkdocs serve`: bulk pages written when requested
    skipped: SkippedPages | None = None  # a preview's filter of MkDocs' messages on pages not built yet
    waiting: list[PageOnRequest] = []  # a preview's generated pages, built when requested
    built = False  # whether a build has started in this process (`mkdocs serve` builds again at each save)
    _updated: tuple | None = None  # (the files of a build, by path): see on_pre_page

    def on_startup(self, *, command, dirty):
        self.command, self.dirty = command, dirty
        # SIGTERM (CI cancelling, `timeout`) stops the build as Ctrl-C does, cleaning up on its way
        # out; what a killed build left (temporary folders of its workers) goes now.
        self.sigterm = stopping.install_sigterm()
        stopping.remove_leftovers()
        self.preview = OnDemandPages() if command == "serve" else None
        # What a rebuild may keep of the last build (DEFFINOV_VERIFY_CACHE=1: each rebuild is
        # compared with a clean one, see generator/build/cache.py).
        self.memo = Memo.for_preview() if command == "serve" else None
        self.compiled = CompiledTemplates() if command == "serve" else None
        # A preview builds its generated pages when they are requested (generated_pages.py).
        self.skipped = SkippedPages() if command == "serve" else None
        if self.skipped:
            logging.getLogger("mkdocs.commands.build").addFilter(self.skipped)

    def on_config(self, config):
        try:
            self.project = Project.from_options(
                Path(config.config_file_path).parent, config.docs_dir, config.use_directory_urls, dict(self.config),
                config.site_url or "",
            )
        except ProjectError as exc:
            raise Abort(str(exc)) from None
        # A real build writes into a staging folder, swapped in only if the build succeeds.
        self.final_site = Path(config.site_dir) if self.command == "build" else None
        if self.final_site:
            publishing.recover(self.final_site)  # what a killed build left beside the site
            config.site_dir = str(publishing.staging_dir(self.final_site))
        self.written = self.failed = False
        # Only a preview (`mkdocs serve`, which sets its own site_url) may show placeholders.
        if config.site_url and self.command != "serve":
            missing = settings.missing_fields(self.config.publisher, Path(config.config_file_path).name)
            if missing:
                raise Abort(settings.going_live_report(config.site_url, missing))
        return config

    @event_priority(100)
    def on_pre_build(self, *, config):
        # Runs before MkDocs empties site_dir: invalid content stops the build with nothing written.
        self.progress = BuildProgress(log)
        if self.preview:
            self.preview.building()
            self.preview.catch_up()  # saves in a row: the collector's scan, every third build
            gc_freeze.paused()  # until the build is done (on_post_build) or failed (on_build_error)
        # Only the first build is frozen: a rebuild's objects are let go by the next one (gc_freeze.py).
        first, self.built = not self.built, True
        with gc_freeze.kept_for_the_build(freeze=first), self.preview.lock if self.preview else nullcontext():
            try:
                plan = pipeline.check(self.project, self.memo)
            except ContentErrors as exc:
                # The errors travel with the abort: a preview shows them in the browser (preview.py).
                raise Abort(exc.report()) from exc
            self.progress.checked(sum(1 for planned in plan.files if planned.uri.endswith(".md")))
            self.files = pipeline.render(plan, bulk_known=self._render_ahead, memo=self.memo,
                                         aside=None if self.preview else self._write_aside)
            if self.memo and self.memo.verify:  # else render raised CacheMismatch, naming the files
                log.info("Cache vérifié : %d fichiers identiques, octet pour octet, à une construction à neuf.",
                         len(self.files))
        if self.preview and not self.dirty:  # the build goes on: what MkDocs deletes now, deleted meanwhile
            self.preview.empty_site(Path(config.site_dir))

    def _write_aside(self, rendered) -> None:
        """A large data file (open data, the catalog's index), written as soon as it is made, out
        of the site folder MkDocs is about to empty: its text is not held while the rest renders
        (on_files moves it in)."""
        if self.aside is None:
            self.aside = stopping.temporary_folder("donnees")
        _write_data(self.aside / rendered.uri, rendered.content)

    def _render_ahead(self, bulk):
        """Bulk pages are most of a large build: their contents are rendered on every core from now
        on, while MkDocs builds the other pages on one; they are written last (on_post_build).
        A preview renders only those requested, when they are."""
        self.bulk = bulk
        self.ahead = None if self.preview else Ahead(lambda index: bulk[index].content_unkept(), len(bulk))

    def on_files(self, files: Files, *, config):
        # The theme's stylesheet, scripts and images under content-hashed names (assets.py).
        try:
            self.assets = assets.hash_theme_assets(files, config)
        except assets.AssetError as exc:
            raise Abort(str(exc)) from None
        # Edit links point into the repository: editorial pages live under docs_dir, generated
        # pages at the region or call file they come from (edit_uri is the repository root).
        docs = Path(config.docs_dir).resolve().relative_to(self.project.root).as_posix()
        # The programme's statements are content, rendered into /programme/: not a file to publish.
        if data := files.get_file_from_path(PROGRAMME_FILE):
            files.remove(data)
        # The browser editor's bundle, from npm; its configuration is the site's (outputs/editor.py).
        self.editor_page, self.editor_installed = editor.add_files(
            files, config, self.project.root, public=bool(config.site_url) and self.command != "serve")
        for file in files.documentation_pages():
            file.edit_uri = f"{docs}/{file.src_uri}"
        # Bulk pages (the catalog's thousands) are not MkDocs pages: written after the others.
        # A preview writes them, and the large data files, when they are first requested.
        if self.aside is not None:
            # The large data files a build wrote aside (_write_aside) go into the emptied site folder.
            for written in sorted(path for path in self.aside.rglob("*") if path.is_file()):
                target = Path(config.site_dir) / written.relative_to(self.aside)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(written, target)
            shutil.rmtree(self.aside, ignore_errors=True)
            self.aside = None
        self.deferred, self.waiting = [], []
        # A generated page the navigation names has the navigation's title there, as any MkDocs page.
        titles = nav_titles(config.nav)
        for rendered in self.files:
            if rendered.bulk or rendered.on_request:
                continue
            page = rendered.uri.endswith(".md")
            # A preview writes the data files pages link to (calendars, feeds) when requested, not
            # thousands of them at every save; MkDocs still knows them, for the links to them. Its
            # generated pages are built when requested too (generated_pages.py).
            deferred = self.preview is not None and not page
            generated = (WrittenOnRequest if deferred else File).generated(
                config, rendered.uri, content="" if self.preview else rendered.content)
            if deferred:
                self.deferred.append(rendered)
            # A page made from many files (a list, the home page) has no one file to edit: no link.
            generated.edit_uri = rendered.source
            if page and self.preview:
                self.waiting.append(PageOnRequest(titles.get(rendered.uri), generated, config, rendered))
            elif page:
                GeneratedPage(titles.get(rendered.uri), generated, config)
            files.append(generated)
        if self.skipped:
            self.skipped.waiting = {page.file.src_uri for page in self.waiting}
        sources = {rendered.uri: rendered.source for rendered in self.files}
        kinds = {file.src_uri: kind_of(sources.get(file.src_uri), bool(file.generated_by)) for file in files.documentation_pages()}
        kinds.update({rendered.uri: kind_of(rendered.source, True) for rendered in self.bulk})
        self.progress.planned(kinds)
        self.mkdocs_files = files
        return files

    def on_nav(self, nav, *, config, files):
        self.nav = nav
        return nav

    def on_env(self, env, *, config, files):
        if self.compiled is not None:  # a preview: the theme compiled once (compiled_templates.py)
            env.bytecode_cache = self.compiled.for_filters(
                tuple(sorted((source, hashed.uri) for source, hashed in self.assets.items())))
        # Theme templates link to pages by their source file, under the site's URL style.
        env.globals["page_url"] = Urls(config.use_directory_urls).url_of
        env.globals["searched"] = _searched  # one rule for what the site search reads (theme/main.html)
        if self.preview:  # what a page waiting to be built renders: nothing (generated_pages.py)
            env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({LATER_TEMPLATE: ""}), env.loader])
        # … and to the theme's own files by their source path, served under hashed names.
        env.filters.update(assets.filters(self.assets))
        editor.fill_page(self.editor_page, files, env, self.editor_installed, env.globals["page_url"](guide.GUIDE_PAGE))
        self.env = env
        return env

    def on_page_markdown(self, markdown, *, page, config, files):
        # Editorial pages may use the publisher's details: {{ publisher.name }} and the like.
        if page.meta.get("publisher_fields"):
            for key, value in self.config.publisher.items():
                markdown = markdown.replace("{{ publisher." + key + " }}", value or "[à compléter]")
        # The contributor guide's field reference comes from the models (generator/tools/guide.py).
        if page.meta.get("field_reference"):
            markdown = guide.expand(markdown, searchable=False)
        # Generated pages are already set in French typography by their templates.
        return markdown if page.file.generated_by else typography(markdown)

    def on_pre_page(self, page, *, config, files):
        # The sitemap's lastmod of a generated page: the last change of what it shows, not the
        # day of the build (MkDocs' default, kept for editorial pages).
        if isinstance(page, PageOnRequest) and page.waiting:  # a preview's page not built yet: this runs again when it is
            return page
        if self._updated is None or self._updated[0] is not self.files:
            self._updated = (self.files, {f.uri: f for f in self.files})
        file = self._updated[1].get(page.file.src_uri)
        updated = file and file.updated
        if updated:
            page.update_date = updated.isoformat()
        return page

    def on_page_content(self, html, *, page, config, files):
        self.progress.read(page.file.src_uri)
        # Material's skip link leads to the first entry of the table of contents: make it the title.
        title = material_html.title_anchor(html, page.title or config.site_name)
        first = next(iter(page.toc), None)
        if not (first and first.level == 1 and first.id == title.id):
            entry = AnchorLink(title.text, title.id, 1)
            entry.children = list(page.toc)
            page.toc = TableOfContents([entry])
        return material_html.focusable_code_blocks(title.html)

    def on_post_page(self, output, *, page, config):
        self.progress.written(page.file.src_uri)
        return material_html.without_toggle_autocomplete(output)

    def on_post_template(self, output_content, *, template_name, config):
        return material_html.without_toggle_autocomplete(output_content)

    def on_serve(self, server, *, config, builder):
        # MkDocs watches docs_dir (content/) and mkdocs.yml; the theme only with --watch-theme.
        watched = {Path(config.docs_dir).resolve()}
        regions = (self.project.root / "regions").resolve()
        # Tens of thousands of files: system events, not polling.
        if (self.preview and regions.is_dir()
                and self.preview.watch_content(regions, functools.partial(rebuild_soon, server))):
            watched.add(regions)
        folders = [self.project.root / "regions", self.project.templates_dir]
        if config.theme.custom_dir:
            folders.insert(1, Path(config.theme.custom_dir))  # before theme/deffinov, inside it
        for folder in folders:
            folder = folder.resolve()
            if folder.is_dir() and not any(folder == w or w in folder.parents for w in watched):
                server.watch(str(folder))
                watched.add(folder)
        if self.preview:
            server.set_app(self.preview.app(server))
            server.builder = self.preview.showing_failures(server.builder, config.site_name)
        return server

    def on_post_build(self, *, config):
        writer = BulkPageWriter(config, self.nav, self.env, self.mkdocs_files)
        # The site search reads MkDocs' pages and the searchable bulk pages (the calls): the
        # catalog has its own index.
        searched = [file.dest_uri for file in self.mkdocs_files.documentation_pages() if _searched(file.page)] + [
            writer.dest_uri(rendered) for rendered in self.bulk if rendered.searchable]
        if self.preview:
            address = Urls(config.use_directory_urls).url_of
            if self.config.search_index:
                self.preview.index_in_background(
                    lambda site_dir, bundle, started: pipeline.after_build(site_dir, bundle, searched, background=True,
                                                                           started=started),
                    Path(config.site_dir), [address(page.file.src_uri) for page in self.waiting]
                    + [address(rendered.uri) for rendered in self.bulk if rendered.searchable])
            site_dir = Path(config.site_dir)
            later = {address(page.uri): functools.partial(writer.write, page) for page in self.bulk}
            doc_files = self.mkdocs_files.documentation_pages()
            later.update({address(page.file.src_uri): functools.partial(page.build, config, self.mkdocs_files, doc_files,
                                                                        self.nav, self.env) for page in self.waiting})
            folders = {file.uri: functools.partial(_writers, site_dir, file) for file in self.files
                       if isinstance(file, RequestedFolder)}
            later.update({file.uri: functools.partial(_write_rendered, site_dir, file)
                          for file in self.files if file.on_request and file.uri not in folders})
            later.update({address(file.uri): functools.partial(_write_rendered, site_dir, file)
                          for file in self.deferred})
            self.preview.built(later, folders)
            self.progress.finish()
            self.written = True
            # The scan takes a third of a second at 20,000 resources: after the edited page is shown.
            self.preview.when_idle(gc_freeze.between_builds)
            return
        # The search index is made beside the last bulk pages' writing, once the pages it reads
        # are written and the workers that rendered the bulk pages are gone: the memory of both
        # at once would pass the bar at 20,000 resources.
        self.search = IndexBeside(Path(config.site_dir), searched) if self.config.search_index else None
        last_searched = max((number for number, rendered in enumerate(self.bulk) if rendered.searchable), default=-1)
        # No name holds a bulk page across iterations: letting go of the site lets go of them all.
        for number, content in enumerate(self.ahead):
            writer.write(self.bulk[number], content)
            self.progress.read(self.bulk[number].uri)
            self.progress.written(self.bulk[number].uri)
            if (self.search and not self.search.started and number >= last_searched and number % 100 == 0
                    and self.ahead.rendered()):
                self.ahead.release()
                if self.ahead.by_workers:  # else the pages still to write are rendered here
                    self._let_go_of_the_site()
                self.progress.search_started(len(searched))
                self.search.start()
        if self.search:
            if not self.search.started:
                self._let_go_of_the_site()
                self.progress.search_started(len(searched))
            try:
                self.search.wait()
            except SearchIndexError as exc:
                raise PluginError(str(exc)) from None
            self.progress.search_done()
        if config.site_url:  # MkDocs' sitemap lists pages only when the site's address is known
            address = Urls(config.use_directory_urls).url_of
            sitemap.add_pages(Path(config.site_dir), [
                (config.site_url.rstrip("/") + "/" + address(rendered.uri), rendered.updated) for rendered in self.bulk])
        self.progress.finish()
        self.written = True

    def _let_go_of_the_site(self) -> None:
        """Every bulk page rendered by the workers, now gone, and MkDocs' pages written: this process
        needs nothing of what the pages were made from (the site and its views), nor the text of
        the files. Let go before the search index starts, whose memory adds to this process's."""
        self.bulk[:] = [dataclasses.replace(rendered, render=None) for rendered in self.bulk]
        self.files, self._updated = [], None
        # MkDocs has written its pages and copied the data files: nothing reads their text again.
        # A page's title stays (MkDocs gives none without Markdown): the bulk pages still to write
        # show it in their navigation.
        for file in self.mkdocs_files:
            if file.page is not None:
                file.page.markdown, file.page.content = "", None
            if file.generated_by:
                file.content_string = ""
        gc_freeze.let_go()

    def on_build_error(self, *, error):
        # Also called when strict mode aborts on warnings, after on_post_build.
        self.failed = True
        if self.ahead:
            self.ahead.close()
        if self.preview:
            self.preview.failed()
            gc_freeze.between_builds()
        if self.progress:
            self.progress.stop()

    def on_shutdown(self):
        try:
            self._close()
        finally:
            if self.skipped:
                logging.getLogger("mkdocs.commands.build").removeFilter(self.skipped)
            if self.sigterm:
                stopping.uninstall_sigterm()

    def _close(self):
        if self.aside is not None:
            shutil.rmtree(self.aside, ignore_errors=True)
        if self.search:
            self.search.stop()
        if self.ahead:
            self.ahead.close()
        if self.preview:
            self.preview.close()
        if not self.final_site:
            return
        staging = publishing.staging_dir(self.final_site)
        if self.failed or not self.written:
            publishing.discard(staging)
            if self.final_site.exists():
                log.error("Le site précédent est conservé tel quel dans %s.", self.final_site)
            else:
                log.error("Aucun site n'a été écrit.")
        else:
            publishing.publish(staging, self.final_site)
