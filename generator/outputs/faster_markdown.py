"""Python-Markdown, made faster for the catalog's thousands of descriptions, with the same HTML.

Converting editors' Markdown is most of a resource page's rendering. Costs of the library that grow
with every run of text, whatever it holds, are cut here:

- four inline patterns begin with a look-behind, so the regular expression engine tries them at
  every position of the text: they are written with what a match begins with first;
- every inline pattern is tried on every run of text, each try costing a few Python calls even
  where the pattern's first character is nowhere in the text: a pattern whose match needs a
  character (or a few) is skipped where none of them is (`GatedInlineProcessor`);
- every block of text (a paragraph) is searched by five block processors (headings, rules, quotes,
  link references) whose expressions begin with a line start, tried at every position: each is
  skipped where the block lacks what its matches need (`GatedBlocks`);
- before parsing, the whole text is searched for lines of spaces by an expression that begins with
  a look-behind, and read by an HTML parser: the first is written literal first, the second skipped
  where the text holds no `<` nor `&`, where it gives the text back as it is.

All rely on the patterns and methods of the installed version: one that differs from the one
described here is used as the library does (slower, the same HTML). tests/test_safe_markdown.py
compares the HTML with the library's own on generated texts, and says when an upgrade changed one.
"""

from __future__ import annotations

import re

import markdown
from markdown import util
from markdown.preprocessors import HtmlBlockPreprocessor, NormalizeWhitespace
from markdown.treeprocessors import InlineProcessor
from markdown.util import AtomicString

from .library_code import method_is

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

# What a block must contain for each block processor's test to pass: (the attribute holding the
# expression the test searches, that expression as Python-Markdown 3.11 writes it, the strings one
# of which its matches contain). The link reference's test always passes, its `run` searches.
BLOCK_NEEDS = {
    "hashheader": ("RE", r"(?:^|\n)(?P<level>#{1,6})(?P<header>(?:\\.|[^\\#]|#+(?=[^#\n]))*?)#*(?:\n|$)", ("#",)),
    "setextheader": ("RE", r"^.*?\n(?:=+|-+)[ ]*(\n|$)", ("\n=", "\n-")),
    "hr": ("SEARCH_RE", r"^[ ]{0,3}(?=(?P<atomicgroup>(-+[ ]{0,2}){3,}|(_+[ ]{0,2}){3,}|(\*+[ ]{0,2}){3,}))"
                        r"(?P=atomicgroup)[ ]*$", ("-", "_", "*")),
    "quote": ("RE", r"(^|\n)[ ]{0,3}>[ ]?(.*)", (">",)),
    "reference": ("RE", r'^[ ]{0,3}\[([^\[\]]*)\]:[ ]*(?:\n[ ]*)?([^\s]+)[ ]*(?:\n[ ]*)?((["\'])(.*)\4[ ]*|\((.*)\)[ ]*)?$',
                  ("]:",)),
}

# The library's whitespace normalising: its strings and names, the last string the look-behind.
STOCK_BLANK_LINES = r"(?<=\n) +\n"
NORMALIZE_CONSTANTS = (None, "\n", "", "\r\n", "\r", "\n\n", STOCK_BLANK_LINES)
NORMALIZE_NAMES = ("join", "replace", "util", "STX", "ETX", "expandtabs", "md", "tab_length", "re", "sub", "split")
BLANK_LINES = re.compile(r"\n +(?=\n)")  # the same lines of spaces, found from the line break before
# The library's HTML block preprocessor: the HTML parser is fed the whole text, what it gives joined.
HTML_BLOCK_NAMES = ("join", "HTMLExtractor", "md", "feed", "close", "cleandoc", "split")


def converter() -> markdown.Markdown:
    """A converter for editors' Markdown: lists as written (sane_lists), tables, no images."""
    converter = markdown.Markdown(extensions=["sane_lists", "tables"], output_format="html")
    # Images are not allowed (see templates.ALLOWED_TAGS), and reference-style ones
    # (`![texte][ref]`) are rare enough to stay as written: two patterns fewer.
    for name in ("image_reference", "short_image_ref"):
        converter.inlinePatterns.deregister(name)
    _literal_first(converter)
    converter.treeprocessors.register(GatedInlineProcessor(converter), "inline", 20)
    GatedBlocks(converter.parser).install()
    # The library's priorities: the first normalises the text, the second reads its HTML blocks.
    if method_is(NormalizeWhitespace.run, NORMALIZE_NAMES, NORMALIZE_CONSTANTS):
        converter.preprocessors.register(FasterNormalizeWhitespace(converter), "normalize_whitespace", 30)
    if method_is(HtmlBlockPreprocessor.run, HTML_BLOCK_NAMES):
        converter.preprocessors.register(GatedHtmlBlockPreprocessor(converter), "html_block", 20)
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
    return _any_of(known[1])


def _any_of(strings: tuple[str, ...]) -> re.Pattern:
    """What finds any of `strings` in a text, searched in C."""
    return re.compile("|".join(re.escape(part) for part in strings))


class GatedBlocks:
    """The block parser's loop, which skips a block processor where the block lacks what any match
    of its test contains; it keeps the processors as a tuple, as `GatedInlineProcessor` does."""

    def __init__(self, parser):
        self.parser = parser
        registry = parser.blockprocessors
        names = {id(registry[name]): name for name in BLOCK_NEEDS if name in registry}
        self.steps = tuple((processor, _gated_test(names.get(id(processor)), processor)) for processor in registry)

    def install(self) -> None:
        # The processors call back into the parser (nested lists, quotes): they find this loop there.
        self.parser.parseBlocks = self.parse_blocks

    def parse_blocks(self, parent, blocks: list[str]) -> None:
        """BlockParser.parseBlocks, with the gated tests."""
        while blocks:
            for processor, test in self.steps:
                if test(parent, blocks[0]) and processor.run(parent, blocks) is not False:
                    break


def _gated_test(name: str | None, processor):
    """`processor.test`, first asking whether the block holds one of the strings its expression
    needs; the test itself for a processor unknown here or written otherwise by another version."""
    known = BLOCK_NEEDS.get(name)
    compiled = getattr(processor, known[0], None) if known else None
    if compiled is None or compiled.pattern != known[1]:
        return processor.test
    need, test = _any_of(known[2]), processor.test
    return lambda parent, block: need.search(block) is not None and test(parent, block)


class FasterNormalizeWhitespace(NormalizeWhitespace):
    """The library's steps, in its order, with the lines of spaces found from the line break before."""

    def run(self, lines: list[str]) -> list[str]:
        source = "\n".join(lines)
        source = source.replace(util.STX, "").replace(util.ETX, "")
        source = source.replace("\r\n", "\n").replace("\r", "\n") + "\n\n"
        source = source.expandtabs(self.md.tab_length)
        source = BLANK_LINES.sub("\n", source)
        return source.split("\n")


class GatedHtmlBlockPreprocessor(HtmlBlockPreprocessor):
    """The library's HTML block preprocessor, skipped where the text holds no `<` (no tag, comment
    or block) nor `&` (no entity): the parser would give every line back as data, unchanged."""

    def run(self, lines: list[str]) -> list[str]:
        source = "\n".join(lines)  # joined again by the library where it runs: texts with HTML are few
        if "<" not in source and "&" not in source:
            return lines
        return super().run(lines)
