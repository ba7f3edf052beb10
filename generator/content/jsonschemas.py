"""JSON Schemas of the content files, generated from the models, for editors' help while typing.

A YAML language server (VS Code's YAML extension) reads them to complete keys and values, show
each field's French label and description on hover, and flag mistakes as one types. They follow
the models exactly, with what a language server needs on top:

- titles and descriptions are the models' French ones; the models' docstrings (English, for
  developers) and class names are left out;
- allowed values carry their French labels (`enumDescriptions`), and values that come from the
  content itself (region slugs, provider and call ids) are listed when they are `Known`;
- a time is `HH:MM` (the `time` format of JSON Schema wants seconds and an offset);
- a malformed value gets a French message (`patternErrorMessage`), from the field's description;
- empty defaults and defaults that are whole blocks are left out: completion would insert them.

`deffinov check` stays the judge: YAML 1.2 (the language server's) reads `53` as a number where
our reader keeps text, so the schemas ask for quotes there, a little stricter than the check.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from pydantic.json_schema import GenerateJsonSchema

from .fields import LabelledEnum
from .kinds import CALL, RESOURCE, Kind

DIALECT = "https://json-schema.org/draft/2020-12/schema"
TIME_PATTERN = r"^([01]?[0-9]|2[0-3]):[0-5][0-9]$"
MESSAGES = {
    "date": "Date attendue au format AAAA-MM-JJ, par exemple 2027-03-31.",
    "time": "Heure attendue au format HH:MM, entre guillemets, par exemple \"12:00\".",
}


@dataclass(frozen=True)
class Known:
    """Values that come from the content, each with the name readers see: {"bretagne": "Bretagne"}."""

    regions: dict[str, str] = field(default_factory=dict)
    providers: dict[str, str] = field(default_factory=dict)
    calls: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of_site(cls, site, catalog: bool = True) -> Known:
        """What a checked site model knows; `catalog=False` keeps only the regions, which rarely change."""
        regions = {region.slug: region.data.name for region in site.regions}
        if not catalog:
            return cls(regions)
        return cls(
            regions,
            {provider.id: provider.data.name for provider in site.providers},
            {call.id: call.data.title for call in site.calls},
        )


class _EditorSchema(GenerateJsonSchema):
    """pydantic's generator, speaking to editors in French."""

    def model_schema(self, schema):
        result = super().model_schema(schema)
        result.pop("title", None)  # the class name
        result.pop("description", None)  # the docstring, for developers
        return result

    def enum_schema(self, schema):
        result = super().enum_schema(schema)
        result.pop("title", None)
        result.pop("description", None)
        if issubclass(schema["cls"], LabelledEnum):
            result["enumDescriptions"] = [member.label for member in schema["cls"]]
        return result

    def time_schema(self, schema):
        return {"type": "string", "pattern": TIME_PATTERN, "patternErrorMessage": MESSAGES["time"]}

    def date_schema(self, schema):
        return {"type": "string", "format": "date", "patternErrorMessage": MESSAGES["date"]}


def content_schema(kind: Kind, known: Known | None = None) -> dict:
    """The JSON Schema of one kind of content file, with the values `known` lists."""
    schema = kind.model.model_json_schema(schema_generator=_EditorSchema)
    _tidy(schema)
    for name, definition in schema.get("$defs", {}).items():
        if definition.get("title") == name:
            del definition["title"]  # a class name, in English
        _tidy(definition)
    if known:
        _add_known(kind, schema, known)
    return {
        "$schema": DIALECT,
        "title": f"{kind.title} : {kind.pattern}",
        "description": kind.description,
        "$comment": "Généré depuis le modèle (generator/content/) : ne pas modifier à la main.",
        **schema,
    }


def as_json(schema: dict) -> str:
    """A schema as written to a file: readable, and identical from one run to the next."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def _tidy(schema: dict) -> None:
    """Per property: no default that completion would insert; French messages for malformed values."""
    for prop in schema.get("properties", {}).values():
        default = prop.get("default", ...)
        if default is None or isinstance(default, (dict, list)):
            prop.pop("default")
        for variant in [prop, *prop.get("anyOf", []), prop.get("items", {})]:
            if "pattern" in variant and "patternErrorMessage" not in variant:
                variant["patternErrorMessage"] = f"Valeur mal formée. Attendu : {prop.get('description', '')}."


def _add_known(kind: Kind, schema: dict, known: Known) -> None:
    """Values allowed because the content has them: a field then offers them in completion."""
    props = schema["properties"]
    if kind is CALL and known.regions:
        _enumerate(props["other_regions"]["items"], known.regions)
    if kind is RESOURCE and known.providers:
        _enumerate(props["provider"], known.providers)
    if kind is RESOURCE and known.calls:
        funded = next(v for v in props["funded_by"]["anyOf"] if v.get("type") == "string")
        _enumerate(funded, known.calls)


def _enumerate(target: dict, values: dict[str, str]) -> None:
    target["enum"] = sorted(values)
    target["enumDescriptions"] = [values[key] for key in sorted(values)]
