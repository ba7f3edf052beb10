"""The communes the catalog's "Près de" field knows, in small files the browser reads as one types.

Every French commune (metropolitan and overseas), commune déléguée or associée and arrondissement
of Paris, Lyon and Marseille, from presentation/data/communes.csv (its sources and licences in
presentation/data/README.md), written under `catalogue/lieux/`:

- `lieux.json`, the head, read at the first letter typed: the name files there are (`names`), those
  split further (`split`), the postal-code files (`postal`, their three digits one after the other),
  the départements' names;
- `noms-XY.json`: the places whose folded name (`place_key`: no accent, case, space, hyphen or
  apostrophe; "Saint" and "Sainte" as "st" and "ste", so that "St-Lô", "saint lo" and "Saint-Lô"
  meet) begins with XY, most populous first, each as [name, département, latitude, longitude,
  nature]. A file of more than `NAMES_LIMIT` places is split by one more letter, and keeps the
  `TOP` most populous of them: "st" alone shows Saint-Denis, Saint-Étienne…, "stlo" all of them;
- `cp-NNN.json`: by postal code beginning NNN, the places it serves, in the same form.

A lookup reads the head and one or two files of a few kilobytes; nothing is read before the
visitor types in the field. The same folding rule is `placeKey` in
theme/assets/javascripts/deffinov/places.js: tests/place_cases.json runs both.
"""

from __future__ import annotations

import csv
import functools
import json
import math
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

from ..content.entries import SiteModel
from ..content.geography import departements
from ..content.vocabulary import Place
from ..presentation.clusters import Town, distance_km
from .base import Output, PlannedFile, RenderContext, RenderedFile

COMMUNES_FILE = Path(__file__).resolve().parent.parent / "presentation/data/communes.csv"
FOLDER = "catalogue/lieux"
HEAD_FILE = f"{FOLDER}/lieux.json"
NAMES_LIMIT = 250  # places a name file holds before it is split by one more letter
TOP = 12  # places a split file keeps: the most populous of all those it would hold
_MARKS = re.compile("[\u0300-\u036f]")
_WORD = re.compile(r"[a-z0-9]+")
_SAINTS = {"saint": "st", "sainte": "ste"}


def place_key(text: str) -> str:
    """A place name as lookups compare it: "Saint-Lô" and "st lo" are both "stlo"."""
    plain = _MARKS.sub("", unicodedata.normalize("NFD", text.lower().replace("œ", "oe").replace("æ", "ae")))
    return "".join(_SAINTS.get(word, word) for word in _WORD.findall(plain))


@functools.cache
def places() -> tuple[tuple, ...]:
    """Every place of communes.csv as (key, name, département, latitude, longitude, nature,
    postal codes, population, INSEE code), without the communes déléguées that bear their commune's
    name in its département (the same place twice)."""
    # Read twice rather than held whole: 37,000 rows as dictionaries would weigh tens of megabytes.
    with COMMUNES_FILE.open(encoding="utf-8", newline="") as file:
        actual = {(row["nom"], row["departement"]) for row in csv.DictReader(file) if row["nature"] == ""}
    with COMMUNES_FILE.open(encoding="utf-8", newline="") as file:
        return tuple(
            (place_key(row["nom"]), row["nom"], row["departement"], round(float(row["latitude"]), 3),
             round(float(row["longitude"]), 3), row["nature"] + ("~" if row["position"] == "approx" else ""),
             tuple(row["codes_postaux"].split()), int(row["population"] or 0), row["code"])
            for row in csv.DictReader(file)
            if row["nature"] == "" or (row["nom"], row["departement"]) not in actual
        )


@functools.cache
def position_of(insee_code: str) -> tuple[float, float] | None:
    """The position communes.csv gives a commune, by its INSEE code."""
    return _by_code().get(insee_code)


@functools.cache
def _by_code() -> dict[str, tuple[float, float]]:
    found = {}
    for place in places():
        if place[5][:1] in ("", "m", "~"):
            found.setdefault(place[8], (place[3], place[4]))
    return found


@functools.cache
def positions_by_postal_code() -> dict[str, list[tuple[str, float, float]]]:
    """(folded name, latitude, longitude) of the places each postal code serves."""
    found: dict[str, list] = defaultdict(list)
    for place in places():
        for postal in place[6]:
            found[postal].append((place[0], place[3], place[4]))
    return found


# Communes by cells of a quarter of a degree, for `towns_near`.
TOWN_CELL = 4  # cells a degree


@functools.cache
def _towns() -> dict[tuple[int, int], list[Town]]:
    cells: dict[tuple[int, int], list[Town]] = defaultdict(list)
    for place in places():
        if place[5] in ("", "~"):  # a commune, not a commune déléguée or an arrondissement
            town = Town(place[1], place[2], place[3], place[4], place[7])
            cells[math.floor(town.latitude * TOWN_CELL), math.floor(town.longitude * TOWN_CELL)].append(town)
    return dict(cells)


