"""The providers' places on the catalog's map: projected into their territory, grouped into a bounded
number of circles that never overlap (generator/presentation/clusters.py), named and linked as a
collective would look for them, and listed in the map's one table (theme/deffinov/_map.html)."""

from __future__ import annotations

import html.parser
import json
import math
import random
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from helpers import REPO
from generator.outputs.places import towns_near
from generator.outputs.templates import environment
from generator.presentation.clusters import GAP, MAX_CLUSTERS, NEAR_RADII, Place, distance_km, with_places
from generator.presentation.map import METROPOLITAN, OUTLINE, region_map
from test_map import _inside, areas

# Where places are drawn at random: metropolitan France, and a box around each overseas territory.
BOXES = {
    "metropole": (42.3, 51.1, -4.8, 8.2),
    "01": (15.8, 16.5, -61.8, -61.0), "02": (14.4, 14.9, -61.2, -60.8), "03": (2.1, 5.8, -54.6, -51.6),
    "04": (-21.4, -20.9, 55.2, 55.8), "06": (-13.0, -12.6, 45.0, 45.3), "975": (46.75, 47.15, -56.4, -56.1),
    "977": (17.87, 17.97, -62.95, -62.78), "978": (18.04, 18.13, -63.15, -63.0), "986": (-14.4, -13.2, -178.2, -176.1),
    "987": (-23.9, -8.8, -154.7, -134.9), "988": (-22.7, -19.5, 163.5, 168.2),
}


def no_towns(latitude, longitude, km):
    return []


def random_places(count: int, seed: int = 1) -> list[Place]:
    """`count` providers anywhere in France, one in ten overseas, each with a few resources."""
    rng = random.Random(seed)
    regions = {code: (slug, name) for code, slug, name, _ in areas()}
    overseas = [code for code in BOXES if code != "metropole"]
    found = []
    for number in range(count):
        code = rng.choice(overseas) if rng.random() < 0.1 else rng.choice(METROPOLITAN)
        south, north, west, east = BOXES["metropole" if code in METROPOLITAN else code]
        found.append(Place(f"lieu-{number}", f"Lieu {number}", "Quelque part", regions[code][0], code, None,
                           rng.uniform(south, north), rng.uniform(west, east), rng.randint(0, 30), 0, False))
    return found


def lattice(step: float) -> list[Place]:
    """Places every `step` degrees across France and each overseas box: as many circles as fit."""
    regions = {code: slug for code, slug, _, _ in areas()}
    found = []
    for box, (south, north, west, east) in BOXES.items():
        codes = METROPOLITAN if box == "metropole" else (box,)
        for row in range(int((north - south) / (step * 0.7)) + 1):
            for column in range(int((east - west) / step) + 1):
                code = codes[len(found) % len(codes)]
                found.append(Place(f"lieu-{len(found)}", f"Lieu {len(found)}", "Quelque part", regions[code], code, None,
                                   south + row * step * 0.7, west + column * step, 3, 0, False))
    return found


DEPARTEMENTS = {"Caen": "14", "Hérouville-Saint-Clair": "14", "Ifs": "14", "Mondeville": "14", "Bayeux": "14", "Saint-Lô": "50",
                "Brest": "29", "Cayenne": "973", "Vernon": "27", "Gisors": "27", "Bray-et-Lû": "95", "Magny-en-Vexin": "95",
                "Chaussy": "95"}


def place(name, city, latitude, longitude, resources=2, examples=0, region="normandie", territory="28", example=False):
    return Place(name.lower().replace(" ", "-"), name, city, region, territory, DEPARTEMENTS[city], latitude, longitude,
                 resources, examples, example)


# --- Projection --------------------------------------------------------------------------------

