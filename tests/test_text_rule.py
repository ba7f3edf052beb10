"""The one rule for text (generator/content/text.py): every text field of every model has it, and it
refuses exactly the characters that break a calendar, a feed, a CSV cell or a reader's trust."""

from __future__ import annotations

import typing

import pytest
from pydantic import BaseModel, HttpUrl, ValidationError

from generator.content.call import Call
from generator.content.fields import Source, model_of
from generator.content.provider import Provider
from generator.content.region import Region
from generator.content.resource import Resource
from generator.content.text import LINE, PARAGRAPHS, body_problem, first_forbidden, forbidden, problem

MODELS = (Call, Region, Provider, Resource)


def text_fields(model: type[BaseModel], prefix: str = ""):
    """(dotted path, metadata) of every field whose value is, or holds, text."""
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        nested = model_of(info.annotation)
        if nested is not None:
            yield from text_fields(nested, path + ".")
            continue
        annotation, metadata = info.annotation, list(info.metadata)
        while True:  # unwrap Optional, list and Annotated, gathering the metadata
            origin = typing.get_origin(annotation)
            if origin is typing.Annotated:
                annotation, *extra = typing.get_args(annotation)
                metadata += extra
            elif origin in (list, typing.Union, __import__("types").UnionType):
                annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
            else:
                break
        if annotation in (str, HttpUrl):
            yield path, metadata


def test_every_text_field_of_every_model_has_the_text_rule():
    fields = [(model.__name__, path, metadata) for model in MODELS for path, metadata in text_fields(model)]
    assert len(fields) > 60  # the walk found the models' text fields
    missing = [f"{model}.{path}" for model, path, metadata in fields
               if not any(item is LINE or item is PARAGRAPHS for item in metadata)]
    assert missing == []


def test_only_paragraph_fields_allow_line_breaks():
    multiline = {f"{model.__name__}.{path}" for model in MODELS for path, metadata in text_fields(model)
                 if any(item is PARAGRAPHS for item in metadata)}
    assert {"Call.summary", "Call.budget_note", "Resource.summary", "Provider.summary"} <= multiline
    assert not {"Call.title", "Resource.title", "Provider.name", "Call.sources.title", "Provider.place.city",
                "Call.contacts.email"} & multiline


REFUSED_EVERYWHERE = {
    "carriage return": "Normandie\rX-INJECTED:1",
    "NUL": "La \0Fabrique",
    "escape": "Appel \x1b[31m",
    "vertical tab": "a\x0bb",
    "tab": "a\tb",
    "DEL": "a\x7fb",
    "C1 control": "a\x85b",
    "line separator": "a\u2028b",
    "right-to-left override": "Casques \u202egpj.exe VR",
    "left-to-right isolate": "a\u2066b",
    "right-to-left mark": "a\u200fb",
    "zero-width space": "a\u200bb",
    "word joiner": "a\u2060b",
    "byte order mark": "a\ufeffb",
    "zero-width joiner": "a\u200db",
    "noncharacter": "a\ufffeb",
    "lone surrogate": "a\ud800b",
    "tag character": "a\U000e0041b",
}
ACCEPTED = {
    "French": "Appel « Tiers-lieux » 2027 : 50 000 € pour l'œuvre",
    "no-break spaces": "Appel\u00a0:\u202f2027",
    "soft hyphen": "forma\u00adtion",
    "Arabic": "مرحبا",
    "emoji": "Réalité virtuelle 🥽",
    "private use": "a\ue000b",
}


@pytest.mark.parametrize("value", REFUSED_EVERYWHERE.values(), ids=REFUSED_EVERYWHERE.keys())
def test_refused_everywhere(value):
    assert problem(value, multiline=False)
    assert problem(value, multiline=True)
    with pytest.raises(ValidationError) as raised:
        Source(title=value, publisher="Région")
    assert raised.value.errors()[0]["type"] == "text_character"


@pytest.mark.parametrize("value", ACCEPTED.values(), ids=ACCEPTED.keys())
def test_accepted(value):
    assert problem(value, multiline=False) is None
    assert Source(title=value, publisher="Région").title == value


def test_a_line_break_is_refused_in_a_title_and_allowed_in_a_summary():
    assert "une seule ligne" in problem("Normandie\nX", multiline=False)
    assert problem("Première ligne.\nSeconde ligne.", multiline=True) is None
    # A block's last line break is not content: `title: |` with one line is a one-line title.
    assert Source(title="Page\n", publisher="Région").title == "Page"


def test_the_message_names_the_character_its_code_and_its_position():
    message = problem("Casques \u202egpj.exe VR", multiline=False)
    assert "position 9" in message and "U+202E" in message and "forçage droite-à-gauche" in message
    assert "U+0000" in problem("La \0Fabrique", multiline=True) and "caractère nul" in problem("La \0Fabrique", True)


def test_a_markdown_body_keeps_its_tabs_and_line_ends_and_loses_invisible_characters():
    assert body_problem("Un texte\r\n\n\tdu code indenté\n") is None
    line, message = body_problem("Premier paragraphe.\n\nUn \u200btexte.\n")
    assert line == 3 and "colonne 4" in message and "U+200B" in message


def test_a_value_with_an_invisible_character_and_a_line_break_gets_both_in_one_round():
    message = problem("Normandie connectée 2027\u200b\nnouveaux espaces", multiline=False)
    assert message.startswith("le texte contient un caractère invisible ou de contrôle en position 25 du texte, "
                              "après « Normandie connectée 2027 » : « espace sans largeur » (U+200B).")
    assert "Ce champ tient sur une seule ligne, mais le texte contient un saut de ligne en position 26" in message
    assert "2027\u200b" not in message  # the words quoted to find the place hold no invisible character


def test_every_refused_character_is_one_python_does_not_print():
    """`first_forbidden` finds a value clean when Python would print all of it: this holds only if
    no character the rule refuses is printable, whatever the version of the Unicode database."""
    printable_refused = [f"U+{code:04X}" for code in range(0x110000)
                         if chr(code).isprintable() and (forbidden(chr(code), False) or forbidden(chr(code), True))]
    assert printable_refused == []
    # And the quick look still finds a refused character after a line break in a paragraph.
    assert first_forbidden("Première ligne.\nSeconde\u200b ligne.", multiline=True) == 23
    assert first_forbidden("Première ligne.\nSeconde ligne.", multiline=True) is None
    assert first_forbidden("Première ligne.\nSeconde ligne.", multiline=False) == 15
