"""Read YAML and Markdown front matter while remembering on which line each value stands.

Every plain scalar is kept as a string (or None when empty/null): YAML 1.1 would otherwise turn
`12:00` into 720, `NO` into False and `2023-02-30` into a crash. The typed model converts
strings itself and reports bad values with their line.

libyaml's parser (C) composes the same nodes at the same lines about 16 times faster than
PyYAML's pure-Python one, so it reads the files when PyYAML was built with it. A file it refuses
is read again by the pure parser, whose error wording (translated below) and positions the
messages to editors rely on. The two disagree only on tabs and byte-order marks inside the text
(libyaml accepts some that PyYAML refuses): such files go to the pure parser directly, so that a
file is refused or accepted exactly as before. libyaml also recurses in C, without Python's guard:
tens of thousands of nested collections (`[[[[…`, `- - - …`) would crash the process, so a file
that could nest that deep goes to the pure parser too. Without libyaml, the pure parser reads
everything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

MAX_FILE_BYTES = 512 * 1024
MAX_NODES = 20_000
NULL_TAG = "tag:yaml.org,2002:null"
PLAIN_STYLES = (None, "")  # a plain scalar's style: None from the pure parser, "" from libyaml's
FAST_LOADER = getattr(yaml, "CSafeLoader", None)
PURE_ONLY = ("\t", "\ufeff")  # characters the two parsers treat differently
# Every collection starts with one of these characters: a file with few of them cannot nest deeply
# (real content files hold a few hundred; libyaml crashes beyond about 20,000 levels).
NESTING_CHARS = "-:?[{"
MAX_NESTING_CHARS = 5_000

Location = tuple  # ("calendar", "waves", 0, "deadline")


class SourceError(Exception):
    """A file that cannot be read as content at all; `line` is 1-based when known."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass
class Positioned:
    """Parsed data plus the 1-based line of every location in it."""

    data: object
    lines: dict[Location, int] = field(default_factory=dict)

    def line_of(self, loc: Location) -> int | None:
        """The line of `loc`, or of its nearest parent that has one (missing keys)."""
        loc = tuple(loc)
        while loc not in self.lines and loc:
            loc = loc[:-1]
        return self.lines.get(loc)


# Every file of a kind has the same few dozen locations ("title", ("place", "city"), …): one
# tuple each, shared by the entries read in one process.
_LOCATIONS: dict[Location, Location] = {}


def kept_positions(positions: Positioned) -> Positioned:
    """What an entry keeps of its parsed file once it is validated: the line of each location,
    for the checks across files, and not the parsed data, which its model holds. A third of a
    large site's memory before."""
    return Positioned(None, {_LOCATIONS.setdefault(loc, loc): line for loc, line in positions.lines.items()})


def texts(data, loc: Location = ()):
    """Every text value of parsed YAML data with its location: (("sources", 0, "title"), "Page…")."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from texts(value, (*loc, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from texts(value, (*loc, index))
    elif isinstance(data, str):
        yield loc, data


def read_text(path: Path) -> str:
    """Read a content file as UTF-8 text, refusing huge or undecodable files."""
    size = path.stat().st_size  # before reading: a huge file is refused without loading it
    if size > MAX_FILE_BYTES:
        raise SourceError(
            f"le fichier fait {size // 1024} Kio, au-delà de la limite de "
            f"{MAX_FILE_BYTES // 1024} Kio. Découpez-le ou retirez les contenus inutiles."
        )
    raw = path.read_bytes()
    if not raw.strip():
        raise SourceError("le fichier est vide. Écrivez-y le contenu attendu ou supprimez-le.", 1)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SourceError(
            "le fichier n'est pas encodé en UTF-8 (caractère illisible). "
            "Enregistrez-le en UTF-8 depuis votre éditeur.",
            line,
        ) from None
    return text.removeprefix("\ufeff")


def parse_yaml(text: str, line_offset: int = 0) -> Positioned:
    """Parse one YAML document into plain data with line numbers."""
    try:
        node = _compose(text)
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1 + line_offset
        raise SourceError(
            f"caractère invisible non autorisé (code U+{exc.character:04X}). Supprimez-le : il vient souvent "
            "d'un copier-coller depuis un traitement de texte ou un PDF.", line,
        ) from None
    except yaml.MarkedYAMLError as exc:
        # Something left open (quotes, brackets) is reported at the end of the file: point at its start.
        unclosed = exc.context_mark and (exc.problem or "").startswith(UNCLOSED)
        mark = exc.context_mark if unclosed else exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else None
        raise SourceError(_syntax_message(exc), line) from None
    except yaml.YAMLError:
        raise SourceError("le YAML est illisible. Vérifiez l'indentation et les deux-points.") from None
    except RecursionError:
        raise SourceError(TOO_DEEP) from None
    result = Positioned(data=None)
    if node is None:
        return result
    counter = [0]
    try:
        result.data = _to_python(node, (), result.lines, line_offset, counter)
    except RecursionError:
        raise SourceError(TOO_DEEP) from None
    return result


UNCLOSED = ("found unexpected end of stream", "expected ',' or ']'", "expected ',' or '}'")
TOO_DEEP = "le fichier imbrique trop de listes ou de blocs les uns dans les autres (alias YAML en boucle ?). Simplifiez-le."


def _compose(text: str):
    """The YAML document's node tree: by libyaml if it can, else (and for every error) by pure PyYAML."""
    if FAST_LOADER is not None and _fast_parser_agrees(text):
        try:
            return yaml.compose(text, Loader=FAST_LOADER)
        except yaml.YAMLError:
            pass  # reported below, in the pure parser's words and at its positions
    return yaml.compose(text, Loader=yaml.SafeLoader)


