"""The JSON Schemas of the content files, published at `schemas/<kind>.schema.json`.

Generated from the models, with every value the published content allows (regions, providers,
calls): what an editor's YAML language server may point to by its address.
"""

from __future__ import annotations

from ..content.entries import SiteModel
from ..content.jsonschemas import Known, as_json, content_schema
from ..content.kinds import KINDS
from .base import Output, PlannedFile, RenderContext, RenderedFile


class Schemas(Output):
    reads = ("calls", "providers", "regions")
    bulk_pages = False

    def files(self, site: SiteModel) -> list[PlannedFile]:
        return [PlannedFile(kind.schema_path, None) for kind in KINDS]

    def render(self, context: RenderContext) -> list[RenderedFile]:
        known = Known.of_site(context.site)
        # A call saved in `mkdocs serve` is a new entry, but rarely new ids or names to list.
        values = tuple(tuple(part.items()) for part in (known.regions, known.providers, known.calls))
        return context.memo.named("schemas", values, lambda: [
            RenderedFile(kind.schema_path, None, as_json(content_schema(kind, known))) for kind in KINDS])


OUTPUT = Schemas()
