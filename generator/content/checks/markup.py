"""No HTML in text fields: titles, summaries, notes, list items and labels are plain text.

Templates escape every value, so a tag written in a field could only ever show as `<strong>` on
the page; calendars, feeds and exports would carry it as it is, to programs that may read it as
HTML. A tag in a field is a paste from a web page or an attack: either way the editor is told
where it is and the file is refused. (The Markdown body of a call or resource is another matter:
it is Markdown, sanitised when rendered.)
"""

from __future__ import annotations

import re

from ..errors import ContentError, field_path
from ..reading import Positioned, texts

# An opening or closing tag (`<b>`, `</p`, `<img src=…`), a comment, a doctype or CDATA, a
# processing instruction; not `<5 ans` nor an address written `<https://…>`.
MARKUP = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?=[\s/>]|$)|<![A-Za-z\[-]|<\?")
SHOWN = 40


def markup_errors(positions: Positioned, path: str, skip: set[tuple] = frozenset()) -> list[ContentError]:
    """One error for every text value of a parsed file that holds markup, except at `skip` locations."""
    errors = []
    for loc, text in texts(positions.data):
        found = MARKUP.search(text)
        if found and loc not in skip:
            errors.append(ContentError(path, positions.line_of(loc), field_path(loc), _message(text, found.start())))
    return errors


def _message(text: str, start: int) -> str:
    end = text.find(">", start)
    tag = text[start:end + 1] if 0 <= end - start < SHOWN else text[start:start + SHOWN] + "…"
    return (f"le texte contient une balise HTML « {tag} ». Les champs s'écrivent en texte simple, affiché tel "
            "quel : retirez la balise (ou les chevrons « < » et « > »). La mise en forme (gras, liens) "
            "n'est possible que dans le texte de présentation, après l'en-tête.")
