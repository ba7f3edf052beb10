"""What the pages say reads as correct French (issue 16): a deposit channel's note, who runs a
region's calls, the département or collectivity of a resource, opening hours written in French,
and a resource used at a distance shown as such rather than at its provider's town.

Read from the real site, and from the real project with a few files added (`wording_site`): a
call with every combination of a channel's parts, a call without `run_by` in every region that
has none, resources in a collectivity and in Corsica, providers with opening hours of every kind.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from browser import serve
from helpers import REPO, VALID_CALL, CatalogIndexFiles, copy_project, mkdocs_build, parse_page, read_text
from generator.content.call import Deposit
from generator.content.geography import departements
from generator.outputs.catalog_index import fold
from generator.presentation.hours import french_hours

GUIDE_NOTE = Deposit.model_fields["note"].examples[0]  # the contributor guide's own example


def read(element) -> str:
    """Text as read, a line break where the page has one, spaces (breaking or not) as spaces."""
    return read_text(element, line_breaks=True)


def regions() -> dict[str, dict]:
    return {path.parent.name: yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted((REPO / "regions").glob("*/region.yml"))}


# --- the site under test -------------------------------------------------------------------------

CHANNELS_CALL = VALID_CALL.replace("title: Appel de test", "title: Appel aux modes de dépôt variés").replace(
    "sources:", f"""application:
  channels:
    - channel: platform
      url: https://exemple.fr/depot
      note: "{GUIDE_NOTE}"
    - channel: post
      address: Région, 1 place de la Mairie, 35000 Rennes
      note: dossier papier signé (adresse à confirmer)
    - channel: email
      address: deffinov@region.fr
    - channel: other
      url: https://exemple.fr/rdv
      address: Maison de la Région
      note: "Remise en main propre ; sur rendez-vous !"
    - channel: platform