def _fast_parser_agrees(text: str) -> bool:
    """Whether libyaml reads `text` exactly as the pure parser would, and without risk."""
    if any(char in text for char in PURE_ONLY):
        return False
    return sum(text.count(char) for char in NESTING_CHARS) <= MAX_NESTING_CHARS


def _to_python(node, loc, lines, offset, counter):
    counter[0] += 1
    if counter[0] > MAX_NODES:
        raise SourceError("le fichier contient trop d'éléments (alias YAML en cascade ?). Simplifiez-le.")
    lines.setdefault(loc, node.start_mark.line + 1 + offset)
    if isinstance(node, yaml.MappingNode):
        mapping = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise SourceError("une clé doit être un simple mot.", key_node.start_mark.line + 1 + offset)
            key = key_node.value
            if key in mapping:
                raise SourceError(
                    f"la clé « {key} » apparaît deux fois. Gardez-en une seule.",
                    key_node.start_mark.line + 1 + offset,
                )
            child = loc + (key,)
            lines[child] = key_node.start_mark.line + 1 + offset
            mapping[key] = _to_python(value_node, child, lines, offset, counter)
        return mapping
    if isinstance(node, yaml.SequenceNode):
        return [
            _to_python(item, loc + (index,), lines, offset, counter)
            for index, item in enumerate(node.value)
        ]
    if node.tag == NULL_TAG and node.style in PLAIN_STYLES:
        return None
    return node.value


def _syntax_message(exc: yaml.MarkedYAMLError) -> str:
    problem = (exc.problem or "").strip()
    hints = {
        "mapping values are not allowed here": "un deux-points inattendu ; mettez la valeur entre guillemets si elle contient « : »",
        "could not find expected ':'": "il manque un deux-points après une clé, ou un texte sur plusieurs lignes n'est pas indenté",
        "found character '\\t' that cannot start any token": "une tabulation ; indentez avec des espaces",
        "expected <block end>, but found '-'": "un tiret de liste mal aligné ; alignez les éléments de la liste",
        "found undefined alias": "un alias YAML (*nom) qui ne correspond à aucune ancre",
        "but found another document": "une ligne « --- » en trop : un fichier ne contient qu'un seul bloc de champs",
        "found unexpected end of stream": "des guillemets ouverts à cette ligne ne sont jamais refermés",
        "expected ',' or ']'": "un crochet « [ » jamais refermé ; fermez la liste par « ] » ou mettez le texte entre guillemets",
        "expected ',' or '}'": "une accolade « { » jamais refermée ; fermez-la par « } » ou mettez le texte entre guillemets",
        "expected <block end>, but found '<scalar>'": "du texte après une valeur entre guillemets, crochets ou accolades ; mettez toute la valeur entre guillemets",
        "found character '@'": "une valeur qui commence par « @ » ; mettez-la entre guillemets",
        "found character '`'": "une valeur qui commence par « ` » ; mettez-la entre guillemets",
        "found character '%'": "une valeur qui commence par « % » ; mettez-la entre guillemets",
        "found unknown escape character": "une barre oblique inverse « \\ » entre guillemets doubles ; doublez-la ou utilisez des guillemets simples",
    }
    for english, french in hints.items():
        if problem.startswith(english.split(" ;")[0]) or (exc.context or "").strip().startswith(english):
            return f"erreur de syntaxe YAML : {french}."
    return "erreur de syntaxe YAML : vérifiez l'indentation, les deux-points et les guillemets à cette ligne."


def split_front_matter(text: str) -> tuple[str, str, int]:
    """Split `---` front matter from a Markdown body.

    Returns (yaml_text, body, line_offset) where line_offset is the number of lines before the
    YAML text (1, for the opening `---`).
    """
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise SourceError(
            "le fichier doit commencer par une ligne « --- », suivie des champs YAML, "
            "puis d'une autre ligne « --- » avant le texte.",
            1,
        )
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), 1
    raise SourceError(
        "l'en-tête YAML n'est jamais fermé : ajoutez une ligne « --- » après le dernier champ.", 1
    )
