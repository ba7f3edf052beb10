"""The browser editor's forms (Decap CMS, at /admin/), generated from the JSON Schemas of the models.

`form_fields(kind, known)` turns the JSON Schema of a kind of content file (jsonschemas.py, itself
from the model) into Decap CMS field definitions: each field with the model's French label
(`label`) and description (`hint`), required or not, its widget, allowed values as a select
(enumerations with their French labels; regions, providers and calls when `known` lists them),
lists for waves, stages, channels, documents, sources and amendments, patterns with a French
message for times, e-mail addresses, codes and web addresses. No form is written by hand.

Two widgets are the site's own (theme/assets/javascripts/deffinov/editor.js): `date-deffinov`, a date written
AAAA-MM-JJ, and `date-incertaine`, a call's date that may be written as a block when its year is
not confirmed or its day unknown (fields.FuzzyDate): a plain date while both boxes are unticked.

Decap cannot leave out a block whose own fields are required (`place`, `contact`): inside an
optional block, fields are offered as optional and `deffinov check` (CI) says what is missing.
"""

from __future__ import annotations

from .fielddocs import UNCERTAIN_DATE, resolve
from .fields import ONE_LINE
from .jsonschemas import TIME_PATTERN, Known, content_schema
from .kinds import Kind

DATE_WIDGET = "date-deffinov"
UNCERTAIN_DATE_WIDGET = "date-incertaine"
URL_PATTERN = r"^https?://[^\s/$.?#][^\s]*$"
# The form's own messages: the schemas' speak of YAML (quotes) where a form has none.
MESSAGES = {
    "time": "Heure attendue au format HH:MM, de 00:00 à 23:59, par exemple 12:00.",
    "url": "Adresse web complète attendue, commençant par https://, par exemple https://exemple.fr/page.",
}


def form_fields(kind: Kind, known: Known | None = None) -> list[dict]:
    """The Decap CMS fields of `kind`'s front matter (or whole file), in the model's order."""
    schema = content_schema(kind, known)
    return _fields(schema, schema, required_here=True)


def _fields(root: dict, schema: dict, required_here: bool, in_list: bool = False) -> list[dict]:
    required = set(schema.get("required", []))
    return [_field(root, key, prop, required_here and key in required, in_list)
            for key, prop in schema.get("properties", {}).items()]


def _field(root: dict, key: str, prop: dict, required: bool, in_list: bool = False) -> dict:
    field = {"name": key, "label": prop.get("title", key), "required": required}
    if prop.get("description"):
        field["hint"] = _sentence(prop["description"])
    variants = [v for v in prop.get("anyOf", [prop]) if v.get("type") != "null"]
    refs = {v.get("$ref", "").rsplit("/", 1)[-1] for v in variants}
    if UNCERTAIN_DATE in refs:
        field["widget"] = UNCERTAIN_DATE_WIDGET
        return field
    value = resolve(root, {**variants[0], **{k: v for k, v in prop.items() if k == "default"}})
    if value.get("type") == "object":
        # A block with a default (aid, calendar…) is always there; an optional one may be left out,
        # which Decap cannot say: its fields are then optional (see the module's docstring).
        field.update(widget="object", collapsed="anyOf" in prop,
                     fields=_fields(root, value, required_here=required, in_list=in_list))
        return field
    if value.get("type") == "array":
        return _list(root, field, value)
    field.update(_scalar(value))
    default = value.get("default")
    if default is not None and not isinstance(default, (dict, list)):
        # Decap starts a list with one item when its fields have defaults: in a list item, the
        # model's default is said in the help instead (it applies to a field left out).
        if in_list:
            shown = next((o["label"] for o in field.get("options", []) if o["value"] == default), default)
            field["hint"] = field.get("hint", "") + f" Sans réponse : {shown}."
        else:
            field["default"] = default
    return field


def _list(root: dict, field: dict, value: dict) -> dict:
    item = resolve(root, value["items"])
    if item.get("enum"):
        field.update(widget="select", multiple=True, options=_options(item))
        if value.get("minItems"):
            field["min"] = value["minItems"]
        return field
    field["widget"] = "list"
    if value.get("minItems"):
        field["min"] = value["minItems"]
    if item.get("type") == "object":
        fields = _fields(root, item, required_here=True, in_list=True)
        field.update(collapsed=False, fields=fields, summary="{{fields.%s}}" % fields[0]["name"])
    else:
        field["field"] = {"name": "valeur", "label": field["label"], **_scalar(item)}
    return field


def _scalar(schema: dict) -> dict:
    """Widget, bounds and pattern of a single value."""
    kind = schema.get("type")
    if schema.get("enum"):
        return {"widget": "select", "options": _options(schema)}
    if kind == "boolean":
        return {"widget": "boolean"}
    if kind in ("integer", "number"):
        bounds = {name: schema[key] for name, key in (("min", "minimum"), ("max", "maximum")) if key in schema}
        return {"widget": "number", "value_type": "int" if kind == "integer" else "float", **bounds}
    if schema.get("format") == "date":
        return {"widget": DATE_WIDGET}
    if schema.get("pattern") == TIME_PATTERN:
        return {"widget": "string", "pattern": [TIME_PATTERN, MESSAGES["time"]]}
    if schema.get("format") == "uri":
        return {"widget": "string", "pattern": [URL_PATTERN, MESSAGES["url"]]}
    if schema.get("pattern") and schema["pattern"] != ONE_LINE:
        return {"widget": "string", "pattern": [schema["pattern"], schema.get("patternErrorMessage", "Valeur mal formée.")]}
    if schema.get("pattern") == ONE_LINE:
        return {"widget": "string"}
    return {"widget": "text"}


def _options(schema: dict) -> list[dict]:
    labels = schema.get("enumDescriptions") or [""] * len(schema["enum"])
    return [{"label": _option_label(value, label), "value": value} for value, label in zip(schema["enum"], labels)]


def _option_label(value: str, label: str) -> str:
    if not label or label == value:
        return value
    return f"{label[0].upper()}{label[1:]} ({value})"


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "…", "?", "!")) else text + "."
