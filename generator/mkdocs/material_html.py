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
- Material's templates indent their markup: about a fifth of a catalog page is spaces that
  the browser shows as one. A bulk page's shell keeps one line break where a run of them
  stands (`spaces_collapsed`): 25,000 pages are written, and read by the site search, lighter.
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

# A run of HTML's spaces (not Python's \s: a no-break space is text) that holds a line break,
# in a text or between two tags. Tags are matched whole, their attributes kept as they are; so
# are the elements whose spaces are shown as written or that are code, and comments (to the
# end, one left open). Material's CSS sets `white-space: pre…` on pre, code and kbd only (and on
# a search box its script fills): elsewhere such a run is shown as one space, as one line break is.
_KEPT_WHOLE = "pre|textarea|script|style|code|kbd"
_SPACES_OUTSIDE_TAGS = re.compile(
    rf"(?P<whole><(?P<kept>{_KEPT_WHOLE})(?=[\s>/]).*?(?:</(?P=kept)\s*>|\Z)|<!--.*?(?:-->|\Z)|<[A-Za-z/!][^<>]*>)"
    r"|[ \t\r\f]*\n[ \t\n\r\f]*", re.S | re.I)


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


def spaces_collapsed(page: str) -> str:
    """The page with each run of spaces that holds a line break cut to one line break, outside
    tags and the elements that show their spaces as written (and scripts, styles, comments)."""
    return _SPACES_OUTSIDE_TAGS.sub(lambda match: match["whole"] or "\n", page)


def focusable_code_blocks(content: str) -> str:
    return _CODE_BLOCK.sub('<pre tabindex="0"><code', content)


def _ids(content: str) -> list[str]:
    return [a or b for a, b in _ID.findall(content)]
