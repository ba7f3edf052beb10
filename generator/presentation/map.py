"""The map of France's regions and overseas territories, drawn at build time.

Projects the committed outline (data/france-regions.geojson: Natural Earth, public domain; see
data/README.md) into SVG user units: metropolitan France large at the top, and the overseas
territories below it in labelled insets, each at its own scale, as French official maps show them.
Each territory is an equirectangular projection corrected by the cosine of its own latitude (of
metropolitan France's middle for the 13 regions): at these sizes no other projection shows.

theme/deffinov/_map.html draws the result; nothing here knows about SVG markup, Jinja or MkDocs.
"""

from __future__ import annotations

import heapq
import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

OUTLINE = Path(__file__).parent / "data/france-regions.geojson"

METROPOLITAN = ("84", "27", "53", "24", "94", "44", "32", "11", "28", "75", "76", "52", "93")
# The insets' order: the overseas regions, then the collectivities, each by INSEE code.
OVERSEAS = ("01", "02", "03", "04", "06", "975", "977", "978", "986", "987", "988")

WIDTH = 500
MARGIN = 8
METROPOLITAN_LATITUDE = 46.5
COLUMNS = 3
GAP = 8
INSET_HEIGHT = 130
# An inset's name is written 17.5 units high (deffinov.css, .deffinov-map__name), on lines 19 apart
# of at most 14 characters; there is room for two lines above the inset's map, which every
# overseas territory's name fits in.
NAME_LINE = 19
NAME_CHARACTERS = 14
NAME_LINES = 2
# Islands whose largest is narrower than this (in units) at their inset's scale are drawn larger
# than life, each about its own middle, as atlases draw Polynésie française: not as specks.
SMALL = 12
MAX_ENLARGEMENT = 6
# Outlines on a grid of whole units for metropolitan France (about 2 km; 1.2 px where the map is
# widest), of half units for the insets' small islands: a third lighter than tenths, which no screen
# shows. Every byte counts: the catalog's page holds the map and must stay under 100 kB.
METROPOLITAN_STEP = 10
INSET_STEP = 5


@dataclass(frozen=True)
class Bucket:
    """A class of counts, for the fill colour and its legend."""

    key: str
    label: str
    low: int
    high: int | None


BUCKETS = (
    Bucket("0", "0", 0, 0),
    Bucket("1", "1 à 9", 1, 9),
    Bucket("10", "10 à 99", 10, 99),
    Bucket("100", "100 et plus", 100, None),
)


def bucket_of(count: int) -> Bucket:
    return next(b for b in BUCKETS if count >= b.low and (b.high is None or count <= b.high))


@dataclass(frozen=True)
class Inset:
    """The frame of an overseas territory and its name, line by line, with each line's baseline."""

    x: float
    y: float
    width: float
    height: float
    lines: tuple[tuple[str, float, float], ...]


@dataclass(frozen=True)
class Area:
    code: str  # INSEE region code
    slug: str
    name: str
    count: int
    path: str  # SVG path data, relative moves, one decimal
    label_x: float  # where its count is written
    label_y: float
    bucket: Bucket
    inset: Inset | None  # None for a metropolitan region
    examples: int = 0  # how many of `count` are example entries, not real offers
    places: int = 0  # providers' places drawn in it, when the map draws them (presentation/clusters.py)
    place_examples: int = 0


@dataclass(frozen=True)
class Frame:
    """Where a territory's longitudes and latitudes land in the drawing, and the box its points
    may be drawn in (an inset's map, or metropolitan France's part of the drawing)."""

    cos: float  # of the territory's own middle latitude
    left: float  # the plane's corner, scale and move into the drawing (_fit)
    top: float
    scale: float
    dx: float
    dy: float
    box: tuple[float, float, float, float]  # x, y, width, height
    # Islands drawn larger than life, each as (left, top, right, bottom) in the plane, then factor.
    enlarged: tuple[tuple[float, float, float, float], ...] = ()
    factor: float = 1.0

    def point(self, latitude: float, longitude: float) -> Point:
        """The point of the drawing where (latitude, longitude) is; on an island drawn larger, where
        the same spot of the enlarged island is."""
        x, y = longitude * self.cos, -latitude
        if self.enlarged:
            island = min(self.enlarged, key=lambda b: _box_distance((x, y), b))
            cx, cy = (island[0] + island[2]) / 2, (island[1] + island[3]) / 2
            x, y = cx + (x - cx) * self.factor, cy + (y - cy) * self.factor
        return self.dx + (x - self.left) * self.scale, self.dy + (y - self.top) * self.scale


