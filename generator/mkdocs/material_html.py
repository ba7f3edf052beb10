"""Adjustments to the HTML that Material for MkDocs writes where its templates offer no block.

Material's base template is not copied to change three details (DESIGN: theme overrides stay
small); the plugin applies these functions to each page instead. Plain string work, no MkDocs.

- The skip link ("Aller au contenu") points at the first entry of the table of contents: the
  page's title must be that entry, so it needs an id (`title_anchor`).
- The two hidden checkboxes that open the menu and the search carry `autocomplete="off"`, which
  HTML allows on text fields only (`without_toggle_autocomplete`; deffinov/header.js closes both
  when a page is shown again, which is what Material wanted of the attribute).
- A code block wider than the page scrolls sideways, so the keyboard must reach it. Material's
  script makes the inner `code` focusable, but only for a pointer that hovers, and once it has
  run. Here every block's `pre` is the focusable region that scrolls (`focusable_code_blocks`, and
  deffinov.css), with or without the script, whatever the pointer.
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass

from markdown.extensions.toc import slugify, unique

_H1 = re.compile(r"<h1(?P<attrs>(?:\s[^>]*)?)>(?P<inner>.*?)</h1>", re.S | re.I)
_ID = re.compile(r"""\sid=(?:"([^"]*)"|'([^']*)')""")
_TAG = re.compile(r"<[^>]+>")
_TOGGLE_AUTOCOMPLETE = re.compile(
    r'(<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" id="__(?:drawer|search)") autocomplete="off">'
)

_CODE_BLOCK = re.compile(r"<pre><code(?=[\s>])")


@dataclass(frozen=True)
class Title:
    html: str  # the page content, its title with an id
    id: str
    text: str  # the title as plain text


def title_anchor(content: str, page_title: str) -> Title:
    """The page's first h1, given an id if it has none; a page without one gets its title as h1.

    Material prints `<h1>page title</h1>` itself when the content has none: it is written here
    instead, with its id, so that the skip link can point at it.
    """
    match = _H1.search(content)
    if match is None:
        anchor = slugify(page_title, "-") or "titre"
        anchor = unique(anchor, set(_ids(content)))
        heading = f'<h1 id="{anchor}">{html_lib.escape(page_title)}</h1>\n'
        return Title(heading + content, anchor, page_title)
    text = " ".join(html_lib.unescape(_TAG.sub(" ", match["inner"])).split())
    existing = _ID.search(match["attrs"])
    if existing:
        return Title(content, existing.group(1) or existing.group(2), text)
    anchor = unique(slugify(text, "-") or "titre", set(_ids(content)))
    opening = f'<h1 id="{anchor}"{match["attrs"]}>'
    return Title(content[:match.start()] + opening + content[match.start("inner"):], anchor, text)


def without_toggle_autocomplete(page: str) -> str:
    return _TOGGLE_AUTOCOMPLETE.sub(r"\1>", page)


def focusable_code_blocks(content: str) -> str:
    return _CODE_BLOCK.sub('<pre tabindex="0"><code', content)


def _ids(content: str) -> list[str]:
    return [a or b for a, b in _ID.findall(content)]
