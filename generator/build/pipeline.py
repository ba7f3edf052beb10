"""load → check → plan → render: the one way from the repository to the files of the site.

`deffinov check` runs it up to the plan; the MkDocs plugin runs it all and hands the rendered
files to MkDocs. Nothing here imports MkDocs.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..content.entries import SiteModel
from ..content.errors import ContentError, ContentErrors, relative
from ..content.loading import load_content
from ..outputs import OUTPUTS
from ..outputs.base import BulkFile, FileOnRequest, Output, PlannedFile, RenderContext, RenderedFile, RequestedFolder
from .site_search import index_site
from ..outputs.templates import environment
from .cache import Memo, NoMemo, equal_results, folder_stamp
from ..settings import Project
from ..presentation.views import reading_state
from ..presentation.urls import Urls


@dataclass(frozen=True)
class Plan:
    """A checked site and every file the outputs will write for it that may claim an address: all
    but those of the data-only outputs (`Output.data_only`)."""

    project: Project
    site: SiteModel
    files: list[PlannedFile]


def check(project: Project, memo: Memo | None = None) -> Plan:
    """Load, check and plan every file that may claim an address (all but the data-only outputs');
    raise ContentErrors with every problem found, all in one round.
    With a `memo` (`mkdocs serve`), a build starts (`render` ends it): only the files saved since
    the last build are read again, and an output's files are planned again only if what it reads
    changed."""
    memo = memo or NoMemo()
    # The templates' stamps are a setting: a template saved, or saved too recently to be trusted,
    # and nothing made before is kept.
    memo.next_build((project.site_url, project.directory_urls, project.stale_after_months, project.publisher,
                     project.editor, folder_stamp(project.templates_dir)) if memo.active else ())
    loaded = load_content(project.root, examples=project.catalog_examples, content_dir=project.content_dir,
                          cache=memo)
    planned_site = loaded.site.coherent() if loaded.errors else loaded.site
    # The files of an output of data files only are not planned here: JSON names in a folder of
    # their own (`Output.data_only`), they can take no other file's address, and listing them (the
    # catalog index's words, the places' names) took a third of a large check, on one core.
    files = [planned for output in OUTPUTS if not output.data_only
             for planned in _planned(output, planned_site, memo)]
    # A file already in error (two calls with one id) is not reported twice.
    in_error = {error.path for error in loaded.errors}
    errors = loaded.errors + [e for e in url_conflicts(files, project) if e.path not in in_error]
    if errors:
        raise ContentErrors(errors)
    return Plan(project, loaded.site, files)


def _on_request(output: Output, memo: Memo | NoMemo) -> bool:
    """Whether `output` is rendered only when one of its files is requested: in `mkdocs serve`,
    every output but those with bulk pages (whose other pages render when requested, LaterFile);
    not in verify mode, which compares every file with a clean build's."""
    return not output.bulk_pages and memo.active and not memo.verify


def _planned(output: Output, site: SiteModel, memo: Memo | NoMemo) -> list[PlannedFile]:
    """The files `output` plans for `site`: from the site alone (no day), so its `reads` but "day"
    are what `mkdocs serve` keeps them by."""
    return memo.named(f"plan-{type(output).__name__}",
                      tuple(_as_tuple(getattr(site, part)) for part in output.reads if part != "day"),
                      lambda: output.files(site))


def render(plan: Plan, bulk_known: Callable[[list[BulkFile]], None] | None = None,
           memo: Memo | None = None, now: dt.datetime | None = None,
           aside: Callable[[RenderedFile], None] | None = None) -> list[RenderedFile]:
    """Every planned file, rendered for the project's day (or `now`), in the order of the outputs.

    The outputs with bulk pages render first, and `bulk_known` receives those pages before the
    others render: their contents (most of a large build) can be rendered meanwhile. With the
    `memo` `check` was given (`mkdocs serve`), an output whose inputs did not change since the
    last build gives the same files without rendering them again, and every output without bulk
    pages gives its files as planned (FileOnRequest; an output of data files only, a RequestedFolder),
    rendered when one of them is requested; in its verify mode, the files are then compared
    with those of a clean build (`CacheMismatch`). `aside`, when given, receives each large data
    file (`on_request`) as soon as its output has made it, and the result leaves them out: a build
    writes them away rather than holding them all while the rest renders."""
    project = plan.project
    memo = memo or NoMemo()
    context = RenderContext(
        site=plan.site,
        now=now or project.now(),
        urls=Urls(project.directory_urls),
        templates=memo.templates(project.templates_dir, environment),
        site_url=project.site_url,
        stale_after_months=project.stale_after_months,
        publisher=project.publisher,
        editor=project.editor_settings,
        memo=memo,
    )
    if memo.active:  # the build `check` started
        day = reading_state(plan.site, context.now)

    def output_files(output: Output) -> list[RenderedFile]:
        if not memo.active:
            if aside is None:
                return list(output.render(context))
            kept = []
            for file in output.render(context):  # an output that yields its files: each let go once aside
                if file.on_request:
                    aside(file)
                else:
                    kept.append(file)
            return kept
        inputs = tuple(day if part == "day" else _as_tuple(getattr(plan.site, part)) for part in output.reads)
        # Verify mode: the output sees only what it declared, so an undeclared read fails at once.
        seen = declared_context(context, output.reads, type(output).__name__) if memo.verify else context

        def made() -> list[RenderedFile]:
            return memo.named(type(output).__name__, inputs, lambda: list(output.render(seen)))

        if not _on_request(output, memo):
            return made()
        # Made when a file is requested, if ever: the catalog's index, the open data, the calendars
        # are not remade at each save, and what was made is kept for the build that asks for it.
        memo.carry(type(output).__name__)
        if output.data_only:  # its files are not planned: they are listed once made
            return [RequestedFolder(output.data_only, made)]
        by_uri = functools.cache(lambda: {file.uri: file for file in made()})
        return [FileOnRequest(planned.uri, planned.source, planned.on_request, by_uri)
                for planned in _planned(output, plan.site, memo)]

    first = [output for output in OUTPUTS if output.bulk_pages]
    rendered = {id(output): output_files(output) for output in first}
    if bulk_known:
        bulk_known([file for output in first for file in rendered[id(output)] if file.bulk])
    # Their other pages render now, while workers render the bulk pages (LaterFile); in `mkdocs
    # serve`, when someone opens them (generator/mkdocs/generated_pages.py).
    if not memo.active:
        for output in first:
            for file in rendered[id(output)]:
                if not file.bulk:
                    file.content
    rendered.update({id(output): output_files(output) for output in OUTPUTS if output not in first})
    files = [file for output in OUTPUTS for file in rendered[id(output)]]
    memo.done()
    if memo.verify:
        verify(project, files, context.now)
    return files


class CacheMismatch(AssertionError):
    """Verify mode: a build that kept results of the previous ones differs from a clean build."""

    def __init__(self, differing: list[str]):
        self.differing = differing
        super().__init__(
            f"cache : {len(differing)} fichier(s) diffèrent d'une construction à neuf ; ce qui a été gardé "
            "de la construction précédente est périmé :\n" + "\n".join(f"  {uri}" for uri in differing))


def verify(project: Project, files: list[RenderedFile], now: dt.datetime) -> None:
    """Build `project` from scratch for the same moment (every file read, templates compiled, nothing
    kept) and compare with `files`, byte for byte: raise CacheMismatch with the files that differ."""
    clean = {file.uri: file for file in render(check(project), now=now)}
    built = {file.uri: file for file in files}
    differing = sorted(uri for uri in clean.keys() | built.keys()
                       if uri not in clean or uri not in built or not equal_results(clean[uri], built[uri]))
    if differing:
        raise CacheMismatch(differing)


class UndeclaredRead(AssertionError):
    """Verify mode: an output read what its `reads` does not declare."""


class DeclaredSite:
    """The site as an output that declared `reads` may see it (verify mode): its lists that were
    not declared raise, and so do its methods that read them (they run on this view)."""

    def __init__(self, site: SiteModel, reads: tuple[str, ...], reader: str):
        self._site, self._reads, self._reader = site, reads, reader
        self._derived: dict = {}  # what `derived` works out, through this view: its reads are checked

    def __getattr__(self, name: str):
        # `_regions` is the index of `regions` that `region(slug)` reads.
        declared = "regions" if name == "_regions" else name
        if declared in SITE_LISTS or name == "_regions":
            if declared not in self._reads:
                raise UndeclaredRead(f"cache : {self._reader} lit « site.{declared} » sans le déclarer dans "
                                     f"`reads` {self._reads} ; ajoutez-le, sinon mkdocs serve garderait ses "
                                     "fichiers quand cela change.")
            return getattr(self._site, name)
        method = getattr(type(self._site), name)
        return method.__get__(self) if callable(method) else method


SITE_LISTS = ("regions", "calls", "providers", "resources", "programme")


class UndeclaredMoment:
    """The moment of the build for an output that did not declare "day" (verify mode): any use raises."""

    def __init__(self, reader: str):
        self._reader = reader

    def _refuse(self, *args, **kwargs):
        raise UndeclaredRead(f"cache : {self._reader} lit le jour de la construction sans déclarer "
                             "« day » dans `reads` ; ajoutez-le, sinon mkdocs serve garderait ses fichiers "
                             "d'un jour à l'autre.")

    __getattr__ = __eq__ = __lt__ = __le__ = __gt__ = __ge__ = __sub__ = __rsub__ = __add__ = __radd__ = _refuse
    __hash__ = _refuse  # a key of what is worked out for a moment (SiteModel.derived)


def declared_context(context: RenderContext, reads: tuple[str, ...], reader: str) -> RenderContext:
    """`context` for an output that declared `reads`: a site and a moment that refuse the rest."""
    now = context.now if "day" in reads else UndeclaredMoment(reader)
    return dataclasses.replace(context, site=DeclaredSite(context.site, reads, reader), now=now)


def _as_tuple(value) -> tuple:
    """What an output reads of the site, comparable from one build to the next: a list of entries,
    or one entry (the programme), or None."""
    return tuple(value) if isinstance(value, list) else (value,)


def after_build(site_dir: Path, bundle: Path | None = None, pages: list[str] | None = None,
                background: bool = False, started=None) -> None:
    """What needs the written site: the search index of its `pages` (paths in the site; all when
    not given), into `bundle` (by default its place in the site); `background`: at low priority,
    its process given to `started` (site_search.index_site)."""
    index_site(site_dir, bundle, pages, background, started)


def url_conflicts(files: list[PlannedFile], project: Project) -> list[ContentError]:
    """No two files may claim one address: not two outputs, nor an editorial page and an output."""
    urls = Urls(project.directory_urls)
    taken: dict[str, PlannedFile] = {}
    errors = []
    for planned in files:
        address = urls.url_of(planned.uri)
        if address in taken:
            errors.append(ContentError(planned.source or planned.uri, None, None,
                f"ce contenu prendrait l'adresse /{address}, déjà produite par "
                f"{taken[address].source or 'le générateur'}. Renommez ou déplacez ce fichier."))
        taken.setdefault(address, planned)
    for path in sorted(project.content_dir.rglob("*.md")):
        address = urls.url_of(path.relative_to(project.content_dir).as_posix())
        if address in taken:
            owner = taken[address].source or "le générateur (page de liste)"
            errors.append(ContentError(
                relative(path, project.root), None, None,
                f"cette page prendrait l'adresse /{address}, déjà produite par {owner}. "
                "Renommez ou déplacez ce fichier.",
            ))
    return errors
