"""Editors' Markdown is converted with four of Python-Markdown's inline patterns written literal
first, and each pattern skipped where the text lacks what its matches contain, for speed
(generator/outputs/faster_markdown.py): the HTML must be the library's own."""

from __future__ import annotations

import markdown
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.outputs.faster_markdown import FASTER_PATTERNS, NEEDS, GatedInlineProcessor
from generator.outputs.templates import _markdown

# Text made of what the patterns look at (brackets, bangs, backslashes, backticks, angle brackets,
# ampersands, stars, underscores, two spaces before a line break) and what surrounds them in real
# texts: links, images, references, code, escapes, line breaks, HTML, entities, emphasis, lists.
PIECES = st.sampled_from([
    "[", "]", "(", ")", "!", "\\", "`", "``", "*", "_", " ", "  \n", "\n", "\n\n", "- ", "1. ",
    "mot", "é", "https://exemple.fr", "[lien](https://exemple.fr)", "![image](i.png)",
    "[ref]", "[texte][ref]", "\n\n[ref]: https://exemple.fr\n", "`code`", "\\`", "\\\\`", "<b>",
    "</b>", "<", ">", "&", "&amp;", "&#233;", "<https://exemple.fr>", "<contact@exemple.fr>", "<!-- note -->",
    "**gras**", "*it*", "__x__", "_y_", " * ", "    ", "\t", "> ", "| a | b |\n|---|---|\n| 1 | 2 |\n",
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


@settings(max_examples=400)
@given(st.lists(PIECES, max_size=40).map("".join))
@example("voir [le guide](https://exemple.fr) et ![non](x.png) ou \\[pas un lien] `a\\`b` \\\\`c`")
@example("[a]![b][c]\n\n[c]: https://exemple.fr\n")
def test_the_html_is_python_markdowns_own(source):
    assert _markdown().reset().convert(source) == stock().convert(source)
