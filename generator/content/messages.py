"""Turn pydantic validation errors into French sentences that say what to write instead."""

from __future__ import annotations

import difflib
import re
import typing
import unicodedata
from enum import Enum

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from .fields import field_info, model_of

DATE_HINT = "une date réelle au format AAAA-MM-JJ, par exemple 2024-03-31"


def french_message(model: type[BaseModel], error: dict) -> str:
    """One French sentence (or two) for one pydantic error on `model`."""
    kind = error["type"]
    loc = error["loc"]
    found = _shown(error.get("input"))
    info = field_info(model, loc)
    described = f" ({info.description})" if info and info.description else ""
    ctx = error.get("ctx") or {}

    shape = _shape(error.get("input"))
    if shape and kind not in ("list_type", "too_short", "missing", "extra_forbidden") and not kind.startswith(("model", "dict")):
        return (f"une seule valeur attendue{described}, reçu {shape}. Écrivez la valeur sur la ligne du champ, "
                "après le deux-points, sans tiret ni sous-champ.")
    if kind == "missing":
        return f"champ obligatoire manquant{described}. Ajoutez la ligne « {loc[-1]}: … »."
    if kind == "extra_forbidden":
        known = _known_keys(model, loc[:-1])
        allowed = ", ".join(sorted(known))
        return (
            f"champ inconnu « {loc[-1]} ».{did_you_mean(str(loc[-1]), known)} Vérifiez l'orthographe ; "
            f"champs possibles à cet endroit : {allowed}."
        )
    if kind.startswith("date") :
        if found and kind in ("date_from_datetime_parsing", "date_parsing", "date_from_datetime_inexact"):
            return f"la date {found} n'existe pas ou est mal écrite. Attendu : {DATE_HINT}."
        return f"date attendue{described}, reçu {found or 'une valeur vide'}. Attendu : {DATE_HINT}."
    if kind.startswith("time"):
        return f"heure non valide {found}. Attendu : une heure au format HH:MM, par exemple 12:00."
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"nombre entier attendu{described}, reçu {found}. Écrivez le nombre sans espace ni symbole, par exemple 50000."
    if kind in ("bool_parsing", "bool_type"):
        return f"valeur oui/non attendue{described}, reçu {found}. Écrivez true ou false."
    if kind in ("greater_than_equal", "greater_than") and ctx.get("ge") == 0:
        return (f"la valeur {found} est négative{described}. Écrivez un nombre positif ou nul, sans signe moins.")
    if kind in ("greater_than_equal", "greater_than"):
        return f"la valeur {found} est trop petite{described} ; minimum : {ctx.get('ge', ctx.get('gt'))}."
    if kind in ("less_than_equal", "less_than"):
        return f"la valeur {found} est trop grande{described} ; maximum : {ctx.get('le', ctx.get('lt'))}."
    if kind == "enum":
        choices = _enum_values(info)
        hint = did_you_mean(str(error.get("input")), choices)
        listed = _either(choices) if choices else "voir le guide"
        return f"valeur {found} non reconnue{described}.{hint} Valeurs possibles : {listed}."
    if kind == "string_type":
        return f"texte attendu{described}, reçu une liste ou un bloc. Écrivez un texte simple sur la ligne du champ."
    if kind == "string_too_short":
        return f"ce champ ne peut pas être vide{described}. Écrivez une valeur ou supprimez la ligne."
    if kind == "string_too_long":
        return f"texte trop long{described} : {len(str(error.get('input', '')))} caractères pour {ctx.get('max_length')} au plus. Raccourcissez-le."
    if kind == "string_pattern_mismatch":
        return f"valeur {found} mal formée{described}. {_pattern_hint(loc)}"
    if kind == "too_short":
        return f"liste vide{described} : il faut au moins {ctx.get('min_length', 1)} élément(s)."
    if kind == "list_type":
        return f"liste attendue{described}. Écrivez chaque élément sur sa ligne, précédé de « - »."
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"bloc de champs attendu{described}, reçu {found or 'une valeur vide'}. Indentez les sous-champs sous « {loc[-1] if loc else 'ce champ'}: »."
    if kind.startswith("url"):
        return (f"adresse web non valide {found}. Attendu : une adresse complète commençant par https:// "
                "(ou http://), par exemple https://www.region.fr/appel.")
    if kind == "text_character":
        return error["msg"]
    if kind == "value_error":
        return str(ctx.get("error", error.get("msg", ""))).removeprefix("Value error, ") + "."
    return f"valeur non valide {found}{described}."


