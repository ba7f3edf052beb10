"""Python-Markdown, made faster for the catalog's thousands of descriptions, with the same HTML.

Converting editors' Markdown is most of a resource page's rendering. Two costs of the library grow
with every run of text, whatever it holds, and are cut here:

- four inline patterns begin with a look-behind, so the regular expression engine tries them at
  every position of the text: they are written with what a match begins with first;
- every inline pattern is tried on every run of text, each try costing a few Python calls even
  where the pattern's first character is nowhere in the text: a pattern whose match needs a
  character (or a few) is skipped where none of them is (`GatedInlineProcessor`).

Both rely on the patterns of the installed version: a pattern that differs from the one described
here is tried as the library does (slower, the same HTML). tests/test_safe_markdown.py compares
the HTML with the library's own on generated texts, and says when an upgrade changed a pattern.
"""

from __future__ import annotations

import re

import markdown
from markdown.treeprocessors import InlineProcessor
from markdown.util import AtomicString

FASTER_PATTERNS = {
    "backtick": (r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)`)", r"(?=[\\`])(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)`)"),
    "reference": (r"(?<!\!)\[", r"\[(?<!\!\[)"),
    "link": (r"(?<!\!)\[", r"\[(?<!\!\[)"),
    "short_reference": (r"(?<!\!)\[", r"\[(?<!\!\[)"),
}

# What a text must contain for each pattern (as Python-Markdown 3.11 writes it) to match in it:
# (the pattern, as it reads once FASTER_PATTERNS apply) -> one of these strings.
NEEDS = {
    "backtick": (FASTER_PATTERNS["backtick"][1], ("`",)),  # the look-ahead needs a backtick
    "escape": (r"\\(.)", ("\\",)),
    "reference": (FASTER_PATTERNS["reference"][1], ("[",)),
    "link": (FASTER_PATTERNS["link"][1], ("[",)),
    "image_link": (r"\!\[", ("![",)),
    "short_reference": (FASTER_PATTERNS["short_reference"][1], ("[",)),
    "autolink": (r"<([A-Za-z][A-Za-z0-9+.-]*://[^<>]*)>", ("<",)),
    "automail": (r"<([^<> !]+@[^@<> ]+)>", ("<",)),
    "linebreak": (r"  \n", ("  \n",)),
    "html": (
        r"""(<(\/?+[a-zA-Z][^\s"'<>@]*+(?:\s+[^\s"'=<>]++(?:\s*+=\s*+(?:"[^"]*+"|'[^']*+'|[^\s"'=<>]++))?+)*+\s*+/?|!--(?:(?!<!--|-->).)*--|[?](?:(?!<[?]|[?]>).)*[?]|!\[CDATA\[(?:(?!<!\[CDATA\[|\]\]>).)*\]\])>)""",
        ("<",)),
    "entity": (r"(&(?:\#[0-9]+|\#x[0-9a-fA-F]+|[a-zA-Z0-9]+);)", ("&",)),
    "em_strong": (r"\*|_", ("*", "_")),
}


def converter() -> markdown.Markdown:
    """A converter for editors' Markdown: lists as written (sane_lists), tables, no images."""
    converter = markdown.Markdown(extensions=["sane_lists", "tables"], output_format="html")
    # Images are not allowed (see templates.ALLOWED_TAGS), and reference-style ones
    # (`![texte][ref]`) are rare enough to stay as written: two patterns fewer.
    for name in ("image_reference", "short_image_ref"):
        converter.inlinePatterns.deregister(name)
    _literal_first(converter)
    converter.treeprocessors.register(GatedInlineProcessor(converter), "inline", 20)
    return converter


def _literal_first(converter: markdown.Markdown) -> None:
    for name, (stock, faster) in FASTER_PATTERNS.items():
        pattern = converter.inlinePatterns[name]
        if pattern.compiled_re.pattern == stock:
            pattern.compiled_re = re.compile(faster, pattern.compiled_re.flags)


class GatedInlineProcessor(InlineProcessor):
    """Python-Markdown's inline processor, which skips a pattern where the text lacks what any of
    its matches contains. It keeps the patterns as a tuple: the library's registry sorts and looks
    up by name at each of the hundreds of thousands of tries."""

    def __init__(self, md: markdown.Markdown):
        super().__init__(md)
        self.inlinePatterns = tuple(md.inlinePatterns)  # set up once, never changed after
        # Each pattern's name, found by the registry's own look-up of the names described here.
        names = {id(md.inlinePatterns[name]): name for name in NEEDS if name in md.inlinePatterns}
        self.needs = tuple(_needs(names.get(id(pattern)), pattern) for pattern in self.inlinePatterns)

    # The library's own method (name-mangled, so overridden under that name), with the skip
    # added; the calls it makes back into itself come here too.
    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        if isinstance(data, AtomicString):
            return data
        patterns, needs = self.inlinePatterns, self.needs
        start = 0
        while patternIndex < len(patterns):
            need = needs[patternIndex]
            if need is not None and need.search(data) is None:
                patternIndex, start = patternIndex + 1, 0  # what a try without a match gives
                continue
            data, matched, start = self._InlineProcessor__applyPattern(patterns[patternIndex], data, patternIndex,
                                                                       start)
            if not matched:
                patternIndex += 1
        return data


def _needs(name: str | None, pattern) -> re.Pattern | None:
    """What finds, in a text, one of the strings `pattern` needs to match; None (tried everywhere)
    for a pattern unknown here or written otherwise by another version of the library."""
    known = NEEDS.get(name)
    compiled = getattr(pattern, "compiled_re", None)
    if known is None or compiled is None or compiled.pattern != known[0]:
        return None
    return re.compile("|".join(re.escape(part) for part in known[1]))
