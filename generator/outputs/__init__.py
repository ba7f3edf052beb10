"""Everything the build writes besides MkDocs' own pages, one module per output.

Each output is an `Output` (base.py): it declares what it reads of the site (`reads`) and whether
it renders bulk pages (`bulk_pages`), lists its files without rendering them (`files`), so that
`deffinov check` finds address conflicts cheaply, then renders them (`render`). `OUTPUTS` is the
one registry the pipeline walks; a new output (calendars, feeds, exports) is a module plus a line
here.
"""

from __future__ import annotations

from .base import Output
from . import (
    calendars, catalog_index, catalog_pages, comparison, editor, feeds, maintenance, opendata, pages, places, programme,
    schemas,
)

OUTPUTS: tuple[Output, ...] = (
    pages.OUTPUT, catalog_pages.OUTPUT, catalog_index.OUTPUT, calendars.SITE_WIDE, calendars.OUTPUT, feeds.OUTPUT,
    schemas.OUTPUT, maintenance.OUTPUT, comparison.OUTPUT, opendata.OUTPUT, programme.OUTPUT, places.OUTPUT,
    editor.OUTPUT,
)
