"""Rough bounds of each region and overseas territory, by official code, to catch misplaced points.

Boxes (south, west, north, east in decimal degrees) drawn around each territory with a margin:
they tell a swapped latitude and longitude or a point in the wrong region, not a border dispute.
"""

from __future__ import annotations

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
