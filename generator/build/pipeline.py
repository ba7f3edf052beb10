"""load → check → plan → render: the one way from the repository to the files of the site.

`deffinov check` runs it up to the plan; the MkDocs plugin runs it all and hands the rendered
files to MkDocs. Nothing here imports MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..content.entries import SiteModel
from ..content.errors import ContentError, ContentErrors, relative
from ..content.loading import load_content
from ..outputs import OUTPUTS
from ..outputs.base import BulkFile, Output, PlannedFile, RenderContext, RenderedFile
from .site_search import index_site
from ..outputs.templates import environment, templates_state
from .cache import Memo, NoMemo
from ..settings import Project
from ..presentation.views import reading_state
from ..presentation.urls import Urls


@dataclass(frozen=True)
class Plan:
    """A checked site and every file the outputs will write for it."""

    project: Project
    site: SiteModel
    files: list[PlannedFile]


def check(project: Project) -> Plan:
    """Load, check and plan; raise ContentErrors with every problem found, all in one round."""
    loaded = load_content(project.root, examples=project.catalog_examples, content_dir=project.content_dir)
    planned_site = loaded.site.coherent() if loaded.errors else loaded.site
    files = [planned for output in OUTPUTS for planned in output.files(planned_site)]
    # A file already in error (two calls with one id) is not reported twice.
    in_error = {error.path for error in loaded.errors}
    errors = loaded.errors + [e for e in url_conflicts(files, project) if e.path not in in_error]
    if errors:
        raise ContentErrors(errors)
    return Plan(project, loaded.site, files)


def render(plan: Plan, bulk_known: Callable[[list[BulkFile]], None] | None = None,
           memo: Memo | None = None) -> list[RenderedFile]:
    """Every planned file, rendered for the project's day, in the order of the outputs.

    The outputs with bulk pages render first, and `bulk_known` receives those pages before the
    others render: their contents (most of a large build) can be rendered meanwhile. With a
    `memo` (`mkdocs serve`), an output whose inputs did not change since the last build gives
    the same files without rendering them again."""
    project = plan.project
    memo = memo or NoMemo()
    context = RenderContext(
        site=plan.site,
        now=project.now(),
        urls=Urls(project.directory_urls),
        templates=environment(project.templates_dir),
        site_url=project.site_url,
        stale_after_months=project.stale_after_months,
        publisher=project.publisher,
        memo=memo,
    )
    if memo.active:
        memo.next_build((context.site_url, project.directory_urls, project.stale_after_months, project.publisher,
                         templates_state(project.templates_dir)))
        day = reading_state(plan.site, context.now)

    def output_files(output: Output) -> list[RenderedFile]:
        if not memo.active:
            return output.render(context)
        inputs = tuple(day if part == "day" else _as_tuple(getattr(plan.site, part)) for part in output.reads)
        return memo.get(type(output).__name__, inputs, lambda: output.render(context))

    first = [output for output in OUTPUTS if output.bulk_pages]
    rendered = {id(output): output_files(output) for output in first}
    if bulk_known:
        bulk_known([file for output in first for file in rendered[id(output)] if file.bulk])
    rendered.update({id(output): output_files(output) for output in OUTPUTS if output not in first})
    return [file for output in OUTPUTS for file in rendered[id(output)]]


def _as_tuple(value) -> tuple:
    """What an output reads of the site, comparable from one build to the next: a list of entries,
    or one entry (the programme), or None."""
    return tuple(value) if isinstance(value, list) else (value,)


def after_build(site_dir: Path, bundle: Path | None = None, pages: list[str] | None = None,
                background: bool = False) -> None:
    """What needs the written site: the search index of its `pages` (paths in the site; all when
    not given), into `bundle` (by default its place in the site); `background`: at low priority."""
    index_site(site_dir, bundle, pages, background)


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
