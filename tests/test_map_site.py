"""The catalog's map in a built site with hundreds of providers, as a collective uses it: circles for
the places, each a link that leads somewhere real, the same links in the map's one table, and in
Chromium, at phone and desktop widths, labels that read, circles big enough to tap, a keyboard that
can go past them, and a circle near Caen that opens the catalog around Caen."""

from __future__ import annotations

import gzip
import json
import random
import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from playwright.sync_api import expect

from browser import DESKTOP, PHONE, TIMEOUT_MS, axe_violations, guarded_opener, serve
from helpers import REPO, copy_project, mkdocs_build
from generator.content.geography import BOUNDS
from generator.outputs.places import place_key
from generator.presentation.clusters import MAX_CLUSTERS, NEAR_RADII, distance_km
from test_map_places import MapParser

SCATTERED = 400  # providers at random across every other region and territory
# Around Caen: the real example (Le Hangar partagé, Hérouville-Saint-Clair) and these.
NEAR_CAEN = [("Caen", "14118", 49.1811, -0.3725), ("Ifs", "14341", 49.1373, -0.3501), ("Mondeville", "14437", 49.1759, -0.3221)]


def _provider(folder: Path, ident: str, name: str, city: str, latitude: float, longitude: float, insee: str = "") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    code = f'  insee_code: "{insee}"\n' if insee else ""
    (folder / f"{ident}.yml").write_text(
        f'name: "{name}"\nkind: tiers-lieu\nsummary: Un lieu de test.\nplace:\n  city: "{city}"\n{code}'
        f"  latitude: {latitude:.4f}\n  longitude: {longitude:.4f}\nlast_updated: 2025-01-10\n", encoding="utf-8")


@pytest.fixture(scope="module")
def map_site(tmp_path_factory) -> Path:
    """The real content, with SCATTERED more providers spread at random and three more near Caen,
    each with a resource."""
    regions = tmp_path_factory.mktemp("map-content") / "regions"
    shutil.copytree(REPO / "regions", regions)
    slugs = {}
    for path in sorted(regions.glob("*/region.yml")):
        code = re.search(r'insee_code: "?(\w+)"?', path.read_text(encoding="utf-8")).group(1)
        slugs[code] = path.parent.name
    rng = random.Random(19)
    for number in range(SCATTERED):
        # Elsewhere than Normandie: the places near Caen are a group of their own.
        code = rng.choice(sorted(code for code in slugs if slugs[code] != "normandie"))
        south, west, north, east = BOUNDS[code]
        latitude, longitude = rng.uniform(south, north), rng.uniform(west, east)
        while distance_km(latitude, longitude, 49.18, -0.37) < 150:  # nor near it, across its borders
            latitude, longitude = rng.uniform(south, north), rng.uniform(west, east)
        _provider(regions / slugs[code] / "providers", f"lieu-{number}", f"Lieu {number}", f"Commune {number}",
                  latitude, longitude)
    for city, insee, latitude, longitude in NEAR_CAEN:
        ident = f"atelier-{place_key(city)}"
        _provider(regions / "normandie/providers", ident, f"Atelier de {city}", city, latitude, longitude, insee)
        (regions / "normandie/resources" / f"salle-{ident}.md").write_text(
            f"---\ntitle: Salle de formation de {city}\ntype: espace\nprovider: {ident}\nsummary: Une salle.\n"
            "fees: Gratuit\nlast_updated: 2025-01-10\n---\nUne salle.\n", encoding="utf-8")
    project = copy_project(tmp_path_factory.mktemp("map"), regions)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def catalog(map_site) -> MapParser:
    parser = MapParser()
    parser.feed((map_site / "catalogue/index.html").read_text(encoding="utf-8"))
    return parser


def _commune_known(site: Path, name: str, departement: str) -> bool:
    """Whether the "Près de" field finds this commune by its name (catalogue/lieux/, places.py)."""
    key = place_key(name)
    head = json.loads((site / "catalogue/lieux/lieux.json").read_text(encoding="utf-8"))
    prefix = max((p for p in head["names"] if key.startswith(p)), key=len)
    rows = json.loads((site / f"catalogue/lieux/noms-{prefix}.json").read_text(encoding="utf-8"))
    return any(row[0] == name and row[1] == departement for row in rows)


def test_the_places_are_a_few_dozen_circles_each_leading_somewhere_real(map_site, catalog):
    circles = catalog.circles
    assert 15 <= len(circles) <= MAX_CLUSTERS
    providers = len(list(map_site.glob("lieux/*/index.html")))
    assert providers >= SCATTERED + len(NEAR_CAEN)
    assert len({name for _, name, _ in circles}) == len(circles)  # no two alike
    assert sum(int(number or 1) for _, _, number in circles) == providers  # every place, once (one writes no number)
    for href, name, number in circles:
        address = urlsplit(href)
        if address.path.startswith("../lieux/"):
            assert number == "" and (map_site / "catalogue" / address.path / "index.html").resolve().is_file(), href
            assert re.fullmatch(r".+, .+ : \d+ ressources?(, dont \d+ exemples?)?", name), name
        elif address.path.startswith("regions/"):
            # Places more than 100 km from any commune the site knows (a region's box reaches the
            # open sea): named after their most frequent commune, linked to their region's list.
            assert (map_site / "catalogue" / address.path / "index.html").is_file(), href
            assert re.fullmatch(rf"Commune \d+ et alentours : {number} lieux.*", name), name
        else:
            query = parse_qs(address.query)
            assert address.path == "./" and set(query) == {"pres", "dep", "rayon"}, href
            assert int(query["rayon"][0]) in NEAR_RADII
            assert _commune_known(map_site, query["pres"][0], query["dep"][0]), href
            assert re.fullmatch(rf"{re.escape(unquote(query['pres'][0]))}( et alentours)? : {number} lieux(, dont \d+ exemples?)?, "
                                r"\d+ ressources?(, dont \d+ exemples?)?", name), name


