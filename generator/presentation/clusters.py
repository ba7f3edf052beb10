"""The providers' places on the map of France, grouped at build time into a bounded number of circles.

Each place is projected where the map draws its territory (map.Frame), metropolitan France as one
plane and each overseas territory in its inset. The places of a plane are first grouped on a grid of
cells as wide as two circles, then any two circles that would touch are merged, nearest first, as
the cartography of the "lieux de médiation numérique" draws its clusters at a country's zoom: a
circle never hides another, and however many providers there are, the circles stay a few dozen
(at most MAX_CLUSTERS, the cells growing if ever needed). A circle of one place links to its page;
a circle of several is named after the most populous commune near its middle ("Caen et
alentours") and links to the catalog near that commune, within a radius that reaches its places.

theme/deffinov/_map.html draws them; nothing here knows about SVG markup, Jinja or MkDocs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Callable, Iterable

from .map import METROPOLITAN, Frame, RegionMap

# Sizes in units of the drawing (500 wide). At 375 px the drawing is about 345 px wide: a circle of
# radius 18 is 25 px across (WCAG 2.2's 24 px target), and its number, 18 units high, is 12.4 px.
RADII = ((1000, 26), (100, 22), (10, 20), (1, 18))  # (from this many places, radius): room for its digits
GAP = 3  # between two circles, at least
CELL = 2 * RADII[-1][1] + GAP  # the grid's first cells: two of the smallest circles side by side
# However the places are spread. Each circle weighs about 65 bytes compressed (its link in the map,
# its row in the table), and the catalog's page must stay under 100 kB on a first visit: 97 kB with
# the 57 circles of 2,000 providers spread evenly (scripts/benchmark.py).
MAX_CLUSTERS = 80
GROWTH = 1.25  # how much larger the cells get when there would be more circles than MAX_CLUSTERS
NEAR_RADII = (10, 25, 50, 100)  # km, the catalog's "Rayon" choices (catalog.html), narrowest first
SEARCH_KM = (5.0, 30.0)  # how far from a group's middle its name is looked for, at least and at most
# (then the nearest commune within the widest radius, else none: the group links to its region)
POSITION_KM = 2.0  # the catalog's positions are kept to about a kilometre: a radius reaches past


@dataclass(frozen=True)
class Place:
    """A provider's place, as the map needs it."""

    provider: str  # its id
    name: str
    city: str
    region: str  # slug
    territory: str  # INSEE code of its region: which plane it is drawn in
    departement: str | None  # its code, as the communes' (content/geography.py)
    latitude: float
    longitude: float
    resources: int
    resource_examples: int
    example: bool


@dataclass(frozen=True)
class Town:
    """A commune that may name a group: as the catalog's "Près de" field knows it."""

    name: str
    departement: str
    latitude: float
    longitude: float
    population: int


@dataclass(frozen=True)
class Cluster:
    """A circle of the map: one place, or several near one another."""

    x: int  # in units of the drawing: a circle needs no finer place
    y: int
    radius: int
    name: str  # the provider's name, or "Caen et alentours"
    city: str  # the provider's commune, or the commune the group is named after
    places: int
    place_examples: int
    resources: int
    resource_examples: int
    region: str  # slug of the region the table lists it in: its commune's, else most of its places'
    provider: str | None  # one place: its provider's id
    near: tuple[str, str, int] | None  # several: (commune, département, km) for the catalog's search


Towns = Callable[[float, float, float], list[Town]]  # the communes within km of a point


def with_places(drawing: RegionMap, places: Iterable[Place], towns: Towns) -> RegionMap:
    """`drawing` with `places` drawn over it as circles, in the order of its areas, then north to
    south; each area counts the places drawn in it."""
    places = [place for place in places if place.territory in drawing.frames]
    areas = tuple(replace(
        area, places=sum(1 for place in places if place.region == area.slug),
        place_examples=sum(1 for place in places if place.region == area.slug and place.example),
    ) for area in drawing.areas)
    return replace(drawing, areas=areas, places=clusters(drawing, places, towns))


def clusters(drawing: RegionMap, places: Iterable[Place], towns: Towns) -> tuple[Cluster, ...]:
    planes: dict[str, list[tuple[float, float, Place]]] = {}
    for place in places:
        frame = drawing.frames[place.territory]
        plane = "metropole" if place.territory in METROPOLITAN else place.territory
        planes.setdefault(plane, []).append((*frame.point(place.latitude, place.longitude), place))
    cell = CELL
    while True:
        groups = [(drawing.frames[members[0][2].territory], group)
                  for members in planes.values() for group in _merged(_grid(members, cell), drawing.frames[members[0][2].territory])]
        if len(groups) <= MAX_CLUSTERS:
            break
        cell *= GROWTH
    order = {area.slug: number for number, area in enumerate(drawing.areas)}
    # Named largest first: two groups near one town are not both named after it.
    named: set[tuple[str, str]] = set()
    drawn = [_cluster(frame, group, towns, named) for frame, group in sorted(groups, key=lambda g: -len(g[1]))]
    return tuple(sorted(drawn, key=lambda c: (order.get(c.region, len(order)), round(c.y), c.x)))


# --- Grouping, in the drawing's units ---------------------------------------------------------

