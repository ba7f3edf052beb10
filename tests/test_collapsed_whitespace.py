"""The bulk pages' shell keeps one line break where Material's indentation stood
(material_html.spaces_collapsed): the page a browser shows is the same. Its domain is markup as
templates write it, texts escaped (no `<` in a text, none in an attribute's value).

"The same" is read by Python's own HTML parser: the same tags, attributes, comments and texts,
in the same order, where a run of HTML spaces in a text (shown as one space) may have become
another, except inside the elements that show spaces as written (pre, textarea, code, kbd) and
in scripts and styles, kept byte for byte."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from hypothesis import example, given, strategies as st

from generator.mkdocs.material_html import spaces_collapsed

HTML_SPACES = " \t\n\r\f"
KEPT = {"pre", "textarea", "script", "style", "code", "kbd"}


class _Tokens(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tokens: list[tuple] = []
        self.kept = 0

    def handle_starttag(self, tag, attrs):
        self.tokens.append(("start", tag, tuple(attrs)))
        self.kept += tag in KEPT

    def handle_startendtag(self, tag, attrs):
        self.tokens.append(("start", tag, tuple(attrs)))

    def handle_endtag(self, tag):
        self.tokens.append(("end", tag))
        self.kept -= tag in KEPT and self.kept > 0

    def handle_data(self, data):
        if self.tokens and self.tokens[-1][0] == "data" and self.tokens[-1][2] == self.kept:
            data = self.tokens.pop()[1] + data  # the parser may give one text in pieces
        self.tokens.append(("data", data, self.kept))

    def handle_comment(self, data):
        self.tokens.append(("comment", data))

    def handle_decl(self, decl):
        self.tokens.append(("decl", decl))


def rendered_alike(page: str) -> list[tuple]:
    """The page's tokens, each run of HTML spaces of a text outside the kept elements read as one space."""
    parser = _Tokens()
    parser.feed(page)
    parser.close()
    return [("data", _RUN.sub(" ", token[1]), 0) if token[0] == "data" and not token[2] else token
            for token in parser.tokens]


_RUN = re.compile(f"[{HTML_SPACES}]+")


def test_runs_of_spaces_with_a_line_break_become_one_and_nothing_else_changes():
    page = ('<div class="a"\n    title="a  \n  b">\n    <span>un</span>\n\t\t<span>deux</span>  <b>trois</b>\n'
            '  <p>\xa0\n  <i>insécable</i></p>\n  <pre>x\n    <b>y</b>\n</pre>\n  <script>\n  if (a >\n    <b) {}</script>\n'
            '  <textarea>\n  garde\n  </textarea>\n  <code>a\n  <i>b</i></code>\n</div>')
    collapsed = spaces_collapsed(page)
    assert collapsed == ('<div class="a"\n    title="a  \n  b">\n<span>un</span>\n<span>deux</span>  <b>trois</b>\n'
                         '<p>\xa0\n<i>insécable</i></p>\n<pre>x\n    <b>y</b>\n</pre>\n<script>\n  if (a >\n    <b) {}</script>\n'
                         '<textarea>\n  garde\n  </textarea>\n<code>a\n  <i>b</i></code>\n</div>')
    assert rendered_alike(collapsed) == rendered_alike(page)



def test_an_element_whose_name_begins_like_a_kept_one_is_collapsed():
    # `<preview>`, `<code-sample>`: custom elements, not pre nor code.
    page = '<preview>\n  <b>x</b>\n</preview>\n  <code-sample>\n  <i>y</i>\n  </code-sample>'
    assert spaces_collapsed(page) == '<preview>\n<b>x</b>\n</preview>\n<code-sample>\n<i>y</i>\n</code-sample>'


_PIECES = st.one_of(
    st.sampled_from(["<div>", "</div>", '<span class="x">', "</span>", "<a href='#'>", "</a>", "<br>", "<p>", "</p>",
                     "<pre>", "</pre>", "<code>", "</code>", "<kbd>", "</kbd>", "<textarea>", "</textarea>",
                     "<script>", "</script>", "<style>", "</style>", "<PRE class=y>", "</PRE >", "<!-- note -->", "<!-- a\n   b -->", "<!-- a >\n  <b -->", "<!--",
                     "a > b", "texte \n  suivi", '<b title="x \n y">', "</b>", "<script>if (a >\n  <b) {}</script>", "&lt;", "&#233 ", "mot", "\xa0", "\u2028"]),
    st.text(alphabet=" \t\n\r\f", max_size=6),
)


@given(st.lists(_PIECES, max_size=40))
@example(["<pre>", " \n", "<div>"])  # left open: kept to the end
@example(["<!-- a >\n  <b -->", "\n "])  # a comment is kept whole, whatever it holds
def test_any_markup_is_rendered_alike_once_collapsed(pieces):
    page = "".join(pieces)
    collapsed = spaces_collapsed(page)
    assert rendered_alike(collapsed) == rendered_alike(page)
    assert spaces_collapsed(collapsed) == collapsed


def test_materials_own_page_is_rendered_alike_and_a_fifth_lighter(built_site):
    # The contributor guide: a page MkDocs renders in Material's whole template, with code blocks.
    page = (built_site / "contribuer/index.html").read_text(encoding="utf-8")
    assert "<pre" in page
    collapsed = spaces_collapsed(page)
    assert rendered_alike(collapsed) == rendered_alike(page)
    shell = page[:page.index("<article")] + page[page.index("</article>"):]
    assert len(spaces_collapsed(shell)) < 0.85 * len(shell)


def test_a_catalog_page_is_written_from_the_collapsed_shell(built_site):
    page = next((built_site / "catalogue").glob("*/index.html")).read_text(encoding="utf-8")
    shell = page[:page.index("<article")]
    assert "\n " not in shell and "\n\t" not in shell
    assert "<header" in shell and "<nav" in shell
