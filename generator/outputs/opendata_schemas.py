"""The published schemas of the open-data files, made from the tables' columns (never by hand).

For each table: a JSON Schema (draft 2020-12) of its JSON file and of its GeoJSON file, and a
Table Schema (the format of schema.data.gouv.fr, read by frictionless and validata) of its CSV
file, with each column's French title and description from the model. Also decides how a value
is written in a CSV cell, so that the file and its Table Schema cannot disagree, and keeps
spreadsheets from running a cell as a formula (`cell`, the one place every CSV cell goes through).
"""

from __future__ import annotations

import json
import re

from ..presentation.tables import Column, Table

JSON_SCHEMA = "https://json-schema.org/draft/2020-12/schema"
TABLE_SCHEMA = "https://frictionlessdata.io/schemas/table-schema.json"
LICENCE = {
    "name": "etalab-2.0",
    "title": "Licence Ouverte / Open Licence version 2.0",
    "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence",
}
SEPARATOR = ";"  # between the values of a list of codes, as in the "lieux de médiation numérique" schema

PLAIN, TEXT, CODES, JSON_TEXT = "plain", "text", "codes", "json"
_FORMATS = {"date": "date", "date-time": "datetime", "time": "time"}

# What a spreadsheet runs as a formula when it begins a cell, and the mark that makes it text:
# the OWASP "CSV Injection" guidance (owasp.org/www-community/attacks/CSV_Injection, 2025) lists
# these characters and prefixes such a cell with a single quote. The file is RFC 4180 CSV written
# by the csv module, which quotes any cell holding a comma, a quote or a line break, so no value
# can start a cell of its own in the middle of another.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
TEXT_MARK = "'"
FORMULA_CLASS = r"[=+\-@\t\r\n]"  # FORMULA_START in a regular expression
FORMULA_NOTE = ("Dans le CSV : une valeur qui commence par =, +, -, @, une tabulation ou un saut de ligne est "
                "précédée d'une apostrophe ('), pour qu'un tableur ne la lise pas comme une formule ; le JSON donne "
                "la valeur exacte.")
# Values of common shapes (nothing, a telephone number, an e-mail address, a word), tried behind
# each of those characters on the pattern of a text column: can a value of that column begin so?
_PROBES = ("", "0", "33 2 99 27 10 10", "x@exemple.fr", "texte")


def value_schema(column: Column) -> dict:
    """The schema of a known value: null taken out."""
    options = [option for option in column.schema.get("anyOf", [column.schema]) if option.get("type") != "null"]
    return options[0]


def csv_kind(column: Column) -> str:
    """How a value goes into a cell: as it is (PLAIN), as it is unless it begins like a formula
    (TEXT), a list of codes joined by `;`, or JSON text (lists of free texts and of objects, whose
    texts may hold any separator)."""
    schema = value_schema(column)
    if schema.get("type") != "array":
        return TEXT if _may_begin_a_formula(schema) else PLAIN
    items = schema.get("items", {})
    return CODES if items.get("type") == "string" and ("enum" in items or "pattern" in items) else JSON_TEXT


def _may_begin_a_formula(schema: dict) -> bool:
    """Whether a value of a column may begin with a character of FORMULA_START: free text, and a
    text whose pattern allows it (a telephone number, an e-mail address); not codes, dates,
    addresses of pages or values from a list."""
    if schema.get("type") != "string" or "enum" in schema or "const" in schema or "format" in schema:
        return False
    pattern = schema.get("pattern")
    return pattern is None or any(re.fullmatch(pattern, start + probe) for start in FORMULA_START for probe in _PROBES)


def as_text(text: str) -> str:
    """A text as a spreadsheet must show it, never run it: prefixed with a single quote when it
    begins with a character of FORMULA_START."""
    return TEXT_MARK + text if text.startswith(FORMULA_START) else text


def cell(value, kind: str) -> str:
    """One CSV cell. Every text goes through `as_text`, whatever its column (where the schema says
    a column cannot begin like a formula, it changes nothing); numbers do not: a negative one is a
    number to a spreadsheet, and it must stay one for the Table Schema.

    Telephone numbers are published as editors write them (`+33 2 99 27 10 10`, `02 99 27 10 10`),
    neutralised as any text: a spreadsheet shows `+33 2 99 27 10 10` instead of running it
    (`=33 2 99…`, an error). Rewriting them in another form would mean guessing: E.164 without
    its `+` becomes a number that loses the leading zero of national numbers, and turning
    `05 94 …` into `+594 594 …` needs a numbering plan per territory; the JSON keeps the exact text."""
    if value is None:
        return ""
    if kind == CODES:
        return as_text(SEPARATOR.join(value))
    if kind == JSON_TEXT or isinstance(value, (dict, list)):
        return as_text(json.dumps(value, ensure_ascii=False))
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return as_text(str(value))


def row_schema(table: Table) -> dict:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [column.name for column in table.columns],
        "properties": {column.name: column.schema for column in table.columns},
    }