@pytest.mark.parametrize("code, latitude, longitude", [
    ("28", 49.1811, -0.3725),  # Caen, Normandie
    ("94", 42.3094, 9.1490),  # Corte, Corse
    ("11", 48.8566, 2.3522),  # Paris
    ("03", 4.9380, -52.3350),  # Cayenne, Guyane
    ("987", -17.535, -149.569),  # Papeete, Tahiti: an island drawn larger than life
    ("988", -22.2758, 166.458),  # Nouméa
])
def test_a_place_lands_inside_its_territory_as_drawn(code, latitude, longitude):
    drawing = region_map(areas())
    frame = drawing.frames[code]
    outline = next(f for f in json.loads(OUTLINE.read_text(encoding="utf-8"))["features"] if f["properties"]["code"] == code)
    polygons = [[[frame.point(y, x) for x, y in ring] for ring in polygon] for polygon in outline["geometry"]["coordinates"]]
    point = frame.point(latitude, longitude)
    assert any(_inside(point, polygon) for polygon in polygons), (code, point)
    x, y, width, height = frame.box
    assert x <= point[0] <= x + width and y <= point[1] <= y + height


# --- Grouping ----------------------------------------------------------------------------------

@pytest.mark.parametrize("count", [2_000, 20_000])
def test_circles_stay_few_apart_and_inside_the_map_however_many_places(count):
    places = random_places(count)
    drawing = with_places(region_map(areas()), places, no_towns)
    circles = drawing.places
    assert 20 < len(circles) <= MAX_CLUSTERS
    assert sum(c.places for c in circles) == count
    assert sum(c.resources for c in circles) == sum(p.resources for p in places)
    for index, one in enumerate(circles):
        for other in circles[index + 1:]:
            assert math.hypot(one.x - other.x, one.y - other.y) >= one.radius + other.radius + GAP - 1.5, (one, other)
        assert one.radius <= one.x <= drawing.width - one.radius and one.radius <= one.y <= drawing.height - one.radius
    # Every territory with places has its circles inside its own inset.
    for area in drawing.areas:
        if area.inset and area.places:
            inside = [c for c in circles if area.inset.x < c.x < area.inset.x + area.inset.width
                      and area.inset.y < c.y < area.inset.y + area.inset.height]
            assert sum(c.places for c in inside) == area.places, area.name


def test_places_far_apart_are_a_circle_each_linked_to_their_page():
    places = [place("Le Hangar", "Caen", 49.18, -0.37), place("La Ruche", "Brest", 48.39, -4.49, region="bretagne", territory="53"),
              place("Le Carbet", "Cayenne", 4.94, -52.33, region="guyane", territory="03")]
    drawing = with_places(region_map(areas()), places, towns_near)
    assert [(c.provider, c.name, c.city, c.places, c.near) for c in drawing.places] == [
        ("la-ruche", "La Ruche", "Brest", 1, None), ("le-hangar", "Le Hangar", "Caen", 1, None),
        ("le-carbet", "Le Carbet", "Cayenne", 1, None)]  # in the order of the areas: Tab's order
    assert {a.slug: a.places for a in drawing.areas if a.places} == {"bretagne": 1, "guyane": 1, "normandie": 1}


def test_places_near_one_another_are_one_circle_named_after_the_largest_commune_linked_near_it():
    places = [place("Le Hangar", "Hérouville-Saint-Clair", 49.2036, -0.3337, 4, example=True, examples=4),
              place("La Ruche", "Ifs", 49.1373, -0.3501, 3),
              place("Le Moulin", "Mondeville", 49.1759, -0.3221, 5),
              place("Les Ateliers", "Bayeux", 49.2764, -0.7024, 1)]
    drawing = with_places(region_map(areas()), places, towns_near)
    [circle] = drawing.places
    assert (circle.name, circle.city, circle.places, circle.place_examples, circle.resources, circle.resource_examples) == (
        "Caen et alentours", "Caen", 4, 1, 13, 4)
    commune, departement, km = circle.near
    assert (commune, departement) == ("Caen", "14")
    # The radius is the narrowest of the catalog's that reaches every one of its places from Caen.
    farthest = max(distance_km(49.1811, -0.3725, p.latitude, p.longitude) for p in places)
    assert km in NEAR_RADII and km >= farthest and km == min(r for r in NEAR_RADII if r >= farthest)
    assert circle.provider is None and circle.region == "normandie"


