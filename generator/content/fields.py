"""What every content model shares: the base model, field types, labelled enumerations, sources.

Each field of a model carries two French texts: `title`, the label readers see on the site (and,
later, CSV headers and the field reference), and `description`, the help editors read in error
messages. `label()` and `field_info()` find them from a dotted path.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import types
import typing
from enum import StrEnum
from typing import Annotated
from zoneinfo import available_timezones

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, HttpUrl, TypeAdapter, ValidationError
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError

from .text import LINE, PARAGRAPHS

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SLUG_RE = re.compile(SLUG_PATTERN)


class Model(BaseModel):
    """Base of every content model: unknown keys are errors, a typo must not drop a value."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


# The areas of the IANA database whose zones are named after a place. The others are fixed
# offsets or aliases: `Etc/GMT-10` is UTC+10 (the POSIX sign is the opposite of what people
# write), `UTC` or `EST` know no summer time; an editor thinking "UTC−10" would publish a deadline
# 20 hours off.
PLACE_AREAS = ("Africa", "America", "Antarctica", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific")
TIMEZONE_PATTERN = r"^(" + "|".join(PLACE_AREAS) + r")/[A-Za-z_+-]+(/[A-Za-z_+-]+)?$"
FRENCH_ZONES = ("Europe/Paris, America/Cayenne, America/Martinique, America/Guadeloupe, Indian/Reunion, "
                "Indian/Mayotte, Pacific/Noumea, Pacific/Tahiti ou Pacific/Wallis")


# Pure (the installed time zone database): not a cache between builds (build/cache.py).
@functools.cache
def _known_zones() -> frozenset[str]:
    return frozenset(available_timezones())


def _check_timezone(value: str) -> str:
    if value not in _known_zones():
        city = value.rsplit("/", 1)[-1].lower()
        same_city = sorted(zone for zone in _known_zones() if zone.rsplit("/", 1)[-1].lower() == city
                           and zone.split("/")[0] in PLACE_AREAS)
        hint = f" Vouliez-vous dire {same_city[0]} ?" if same_city else ""
        raise ValueError(
            f"fuseau horaire inconnu « {value} ».{hint} Attendu : le fuseau d'un lieu, nommé d'après une ville : "
            f"{FRENCH_ZONES}"
        )
    if value.split("/")[0] not in PLACE_AREAS:
        why = "n'est pas le fuseau d'un lieu : c'est un décalage fixe ou un ancien alias, sans les changements d'heure du lieu"
        if value.startswith("Etc/GMT") and value[7:8] in ("+", "-"):
            real = ("UTC+" if value[7] == "-" else "UTC−") + value[8:]
            why = f"est un décalage fixe qui se lit à l'envers : c'est {real}"
        raise ValueError(
            f"fuseau horaire « {value} » refusé : il {why}. Écrivez le fuseau du lieu, nommé d'après une ville : "
            f"{FRENCH_ZONES}. Pour un appel, retirez plutôt la ligne : le fuseau de la région s'applique"
        )
    return value


# Every text type carries the one rule for text (text.py): LINE for a single line, PARAGRAPHS where
# line breaks are allowed. A test fails if a model declares a text field without one of them.
Text = Annotated[str, Field(min_length=1, max_length=5000), PARAGRAPHS]
Summary = Annotated[str, Field(min_length=1, max_length=600), PARAGRAPHS]
# Its pattern says "one line" to editors' tools (the JSON Schema) and to the field reference; LINE
# refuses a line break before the pattern is tried, with its own message.
ONE_LINE = r"^[^\n\r]*$"
ShortText = Annotated[str, Field(min_length=1, max_length=300, pattern=ONE_LINE), LINE]
Slug = Annotated[str, Field(pattern=SLUG_PATTERN, max_length=80), LINE]
# The pattern is for editors' tools only: the check says more than "does not match".
TimeZoneName = Annotated[str, Field(json_schema_extra={"pattern": TIMEZONE_PATTERN}), AfterValidator(_check_timezone), LINE]


# An address as written, held to the text rule first: the URL parser would otherwise drop a
# zero-width or control character silently and publish another address than the one written.
WebAddress = Annotated[HttpUrl, LINE]


def coded(pattern: str):
    """A single-line text that must match `pattern`: an e-mail address, a phone number, a code."""
    return Annotated[str, Field(pattern=pattern), LINE]
Euros = Annotated[int, Field(ge=0, le=1_000_000_000)]
Percent = Annotated[int, Field(ge=0, le=100)]
Months = Annotated[int, Field(ge=1, le=240)]


class RecordsThePast:
    """Marks a date that says when something happened (a check, a change, a publication): it cannot
    be in the future, which checks/dates.py verifies against the day of the check."""


PAST = RecordsThePast()
PastDate = Annotated[dt.date, PAST]


class LabelledEnum(StrEnum):
    """An enumeration whose members carry the French label shown to readers."""

    @property
    def label(self) -> str:
        return _labels_of(type(self))[self.value]

    @classmethod
    def _labels(cls) -> dict[str, str]:
        raise NotImplementedError


# Pure (from the enumeration class): not a cache between builds (build/cache.py).
@functools.cache
def _labels_of(enum: type[LabelledEnum]) -> dict[str, str]:
    """An enumeration's labels, built once: pages ask for them hundreds of thousands of times."""
    return enum._labels()


class FuzzyDate(Model):
    """A date as the sources give it: its year may be unconfirmed, its day unknown.

    Editors write a plain `2023-04-28`, or a block when the sources are less sure:
    `{date: 2022-09-10, year_uncertain: true}`; every page then says so wherever the date appears.
    """

    date: dt.date = Field(examples=["2022-09-10"], title="Date", description="La date, au format AAAA-MM-JJ ; le 1er du mois si le jour n'est pas connu")
    year_uncertain: bool = Field(False, title="Année non confirmée", description="true si les sources ne confirment pas l'année")
    day_unknown: bool = Field(False, title="Jour non connu", description="true si les sources ne donnent que le mois")

    @property
    def certain(self) -> bool:
        return not (self.year_uncertain or self.day_unknown)


_PLAIN_DATE = TypeAdapter(dt.date)


def _plain_or_block(value):
    """A plain date becomes a certain FuzzyDate, with the errors (and position) of a date field."""
    if isinstance(value, (dict, FuzzyDate)):
        return value
    try:
        return {"date": _PLAIN_DATE.validate_python(value)}
    except ValidationError as exc:
        error = exc.errors()[0]
        raise PydanticCustomError(error["type"], error["msg"], error.get("ctx")) from None


# A date of a call's life (publication, opening, deadline…): plain, or a block saying what is unsure.
# Its JSON Schema for editors says both forms.
CallDate = Annotated[FuzzyDate, BeforeValidator(_plain_or_block, json_schema_input_type=dt.date | FuzzyDate)]
# The same, for a date that records the past (a source's publication): never in the future.
PastCallDate = Annotated[FuzzyDate, BeforeValidator(_plain_or_block, json_schema_input_type=dt.date | FuzzyDate), PAST]


class Source(Model):
    title: ShortText = Field(examples=["Appel à projets DEFFINOV Tiers-lieux 2027"], title="Titre", description="Titre de la page ou du document consulté")
    publisher: ShortText = Field(examples=["Région Bretagne"], title="Éditeur", description="Qui publie la source : site ou organisme")
    url: WebAddress | None = Field(None, examples=["https://www.bretagne.bzh/aides/deffinov"], title="Adresse web", description="Adresse web exacte de la page, si elle est connue")
    published: PastCallDate | None = Field(None, examples=["2027-01-15"], title="Date de publication", description="Date de publication de la source, au format AAAA-MM-JJ ; un bloc si seul le mois est connu (day_unknown: true)")


def model_of(annotation) -> type[BaseModel] | None:
    """The model class behind `X`, `X | None`, `list[X]` or `Annotated[X, ...]`, if any."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (list, typing.Union, types.UnionType):
            candidates = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = candidates[0] if candidates else None
        else:
            break
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def field_info(model: type[BaseModel], loc: tuple) -> FieldInfo | None:
    """The pydantic field at `loc`, following nested models and lists (list indexes are skipped)."""
    current, info = model, None
    for part in loc:
        if isinstance(part, int):
            continue
        if current is None or part not in current.model_fields:
            return None
        info = current.model_fields[part]
        current = model_of(info.annotation)
    return info


def public_name(info: FieldInfo) -> str | None:
    """The name a public French schema gives this field (`code_postal`), declared in the model with
    `json_schema_extra={"public_name": ...}`; the open-data exports use it as the column name."""
    extra = info.json_schema_extra
    return extra.get("public_name") if isinstance(extra, dict) else None


# Pure (from the model class): not a cache between builds (build/cache.py).
@functools.lru_cache(maxsize=None)
def label(model: type[BaseModel], path: str) -> str:
    """The French label readers see for a field: `label(Call, "aid.min")` is "Aide minimale par projet"."""
    info = field_info(model, tuple(path.split(".")))
    if info is None or not info.title:
        raise KeyError(f"{model.__name__}.{path} has no label (Field(title=...))")
    return info.title
