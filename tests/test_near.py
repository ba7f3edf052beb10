"""Searching the catalog near a place, in Chromium, as a collective would: the default site, whose
example content has a 3D printer near Caen (regions/normandie/) and one in Rennes."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from browser import PHONE, axe_violations

pytestmark = pytest.mark.browser


def test_a_printer_near_caen_on_a_phone_nearest_first_with_its_distance_and_how_to_ask(open_page):
    page = open_page("catalogue/", PHONE)
    requested = []
    page.on("request", lambda request: requested.append(request.url.rsplit("/", 1)[1]))
    page.get_by_label("Rechercher dans le catalogue").fill("imprimante 3D")
    count = page.locator("[data-deffinov-catalog-count]")
    expect(count).to_have_text(re.compile("^2 ressources correspondent"))
    # Nothing of the place search is downloaded before the visitor types a place.
    assert not [name for name in requested if name in ("near-page.js", "places.js", "lieux.json", "positions.json")]
    page.get_by_label("Près de : commune ou code postal").fill("caen")
    page.get_by_role("button", name="Caen (14)").click()
    expect(count).to_have_text(re.compile(r"^1 ressource à moins de 50\skm de Caen \(14\), dont 1\sexemple"))
    first = page.locator("[data-deffinov-catalog-results] > li").first
    expect(first.get_by_role("heading", level=2)).to_contain_text("Imprimante 3D de l'atelier")
    expect(first).to_contain_text(re.compile(r"À 4\skm de Caen"))
    expect(first.get_by_role("link", name="atelier@example.org")).to_have_attribute("href", "mailto:atelier@example.org")
    expect(first).to_contain_text("Demander")
    # Rennes' printer is farther than the radius: a button widens it to all of France.
    page.get_by_role("button", name="Élargir à toute la France").click()
    expect(count).to_have_text(re.compile(r"^2 ressources, dont 2\sexemples, de la plus proche à la plus lointaine de Caen"))
    expect(page.locator("[data-deffinov-catalog-results] > li").nth(1)).to_contain_text("Rennes")
    assert "pres=Caen" in page.url and "dep=14" in page.url
    assert axe_violations(page) == []
    # What the place search read: the head of the places, one name file, the positions, a few KB.
    assert "lieux.json" in requested and "positions.json" in requested
    assert len([name for name in requested if name.startswith(("noms-", "cp-"))]) <= 2


def test_nothing_within_the_radius_says_what_is_nearest_and_widens_to_it(open_page):
    page = open_page("catalogue/?q=imprimante&pres=Saint-L%C3%B4&dep=50&rayon=10", PHONE)
    expect(page.get_by_label("Près de : commune ou code postal")).to_have_value("Saint-Lô (50)")
    count = page.locator("[data-deffinov-catalog-count]")
    expect(count).to_have_text(re.compile(r"^Aucune ressource à moins de 10\skm de Saint-Lô \(50\)\. La plus proche est à 5\d\skm"))
    page.get_by_role("button", name=re.compile(r"^Élargir à 100\skm$")).click()
    expect(count).to_have_text(re.compile(r"^1 ressource à moins de 100\skm de Saint-Lô"))
    assert "rayon=100" in page.url


def test_a_name_several_communes_bear_shows_each_with_its_departement(open_page):
    page = open_page("catalogue/")
    field = page.get_by_label("Près de : commune ou code postal")
    field.fill("Saint-Denis")
    field.press("Enter")
    expect(page.locator("[data-deffinov-near-status]")).to_have_text("4 communes portent ce nom : choisissez la vôtre.")
    page.get_by_role("button", name="Saint-Denis, Seine-Saint-Denis (93)").click()
    expect(field).to_have_value("Saint-Denis (93)")
    # The postal code works too, and a place used only at a distance is listed apart, not by distance.
    field.fill("14000")
    field.press("Enter")
    expect(field).to_have_value("Caen (14)")
    page.get_by_label("Rayon").select_option(label="toute la France")
    expect(page.locator("[data-deffinov-catalog-results] h2", has_text=re.compile("^À distance, partout"))).to_be_visible()
    assert axe_violations(page) == []
