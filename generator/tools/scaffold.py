"""`deffinov new call|resource|provider`: a new content file with every field, generated from the model.

Each field comes with its French label, description, type, allowed values and an example, as
comments. Required fields are written with a placeholder (`[à compléter : …]`); optional ones
are commented out, and a placeholder too, so that a line uncommented and left as is is reported
by `deffinov check` rather than published. A file is never overwritten.
"""

from __future__ import annotations

import json
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

from ..content.fielddocs import BLOCK, BLOCKS, VALUES, FieldDoc, field_docs
from ..content.fields import SLUG_RE
from ..content.kinds import Kind
from ..content.loading import REGION_FILE, REGIONS_DIR
from ..content.placeholders import placeholder

WIDTH = 100
DEFAULT_IDS = {"call": "nouvel-appel", "resource": "nouvelle-ressource", "provider": "nouveau-lieu"}
# Values both YAML readers take as the same text when unquoted: words, identifiers, addresses, dates.
PLAIN = re.compile(r"^([A-Za-z][A-Za-z0-9._/:+-]*|\d{4}-\d{2}-\d{2})$")


class ScaffoldError(Exception):
    """Why a file cannot be created, in French, for the editor."""


@dataclass(frozen=True)
class Scaffolded:
    path: Path
    relative: str


def create(root: Path, kind: Kind, region: str, identifier: str | None = None) -> Scaffolded:
    """Write a new file of `kind` in `region`; refuse an unknown region, a bad or taken id."""
    root = Path(root)
    regions = sorted(p.name for p in (root / REGIONS_DIR).glob(f"*/{REGION_FILE}") for p in [p.parent])
    if region not in regions:
        raise ScaffoldError(f"région inconnue « {region} ». Régions possibles : {', '.join(regions)}.")
    identifier = identifier or DEFAULT_IDS[kind.name]
    if not SLUG_RE.match(identifier) or len(identifier) > 80:
        raise ScaffoldError(
            f"identifiant « {identifier} » non valide : il devient l'adresse de la page. Utilisez des minuscules "
            "sans accent, des chiffres et des tirets (80 caractères au plus), par exemple appel-tiers-lieux-2027.")
    relative = kind.path(region, identifier)
    taken = sorted(p.relative_to(root).as_posix() for p in (root / REGIONS_DIR).glob(f"*/{kind.folder}/{identifier}.*"))
    if taken:
        raise ScaffoldError(
            f"le fichier {taken[0]} existe déjà et ne sera pas remplacé ; deux fichiers de même nom auraient la même "
            "adresse. Choisissez un autre identifiant avec --id.")
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(kind), encoding="utf-8")
    return Scaffolded(path, relative)


def render(kind: Kind) -> str:
    """The text of a new file of `kind`."""
    lines = []
    if kind.suffix == ".yml":
        # Read by the YAML language server (VS Code); a path relative to the file.
        lines.append(f"# yaml-language-server: $schema=../../../{kind.schema_path}")
    lines += _comment(
        f"{kind.title}, créé par « deffinov new {kind.name} ». Remplacez chaque « [à compléter : …] » par la "
        "vraie valeur. Les lignes qui commencent par « # » sont des commentaires : pour utiliser un champ "
        "facultatif, retirez le « # » en tête de ses lignes, puis remplacez sa valeur ; laissez en commentaire "
        "ce qui n'est pas connu. « deffinov check » signale tout ce qui reste à compléter.", "")
    for doc in field_docs(kind):
        lines += ["", *_field(doc, "", None)]
    text = "\n".join(lines) + "\n"
    if kind.suffix == ".md":
        text = "---\n" + text + "---\n" + placeholder(kind.body) + "\n"
    return text


def _field(doc: FieldDoc, pad: str, cpad: str | None, dash: bool = False) -> list[str]:
    """The comment and the lines of one field, indented by `pad`; `dash` starts a list item.

    `cpad` is where the `# ` of a commented-out field goes (None: not commented out): right after
    the indentation of the outermost field commented out, so that removing it, by hand or with
    the editor's "toggle comment", gives back correctly indented YAML.
    """
    lines = _comment(_about(doc), _commented(pad, cpad))
    if cpad is None and not doc.required:
        cpad = pad  # an optional field is written commented out, with everything in it
    head = _commented(pad[:-2] + "- " if dash else pad, cpad)
    if doc.shape == BLOCK:
        lines.append(f"{head}{doc.key}:")
        for child in _ordered(doc.children, cpad):
            lines += _field(child, pad + "  ", cpad)
    elif doc.shape == BLOCKS:
        lines.append(f"{head}{doc.key}:")
        for index, child in enumerate(_ordered(doc.children, cpad)):
            lines += _field(child, pad + "    ", cpad, dash=index == 0)
    elif doc.shape == VALUES:
        lines.append(f"{head}{doc.key}:")
        lines.append(f"{_commented(pad + '  - ', cpad)}{_yaml(placeholder(doc.label))}")
    else:
        lines.append(f"{head}{doc.key}: {_yaml(placeholder(doc.label))}")
    return lines


def _commented(pad: str, cpad: str | None) -> str:
    """An indentation, with `# ` inserted at column `cpad` when the line is commented out."""
    return pad if cpad is None else cpad + "# " + pad[len(cpad):]


def _ordered(children: list[FieldDoc], cpad: str | None) -> list[FieldDoc]:
    """Required fields first in a written block, so that a list item never starts commented out."""
    return children if cpad is not None else sorted(children, key=lambda child: not child.required)


def _about(doc: FieldDoc) -> str:
    """One sentence or three on a field: label, description, required or not, type, values, example."""
    description = doc.description.rstrip(".…")
    text = f"{doc.label} — {description}. {'Obligatoire' if doc.required else 'Facultatif'} ; {doc.type_text}."
    if doc.allowed:
        text += " Valeurs possibles : " + ", ".join(f"{value} ({label})" if label and label != value else str(value)
                                                   for value, label in doc.allowed) + "."
    if doc.default is not None:
        text += f" Sans ce champ : {_yaml(doc.default)}."
    if doc.example is not None and doc.shape not in (BLOCK, BLOCKS):
        example = doc.example if doc.shape != VALUES else doc.example[0]
        text += f" Exemple : {_yaml(example)}."
    if doc.uncertain_date:
        text += " Date incertaine : voir le guide du contributeur."
    return text


def _comment(text: str, pad: str) -> list[str]:
    # No line of a comment starts with « ; » or « : »: the space before them does not break.
    text = text.replace(" ;", "\u00a0;").replace(" :", "\u00a0:")
    return textwrap.wrap(text, WIDTH, initial_indent=pad + "# ", subsequent_indent=pad + "# ",
                         break_on_hyphens=False, break_long_words=False)


def _yaml(value) -> str:
    """A scalar as YAML that our reader and a YAML 1.2 language server both read as meant."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    text = str(value)
    if PLAIN.match(text) and text.lower() not in ("true", "false", "yes", "no", "on", "off", "null"):
        return text
    return json.dumps(text, ensure_ascii=False)
