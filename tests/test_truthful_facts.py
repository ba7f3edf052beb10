"""Facts as their sources give them. Who may lead and who may be a member, self-financing and
co-financing, whole and partial lists, official and written titles:
different facts, each shown as its source gives it (issue 16), on the call pages, the comparison
page and the open data."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from helpers import parse_page, read_text


def rows(site: Path, address: str) -> dict[str, list[str]]:
    """Every table row of a page, by its first cell: the other cells' text."""
    tree = parse_page(site, address)
    found = {}
    for row in tree.xpath("//table//tr"):
        cells = [read_text(cell) for cell in row.xpath("./th|./td")]
        found.setdefault(cells[0], cells[1:])
    return found


def column(site: Path, address: str, region: str) -> int:
    heads = rows(site, address)[""]
    return next(index for index, head in enumerate(heads) if head.startswith(region))


def test_the_comparison_says_who_may_lead_apart_from_who_may_be_a_member(built_site):
    table = rows(built_site, "comparaison")
    occitanie, normandie = column(built_site, "comparaison", "Occitanie"), column(built_site, "comparaison", "Normandie")
    lead = table["Qui peut porter le projet (chef de file)"]
    assert "centre de formation d'apprentis (CFA)" in lead[occitanie] and "liste complète" in lead[occitanie]
    # Asked "which regions let a CFA lead?", the page names Occitanie only: no other source says.
    assert [cell for cell in lead if "CFA" in cell] == [lead[occitanie]]
    # Occitanie's source lists who may lead, not who may be a member: its member column is unknown.
    assert table["Centre de formation d'apprentis (CFA)"][occitanie] == "non communiqué"
    assert table["Entreprise EdTech"][occitanie] == "non communiqué"
    # Normandie's list ends with "…": a kind it does not name is not excluded.
    assert table["Collectivité territoriale"][normandie] == "non précisé"
    bfc = column(built_site, "comparaison", "Bourgogne-Franche-Comté")
    assert table["Collectivité territoriale"][bfc] == "non cité"  # a whole list


def test_self_financing_and_co_financing_are_two_facts(built_site):
    table = rows(built_site, "comparaison")
    normandie = column(built_site, "comparaison", "Normandie")
    paca = column(built_site, "comparaison", "Provence-Alpes-Côte d'Azur")
    assert table["Autofinancement minimal"][normandie] == "30 %"
    assert table["Cofinancement minimal"][normandie] == "non communiqué"
    assert table["Cofinancement minimal"][paca] == "30 %" and table["Autofinancement minimal"][paca] == "non communiqué"
    text = read_text(parse_page(built_site, "appels/normandie-connectee-deffinov"))
    assert "Autofinancement minimal 30 %" in text and "Cofinancement minimal" not in text
    data = {row["id"]: row for row in csv.DictReader(io.StringIO((built_site / "donnees-ouvertes/appels.csv").read_text(encoding="utf-8")))}
    assert data["normandie-connectee-deffinov"]["aid_min_self_financing"] == "30"
    assert data["normandie-connectee-deffinov"]["aid_min_cofinancing"] == ""
    assert data["defi-occ"]["eligibility_lead_kinds_complete"] == "true"
    assert data["defi-occ"]["eligibility_applicant_kinds"] == ""


def test_a_title_the_site_wrote_says_so_on_its_page_and_in_the_open_data(built_site):
    page = read_text(parse_page(built_site, "appels/deffinov-pays-de-la-loire"))
    assert "Titre rédigé par ce site : les sources consultées ne donnent pas de titre officiel à cet appel." in page
    official = read_text(parse_page(built_site, "appels/defi-occ"))
    assert "Titre rédigé par ce site" not in official
    data = {row["id"]: row for row in csv.DictReader(io.StringIO((built_site / "donnees-ouvertes/appels.csv").read_text(encoding="utf-8")))}
    assert {key for key, row in data.items() if row["title_official"] == "false"} == {
        "deffinov-pays-de-la-loire", "deffinov-tiers-lieux-paca"}