def json_schema(table: Table, schema_id: str) -> dict:
    """The JSON Schema of `<table>.json`: the licence, then the rows under `donnees`."""
    return {
        "$schema": JSON_SCHEMA,
        "$id": schema_id,
        "title": table.title,
        "description": table.description,
        "type": "object",
        "required": ["titre", "licence", "donnees"],
        "properties": {
            "$schema": {"type": "string", "description": "Adresse de ce schéma"},
            "titre": {"type": "string", "description": "Titre du jeu de données"},
            "description": {"type": "string", "description": "Ce que contient le fichier"},
            "licence": {"type": "object", "description": "Licence de réutilisation : Licence Ouverte / Etalab 2.0"},
            "page": {"type": "string", "description": "Page du site qui présente les données"},
            "donnees": {"type": "array", "description": "Une ligne par élément", "items": row_schema(table)},
        },
    }


def geojson_schema(table: Table, schema_id: str) -> dict:
    """The JSON Schema of `<table>.geojson`: RFC 7946 points whose properties are the rows."""
    point = {
        "type": "object",
        "required": ["type", "coordinates"],
        "properties": {
            "type": {"const": "Point"},
            "coordinates": {
                "type": "array", "minItems": 2, "maxItems": 2,
                "prefixItems": [{"type": "number", "minimum": -180, "maximum": 180, "description": "Longitude (WGS 84)"},
                                {"type": "number", "minimum": -90, "maximum": 90, "description": "Latitude (WGS 84)"}],
            },
        },
    }
    return {
        "$schema": JSON_SCHEMA,
        "$id": schema_id,
        "title": f"{table.title} (carte)",
        "description": f"{table.description} Un point par élément dont les coordonnées sont connues (longitude, latitude en WGS 84) ; sans coordonnées, la géométrie est nulle.",
        "type": "object",
        "required": ["type", "features"],
        "properties": {
            "type": {"const": "FeatureCollection"},
            "features": {"type": "array", "items": {
                "type": "object",
                "required": ["type", "id", "geometry", "properties"],
                "properties": {
                    "type": {"const": "Feature"},
                    "id": {"type": "string"},
                    "geometry": {"anyOf": [point, {"type": "null"}]},
                    "properties": row_schema(table),
                },
            }},
        },
    }


def table_schema(table: Table, schema_id: str) -> dict:
    """The Table Schema of `<table>.csv`, in the form schema.data.gouv.fr publishes."""
    return {
        "$schema": TABLE_SCHEMA,
        "name": table.name,
        "title": table.title,
        "description": table.description,
        "path": schema_id,
        "countryCode": "FR",
        "licenses": [LICENCE],
        "missingValues": [""],
        "primaryKey": table.key,
        "fields": [table_field(column) for column in table.columns],
    }


def table_field(column: Column) -> dict:
    schema, kind = value_schema(column), csv_kind(column)
    field = {"name": column.name, "title": column.title, "description": column.description}
    constraints = {}
    if kind == JSON_TEXT:
        field["type"] = "array"
        field["description"] += " Dans le CSV : liste au format JSON."
    elif kind == CODES:
        field["type"] = "string"
        field["description"] += f" Dans le CSV : valeurs séparées par « {SEPARATOR} »."
        constraints["pattern"] = _codes_pattern(schema["items"])
    else:
        field.update(_plain_type(schema))
        for key in ("pattern", "minLength", "maxLength", "minimum", "maximum", "enum"):
            if key in schema:
                constraints[key] = schema[key]
        if field["type"] != "string":
            constraints.pop("minLength", None), constraints.pop("maxLength", None)
        if kind == TEXT:  # the CSV value may carry the single quote in front
            field["description"] += " " + FORMULA_NOTE
            if "pattern" in constraints:
                constraints["pattern"] = _marked_pattern(constraints["pattern"])
            if "maxLength" in constraints:
                constraints["maxLength"] += len(TEXT_MARK)
    if column.required and kind != CODES:  # an empty list of codes is an empty cell
        constraints["required"] = True
    if column.name == "id":
        constraints["unique"] = True
    if constraints:
        field["constraints"] = constraints
    return field


def _marked_pattern(pattern: str) -> str:
    """`pattern`, allowing the single quote `as_text` puts before a value that begins like a formula."""
    inner = pattern.removeprefix("^").removesuffix("$")
    return f"^(?:{re.escape(TEXT_MARK)}(?={FORMULA_CLASS}))?(?:{inner})$"


def _plain_type(schema: dict) -> dict:
    kind = schema.get("type")
    if kind in ("integer", "number", "boolean"):
        return {"type": kind}
    if schema.get("format") in _FORMATS:
        return {"type": _FORMATS[schema["format"]]}
    if schema.get("format") == "uri":
        return {"type": "string", "format": "uri"}
    return {"type": "string"}


def _codes_pattern(items: dict) -> str:
    """`a;b`: every value one of the allowed codes (or matching the codes' pattern)."""
    if "enum" in items:
        one = "|".join(re.escape(value) for value in items["enum"])
    else:
        one = items["pattern"].removeprefix("^").removesuffix("$")
    return f"^(?:{one})(?:{SEPARATOR}(?:{one}))*$"
