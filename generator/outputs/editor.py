"""The browser editor's files at /admin/: its configuration and what its previews need.

`admin/config.yml` is Decap CMS's configuration (content/editorconfig.py) with the providers and
calls of the content offered as choices; `admin/donnees.json` gives the previews (theme/assets/
javascripts/deffinov/editor.js) each region's name and time zone, the status rule the pages use,
and the model's French labels. The page itself (`admin/index.html`) names the theme's hashed
files, so the MkDocs plugin writes it (generator/mkdocs/editor.py).
"""

from __future__ import annotations

import json

from ..content.call import Call, Channel, Stage
from ..content.fields import FuzzyDate
from ..content.vocabulary import Audience, Delivery, Fees
from ..content.resource import ResourceType
from ..french import UNKNOWN, local_time_of
from ..content.editorconfig import CONFIG_URI, as_yaml, editor_config
from ..content.entries import SiteModel
from ..content.fields import label
from ..content.jsonschemas import Known
from ..content.resource import Resource
from ..presentation.schedule import status_rule
from ..settings import EDITOR_DEFAULTS
from .base import Output, PlannedFile, RenderContext, RenderedFile

DATA_URI = "admin/donnees.json"
# The fields the previews show, by their path in the model: their labels come from it.
PREVIEWED = {
    "call": (Call, ("summary", "calendar", "calendar.waves", "calendar.waves.deadline", "calendar.waves.time",
                    "calendar.waves.opens", "calendar.rolling", "calendar.closes", "eligibility",
                    "eligibility.applicants", "eligibility.collective", "eligibility.lead_partner", "application",
                    "application.channels", "application.proof", "aid.max", "budget", "sources", "last_checked")),
    "resource": (Resource, ("summary", "type", "provider", "place", "fees", "fee_details", "delivery", "booking",
                            "audiences", "last_updated")),
}


class Editor(Output):
    reads = ("calls", "providers", "regions")
    bulk_pages = False

    def files(self, site: SiteModel) -> list[PlannedFile]:
        return [PlannedFile(CONFIG_URI, None), PlannedFile(DATA_URI, None)]

    def render(self, context: RenderContext) -> list[RenderedFile]:
        known = Known.of_site(context.site)
        # Only the names offered as choices count: `mkdocs serve` keeps the file (a second to write
        # at 2,000 calls) while a saved call keeps its title.
        names = tuple(tuple(names.items()) for names in (known.regions, known.providers, known.calls))
        config = context.memo.named("editor-config", names, lambda: as_yaml(
            editor_config(known, {**EDITOR_DEFAULTS, **context.editor})))
        return [RenderedFile(CONFIG_URI, None, config),
                RenderedFile(DATA_URI, None, json.dumps(preview_data(context.site), ensure_ascii=False, indent=1))]


def preview_data(site: SiteModel) -> dict:
    """What the previews need from the site and the model."""
    return {
        "regions": {region.slug: {"name": region.data.name, "timezone": region.data.timezone,
                                  "local_time": local_time_of(region.data.timezone)} for region in site.regions},
        "rule": status_rule(),
        "labels": {kind: {path: label(model, path) for path in paths} for kind, (model, paths) in PREVIEWED.items()},
        "uncertain_date": {key: label(FuzzyDate, key) for key in ("date", "year_uncertain", "day_unknown")},
        "values": {enum.__name__: {member.value: member.label for member in enum}
                   for enum in (Stage, Channel, ResourceType, Fees, Delivery, Audience)},
        "unknown": UNKNOWN,
    }


OUTPUT = Editor()