sources:""")

# Providers: (region, id, city, postal code, INSEE code, opening hours); each proposes one resource.
PROVIDERS = [
    ("polynesie-francaise", "fare-numerique", "Papeete", "98714", "98735", "Mo-Fr 08:00-17:00; Sa 08:00-12:00"),
    ("saint-barthelemy", "case-des-savoirs", "Gustavia", "97133", None, "Mo-Fr 09:00-18:00; Dec 25 off"),
    ("corse", "fabbrica", "Ajaccio", "20000", None, 'Mo-Fr 08:00-17:00 "sur rendez-vous"'),
]


@pytest.fixture(scope="module")
def wording_site(tmp_path_factory) -> Path:
    regions_dir = tmp_path_factory.mktemp("wording-content") / "regions"
    shutil.copytree(REPO / "regions", regions_dir)
    (regions_dir / "bretagne/calls/modes-de-depot.md").write_text(CHANNELS_CALL, encoding="utf-8")
    for folder in regions_dir.iterdir():  # every region gets a call whose sources do not say who runs it
        if not (folder / "calls").is_dir():
            (folder / "calls").mkdir()
            (folder / "calls" / f"appel-{folder.name}.md").write_text(VALID_CALL, encoding="utf-8")
    for region, ident, city, postal, insee, hours in PROVIDERS:
        (regions_dir / region / "providers").mkdir(exist_ok=True)
        (regions_dir / region / "resources").mkdir(exist_ok=True)
        code = f"\n  insee_code: \"{insee}\"" if insee else ""
        (regions_dir / region / "providers" / f"{ident}.yml").write_text(
            f"name: Lieu {ident}\nkind: tiers-lieu\nsummary: Un lieu de test.\n"
            f"place:\n  city: {city}\n  postal_code: \"{postal}\"{code}\n"
            f"opening_hours: '{hours}'\nlast_updated: 2025-01-10\n", encoding="utf-8")
        (regions_dir / region / "resources" / f"ressource-{ident}.md").write_text(
            f"---\ntitle: Ressource de {ident}\ntype: espace\nprovider: {ident}\nsummary: Une salle.\n"
            f"fees: Gratuit\nlast_updated: 2025-01-10\n---\n", encoding="utf-8")
    project = copy_project(tmp_path_factory.mktemp("wording"), regions_dir)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


# --- 1. a deposit channel ----------------------------------------------------------------------


def channels(site: Path, call: str) -> list[str]:
    return [read(li) for li in parse_page(site, f"appels/{call}").xpath('//ul[@class="deffinov-channels"]/li')]


def test_a_channels_note_is_a_sentence_of_its_own_after_its_label_and_address(wording_site):
    assert channels(wording_site, "modes-de-depot") == [
        f"Plateforme en ligne : https://exemple.fr/depot\n{GUIDE_NOTE}",
        "Courrier postal : Région, 1 place de la Mairie, 35000 Rennes\nDossier papier signé (adresse à confirmer).",
        "Courriel : deffinov@region.fr",
        "Autre : https://exemple.fr/rdv ; Maison de la Région\nRemise en main propre ; sur rendez-vous !",
        "Plateforme en ligne",
    ]
    # The real calls: a note in lower case without a full stop, after a link.
    assert channels(wording_site, "connaissance-hauts-de-france") == [
        "Plateforme en ligne : https://aidesenligne.hautsdefrance.fr/\nDossier complet, à la seconde étape."]


def test_the_comparison_gives_each_channel_its_line_and_no_full_stop_inside_brackets(wording_site):
    tree = parse_page(wording_site, "comparaison")
    table = tree.xpath('//caption[@id="legende-conditions"]/..')[0]
    row = next(tr for tr in table.xpath("./tbody/tr") if read(tr.xpath("./th")[0]) == "Modes de dépôt")
    cells = {read(td) for td in row.xpath("./td")}
    lines = [read(li) for li in row.xpath(".//li")]
    assert "Plateforme en ligne. Démarches Simplifiées ; l'adresse du formulaire n'est pas reprise par la source." in lines
    assert f"Plateforme en ligne. {GUIDE_NOTE}" in lines and "Courriel." in lines
    assert "Plateforme en ligne ; Courrier postal" not in cells  # only calls whose channels have no note
    assert not [line for line in lines + list(cells) if re.search(r"\.\)|, [A-ZÉ]|\. :", line)]


# --- 2. who runs a region's calls --------------------------------------------------------------


def test_every_region_page_names_who_runs_its_calls_without_a_missing_article(wording_site):
    owners = {slug: data["call_owner"] for slug, data in regions().items()}
    assert len(owners) == 24
    for slug, owner in owners.items():
        tree = parse_page(wording_site, f"regions/{slug}")
        said = read(tree.xpath('//p[contains(., "connu pour ce territoire") or contains(., "connus pour ce territoire")]')[0])
        body = read(tree.xpath("//article")[0])
        assert not re.search(r"\bportés? par\b", body), (slug, said)
        runners = re.search(r"Organismes? porteurs? : (.*)\.$", said)
        assert runners, (slug, said)
        if runners.group(1).startswith("non communiqué"):
            assert runners.group(1) == f"non communiqué par les sources (collectivité compétente : {owner})", slug
    normandie = read(parse_page(wording_site, "regions/normandie").xpath('//p[contains(., "connu pour ce territoire")]')[0])
    assert normandie.endswith("Organismes porteurs : Région Normandie, DREETS Normandie.")


# --- 3. the département or collectivity --------------------------------------------------------


def facet(site: Path, name: str) -> tuple[str, list[str]]:
    box = parse_page(site, "catalogue").xpath(f'//*[@data-facet="{name}"]')[0]
    # The facet's name, shown (its summary) and naming its group of boxes (the fieldset's legend).
    assert read(box.xpath("./summary")[0]) == read(box.xpath("./fieldset/legend")[0])
    return read(box.xpath("./fieldset/legend")[0]), [box.get("value") for box in box.xpath(".//input")]


def test_the_departement_facet_names_each_departement_or_collectivity(built_site, wording_site):
    legend, values = facet(built_site, "departement")
    assert legend == "Département ou collectivité"
    assert sorted(values) == ["Calvados (14)", "Guyane (973)", "Ille-et-Vilaine (35)", "Meurthe-et-Moselle (54)", "Tarn (81)"]
    _, values = facet(wording_site, "departement")
    assert {"Polynésie française (987)", "Saint-Barthélemy (977)", "Corse-du-Sud (2A)"} <= set(values)
    assert not [value for value in values if re.fullmatch(r"[0-9AB]{2,3}", value)]
    # The index the browser reads holds the same values; its words are folded from them.
    index = CatalogIndexFiles(wording_site)
    assert set(values) <= set(index.head["facets"]["departement"]["values"])
    assert "polynesie" in index.words() and fold("Polynésie française (987)") == ["polynesie", "francaise", "987"]


def test_the_names_are_insees_and_those_of_the_sites_own_territories():
    table = departements()
    assert len(table) == 107 and table["2A"].name == "Corse-du-Sud" and table["974"].name == "La Réunion"
    overseas = {"01": "971", "02": "972", "03": "973", "04": "974", "06": "976"}
    for slug, data in regions().items():
        if data["category"] != "metropole":
            assert table[overseas.get(data["insee_code"], data["insee_code"])].name == data["name"], slug


@pytest.mark.browser
def test_a_collectivity_is_found_by_its_name_and_ticked_in_the_browser(chromium, wording_site):
    with serve(wording_site) as url:
        tab = chromium.new_page()
        tab.goto(url + "catalogue/")
        count = tab.locator("[data-deffinov-catalog-count]")
        tab.get_by_label("Rechercher dans le catalogue").fill("polynésie")
        expect(count).to_have_text("1 ressource correspond.")
        tab.get_by_label("Rechercher dans le catalogue").fill("")
        tab.get_by_role("checkbox", name=re.compile(r"^Polynésie française \(987\)")).check()
        expect(count).to_have_text("1 ressource correspond.")
        expect(tab.locator("[data-deffinov-catalog-results] .deffinov-card__title")).to_have_text(["Ressource de fare-numerique"])
        assert "departement=Polyn%C3%A9sie+fran%C3%A7aise+%28987%29" in tab.url
        tab.close()


# --- 4. opening hours ---------------------------------------------------------------------------

HOURS = {
    "Mo-Fr 08:00-17:00; Sa 08:00-12:00": ("du lundi au vendredi de 8 h à 17 h ; le samedi de 8 h à 12 h", True),
    "Mo-Fr 8:00-12:30,14:00-18:00; PH off": ("du lundi au vendredi de 8 h à 12 h 30 et de 14 h à 18 h ; fermé les jours fériés", True),
    "Mo-Su 10:00-12:00, Mo-Fr 14:00-18:00": ("du lundi au vendredi de 10 h à 12 h et de 14 h à 18 h ; le samedi et le dimanche de 10 h à 12 h", True),
    "Mo,We,Fr 09:00-12:00": ("le lundi, le mercredi et le vendredi de 9 h à 12 h", True),
    "Fr-Sa 20:00-02:00": ("le vendredi et le samedi de 20 h à 2 h", True),
    "Sa-Su 18:00-24:00": ("le samedi et le dimanche de 18 h à minuit", True),
    "24/7": ("tous les jours, 24 h sur 24", True),
    "10:00-18:00; Tu off": ("le lundi et du mercredi au dimanche de 10 h à 18 h", True),
    # What the French does not say is said to be missing: the page shows the rule beside it.
    "Mo-Fr 09:00-18:00; Dec 25 off": ("du lundi au vendredi de 9 h à 18 h", False),
    "Mo-Fr 09:00-18:00; PH off; Fr 09:00-12:00": ("du lundi au jeudi de 9 h à 18 h ; le vendredi de 9 h à 12 h", False),
    'Mo-Fr 08:00-17:00 "sur rendez-vous"': (None, False),
    "Jul-Aug Mo-Fr 10:00-16:00": (None, False),
}


@pytest.mark.parametrize("rule", HOURS)
def test_opening_hours_in_french(rule):
    hours = french_hours(rule)
    french = hours.french and hours.french.replace("\xa0", " ")
    assert (french, hours.complete) == HOURS[rule]


def hours_on(site: Path, provider: str) -> str:
    tree = parse_page(site, f"lieux/{provider}")
    return read(tree.xpath('//dt[.="Horaires"]/following-sibling::dd[1]')[0])


def test_a_provider_page_writes_its_hours_in_french_and_the_open_data_keeps_them_as_written(built_site, wording_site):
    assert hours_on(built_site, "la-fabrique-du-coin") == "du lundi au vendredi de 9 h à 18 h"
    assert hours_on(wording_site, "fare-numerique") == "du lundi au vendredi de 8 h à 17 h ; le samedi de 8 h à 12 h"
    partial = hours_on(wording_site, "case-des-savoirs")
    assert partial.startswith("du lundi au vendredi de 9 h à 18 h\nCette phrase ne dit que la semaine ordinaire")
    assert partial.endswith("au format OpenStreetMap : Mo-Fr 09:00-18:00; Dec 25 off")
    assert hours_on(wording_site, "fabbrica") == ('Horaires que ce site ne met pas en phrase, au format OpenStreetMap : '
                                                  'Mo-Fr 08:00-17:00 "sur rendez-vous"')
    raw = (wording_site / "donnees-ouvertes/lieux.csv").read_text(encoding="utf-8")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(raw))}
    assert rows["fare-numerique"]["horaires"] == "Mo-Fr 08:00-17:00; Sa 08:00-12:00"


# --- 5. a resource used at a distance ------------------------------------------------------------

REMOTE = "guide-animer-atelier"  # delivery: a-distance, from a tiers-lieu in Albi
BOTH = "module-numerique-bureautique"  # delivery: sur-place-et-a-distance, in Cayenne


def card_meta(site: Path, address: str, resource: str) -> str:
    tree = parse_page(site, address)
    title = tree.xpath(f'//li[@class="deffinov-card"][.//a[contains(@href, "/{resource}/")]]')[0]
    return read(title.xpath('.//p[@class="deffinov-card__meta"]')[0])


def test_a_remote_resource_reads_at_a_distance_on_its_card_its_page_and_in_the_data(built_site):
    assert card_meta(built_site, "catalogue/regions/occitanie", REMOTE) == "Méthode ou guide · à distance · Gratuit"
    assert card_meta(built_site, "catalogue/regions/guyane", BOTH) == "Module de formation numérique · Cayenne, Guyane, ou à distance · Gratuit"
    assert card_meta(built_site, "catalogue/regions/bretagne", "imprimante-3d").startswith("Équipement · Rennes, Bretagne ·")
    tree = parse_page(built_site, f"catalogue/{REMOTE}")
    facts = {read(dt_): read(dt_.getnext()) for dt_ in tree.xpath('//dl[contains(@class, "deffinov-facts--key")]//dt')}
    assert facts["Où"] == "à distance"
    assert "(tiers-lieu), Albi" in facts["Proposé par"]  # the provider's town, as the provider's (an example says so after)
    assert read(parse_page(built_site, f"catalogue/{BOTH}").xpath('//dt[.="Où"]/following-sibling::dd[1]')[0]) == "Cayenne, Guyane (973), ou à distance"
    assert read(parse_page(built_site, "catalogue/imprimante-3d").xpath('//dt[.="Où"]/following-sibling::dd[1]')[0]) == "Rennes, Ille-et-Vilaine (35), Bretagne"
    # Not a point where it is not: no place in the JSON-LD, no geometry nor town in the open data.
    structured = json.loads(tree.xpath('//script[@type="application/ld+json"]')[0].text)
    assert "serviceLocation" not in structured.get("availableChannel", {})
    features = {f["id"]: f for f in json.loads((built_site / "donnees-ouvertes/ressources.geojson").read_text(encoding="utf-8"))["features"]}
    assert features[REMOTE]["geometry"] is None and features[REMOTE]["properties"]["commune"] is None
    assert features[BOTH]["geometry"] is not None
    # The cards the catalog's script shows, and the words it searches.
    index = CatalogIndexFiles(built_site)
    cards = index.cards()
    remote = next(card for card in cards if card["url"] == f"catalogue/{REMOTE}/")
    assert remote["facts"] == "Méthode ou guide · à distance · Gratuit"
    assert index.values("departement")[cards.index(remote)] == []