Member = tuple[float, float, Place]


def radius_of(count: int) -> int:
    return next(radius for least, radius in RADII if count >= least)


def _grid(members: list[Member], cell: float) -> list[list[Member]]:
    cells: dict[tuple[int, int], list[Member]] = {}
    for member in members:
        cells.setdefault((math.floor(member[0] / cell), math.floor(member[1] / cell)), []).append(member)
    return list(cells.values())


def _centre(group: list[Member], box: tuple[float, float, float, float]) -> tuple[float, float, float]:
    """Where a group's circle goes (the middle of its places, kept inside `box`) and its radius."""
    radius = radius_of(len(group))
    x = sum(m[0] for m in group) / len(group)
    y = sum(m[1] for m in group) / len(group)
    return _clamp(x, box[0], box[2], radius), _clamp(y, box[1], box[3], radius), radius


def _clamp(value: float, start: float, length: float, radius: float) -> float:
    if length <= 2 * radius:
        return start + length / 2
    return min(max(value, start + radius), start + length - radius)


def _merged(groups: list[list[Member]], frame: Frame) -> list[list[Member]]:
    """`groups` with any two whose circles would come closer than GAP merged, nearest first."""
    circles = [_centre(group, frame.box) for group in groups]
    while True:
        closest = None
        for i in range(len(groups)):
            for j in range(i + 1, len(groups)):
                (x1, y1, r1), (x2, y2, r2) = circles[i], circles[j]
                overlap = math.hypot(x1 - x2, y1 - y2) - (r1 + r2 + GAP)
                if overlap < 0 and (closest is None or overlap < closest[0]):
                    closest = (overlap, i, j)
        if closest is None:
            return groups
        _, i, j = closest
        groups[i] = groups[i] + groups.pop(j)
        circles.pop(j)
        circles[i] = _centre(groups[i], frame.box)


# --- Naming and linking ----------------------------------------------------------------------

def _cluster(frame: Frame, group: list[Member], towns: Towns, named: set[tuple[str, str]]) -> Cluster:
    x, y, radius = _centre(group, frame.box)
    places = [member[2] for member in group]
    common = dict(
        x=round(x), y=round(y), radius=radius, places=len(places),
        place_examples=sum(place.example for place in places),
        resources=sum(place.resources for place in places),
        resource_examples=sum(place.resource_examples for place in places),
        region=_most_frequent([place.region for place in places]),
    )
    if len(places) == 1:
        return Cluster(name=places[0].name, city=places[0].city, provider=places[0].provider, near=None, **common)
    town = _town(places, towns, named)
    if town is None:
        # No commune known within the widest radius: named after their most frequent commune, linked
        # to their region's list.
        city = _most_frequent([place.city for place in places])
        return Cluster(name=f"{city} et alentours", city=city, provider=None, near=None, **common)
    named.add((town.name, town.departement))
    reach = max(distance_km(town.latitude, town.longitude, p.latitude, p.longitude) for p in places) + POSITION_KM
    km = next((km for km in NEAR_RADII if km >= reach), NEAR_RADII[-1])
    alone = all(place.city.casefold() == town.name.casefold() for place in places)
    # Listed with the region of the commune it is named after (of its places in the commune's
    # département, else of the nearest), even when it holds places of a neighbouring region.
    same = [place for place in places if place.departement == town.departement]
    if same:
        common["region"] = _most_frequent([place.region for place in same])
    else:
        common["region"] = min(places, key=lambda p: distance_km(town.latitude, town.longitude, p.latitude, p.longitude)).region
    return Cluster(name=town.name if alone else f"{town.name} et alentours", city=town.name, provider=None,
                   near=(town.name, town.departement, km), **common)


def _most_frequent(values: list[str]) -> str:
    return max(set(values), key=lambda value: (values.count(value), value))


def _town(places: list[Place], towns: Towns, named: set[tuple[str, str]]) -> Town | None:
    """The most populous commune near the middle of `places`, as far as they spread (within
    SEARCH_KM), that names no other group."""
    latitude = sum(p.latitude for p in places) / len(places)
    longitude = sum(p.longitude for p in places) / len(places)
    spread = max(distance_km(latitude, longitude, p.latitude, p.longitude) for p in places)
    reach = min(max(spread / 2, SEARCH_KM[0]), SEARCH_KM[1])
    for km in (reach, SEARCH_KM[1]):
        found = [town for town in towns(latitude, longitude, km) if (town.name, town.departement) not in named]
        if found:
            return max(found, key=lambda town: (town.population, town.name))
    # Far from any commune's middle (Guyane's forest, a place given at sea): the nearest one.
    found = [town for town in towns(latitude, longitude, NEAR_RADII[-1]) if (town.name, town.departement) not in named]
    return min(found, key=lambda town: distance_km(latitude, longitude, town.latitude, town.longitude)) if found else None


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Kilometres between two points on the Earth (haversine), as distanceKm in places.js."""
    rad = math.pi / 180
    a = (math.sin((lat2 - lat1) * rad / 2) ** 2
         + math.cos(lat1 * rad) * math.cos(lat2 * rad) * math.sin((lon2 - lon1) * rad / 2) ** 2)
    return 2 * 6371 * math.asin(min(1.0, math.sqrt(a)))
