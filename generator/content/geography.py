"""Where places are: the départements and overseas collectivities by code, and rough bounds of
each region and overseas territory to catch misplaced points.

The names come from INSEE's Code officiel géographique (data/departements.csv; its source and
licence in data/README.md). Boxes (south, west, north, east in decimal degrees) are drawn around
each territory with a margin: they tell a swapped latitude and longitude or a point in the wrong
region, not a border dispute.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

DEPARTEMENTS_FILE = Path(__file__).parent / "data/departements.csv"


@dataclass(frozen=True)
class Departement:
    code: str  # "35", "2A", "973", "987"
    name: str  # "Ille-et-Vilaine", "Polynésie française"
    nature: str  # "département" or "collectivité d'outre-mer"

    @property
    def label(self) -> str:
        """`Polynésie française (987)`: how readers name it, with the code they know from addresses."""
        return f"{self.name} ({self.code})"


# A data file of the package, not content: no edit to see (build/cache.py).
@functools.cache
def departements() -> dict[str, Departement]:
    """Every département and overseas collectivity of the site, by code."""
    with DEPARTEMENTS_FILE.open(encoding="utf-8", newline="") as file:
        return {row["code"]: Departement(row["code"], row["nom"], row["nature"]) for row in csv.DictReader(file)}


# Postal codes that do not begin with their département's code: Corsica's all begin with 20 (2A up
# to 20190, 2B from 20200), and Saint-Barthélemy's and Saint-Martin's with Guadeloupe's 971.
_POSTAL_EXCEPTIONS = {"97133": "977", "97150": "978"}


def departement_code(insee_code: str | None, postal_code: str | None) -> str | None:
    """The code of the département or collectivity of a commune: from its INSEE code, which is
    exact, else from its postal code, which is La Poste's and follows the département nearly
    always. Two or three characters (three overseas); None without either code."""
    if insee_code:
        return insee_code[:3] if insee_code.startswith(("97", "98")) else insee_code[:2]
    if not postal_code:
        return None
    if postal_code in _POSTAL_EXCEPTIONS:
        return _POSTAL_EXCEPTIONS[postal_code]
    if postal_code.startswith("20"):
        return "2A" if postal_code < "20200" else "2B"
    return postal_code[:3] if postal_code.startswith(("97", "98")) else postal_code[:2]

MARGIN = 0.3

BOUNDS = {
    "84": (44.1, 2.0, 46.8, 7.2),  # Auvergne-Rhône-Alpes
    "27": (46.1, 2.8, 48.4, 7.2),  # Bourgogne-Franche-Comté
    "53": (47.2, -5.2, 48.9, -1.0),  # Bretagne
    "24": (46.3, 0.0, 48.95, 3.2),  # Centre-Val de Loire
    "94": (41.3, 8.5, 43.1, 9.6),  # Corse
    "44": (47.4, 3.3, 50.2, 8.3),  # Grand Est
    "32": (48.8, 1.3, 51.1, 4.3),  # Hauts-de-France
    "11": (48.1, 1.4, 49.25, 3.6),  # Île-de-France
    "28": (48.1, -1.95, 50.1, 1.85),  # Normandie
    "75": (42.7, -1.8, 47.2, 2.65),  # Nouvelle-Aquitaine
    "76": (42.3, -0.35, 45.1, 4.9),  # Occitanie
    "52": (46.25, -2.65, 48.6, 0.95),  # Pays de la Loire
    "93": (42.9, 4.2, 45.15, 7.75),  # Provence-Alpes-Côte d'Azur
    "01": (15.8, -61.85, 16.55, -61.0),  # Guadeloupe
    "02": (14.35, -61.25, 14.9, -60.8),  # Martinique
    "03": (2.1, -54.65, 5.8, -51.6),  # Guyane
    "04": (-21.4, 55.2, -20.85, 55.85),  # La Réunion
    "06": (-13.05, 45.0, -12.6, 45.35),  # Mayotte
    "975": (46.7, -56.45, 47.15, -56.1),  # Saint-Pierre-et-Miquelon
    "977": (17.85, -62.95, 17.98, -62.78),  # Saint-Barthélemy
    "978": (18.0, -63.16, 18.15, -62.96),  # Saint-Martin
    "986": (-14.4, -178.25, -13.15, -176.1),  # Wallis-et-Futuna
    "987": (-28.0, -154.8, -7.8, -134.4),  # Polynésie française
    "988": (-22.9, 163.5, -19.5, 168.2),  # Nouvelle-Calédonie
}


def contains(region_code: str, latitude: float, longitude: float) -> bool | None:
    """Whether the point falls in the region's box; None when the region's box is not known."""
    box = BOUNDS.get(region_code)
    if box is None:
        return None
    south, west, north, east = box
    return (south - MARGIN <= latitude <= north + MARGIN) and (west - MARGIN <= longitude <= east + MARGIN)
