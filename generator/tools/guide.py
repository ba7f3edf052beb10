"""The contributor guide: its field reference, generated from the models, and its copy as CONTRIBUTING.md.

The guide's prose is an editorial page, `content/contribuer.md`; the line `REFERENCE_MARKER` in it
stands for the field reference, which the site (through the MkDocs plugin) and CONTRIBUTING.md
(through `deffinov generate`) both fill in from the models: no field is ever described by hand.
"""

from __future__ import annotations

import functools
import re

from ..content.fielddocs import BLOCK, BLOCKS, FieldDoc, field_docs, uncertain_date_docs
from ..content.kinds import KINDS

GUIDE_PAGE = "contribuer.md"  # in the editorial pages' folder (MkDocs' docs_dir)
REFERENCE_MARKER = "{{ reference_des_champs }}"
UNCERTAIN_DATE_TITLE = "Date incertaine"
MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>])")
PAGE_LINK = re.compile(r"\]\((?!https?:|#|/)([^)#]+\.md)(#[^)]*)?\)")


# Pure (from the models): not a cache between builds (build/cache.py). A preview's every build
# expands the guide with it.
@functools.cache
def field_reference() -> str:
    """Every field of every kind of content file, as Markdown: one section a kind, nested lists."""
    parts = []
    for kind in KINDS:
        parts.append(f"### {kind.title}\n\n{_escape(kind.description)} Fichier : `{kind.pattern}`.\n")
        parts.append(_items(field_docs(kind)))
    parts.append(f"### {UNCERTAIN_DATE_TITLE}\n\nUne date d'appel (publication, ouverture, date limite…) dont les "
                 "sources ne confirment pas l'année, ou ne donnent que le mois, s'écrit en bloc, avec ces champs "
                 "indentés sous le nom de la date.\n")
    parts.append(_items(uncertain_date_docs()))
    return "\n".join(parts)


def _items(docs: list[FieldDoc]) -> str:
    return "\n".join(line for doc in docs for line in _item(doc, 0)) + "\n"


def expand(markdown: str, searchable: bool = True) -> str:
    """The guide's Markdown with its field reference in place; on the site, out of the search
    index (`searchable=False`): field names and labels would crowd the public's results."""
    reference = field_reference().rstrip("\n")
    if not searchable:
        reference = f'<div data-pagefind-ignore="all" markdown="1">\n\n{reference}\n\n</div>'
    return markdown.replace(REFERENCE_MARKER, reference)


def contributing(guide_markdown: str, docs_dir: str) -> str:
    """CONTRIBUTING.md from the guide page: front matter left out, reference filled in, links to the
    site's other editorial pages made links to their files in the repository."""
    text = guide_markdown
    if text.startswith("---\n"):
        text = text.split("\n---\n", 1)[1].lstrip("\n")
    text = PAGE_LINK.sub(lambda m: f"]({docs_dir}/{m.group(1)}{m.group(2) or ''})", text)
    notice = (f"<!-- Généré depuis {docs_dir}/{GUIDE_PAGE} et le modèle par « deffinov generate » : "
              "modifiez la page du guide, pas ce fichier. -->\n\n")
    return notice + expand(text)


def _item(doc: FieldDoc, depth: int) -> list[str]:
    pad = "    " * depth
    text = (f"**`{doc.key}`** — *{_escape(doc.label)}*, {'obligatoire' if doc.required else 'facultatif'}. "
            f"{_escape(doc.description.rstrip('.…'))}. Type : {_escape(doc.type_text)}.")
    if doc.allowed:
        text += " Valeurs possibles : " + ", ".join(
            f"`{value}` ({_escape(label)})" if label and label != value else f"`{value}`" for value, label in doc.allowed
        ) + "."
    if doc.default is not None:
        text += f" Sans ce champ : `{_plain(doc.default)}`."
    if doc.example is not None and doc.shape not in (BLOCK, BLOCKS):
        examples = doc.example if isinstance(doc.example, list) else [doc.example]
        text += " Exemple : " + ", ".join(f"`{_plain(example)}`" for example in examples) + "."
    lines = [f"{pad}- {text}"]
    for child in doc.children:
        lines += _item(child, depth + 1)
    return lines


def _plain(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _escape(text: str) -> str:
    return MARKDOWN_SPECIAL.sub(r"\\\1", text)