@dataclass(frozen=True)
class RegionMap:
    width: int
    height: int
    areas: tuple[Area, ...]
    buckets: tuple[Bucket, ...] = BUCKETS
    frames: dict[str, Frame] | None = None  # by INSEE code: where points go (presentation/clusters.py)
    places: tuple = ()  # the providers' places drawn over the areas (presentation/clusters.py)

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"

    def places_of(self, slug: str) -> list:
        """The places drawn that the table lists in the row of the region `slug`, in their order."""
        return [place for place in self.places if place.region == slug]

    @property
    def examples(self) -> int:
        """Example entries counted in all: the map and its table then say how many in each area."""
        return sum(area.examples for area in self.areas)


def region_map(areas: list[tuple[str, str, str, int]], examples: dict[str, int] | None = None) -> RegionMap:
    """The map of `areas`, (insee_code, slug, name, count) each, in the order given (Tab's order);
    `examples`, by slug, how many of each count are example entries.

    Metropolitan France keeps its place and size whatever regions are given; the overseas areas
    given get an inset each, in a grid below it, in the order of OVERSEAS.
    """
    codes = [code for code, *_ in areas]
    unknown = sorted(set(codes) - set(METROPOLITAN) - set(OVERSEAS))
    if unknown:
        raise ValueError(f"no outline for the region codes {unknown}; known: {', '.join(METROPOLITAN + OVERSEAS)}")
    if len(set(codes)) != len(codes):
        raise ValueError(f"a region code is given twice: {codes}")
    shapes, height = _drawing(tuple(code for code in OVERSEAS if code in codes))
    drawn = []
    for code, slug, name, count in areas:
        shape = shapes[code]
        inset = shape.inset and Inset(*shape.inset, lines=_name_lines(name, shape.inset))
        drawn.append(Area(
            code=code, slug=slug, name=name, count=count, path=shape.path,
            label_x=shape.label[0], label_y=shape.label[1], bucket=bucket_of(count),
            inset=inset, examples=(examples or {}).get(slug, 0),
        ))
    return RegionMap(width=WIDTH, height=height, areas=tuple(drawn),
                     frames={code: shapes[code].frame for code in codes})


# --- Geometry -------------------------------------------------------------------------------

Point = tuple[float, float]
Polygon = list[list[Point]]  # outer ring, then holes


@dataclass(frozen=True)
class _Shape:
    path: str
    label: Point
    inset: tuple[float, float, float, float] | None
    frame: Frame


# The outlines are a data file of the package, not content: no edit to see (build/cache.py).
@lru_cache(maxsize=1)
def _outlines() -> dict[str, list[Polygon]]:
    collection = json.loads(OUTLINE.read_text(encoding="utf-8"))
    return {
        feature["properties"]["code"]: [
            [[(x, y) for x, y in ring] for ring in polygon] for polygon in feature["geometry"]["coordinates"]
        ]
        for feature in collection["features"]
    }


# Pure (from the package's outlines and its argument): not a cache between builds (build/cache.py).
@lru_cache(maxsize=8)
def _drawing(overseas: tuple[str, ...]) -> tuple[dict[str, _Shape], int]:
    """Every territory projected, with the insets of `overseas` in a grid under metropolitan France."""
    outlines = _outlines()
    shapes: dict[str, _Shape] = {}
    metropolitan = _project({code: outlines[code] for code in METROPOLITAN}, METROPOLITAN_LATITUDE)
    fit = _fit(metropolitan, (MARGIN, MARGIN, WIDTH - 2 * MARGIN, None))
    projected, bottom = _moved(metropolitan, fit), fit[5]
    frame = Frame(math.cos(math.radians(METROPOLITAN_LATITUDE)), *fit[:5],
                  box=(MARGIN, MARGIN, WIDTH - 2 * MARGIN, bottom - MARGIN))
    for code, polygons in projected.items():
        shapes[code] = _Shape(_path(polygons, METROPOLITAN_STEP), _label_point(polygons), None, frame)

    width = (WIDTH - 2 * MARGIN - (COLUMNS - 1) * GAP) / COLUMNS
    top = bottom + GAP
    name_height = 8 + NAME_LINES * NAME_LINE
    for index, code in enumerate(overseas):
        row, column = divmod(index, COLUMNS)
        x, y = MARGIN + column * (width + GAP), top + row * (INSET_HEIGHT + GAP)
        inner = (x + 8, y + name_height + 4, width - 16, INSET_HEIGHT - name_height - 10)
        latitude = _middle_latitude(outlines[code])
        plane = _project({code: outlines[code]}, latitude)
        fit = _fit(plane, inner)
        polygons = _moved(plane, fit)[code]
        largest = max(_extent(polygon[0]) for polygon in polygons)
        islands, factor = (), 1.0
        if largest < SMALL:
            factor = min(SMALL / largest, MAX_ENLARGEMENT)
            islands = tuple(_bounds(polygon[0]) for polygon in plane[code])
            plane = {code: [_enlarged(polygon, factor) for polygon in plane[code]]}
            fit = _fit(plane, inner)
            polygons = _moved(plane, fit)[code]
            # Its count goes in the middle of the inset, not over one island.
            label = (round(inner[0] + inner[2] / 2, 1), round(inner[1] + inner[3] / 2, 1))
        else:
            label = _label_point(polygons)
        frame = Frame(math.cos(math.radians(latitude)), *fit[:5], box=inner, enlarged=islands, factor=factor)
        shapes[code] = _Shape(_path(polygons, INSET_STEP), label, (round(x, 1), round(y, 1), round(width, 1), INSET_HEIGHT), frame)
    rows = math.ceil(len(overseas) / COLUMNS)
    height = top + rows * (INSET_HEIGHT + GAP) - GAP + MARGIN if overseas else bottom + MARGIN
    return shapes, math.ceil(height)


