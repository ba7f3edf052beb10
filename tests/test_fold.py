"""The catalog's words (catalog_index.fold), written with whole-text expressions, give exactly what
the rule says word by word: checked against that rule over generated texts."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.outputs.catalog_index import STOPWORDS, fold


def fold_word_by_word(text: str) -> list[str]:
    """The rule: lower case, no accents, œ and æ spelt out; a word of more than three characters
    loses a final s or x; words of one character and stopwords are left out."""
    plain = re.sub("[\u0300-\u036f]", "", unicodedata.normalize("NFD", text.lower().replace("œ", "oe").replace("æ", "ae")))
    words = []
    for word in re.findall(r"[a-z0-9]+", plain):
        if len(word) > 3 and word[-1] in "sx":
            word = word[:-1]
        if len(word) > 1 and word not in STOPWORDS:
            words.append(word)
    return words


PIECES = st.sampled_from(sorted(STOPWORDS) + [
    "s", "x", "as", "ax", "oux", "eaux", "leurs", "Bâtiments", "ŒUVRES", "æx", "3D", "12s", "x1", "ß", "İ",
    "é", "ç", "-", "'", "’", " ", "  ", ",", ".", "\n", "_", "é́", "ﬁ", "Ⅻ", "²"])


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(PIECES, st.text(max_size=6)), max_size=30).map("".join))
def test_fold_gives_what_the_word_by_word_rule_gives(text):
    assert fold(text) == fold_word_by_word(text)


def test_fold_keeps_the_words_a_search_finds():
    assert fold("Des imprimantes 3D et leurs œuvres, près des Bâtiments") == [
        "imprimante", "3d", "oeuvre", "pre", "batiment"]


@settings(max_examples=300, deadline=None)
@given(st.sets(st.integers(min_value=0, max_value=200_000), max_size=60).map(sorted))
def test_resource_numbers_are_encoded_as_base_36_gaps_the_script_reads_back(numbers):
    from generator.outputs.catalog_index import _encode

    text = _encode(numbers)
    gaps = [int(gap, 36) for gap in text.split(",")] if text else []
    assert [sum(gaps[:i + 1]) for i in range(len(gaps))] == numbers
