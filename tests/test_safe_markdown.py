"""Editors' Markdown is converted with four of Python-Markdown's inline patterns written literal
first, each inline pattern and five block processors skipped where the text lacks what their
matches contain, lines of spaces found literal first and the HTML parser skipped where there is no
HTML, for speed (generator/outputs/faster_markdown.py): the HTML must be the library's own."""

from __future__ import annotations

import markdown
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.outputs.faster_markdown import (BLOCK_NEEDS, FASTER_PATTERNS, NEEDS, FasterNormalizeWhitespace,
                                               GatedBlocks, GatedHtmlBlockPreprocessor, GatedInlineProcessor)
from generator.outputs.templates import _markdown

# Text made of what the patterns look at (brackets, bangs, backslashes, backticks, angle brackets,
# ampersands, stars, underscores, two spaces before a line break) and what surrounds them in real
# texts: links, images, references, code, escapes, line breaks, HTML, entities, emphasis, lists;
# and what the block processors and the text's normalising look at: headings of both kinds, rules,
# quotes, link references, lines of spaces, tabs, carriage returns.
PIECES = st.sampled_from([
    "[", "]", "(", ")", "!", "\\", "`", "``", "*", "_", " ", "  \n", "\n", "\n\n", "- ", "1. ",
    "mot", "é", "https://exemple.fr", "[lien](https://exemple.fr)", "![image](i.png)",
    "[ref]", "[texte][ref]", "\n\n[ref]: https://exemple.fr\n", "`code`", "\\`", "\\\\`", "<b>",
    "</b>", "<", ">", "&", "&amp;", "&#233;", "<https://exemple.fr>", "<contact@exemple.fr>", "<!-- note -->",
    "**gras**", "*it*", "__x__", "_y_", " * ", "    ", "\t", "> ", "| a | b |\n|---|---|\n| 1 | 2 |\n",
    "#", "# Titre", "\n## Partie ##\n", "\n===", "\n---", "-", "- - -", "***", "___", "\n> citation",
    "]:", "[ref]: https://exemple.fr \"titre\"", "\n   [a]: <https://exemple.fr> (t)", " \n", "\n   \n",
    "\r\n", "\r", "Saint-Malo", "&c", "a < b", "&#233 ", "&#x41z", "\n[b]:https://exemple.fr\n",
])


def stock() -> markdown.Markdown:
    converter = markdown.Markdown(extensions=["sane_lists", "tables"], output_format="html")
    for name in ("image_reference", "short_image_ref"):
        converter.inlinePatterns.deregister(name)
    return converter


def test_the_faster_patterns_apply_to_this_version_of_python_markdown():
    """If an upgrade changes these patterns, they are left as they are (same HTML, slower):
    this says so, to look at the new ones."""
    converter = _markdown()
    for name, (_, faster) in FASTER_PATTERNS.items():
        assert converter.inlinePatterns[name].compiled_re.pattern == faster, name


def test_every_pattern_of_this_version_is_skipped_where_it_cannot_match():
    """If an upgrade changes or adds a pattern, it is tried everywhere (same HTML, slower): this
    says so, to describe the new one in NEEDS."""
    inline = _markdown().treeprocessors["inline"]
    assert isinstance(inline, GatedInlineProcessor)
    assert len(inline.needs) == len(NEEDS) and None not in inline.needs


def test_every_block_processor_and_preprocessor_described_is_the_faster_one_in_this_version():
    """If an upgrade changes a block processor's expression, or what a preprocessor does, the
    library's own is used (same HTML, slower): this says so, to describe the new one here."""
    converter = _markdown()
    blocks = converter.parser.parseBlocks.__self__
    assert isinstance(blocks, GatedBlocks)
    gated = {type(processor).__name__ for processor, test in blocks.steps if test != processor.test}
    assert gated == {type(converter.parser.blockprocessors[name]).__name__ for name in BLOCK_NEEDS}
    assert isinstance(converter.preprocessors["normalize_whitespace"], FasterNormalizeWhitespace)
    assert isinstance(converter.preprocessors["html_block"], GatedHtmlBlockPreprocessor)
    assert [type(p).__name__ for p in converter.preprocessors] == [
        "FasterNormalizeWhitespace", "GatedHtmlBlockPreprocessor"] and len(stock().preprocessors) == 2


@settings(max_examples=400)
@given(st.lists(PIECES, max_size=40).map("".join))
@example("voir [le guide](https://exemple.fr) et ![non](x.png) ou \\[pas un lien] `a\\`b` \\\\`c`")
@example("[a]![b][c]\n\n[c]: https://exemple.fr\n")
@example("Titre\n===\n\ntexte\n \n  \n# Partie\n\n- - -\n\n> cité\n>\n> encore\n\n[r]: https://exemple.fr\r\nfin\tici")
@example("AT&T et &amp; et &#233; sans balise")
def test_the_html_is_python_markdowns_own(source):
    assert _markdown().reset().convert(source) == stock().convert(source)
