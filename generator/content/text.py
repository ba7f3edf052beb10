"""The one rule for text: what characters a value written by an editor may hold.

Every text field of every model goes through `plain_text`, whatever the YAML notation that
produced the value (a plain scalar, a block, or a double-quoted escape such as "\\x1b" or "\\r"):

- no control character (NUL, escape, carriage return, tabulation…): calendars, feeds, XML and
  CSV readers break on them or read them as structure;
- no bidirectional override or isolate (U+202A–U+202E, U+2066–U+2069…): "Casques \u202egpj.exe"
  would display as "Casques exe.jpg";
- no zero-width or other invisible formatting character (U+200B, U+2060, U+FEFF…): invisible
  on the page, they make two equal-looking titles differ and hide words from the search;
- no noncharacter (U+FFFE…), which XML refuses;
- a line break only in the fields that allow paragraphs (`multiline`): summaries, notes, list
  items. Single-line fields (titles, names, labels, codes) refuse it, since a title is one line
  in a calendar, a feed, a CSV cell or a page title.

The Markdown body of a call or resource goes through `body_problem`: tabulations and line breaks
are Markdown there, the other characters are refused the same way.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
SOFT_HYPHEN = "\u00ad"  # invisible too, but harmless: it only says where a word may be cut

# The French names of the characters an editor is most likely to paste or type.
NAMES = {
    "\n": "retour à la ligne",
    "\r": "retour chariot",
    "\t": "tabulation",
    "\x00": "caractère nul",
    "\x1b": "caractère d'échappement",
    "\x0b": "tabulation verticale",
    "\x0c": "saut de page",
    "\x85": "passage à la ligne suivante",
    "\u2028": "séparateur de ligne",
    "\u2029": "séparateur de paragraphe",
    "\u200b": "espace sans largeur",
    "\u200c": "antiliant sans largeur",
    "\u200d": "liant sans largeur",
    "\u2060": "gluon de mots",
    "\ufeff": "espace insécable sans largeur (indicateur d'ordre des octets)",
    "\u200e": "marque gauche-à-droite",
    "\u200f": "marque droite-à-gauche",
    "\u202a": "enchâssement gauche-à-droite",
    "\u202b": "enchâssement droite-à-gauche",
    "\u202c": "dépilement de formatage directionnel",
    "\u202d": "forçage gauche-à-droite",
    "\u202e": "forçage droite-à-gauche (inverse le sens d'affichage du texte)",
    "\u2066": "isolat gauche-à-droite",
    "\u2067": "isolat droite-à-gauche",
    "\u2068": "isolat à direction initiale",
    "\u2069": "fin d'isolat directionnel",
}


def forbidden(char: str, multiline: bool) -> bool:
    """Whether `char` may not stand in a text value (`multiline`: one that allows line breaks)."""
    if char == "\n":
        return not multiline
    if char in LINE_BREAKS:
        return True
    code = ord(char)
    if code < 0x20 or 0x7F <= code < 0xA0:
        return True
    if 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE:
        return True  # noncharacters, which XML refuses
    if char == SOFT_HYPHEN or code < 0x600:
        return False  # quick path: the common Latin text has no format character below U+0600
    return unicodedata.category(char) in ("Cf", "Cs")


def describe(char: str) -> str:
    """`« retour chariot » (U+000D)`: how a message names a character."""
    name = NAMES.get(char)
    if name is None:
        kind = "caractère de contrôle" if unicodedata.category(char) == "Cc" else "caractère invisible"
        name = f"{kind} {unicodedata.name(char, '').lower()}".strip()
    return f"« {name} » (U+{ord(char):04X})"


ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@functools.cache
def _pattern(multiline: bool) -> re.Pattern:
    """One character class of every character of the Basic Multilingual Plane that `forbidden`
    refuses, built once from the Unicode database: a value is scanned in C, since a large catalog
    holds hundreds of thousands of texts. (A class that also spans the other planes makes Python's
    regex engine ten times slower: their few forbidden characters are looked at one by one.)"""
    codes = [code for code in range(0x10000) if forbidden(chr(code), multiline)]
    ranges, start = [], codes[0]
    for previous, code in zip(codes, codes[1:] + [None]):
        if code != previous + 1:
            ranges.append(re.escape(chr(start)) + ("-" + re.escape(chr(previous)) if previous > start else ""))
            start = code
    return re.compile("[" + "".join(ranges) + "]")


def first_forbidden(value: str, multiline: bool) -> int | None:
    """The index of the first character of `value` the rule refuses, or None."""
    if value.isascii() and value.isprintable():
        return None  # most values: nothing to look for
    found = _pattern(multiline).search(value)
    first = found.start() if found else None
    for astral in ASTRAL.finditer(value, 0, len(value) if first is None else first):
        if forbidden(astral.group(), multiline):
            return astral.start()
    return first


def problem(value: str, multiline: bool) -> str | None:
    """The French explanation of what `value` may not hold, or None when it is fine."""
    index = first_forbidden(value, multiline)
    if index is None:
        return None
    char = value[index]
    where = f"en position {index + 1} du texte : {describe(char)}"
    if char == "\n" or (char in LINE_BREAKS and not multiline):
        return (f"ce champ tient sur une seule ligne, mais le texte contient un saut de ligne {where}. "
                "Écrivez-le sur une seule ligne (sans « | » après le deux-points, ni « \\n » entre guillemets).")
    if char in LINE_BREAKS:
        return (f"le texte contient un saut de ligne non autorisé {where}. Pour aller à la ligne, écrivez le "
                "texte en bloc (« | » après le deux-points, puis les lignes indentées) plutôt qu'avec un code "
                "entre guillemets.")
    return (f"le texte contient un caractère invisible ou de contrôle {where}. Supprimez-le : il vient "
            "souvent d'un copier-coller depuis un traitement de texte, un PDF ou une page web, ou d'un code "
            "« \\x… » ou « \\u… » entre guillemets.")


def _validator(multiline: bool):
    def check(value):
        if not isinstance(value, str):
            return value  # the type check that follows says what was expected
        value = value.strip()  # surrounding blanks (a block's last line break) are not content
        message = problem(value, multiline)
        if message:
            raise PydanticCustomError("text_character", message)
        return value
    return check


# Put in the Annotated metadata of every text type: `Annotated[str, LINE, Field(...)]`.
LINE = BeforeValidator(_validator(multiline=False))
PARAGRAPHS = BeforeValidator(_validator(multiline=True))


def body_problem(body: str) -> tuple[int, str] | None:
    """The line (1-based, in the body) and the explanation of a refused character in a Markdown body."""
    text = body.replace("\t", " ").replace("\r\n", "\n")  # Markdown's own indentation and line ends
    index = first_forbidden(text, multiline=True)
    if index is None:
        return None
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, problem(text, multiline=True).replace(f"en position {index + 1} du texte", f"en colonne {column}", 1)
