"""Adjustments to the HTML that Material for MkDocs writes where its templates offer no block.

Material's base template is not copied to change a detail (DESIGN: theme overrides stay small);
the plugin applies these functions to each page instead. Plain string work, no MkDocs.

- The two hidden checkboxes that open the menu and the search carry `autocomplete="off"`, which
  HTML allows on text fields only (`without_toggle_autocomplete`; deffinov.js closes both
  when a page is shown again, which is what Material wanted of the attribute).
"""

from __future__ import annotations

import re

_TOGGLE_AUTOCOMPLETE = re.compile(
    r'(<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" id="__(?:drawer|search)") autocomplete="off">'
)


def without_toggle_autocomplete(page: str) -> str:
    return _TOGGLE_AUTOCOMPLETE.sub(r"\1>", page)
