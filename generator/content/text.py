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


# Pure (from the Unicode database): not a cache between builds (build/cache.py).
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


def first_forbidden(value: str, multiline: bool, start: int = 0) -> int | None:
    """The index of the first character of `value` from `start` on that the rule refuses, or None."""
    # Every character the rule refuses is one Python does not print (tested): most values, and
    # most bodies once their line breaks are set aside, are read once, in C, and found clean.
    if value.isprintable() or (multiline and value.replace("\n", " ").isprintable()):
        return None
    found = _pattern(multiline).search(value, start)
    first = found.start() if found else None
    for astral in ASTRAL.finditer(value, start, len(value) if first is None else first):
        if forbidden(astral.group(), multiline):
            return astral.start()
    return first


def problem(value: str, multiline: bool) -> str | None:
    """The French explanation of what `value` may not hold, or None when it is fine: its first
    refused line break and its first invisible character, each with where it stands."""
    firsts: dict[bool, int] = {}  # is a line break -> index of the first of its kind
    index = first_forbidden(value, multiline)
    while index is not None and len(firsts) < 2:
        firsts.setdefault(value[index] in LINE_BREAKS, index)
        index = first_forbidden(value, multiline, index + 1)
    sentences = [(_line_break if is_break else _invisible)(value, at, multiline) for is_break, at in firsts.items()]
    message = " ".join(sentences)
    return message[:1].lower() + message[1:] if message else None  # it follows "champ « title » : "


def where(value: str, index: int) -> str:
    """`en position 25 du texte, après « connectée 2027 » : « espace sans largeur » (U+200B)`: the
    words before it, so that the editor finds an invisible character in a long line."""
    line = value[:index].rsplit("\n", 1)[-1]
    before = "".join(char for char in line[-30:] if not forbidden(char, multiline=True)).strip()
    if len(line) > 30 and " " in before:
        before = "…" + before.split(" ", 1)[1]  # whole words only
    after = f", après « {before} »" if before else ""
    return f"en position {index + 1} du texte{after} : {describe(value[index])}"


def _line_break(value: str, index: int, multiline: bool) -> str:
    if not multiline:
        return (f"Ce champ tient sur une seule ligne, mais le texte contient un saut de ligne {where(value, index)}. "
                "Écrivez-le sur une seule ligne (sans « | » après le deux-points, ni « \\n » entre guillemets).")
    return (f"Le texte contient un saut de ligne non autorisé {where(value, index)}. Pour aller à la ligne, écrivez "
            "le texte en bloc (« | » après le deux-points, puis les lignes indentées) plutôt qu'avec un code "
            "entre guillemets.")


def _invisible(value: str, index: int, multiline: bool) -> str:
    return (f"Le texte contient un caractère invisible ou de contrôle {where(value, index)}. Supprimez-le : il "
            "vient souvent d'un copier-coller depuis un traitement de texte, un PDF ou une page web, ou d'un "
            "code « \\x… » ou « \\u… » entre guillemets.")


def _validator(multiline: bool):
    def check(value):
        if not isinstance(value, str):
            return value  # the type check that follows says what was expected
        value = value.strip()  # surrounding blanks (a block's last line break) are not content
        if first_forbidden(value, multiline) is not None:
            raise PydanticCustomError("text_character", problem(value, multiline))
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
