"""The communes the catalog's « Près de » field knows (outputs/places.py, from
presentation/data/communes.csv) and each resource's position in the index (positions.json)."""

from __future__ import annotations

import csv
import gzip
import json
from types import SimpleNamespace

import pytest

from helpers import REPO, place_file

from generator.content.geography import BOUNDS, contains, departement_code
from generator.outputs.catalog_index import position, positions_files
from generator.outputs.places import COMMUNES_FILE, HEAD_FILE, name_files, places, rendered_files

DECOUPAGE = REPO / "node_modules/@etalab/decoupage-administratif/data/communes.json"


@pytest.fixture(scope="module")
def files():
    return {uri.rsplit("/", 1)[1]: json.loads(content) for uri, content in rendered_files()}


def test_every_commune_of_the_official_package_is_there_with_a_position_in_its_territory():
    with COMMUNES_FILE.open(encoding="utf-8", newline="") as file:
        rows = {(row["code"], row["nature"]): row for row in csv.DictReader(file)}
    official = json.loads(DECOUPAGE.read_text(encoding="utf-8"))
    kinds = {"commune-actuelle": "", "commune-deleguee": "d", "commune-associee": "a", "arrondissement-municipal": "m"}
    # Only the Terres australes and Clipperton, without a territory on the site, have no position.
    missing = [c["code"] for c in official if (c["code"], kinds[c["type"]]) not in rows]
    assert missing and all(code.startswith(("984", "989")) for code in missing)
    for row in rows.values():
        point = float(row["latitude"]), float(row["longitude"])
        assert any(contains(code, *point) for code in BOUNDS), row


def test_each_place_is_in_the_file_a_lookup_of_its_name_or_postal_code_reads(files):
    head = files[HEAD_FILE.rsplit("/", 1)[1]]
    for key, name, departement, *_, postal_codes, _population, _code in places():
        assert [name, departement] in [row[:2] for row in files[place_file(head, name)]], name
        for postal in postal_codes:
            held = files[place_file(head, postal)].get(postal, [])
            # A code of Paris, Lyon or Marseille names its arrondissement, not the whole town.
            assert [name, departement] in [row[:2] for row in held] or any(row[4] == "m" for row in held), (name, postal)


def test_a_lookup_costs_a_few_kilobytes(files):
    sizes = {name: len(gzip.compress(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode(), 9))
             for name, data in files.items()}
    assert max(sizes.values()) < 6_000, max(sizes.items(), key=lambda item: item[1])


def test_a_name_file_too_large_is_split_and_keeps_the_most_populous():
    entries = [(f"st{letter}{n}", f"Saint-{letter}{n}", "14", 49.0, 0.0, "", (), population, "14000")
               for letter, population in (("a", 10), ("b", 5)) for n in range(3)]
    names, split = name_files(entries, limit=4, top=2)
    assert split == ["st"]
    assert [row[0] for row in names["st"]] == ["Saint-a0", "Saint-a1"]
    assert [row[0] for row in names["sta"]] == ["Saint-a0", "Saint-a1", "Saint-a2"]


def _view(remote=False, region="normandie", **place):
    """A resource as `position` and `positions_files` read it: its region and place of use, None
    when remote."""
    fields = {"latitude": None, "longitude": None, "insee_code": None, "postal_code": None, "city": "", **place}
    fields["departement"] = departement_code(fields["insee_code"], fields["postal_code"])
    return SimpleNamespace(entry=SimpleNamespace(region=region), place_of_use=None if remote else SimpleNamespace(**fields))


def test_a_resource_is_placed_by_its_coordinates_else_its_commune():
    assert position(_view(latitude=48.1, longitude=-1.6)) == (48.1, -1.6)
    assert position(_view(insee_code="14118", city="Caen")) == pytest.approx((49.181, -0.372), abs=0.002)
    # No INSEE code: the commune of its postal code that bears its name.
    assert position(_view(postal_code="50000", city="Saint-Lô")) == pytest.approx((49.115, -1.092), abs=0.002)
    assert position(_view(postal_code="99999", city="Nulle-part")) is None
    assert position(_view(remote=True)) is None


def test_positions_a_file_a_departement_shared_points_once_remote_and_unplaced_in_the_head():
    caen, bayeux = {"latitude": 49.18, "longitude": -0.37, "insee_code": "14118"}, {"latitude": 49.28, "longitude": -0.7}
    views = [_view(region="bretagne", latitude=48.11, longitude=-1.68, insee_code="35238"),
             _view(region="bretagne", **caen),  # a resource filed in Bretagne, used in Caen
             _view(region="bretagne", remote=True),
             _view(**bayeux, insee_code="14047"), _view(**caen), _view(**caen), _view(postal_code="14999", city="X"),
             _view(region="occitanie", remote=True)]
    head, files = positions_files(views)
    assert head["remote"] == "2,5" and head["unplaced"] == "6"  # 2 and 7; 6, as gaps
    # One file a département: Ille-et-Vilaine, then Calvados with its two runs (Bretagne's, Normandie's).
    assert head["files"] == [[4811, -168, 4811, -168], [4918, -70, 4928, -37]]
    assert files[0] == {"runs": [[0, 1, 1, [4811, -168]]], "rows": "0"}
    # Each run: first resource, count, width, positions most used first as differences; then numbers.
    assert files[1] == {"runs": [[1, 1, 1, [4918, -37]], [3, 3, 1, [4918, -37, 10, -33]]], "rows": "0" + "100"}


def test_the_catalog_index_renders_before_the_places_which_a_one_off_build_then_forgets():
    from generator.outputs import OUTPUTS, catalog_index, places as places_output

    assert OUTPUTS.index(catalog_index.OUTPUT) < OUTPUTS.index(places_output.OUTPUT)