def towns_near(latitude: float, longitude: float, km: float) -> list[Town]:
    """The communes within `km` of a point, as the "Près de" field would find them by name."""
    cells = _towns()
    rows = math.ceil(km / 111 * TOWN_CELL)
    columns = math.ceil(km / (111 * max(math.cos(math.radians(latitude)), 0.1)) * TOWN_CELL)
    row, column = math.floor(latitude * TOWN_CELL), math.floor(longitude * TOWN_CELL)
    return [town for r in range(row - rows, row + rows + 1) for c in range(column - columns, column + columns + 1)
            for town in cells.get((r, c), ()) if distance_km(latitude, longitude, town.latitude, town.longitude) <= km]


def place_position(place: Place | None) -> tuple[float, float] | None:
    """Where a place is: its coordinates, else its commune's (by INSEE code, else by postal code and
    name); None without a place or when it names no commune the site knows."""
    if place is None:
        return None
    if place.latitude is not None and place.longitude is not None:
        return place.latitude, place.longitude
    if place.insee_code and position_of(place.insee_code):
        return position_of(place.insee_code)
    served = positions_by_postal_code().get(place.postal_code or "", [])
    town = place_key(place.city)
    for key, latitude, longitude in served:
        if key == town:
            return latitude, longitude
    return served[0][1:] if served else None


def _row(place: tuple) -> list:
    return [place[1], place[2], place[3], place[4], place[5]]


def name_files(entries=None, limit: int = NAMES_LIMIT, top: int = TOP) -> tuple[dict[str, list], list[str]]:
    """The name files by prefix (two letters, more where a file would hold more than `limit`
    places), most populous first, and the prefixes split further."""
    entries = places() if entries is None else entries
    files: dict[str, list] = {}
    split: list[str] = []

    def place(prefix: str, members: list) -> None:
        members = sorted(members, key=lambda p: (-p[7], p[0], p[2]))
        if len(members) <= limit:
            files[prefix] = [_row(p) for p in members]
            return
        split.append(prefix)
        longer: dict[str, list] = defaultdict(list)
        short = []
        for member in members:
            (longer[member[0][:len(prefix) + 1]] if len(member[0]) > len(prefix) else short).append(member)
        kept = short + [m for m in members if len(m[0]) > len(prefix)][:top]
        files[prefix] = [_row(p) for p in kept]
        for child, kin in longer.items():
            place(child, kin)

    first: dict[str, list] = defaultdict(list)
    for entry in entries:
        if entry[0]:
            first[entry[0][:2]].append(entry)
    for prefix, members in first.items():
        place(prefix, members)
    return files, sorted(split)


def postal_files(entries=None) -> dict[str, dict[str, list]]:
    """By the first three digits of a postal code, each postal code's places, most populous first."""
    entries = places() if entries is None else entries
    # Paris, Lyon and Marseille carry the postal codes of their arrondissements: a code names its
    # arrondissement, the more precise place.
    of_arrondissements = {postal for entry in entries if entry[5].startswith("m") for postal in entry[6]}
    files: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for entry in sorted(entries, key=lambda p: (-p[7], p[0])):
        for postal in entry[6]:
            if entry[5].startswith("m") or postal not in of_arrondissements:
                files[postal[:3]][postal].append(_row(entry))
    return {prefix: dict(sorted(codes.items())) for prefix, codes in files.items()}


@functools.cache
def rendered_files() -> tuple[tuple[str, str], ...]:
    """(address, content) of every file of catalogue/lieux/."""
    names, split = name_files()
    postal = postal_files()
    head = {"names": sorted(names), "split": split, "postal": "".join(sorted(postal)),
            "departements": {code: d.name for code, d in sorted(departements().items())}}
    files = [(HEAD_FILE, _json(head))]
    files += [(f"{FOLDER}/noms-{prefix}.json", _json(rows)) for prefix, rows in sorted(names.items())]
    files += [(f"{FOLDER}/cp-{prefix}.json", _json(codes)) for prefix, codes in sorted(postal.items())]
    return tuple(files)


class Places(Output):
    """The same files for every site: they come from the package's data file, not the content."""

    reads = ("regions",)  # none, in truth: the smallest part, so that `mkdocs serve` keeps them
    bulk_pages = False
    data_only = FOLDER + "/"  # read by the catalog's script: a preview makes them when it asks

    def files(self, site: SiteModel) -> list[PlannedFile]:
        return [PlannedFile(uri, None, on_request=True) for uri, _ in rendered_files()]

    def render(self, context: RenderContext) -> list[RenderedFile]:
        files = [RenderedFile(uri, None, content, on_request=True) for uri, content in rendered_files()]
        if not context.memo.active:
            # A one-off build needs them no more (the catalog's index, which places resources by
            # their commune, renders before: OUTPUTS): their memory goes to the pages still to write.
            for cached in (places, position_of, _by_code, positions_by_postal_code, rendered_files, _towns):
                cached.cache_clear()
        return files


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


OUTPUT = Places()
