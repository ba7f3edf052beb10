"""Editors' Markdown is converted with four of Python-Markdown's inline patterns written literal
first, for speed (generator/outputs/templates.py): the HTML must be the library's own."""

from __future__ import annotations

import markdown
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.outputs.templates import FASTER_PATTERNS, _markdown

# Text made of what the rewritten patterns look at (brackets, bangs, backslashes, backticks) and
# what surrounds them in real texts: links, images, references, code, escapes, line breaks.
PIECES = st.sampled_from([
    "[", "]", "(", ")", "!", "\\", "`", "``", "*", "_", " ", "  \n", "\n", "\n\n", "- ", "1. ",
    "mot", "é", "https://exemple.fr", "[lien](https://exemple.fr)", "![image](i.png)",
    "[ref]", "[texte][ref]", "\n\n[ref]: https://exemple.fr\n", "`code`", "\\`", "\\\\`", "<b>",
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


@settings(max_examples=400)
@given(st.lists(PIECES, max_size=40).map("".join))
@example("voir [le guide](https://exemple.fr) et ![non](x.png) ou \\[pas un lien] `a\\`b` \\\\`c`")
@example("[a]![b][c]\n\n[c]: https://exemple.fr\n")
def test_the_html_is_python_markdowns_own(source):
    assert _markdown().reset().convert(source) == stock().convert(source)
