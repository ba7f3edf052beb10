"""The published schemas of the open-data files, made from the tables' columns (never by hand).

For each table: a JSON Schema (draft 2020-12) of its JSON file and of its GeoJSON file, and a
Table Schema (the format of schema.data.gouv.fr, read by frictionless and validata) of its CSV
file, with each column's French title and description from the model. Also decides how a value
is written in a CSV cell, so that the file and its Table Schema cannot disagree.
"""

from __future__ import annotations

import json
import re

from ..site.tables import Column, Table

JSON_SCHEMA = "https://json-schema.org/draft/2020-12/schema"
TABLE_SCHEMA = "https://frictionlessdata.io/schemas/table-schema.json"
LICENCE = {
    "name": "etalab-2.0",
    "title": "Licence Ouverte / Open Licence version 2.0",
    "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence",
}
SEPARATOR = ";"  # between the values of a list of codes, as in the "lieux de médiation numérique" schema

PLAIN, CODES, JSON_TEXT = "plain", "codes", "json"
_FORMATS = {"date": "date", "date-time": "datetime", "time": "time"}


def value_schema(column: Column) -> dict:
    """The schema of a known value: null taken out."""
    options = [option for option in column.schema.get("anyOf", [column.schema]) if option.get("type") != "null"]
    return options[0]


def csv_kind(column: Column) -> str:
    """How a value goes into a cell: as it is, a list of codes joined by `;`, or JSON text
    (lists of free texts and of objects, whose texts may hold any separator)."""
    schema = value_schema(column)
    if schema.get("type") != "array":
        return PLAIN
    items = schema.get("items", {})
    return CODES if items.get("type") == "string" and ("enum" in items or "pattern" in items) else JSON_TEXT


def cell(value, kind: str) -> str:
    if value is None:
        return ""
    if kind == CODES:
        return SEPARATOR.join(value)
    if kind == JSON_TEXT or isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


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
    if column.required and kind != CODES:  # an empty list of codes is an empty cell
        constraints["required"] = True
    if column.name == "id":
        constraints["unique"] = True
    if constraints:
        field["constraints"] = constraints
    return field


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