def _shape(value) -> str:
    """How a list or a block given where one value was expected is named; empty for a value."""
    if isinstance(value, list):
        return "une liste"
    if isinstance(value, dict):
        return "un bloc de sous-champs"
    return ""


def _shown(value) -> str:
    if value is None or isinstance(value, (dict, list)):
        return ""
    text = str(value)
    if len(text) > 60:
        text = text[:57] + "…"
    return f"« {text} »"


def _pattern_hint(loc: tuple) -> str:
    name = next((str(part) for part in reversed(loc) if isinstance(part, str)), "")
    hints = {
        "insee_code": "Attendu : le code INSEE en deux ou trois chiffres, par exemple 53 ou 03.",
        "email": "Attendu : une adresse comme prenom.nom@region.fr.",
        "phone": "Attendu : un numéro de téléphone, par exemple 02 99 27 10 10.",
    }
    examples = {"provider": "la-fabrique", "funded_by": "deffinov-bretagne"}
    return hints.get(
        name,
        "Attendu : un identifiant seul, sans chemin ni extension (ni « / », ni « .. », ni « .md »), en minuscules, "
        f"chiffres et tirets, par exemple {examples.get(name, 'bretagne ou pays-de-la-loire')}.",
    )


def _enum_values(info: FieldInfo | None) -> list[str]:
    annotation = info.annotation if info else None
    candidates = typing.get_args(annotation) or (annotation,)
    enum = next((c for c in candidates if isinstance(c, type) and issubclass(c, Enum)), None)
    return [str(member.value) for member in enum] if enum else []


def _either(values: list[str]) -> str:
    quoted = [f"« {value} »" for value in values]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " ou " + quoted[-1]


def _folded(text: str) -> str:
    """Lowercase, without accents, `_` as `-`: how two near-identical names are compared."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return plain.lower().replace("_", "-")


def closest(word: str, choices) -> str | None:
    """The one choice `word` most likely misspells (case, accents, a letter or two), if any."""
    folded = {_folded(choice): choice for choice in choices}
    if _folded(word) in folded:
        return folded[_folded(word)]
    found = difflib.get_close_matches(_folded(word), list(folded), n=1, cutoff=0.7)
    if found:
        return folded[found[0]]
    # `year_unsure` for `year_uncertain`: the one choice that starts with the same word.
    head = _folded(word).split("-")[0]
    same = [choice for key, choice in folded.items() if key.split("-")[0] == head and "-" in key]
    return same[0] if len(head) >= 3 and len(same) == 1 else None


def did_you_mean(word: str, choices) -> str:
    """" Vouliez-vous dire « x » ?" when `word` looks like a misspelt choice, else empty."""
    match = closest(word, choices)
    return f" Vouliez-vous dire « {match} » ?" if match and match != word else ""


def slug_of(name: str) -> str:
    """A file or folder name as the site's rule wants it: lowercase ASCII words joined by dashes."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    return "-".join(re.findall(r"[a-z0-9]+", plain))


def _known_keys(model: type[BaseModel], loc: tuple) -> list[str]:
    info = field_info(model, loc) if loc else None
    current = model_of(info.annotation) if info else model
    return list(current.model_fields) if current else []



def placeholder_message(model: type[BaseModel], loc: tuple) -> str:
    """For a value `deffinov new` left to fill in."""
    info = field_info(model, loc)
    described = f" ({info.description})" if info and info.description else ""
    fix = (" : ce champ est obligatoire." if info is None or info.is_required()
           else ", ou supprimez la ligne si l'information n'est pas connue.")
    return f"valeur à compléter{described}. Remplacez tout « [à compléter : …] » par la vraie valeur{fix}"


BODY_PLACEHOLDER = ("présentation à compléter. Remplacez la ligne « [à compléter : …] » sous l'en-tête par le "
                    "texte de présentation, en Markdown.")