def _wrap(name: str) -> list[str]:
    """A name on lines of at most NAME_CHARACTERS, broken after a hyphen or at a space."""
    lines: list[str] = []
    for piece in re.findall(r"[^ -]+(?:-| |$)", name):
        if lines and len((lines[-1] + piece).rstrip()) <= NAME_CHARACTERS:
            lines[-1] += piece
        else:
            lines.append(piece)
    return [line.strip() for line in lines] or [name]


def _name_lines(name: str, inset: tuple[float, float, float, float]) -> tuple[tuple[str, float, float], ...]:
    x, y, _, _ = inset
    return tuple((line, round(x + 8, 1), round(y + 6 + (index + 1) * NAME_LINE - 4, 1)) for index, line in enumerate(_wrap(name)))


def _middle_latitude(polygons: list[Polygon]) -> float:
    ys = [y for polygon in polygons for _, y in polygon[0]]
    return (min(ys) + max(ys)) / 2


def _project(territories: dict[str, list[Polygon]], latitude: float) -> dict[str, list[Polygon]]:
    """Longitude and latitude to a plane: x east, y south, in degrees of latitude."""
    cos = math.cos(math.radians(latitude))
    return {
        code: [[[(x * cos, -y) for x, y in ring] for ring in polygon] for polygon in polygons]
        for code, polygons in territories.items()
    }


def _fit(territories: dict[str, list[Polygon]], box: tuple[float, float, float, float | None]) -> tuple[float, ...]:
    """How `territories` are scaled and moved together into `box` (x, y, width, height; height None:
    as tall as the width makes it), centred: (left, top, scale, dx, dy) and the bottom drawn."""
    points = [point for polygons in territories.values() for polygon in polygons for point in polygon[0]]
    left, right = min(x for x, _ in points), max(x for x, _ in points)
    top, bottom = min(y for _, y in points), max(y for _, y in points)
    bx, by, bw, bh = box
    scale = bw / (right - left) if bh is None else min(bw / (right - left), bh / (bottom - top))
    dx = bx + (bw - (right - left) * scale) / 2
    dy = by + (0 if bh is None else (bh - (bottom - top) * scale) / 2)
    return left, top, scale, dx, dy, dy + (bottom - top) * scale


def _moved(territories: dict[str, list[Polygon]], fit: tuple[float, ...]) -> dict[str, list[Polygon]]:
    left, top, scale, dx, dy, _ = fit
    return {
        code: [[[(dx + (x - left) * scale, dy + (y - top) * scale) for x, y in ring] for ring in polygon] for polygon in polygons]
        for code, polygons in territories.items()
    }


def _bounds(ring: list[Point]) -> tuple[float, float, float, float]:
    xs, ys = [x for x, _ in ring], [y for _, y in ring]
    return min(xs), min(ys), max(xs), max(ys)


def _box_distance(point: Point, box: tuple[float, float, float, float]) -> float:
    """How far `point` is outside `box` (0 inside)."""
    x, y = point
    return math.hypot(max(box[0] - x, 0, x - box[2]), max(box[1] - y, 0, y - box[3]))