def test_places_of_one_commune_are_named_after_it_alone():
    places = [place("Le Hangar", "Caen", 49.18, -0.37), place("La Ruche", "Caen", 49.19, -0.36)]
    [circle] = with_places(region_map(areas()), places, towns_near).places
    assert (circle.name, circle.near) == ("Caen", ("Caen", "14", 10))


def test_places_where_no_commune_is_known_link_to_their_region():
    places = [place("Le Hangar", "Caen", 49.18, -0.37), place("La Ruche", "Caen", 49.19, -0.36)]
    [circle] = with_places(region_map(areas()), places, no_towns).places
    assert (circle.name, circle.near, circle.provider, circle.region) == ("Caen et alentours", None, None, "normandie")


# --- Markup ------------------------------------------------------------------------------------

class Links:
    def region(self, slug):
        return f"../regions/{slug}/"

    def map_place(self, cluster):
        from generator.outputs.pages import PageLinks
        from generator.presentation.urls import CATALOG, Urls

        return PageLinks(Urls(), CATALOG, None).map_place(cluster)


class MapParser(html.parser.HTMLParser):
    """The circles' links (href, accessible name, number written) and the table's rows (class, link
    of its header, cells' text), from the map's markup or a page that holds it."""

    def __init__(self):
        super().__init__()
        self.circles, self.rows, self.tables, self._circle, self._row, self._cell = [], [], 0, None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and "deffinov-map__place" in (attrs.get("class") or ""):
            self._circle = [attrs["href"], attrs["aria-label"], ""]
        elif tag == "table":
            self.tables += 1
        elif tag == "tr":
            self._row = {"class": attrs.get("class"), "cells": [], "href": None}
        elif tag in ("th", "td") and self._row is not None:
            self._cell = ""
        elif tag == "a" and self._row is not None:
            self._row["href"] = attrs["href"]

    def handle_endtag(self, tag):
        if tag == "a" and self._circle:
            self.circles.append(tuple(self._circle))
            self._circle = None
        elif tag in ("th", "td") and self._row is not None:
            self._row["cells"].append(self._cell.strip())
        elif tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._circle:
            self._circle[2] += data.strip()
        elif self._row is not None and self._cell is not None:
            self._cell += data


def render(drawing) -> MapParser:
    macros = environment(REPO / "theme/deffinov").get_template("_map.html").module
    parser = MapParser()
    parser.feed(str(macros.region_map(drawing, Links(), "ressources")))
    return parser


def test_each_circle_is_a_link_named_with_its_counts_and_has_its_row_in_the_one_table():
    places = [place("Le Hangar", "Hérouville-Saint-Clair", 49.2036, -0.3337, 4, examples=1),
              place("La Ruche", "Ifs", 49.1373, -0.3501, 3),
              place("La Fabrique", "Brest", 48.39, -4.49, 1, region="bretagne", territory="53", example=True, examples=1)]
    parsed = render(with_places(region_map(areas()), places, towns_near))
    assert parsed.tables == 1
    assert parsed.circles == [
        ("../lieux/la-fabrique/", "La Fabrique, Brest (exemple) : 1 ressource, dont 1 exemple", ""),  # a ring, no number
        ("./?pres=Caen&dep=14&rayon=10", "Caen et alentours : 2 lieux, 7 ressources, dont 1 exemple", "2"),
    ]
    header, *rows = parsed.rows
    assert header["cells"] == ["Région ou territoire, puis ses lieux", "Lieux", "Ressources"]
    regions = [row for row in rows if row["class"] is None]
    assert [row["cells"][0] for row in regions] == [name for _, _, name, _ in areas()]
    # Under its region, each circle's row: the same link, its places and resources.
    by_region = {}
    for row in rows:
        if row["class"] is None:
            current = row["cells"][0]
        else:
            by_region.setdefault(current, []).append((row["href"], *row["cells"]))
    assert by_region == {
        "Bretagne": [("../lieux/la-fabrique/", "La Fabrique, Brest (exemple)", "1", "1, dont 1\u00a0exemple")],
        "Normandie": [("./?pres=Caen&dep=14&rayon=10", "Caen et alentours", "2", "7, dont 1\u00a0exemple")],
    }
    # A region's row: its places drawn, and its resources as the catalog counts them (areas()).
    bretagne = next(row for row in regions if row["cells"][0] == "Bretagne")
    assert bretagne["cells"][1:] == ["1, dont 1\u00a0exemple", "9"]


