"""Each field of a content file described for people, from its JSON Schema (itself from the model).

`field_docs(kind)` gives the fields as a tree, in the model's order, each with its French label
and description, whether it is required, its type in French, its allowed values and an example:
what `deffinov new` writes as comments and the contributor guide lists as its field reference.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .fields import ONE_LINE, FuzzyDate
from .jsonschemas import TIME_PATTERN, Known, content_schema
from .kinds import CALL, Kind

VALUE, BLOCK, VALUES, BLOCKS = "valeur", "bloc", "liste", "liste de blocs"
UNCERTAIN_DATE = FuzzyDate.__name__
# Examples by type, when the model gives none.
DATE_EXAMPLE = "2027-03-31"
TIME_EXAMPLE = "12:00"
URL_EXAMPLE = "https://exemple.fr/"


@dataclass
class FieldDoc:
    key: str
    path: str  # as in error messages, lists marked []: "calendar.waves[].deadline"
    label: str
    description: str
    required: bool
    shape: str  # VALUE, BLOCK, VALUES or BLOCKS
    type_text: str  # in French: "date (AAAA-MM-JJ)", "nombre entier de 0 à 100"…
    allowed: list[tuple[str, str]] = field(default_factory=list)  # (value, its label)
    example: object = None  # a value as YAML would hold it: text, number, boolean, list or dict
    default: object = None  # a plain value the field takes when left out
    uncertain_date: bool = False  # a date that may also be written as a block (year or day unsure)
    children: list[FieldDoc] = field(default_factory=list)


def field_docs(kind: Kind, known: Known | None = None) -> list[FieldDoc]:
    """Every field of `kind`, nested fields as children."""
    schema = content_schema(kind, known)
    return _fields(schema, schema, "")


def uncertain_date_docs() -> list[FieldDoc]:
    """The fields of a date written as a block: `{date: …, year_uncertain: true}`."""
    schema = content_schema(CALL)
    return _fields(schema, schema["$defs"][UNCERTAIN_DATE], "")


def walk(docs: list[FieldDoc]):
    """Every field of a tree, parents before their children."""
    for doc in docs:
        yield doc
        yield from walk(doc.children)


def _fields(root: dict, schema: dict, prefix: str) -> list[FieldDoc]:
    required = set(schema.get("required", []))
    return [_field(root, key, prop, prefix, key in required) for key, prop in schema.get("properties", {}).items()]


def _field(root: dict, key: str, prop: dict, prefix: str, required: bool) -> FieldDoc:
    path = f"{prefix}.{key}" if prefix else key
    variants = [resolve(root, v) for v in prop.get("anyOf", [prop]) if v.get("type") != "null"]
    doc = FieldDoc(key, path, prop.get("title", ""), prop.get("description", ""), required, VALUE, "")
    default = prop.get("default")
    doc.default = default if not isinstance(default, (dict, list)) else None
    objects = [v for v in variants if v.get("type") == "object"]
    if len(variants) > 1 and objects:
        # A date of a call: plain, or a block saying what is unsure about it.
        doc.uncertain_date = True
        doc.type_text = "date (AAAA-MM-JJ), ou bloc « date » si l'année n'est pas confirmée ou le jour pas connu"
        doc.example = _example(prop, variants[0])
        return doc
    value = {**variants[0], **{k: v for k, v in prop.items() if k in ("examples",)}}
    if value.get("type") == "object":
        doc.shape, doc.type_text = BLOCK, "bloc de champs"
        doc.children = _fields(root, value, path)
        doc.example = {child.key: child.example for child in doc.children if child.required} or None
        return doc
    if value.get("type") == "array":
        item = resolve(root, value["items"])
        if item.get("type") == "object":
            doc.shape, doc.type_text = BLOCKS, "liste de blocs, chacun commençant par un tiret"
            doc.children = _fields(root, item, path + "[]")
            doc.example = [{child.key: child.example for child in doc.children if child.required or child is doc.children[0]}]
        else:
            doc.shape = VALUES
            doc.type_text = "liste, un élément par ligne commençant par un tiret : " + _type_text(item)
            doc.allowed = _allowed(item)
            doc.example = prop["examples"][0] if prop.get("examples") else [_example({}, item)]
        if value.get("minItems"):
            doc.type_text += f" ; au moins {value['minItems']}"
        return doc
    doc.type_text = _type_text(value)
    doc.allowed = _allowed(value)
    doc.example = _example(prop, value)
    return doc


def resolve(root: dict, schema: dict) -> dict:
    """`schema` with its `$ref` replaced by what it points to (siblings kept)."""
    if "$ref" not in schema:
        return schema
    name = schema["$ref"].rsplit("/", 1)[-1]
    rest = {k: v for k, v in schema.items() if k != "$ref"}
    return {**resolve(root, root["$defs"][name]), **rest}


def _allowed(schema: dict) -> list[tuple[str, str]]:
    values = schema.get("enum", [])
    labels = schema.get("enumDescriptions", [""] * len(values))
    return list(zip(values, labels))


def _type_text(schema: dict) -> str:
    kind = schema.get("type")
    if schema.get("enum"):
        return "une valeur de la liste"
    if kind == "boolean":
        return "true (oui) ou false (non)"
    if kind in ("integer", "number"):
        text = "nombre entier" if kind == "integer" else "nombre décimal (avec un point)"
        low, high = schema.get("minimum"), schema.get("maximum")
        if low is not None and high is not None:
            text += f" de {low} à {high}"
        return text
    if schema.get("format") == "date":
        return "date (AAAA-MM-JJ)"
    if schema.get("pattern") == TIME_PATTERN:
        return "heure (HH:MM, entre guillemets)"
    if schema.get("format") == "uri":
        return "adresse web complète (https://…)"
    limit = f", {schema['maxLength']} caractères au plus" if schema.get("maxLength") else ""
    if schema.get("pattern") == ONE_LINE:
        return f"texte sur une seule ligne{limit}"
    if schema.get("pattern"):
        return "texte de forme imposée (voir l'exemple)"
    if limit:  # the paragraphs of text.py: summaries, notes, list items
        return f"texte, sur plusieurs lignes si besoin (bloc « | »){limit}"
    return "texte"


def _example(prop: dict, schema: dict):
    """The model's example, else the default, else a value of the right type."""
    for source in (prop, schema):
        if source.get("examples"):
            return source["examples"][0]
    default = prop.get("default")
    if default is not None and not isinstance(default, (dict, list)):
        return default
    if schema.get("enum"):
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "boolean":
        return True
    if kind in ("integer", "number"):
        return schema.get("minimum", 0) if schema.get("minimum", 0) > 0 else min(10, schema.get("maximum", 10))
    if schema.get("format") == "date":
        return DATE_EXAMPLE
    if schema.get("pattern") == TIME_PATTERN:
        return TIME_EXAMPLE
    if schema.get("format") == "uri":
        return URL_EXAMPLE
    return None