def _enlarged(polygon: Polygon, factor: float) -> Polygon:
    """`polygon` `factor` times larger about its middle (Frame.point moves points the same way)."""
    left, top, right, bottom = _bounds(polygon[0])
    cx, cy = (left + right) / 2, (top + bottom) / 2
    return [[(cx + (x - cx) * factor, cy + (y - cy) * factor) for x, y in ring] for ring in polygon]


def _path(polygons: list[Polygon], step: int = 1) -> str:
    """SVG path data in relative moves of tenths of a unit, each point on a grid of `step` tenths:
    small, and exact once rounded (borders shared by two regions are rounded alike)."""
    parts = []
    cursor = (0, 0)
    for polygon in polygons:
        for ring in polygon:
            tenths = []
            for x, y in ring:
                point = (round(x * 10 / step) * step, round(y * 10 / step) * step)
                if not tenths or point != tenths[-1]:
                    tenths.append(point)
            if len(tenths) > 1 and tenths[0] == tenths[-1]:
                tenths.pop()
            if len(tenths) < 3:
                continue
            numbers = [tenths[0][0] - cursor[0], tenths[0][1] - cursor[1]]
            for (x0, y0), (x1, y1) in zip(tenths, tenths[1:]):
                numbers += [x1 - x0, y1 - y0]
            parts.append("m" + _numbers(numbers) + "z")
            cursor = tenths[0]  # after z, the current point is the ring's start
    return "".join(parts)


def _numbers(tenths: list[int]) -> str:
    """Numbers as SVG path data writes them shortest: `1.2-3.5.5` is 1.2, -3.5 and 0.5."""
    text, previous = [], ""
    for value in tenths:
        whole, tenth = divmod(abs(value), 10)
        number = ("-" if value < 0 else "") + (f"{whole or ''}.{tenth}" if tenth else str(whole))
        if text and not number.startswith("-") and not (number.startswith(".") and "." in previous):
            text.append(" ")
        text.append(number)
        previous = number
    return "".join(text)


def _area(ring: list[Point]) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:])) / 2


def _extent(ring: list[Point]) -> float:
    xs, ys = [x for x, _ in ring], [y for _, y in ring]
    return min(max(xs) - min(xs), max(ys) - min(ys))


def _label_point(polygons: list[Polygon]) -> Point:
    """The point of the largest polygon farthest from its edges, where its count reads best."""
    polygon = max(polygons, key=lambda p: abs(_area(p[0])))
    x, y = _pole_of_inaccessibility(polygon, precision=1.0)
    return (round(x, 1), round(y, 1))


def _distance_to_edges(point: Point, polygon: Polygon) -> float:
    """Signed: positive inside the polygon, negative outside."""
    px, py = point
    inside = False
    best = math.inf
    for ring in polygon:
        for (ax, ay), (bx, by) in zip(ring, ring[1:]):
            if (ay > py) != (by > py) and px < ax + (py - ay) * (bx - ax) / (by - ay):
                inside = not inside
            dx, dy = bx - ax, by - ay
            t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
            best = min(best, math.hypot(px - ax - t * dx, py - ay - t * dy))
    return best if inside else -best


def _pole_of_inaccessibility(polygon: Polygon, precision: float) -> Point:
    """Mapbox's polylabel: search square cells, best first, for the point deepest inside."""
    ring = polygon[0]
    xs, ys = [x for x, _ in ring], [y for _, y in ring]
    left, top, width, height = min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)
    size = min(width, height)
    if size == 0:
        return (left, top)
    queue: list[tuple[float, float, float, float, float]] = []

    def push(x: float, y: float, half: float) -> None:
        d = _distance_to_edges((x, y), polygon)
        heapq.heappush(queue, (-(d + half * math.sqrt(2)), d, x, y, half))

    half = size / 2
    x = left
    while x < left + width:
        y = top
        while y < top + height:
            push(x + half, y + half, half)
            y += size
        x += size
    centroid = (left + width / 2, top + height / 2)
    best = (_distance_to_edges(centroid, polygon), *centroid)
    while queue:
        _, d, x, y, half = heapq.heappop(queue)
        if d > best[0]:
            best = (d, x, y)
        if d + half * math.sqrt(2) - best[0] <= precision:
            continue
        half /= 2
        for cx, cy in ((x - half, y - half), (x + half, y - half), (x - half, y + half), (x + half, y + half)):
            push(cx, cy, half)
    return best[1], best[2]