def test_without_places_the_map_and_its_table_are_as_before():
    parsed = render(region_map(areas()))
    assert parsed.circles == [] and parsed.tables == 1
    assert parsed.rows[0]["cells"] == ["Région ou territoire", "Ressources"]


def test_the_near_link_is_the_catalogs_own_address_for_a_place():
    """The catalog's script (near-page.js, `restore`) reads pres, dep and rayon: the link carries
    them as it writes them itself, the radius one of the page's choices."""
    [circle] = with_places(region_map(areas()), [place("A", "Saint-Lô", 49.1157, -1.0906), place("B", "Saint-Lô", 49.12, -1.08)],
                           towns_near).places
    query = parse_qs(urlsplit(Links().map_place(circle)).query)
    assert query == {"pres": ["Saint-Lô"], "dep": ["50"], "rayon": ["10"]}
    select = re.search(r'<select id="catalogue-rayon".*?</select>', (REPO / "theme/deffinov/catalog.html").read_text(encoding="utf-8"))
    assert "near_radii" in select.group(0)


def test_when_circles_would_be_too_many_the_cells_grow(monkeypatch):
    import generator.presentation.clusters as clusters

    places = random_places(2_000)
    assert len(with_places(region_map(areas()), places, no_towns).places) > 30
    monkeypatch.setattr(clusters, "MAX_CLUSTERS", 30)
    circles = with_places(region_map(areas()), places, no_towns).places
    assert len(circles) <= 30 and sum(c.places for c in circles) == 2_000


# The map's markup, compressed, with as many circles as there may be: the catalog's page was 95.6 kB
# on a first visit before the places (2,000 providers, scripts/benchmark.py), 9.2 kB of it the map;
# 79 circles weigh 9.0 kB with the lighter outlines.
MAP_BUDGET = 11_000


def test_the_map_with_as_many_circles_as_may_be_stays_light():
    import gzip

    drawing = with_places(region_map(areas()), lattice(0.8), towns_near)
    assert MAX_CLUSTERS - 5 <= len(drawing.places) <= MAX_CLUSTERS  # about as many as the map can hold
    macros = environment(REPO / "theme/deffinov").get_template("_map.html").module
    markup = str(macros.region_map(drawing, Links(), "ressources"))
    assert len(gzip.compress(markup.encode("utf-8"), 9)) < MAP_BUDGET


def test_a_group_across_a_border_is_listed_with_the_region_of_the_commune_it_is_named_after():
    # Two places in the Eure (Normandie), three across the Epte in the Val-d'Oise (Île-de-France):
    # listed with the region of the commune that names the group, whichever side it is on.
    places = [place("A", "Vernon", 49.0929, 1.4853), place("B", "Gisors", 49.2811, 1.7767),
              place("C", "Bray-et-Lû", 49.1400, 1.6600, region="ile-de-france", territory="11"),
              place("D", "Magny-en-Vexin", 49.1553, 1.7869, region="ile-de-france", territory="11"),
              place("E", "Chaussy", 49.1200, 1.6800, region="ile-de-france", territory="11")]
    [circle] = with_places(region_map(areas()), places, towns_near).places
    departement = circle.near[1]
    assert circle.region == ("normandie" if departement in ("27", "76", "14", "50", "61") else "ile-de-france")
