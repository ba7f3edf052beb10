"""Only what the sources say (issue 16): the editorial text of content/ and regions/ against the
sources it was written from, and every address of those sources linked from the page that relies
on it."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo

from lxml import html

from helpers import article_text

# Every address of the sources file the default content was written from
# (../shared/sources/regional-calls.md, "Addresses of the sources"), with the pages that rely on it.
SOURCE_ADDRESSES = {
    "https://www.gref-bretagne.com/ressources/lappel-a-projets-deffinov-doit-creer-une-synergie-entre-les-mondes-de-la-formation-et-des-tiers-lieux/":
        ["appels/deffinov-bretagne"],
    "https://europe.bzh/aides/fiches/deffinov-tiers-lieux-dispositifs-france-formation-innovante-tiers-lieux/":
        ["appels/deffinov-bretagne"],
    "https://www.centre-inffo.fr/site-centre-inffo/actualites-centre-inffo/le-quotidien-de-la-formation-actualite-formation-professionnelle-apprentissage/articles-2022/le-cadre-des-appels-a-projets-regionaux-pour-soutenir-la-formation-dans-les-tiers-lieux-est-fixe":
        ["programme", "appels/deffinov-bretagne", "regions/centre-val-de-loire"],
    "https://centre-inffo.fr/site-centre-inffo/actualites-centre-inffo/le-quotidien-de-la-formation-actualite-formation-professionnelle-apprentissage/articles-2023/normandie-un-appel-a-projets-pour-rapprocher-les-acteurs-de-la-formation-et-les-tiers-lieux":
        ["appels/normandie-connectee-deffinov", "programme"],
    "https://www.grandest.fr/actualites/tiers-lieux-competences-et-formation/": ["appels/tiers-lieux-competences-formation"],
    "https://www.aefinfo.fr/depeche/684716-budget-2023-en-nouvelle-aquitaine-les-cfa-gagnent-95-de-credits-en-plus-la-formation-professionnelle-en-perd-5":
        ["appels/tiers-lieux-et-formation", "programme"],
    "https://www.cap-metiers.pro/actualites/55658/Strategie-regionale-faveur-tiers-lieux-formation.aspx":
        ["appels/tiers-lieux-et-formation", "programme"],
    "https://territoires.nouvelle-aquitaine.fr/actualites/tiers-lieux-et-formation-une-autre-maniere-dapprendre":
        ["appels/tiers-lieux-et-formation", "programme"],
    "https://sudtierslieux.fr/faq-appel-a-projet-deffinov-tiers-lieux-paca-laap-deffinov-tiers-lieux-paca-pour-la-formation-et-les-tiers-lieux-en-region/":
        ["appels/deffinov-tiers-lieux-paca"],
    "https://pro.choisirmonmetier-paysdelaloire.fr/ContentMedia/OPDL/ARTICLES/2023/Appel-a-projets-Deffinov-Tiers-lieux-un-mariage-de-raison-entre-formation-et-tiers-lieux":
        ["appels/deffinov-pays-de-la-loire"],
    "http://www.etoile.regioncentre.fr/GIP/site/etoilepro/accueiletoilepro/ressources/appels-a-projet/appels-projets-conseil-regional/appel-projets-conseil-regional-deploiement-tiers-lieux-competences":
        ["regions/centre-val-de-loire"],
    "https://tierslieux-bfc.fr/faq-appel-a-projet-deffinov/": ["appels/aap-deffinov-bfc", "programme"],
    "https://c2rp.fr/faq-appel-a-projets-regional-tiers-lieux-hdf": ["appels/connaissance-hauts-de-france"],
    "https://www.c2rp.fr/index.php/article/region-apprenante-futur-appel-a-projets-de-la-region-hauts-de-france-pour-favoriser-et-faciliter-lacces-a-la-formation":
        ["appels/connaissance-hauts-de-france"],
    "http://www.laregion.fr/agenda/1104/Appel-a-projets-DEFI-OCC-Developper-la-formation-dans-les-Tiers-Lieux":
        ["appels/defi-occ"],
    "https://observatoire.francetierslieux.fr/et-apres-comment-perenniser-les-cooperations-et-modeles-experimentes":
        ["programme"],
    "https://observatoire.francetierslieux.fr/les-tiers-lieux-aux-antilles-et-en-guyane":
        ["regions/guadeloupe", "regions/martinique", "regions/guyane"],
    "https://banquedesterritoires.fr/tiers-lieux-de-formation-les-appels-projets-seront-publies-dici-la-fin-du-premier-trimestre-2022":
        ["programme"],
    "https://www.repertoire-formations.com/blog/les-tiers-lieux-de-formation.html": ["programme"],
}


def links(page: Path) -> set[str]:
    return set(html.parse(str(page)).xpath("//article//a/@href"))


def test_every_address_of_the_sources_is_linked_from_the_pages_that_rely_on_it(built_site):
    unlinked = [f"{address} n'est pas lié depuis /{page}/" for address, pages in SOURCE_ADDRESSES.items()
                for page in pages if address not in links(built_site / page / "index.html")]
    assert unlinked == []


def test_the_follow_page_gives_paris_time_of_a_cayenne_noon_in_winter_and_summer(built_site):
    text = article_text(built_site / "suivre/index.html")
    cayenne, paris = ZoneInfo("America/Cayenne"), ZoneInfo("Europe/Paris")
    winter = dt.datetime(2027, 1, 15, 12, tzinfo=cayenne).astimezone(paris).hour
    summer = dt.datetime(2027, 7, 15, 12, tzinfo=cayenne).astimezone(paris).hour
    assert (winter, summer) == (16, 17)
    assert f"une échéance à midi, heure de Cayenne, s'affichera à {winter} h à Paris en hiver ({summer} h en été)" in text


def test_a_priority_of_a_call_is_not_told_as_a_fact_about_its_projects(built_site):
    text = article_text(built_site / "appels/tiers-lieux-et-formation/index.html")
    assert "Les projets retenus s'appuient sur un diagnostic" not in text
    assert "Parmi les priorités de l'appel figurent un diagnostic des besoins locaux" in text


def test_a_region_without_a_known_call_points_to_no_common_rules(built_site):
    for slug in ("auvergne-rhone-alpes", "guyane", "wallis-et-futuna"):
        text = article_text(built_site / "regions" / slug / "index.html")
        assert "règles communes" not in text
        assert "Les sources consultées par ce site ne décrivent aucun appel DEFFINOV Tiers-lieux pour ce territoire." in text
    # A region with a call: its sources are on the call's page, not missing.
    bretagne = article_text(built_site / "regions/bretagne/index.html")
    assert "Aucune source propre à ce territoire" not in bretagne
    assert "Les sources de chaque appel, et la date de leur vérification, sont sur la page de l'appel." in bretagne


def test_call_texts_say_what_their_sources_say(built_site):
    def page(call_id: str) -> str:
        return article_text(built_site / "appels" / call_id / "index.html")

    grand_est = page("tiers-lieux-competences-formation")
    assert "mettent en commun lieux, équipements et savoir-faire" not in grand_est
    assert "Un article de la Région Grand Est d'octobre 2022 présente l'appel" in grand_est
    normandie = page("normandie-connectee-deffinov")
    assert "des lieux de proximité" not in normandie
    assert "vise à rapprocher les acteurs de la formation et les tiers-lieux" in normandie
    bretagne = page("deffinov-bretagne")
    assert "Le cadre national annonçait" not in bretagne and "prolonge" not in bretagne
    assert "Un article de Centre Inffo du 7 juillet 2022 annonçait une première publication bretonne" in bretagne
    occitanie = page("defi-occ")
    assert "structure solide" not in occitanie
    assert "s'il n'est pas lui-même un tiers-lieu, il s'associe à au moins un tiers-lieu" in occitanie
    hauts_de_france = page("connaissance-hauts-de-france")
    assert "centre régional de ressources sur la formation" not in hauts_de_france
    assert "Le collectif désigne un chef de file." in hauts_de_france


def test_no_page_promises_a_regional_service_or_contacts_the_sources_do_not_give(built_site):
    text = article_text(built_site / "proposer-une-ressource/index.html")
    assert "service de votre région" not in text
    assert re.search(r"Écrivez à l'éditeur du site, \[Adresse électronique de contact\], en joignant", text)
