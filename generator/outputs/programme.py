"""The programme page (/programme/), rendered from content/programme.yml: each statement followed
by the sources it cites, each source linked, dated and with the day it was last checked."""

from __future__ import annotations

from dataclasses import dataclass

from ..content.entries import SiteModel
from ..content.programme import ProgrammeSource
from ..french import french_date
from ..presentation import urls
from .base import Output, PlannedFile, RenderContext, RenderedFile
from .pages import PageLinks


@dataclass(frozen=True)
class Cited:
    """A source as a statement cites it: its anchor in the page's list, and the words of the link."""

    source: ProgrammeSource
    anchor: str
    words: str


def citation(source: ProgrammeSource) -> Cited:
    words = source.cite or ", ".join([source.publisher, *([french_date(source.published)] if source.published else [])])
    return Cited(source, f"source-{source.id}", words)


class ProgrammePage(Output):
    reads = ("programme",)
    bulk_pages = False

    def files(self, site: SiteModel) -> list[PlannedFile]:
        return [PlannedFile(urls.PROGRAMME, site.programme.path)] if site.programme else []

    def render(self, context: RenderContext) -> list[RenderedFile]:
        entry = context.site.programme
        if entry is None:
            return []
        data = entry.data
        cited = {source.id: citation(source) for source in data.sources}
        link = PageLinks(context.urls, urls.PROGRAMME, context.site_url)
        page = context.templates.get_template("programme.html").render(programme=data, cited=cited, link=link)
        checked = max(source.last_checked for source in data.sources)
        return [RenderedFile(urls.PROGRAMME, entry.path, page, updated=checked)]


OUTPUT = ProgrammePage()