def test_the_group_near_caen_is_named_after_caen_and_counts_its_places_and_resources(catalog):
    caen = [c for c in catalog.circles if c[1].startswith("Caen")]
    assert len(caen) == 1
    href, name, number = caen[0]
    # The three workshops and the example Hangar in Hérouville-Saint-Clair, with its example printer.
    assert name == "Caen et alentours : 4 lieux, dont 1 exemple, 4 ressources, dont 1 exemple"
    assert number == "4" and parse_qs(urlsplit(href).query) == {"pres": ["Caen"], "dep": ["14"], "rayon": ["10"]}


def test_the_map_has_one_table_with_a_row_for_each_region_and_each_circle(catalog):
    assert catalog.tables == 1
    header, *rows = catalog.rows
    assert header["cells"] == ["Région ou territoire, puis ses lieux", "Lieux", "Ressources"]
    assert len([row for row in rows if not row["class"]]) == 24
    # The circles' rows, in the circles' order (Tab's), each with the circle's link.
    assert [row["href"] for row in rows if row["class"]] == [href for href, _, _ in catalog.circles]
    # Each circle's row counts its places (as the circle writes them); the regions' rows, all of them.
    places = [(row["href"], row["cells"][1].split(",")[0]) for row in rows if row["class"]]
    assert sorted(places) == sorted((href, number or "1") for href, _, number in catalog.circles)
    assert sum(int(row["cells"][1].split(",")[0]) for row in rows if not row["class"]) == sum(int(n) for _, n in places)


def test_the_catalog_page_stays_light(map_site):
    page = (map_site / "catalogue/index.html").read_bytes()
    assert len(gzip.compress(page, 9)) < 30_000


# --- In Chromium -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def map_url(map_site):
    with serve(map_site) as url:
        yield url


@pytest.fixture
def open_map(chromium, map_url):
    yield from guarded_opener(chromium, map_url)


@pytest.mark.browser
@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_the_map_reads_and_taps_at_phone_and_desktop_widths_and_axe_finds_nothing(open_map, width):
    page = open_map("catalogue/", width)
    page.locator(".deffinov-map__svg").scroll_into_view_if_needed()
    sizes = page.evaluate("""() => ({
        labels: [...document.querySelectorAll('.deffinov-map__place text, .deffinov-map__name')]
            .map(t => t.getBoundingClientRect().height),
        circles: [...document.querySelectorAll('.deffinov-map__place circle')].map(c => c.getBoundingClientRect().width),
        width: document.querySelector('.deffinov-map__svg').getBoundingClientRect().width,
    })""")
    assert min(sizes["labels"]) >= 12  # the numbers and the insets' names
    assert min(sizes["circles"]) >= 24  # WCAG 2.2's target size, at the least
    assert sizes["width"] >= (0.9 * width if width == PHONE else 560)
    assert axe_violations(page) == []


@pytest.mark.browser
@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_tab_goes_past_the_map_or_through_its_regions_then_its_circles_each_outlined(open_map, width):
    page = open_map("catalogue/", width)
    skip = page.get_by_role("link", name="Passer la carte et aller au tableau des lieux")
    skip.focus()
    box = skip.bounding_box()
    assert box and box["width"] > 50 and box["height"] >= 20  # shown once focused
    names = page.evaluate("[...document.querySelectorAll('.deffinov-map__svg a')].map(a => a.getAttribute('aria-label'))")
    reached = []
    for _ in names:
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.getAttribute('aria-label')"))
    assert reached == names  # the 24 regions, then the circles, in the table's order
    assert len(names) > 24 + 15
    stroke = page.evaluate("getComputedStyle(document.activeElement.querySelector('circle')).stroke")
    assert stroke == "rgb(168, 67, 15)"  # the focus colour, terracotta
    # Past the map with one key: the next Tab is in the table.
    skip.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('table') && document.activeElement.closest('table').id") == "carte-tableau"


@pytest.mark.browser
def test_the_circle_near_caen_opens_the_catalog_around_caen_on_a_phone(open_map):
    page = open_map("catalogue/", PHONE)
    page.get_by_role("link", name=re.compile("^Caen et alentours : 4 lieux")).click()
    expect(page.get_by_label("Près de : commune ou code postal")).to_have_value("Caen (14)", timeout=TIMEOUT_MS)
    count = page.locator("[data-deffinov-catalog-count]")
    expect(count).to_have_text(re.compile(r"^4 ressources à moins de 10\skm de Caen \(14\)"))
    expect(page.locator("[data-deffinov-catalog-results] > li").first).to_contain_text(re.compile(r"de Caen"))
    assert axe_violations(page) == []
