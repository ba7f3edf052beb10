"""The programme page as a sourced model (issue 16): content/programme.yml, checked like a call,
rendered with each statement followed by its sources, each source linked and dated."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from helpers import REPO, article_text, parse_page, read_text
from generator.content.loading import load_content

DEFFINOV = str(Path(sys.executable).parent / "deffinov")

PROGRAMME = """\
title: Le programme
description: Une phrase.
summary:
  text: Le programme est doté de 50 millions d'euros.
  sources: [communique]
sections:
  - id: plan
    title: Le plan
    facts:
      - text: Un fait.
        sources: [communique, article]
    milestones:
      - when: Second semestre 2022
        what: Appels attendus.
        announced: true
        sources: [article]
sources:
  - id: communique
    title: Communiqué
    publisher: Ministère
    published: 2022-06-27
    last_checked: 2026-11-25
  - id: article
    title: Article
    publisher: Centre Inffo
    url: https://www.centre-inffo.fr/article
    published: {date: 2022-01-01, day_unknown: true}
    last_checked: 2026-11-25
"""


def test_the_programme_page_follows_each_statement_with_its_linked_and_dated_sources(built_site):
    tree = parse_page(built_site, "programme")
    article = tree.xpath("//article")[0]
    listed = {item.get("id"): item for item in article.xpath(".//ol[@class='deffinov-sources']/li")}
    assert len(listed) >= 5
    # Every statement of the page cites at least one source of the list, by a link to it.
    statements = article.xpath(".//div[@class='deffinov-section']/p[not(@class='deffinov-muted')]"
                               "|.//dd|.//tbody/tr/td")
    assert len(statements) > 20
    for statement in statements:
        cited = statement.xpath(".//span[@class='deffinov-cite']/a/@href")
        assert cited, read_text(statement)
        assert all(href.startswith("#") and href[1:] in listed for href in cited)
    # Each source: its address linked when known (said when not), its publication and its check dated.
    for item in listed.values():
        words = read_text(item)
        assert re.search(r"Source relue le \d{1,2}(er)? \w+ 20\d\d\.", words), words
        assert item.xpath("./a/@href") or "adresse en ligne non retrouvée" in words, words
        assert re.search(r"publié (le|en) |date de publication non communiquée", words), words
    hrefs = set(article.xpath(".//ol[@class='deffinov-sources']/li/a/@href"))
    for address in ("https://banquedesterritoires.fr/tiers-lieux-de-formation-les-appels-projets-seront-publies-dici-la-fin-du-premier-trimestre-2022",
                    "https://www.repertoire-formations.com/blog/les-tiers-lieux-de-formation.html",
                    "https://observatoire.francetierslieux.fr/et-apres-comment-perenniser-les-cooperations-et-modeles-experimentes"):
        assert address in hrefs


def test_the_programme_page_says_no_more_than_its_sources(built_site):
    text = article_text(built_site / "programme/index.html")
    # The source says none was *found*, not that none exists.
    assert "Aucun texte national ne fixe" not in text
    assert "aucun texte national qui les fixe n'a été trouvé" in text
    # No call is known to have been launched in 2024.
    assert "lancés de 2022 à 2024" not in text
    # The second half of 2022 was an expectation; Normandie's own call came early in 2023.
    rows = {read_text(row.xpath("./th")[0]): read_text(row.xpath("./td")[0])
            for row in parse_page(built_site, "programme").xpath("//article//tbody/tr")}
    assert rows["Second semestre 2022"].startswith("annonce ")
    assert rows["Juillet 2022"].startswith("annonce ")
    assert "normand" in rows["Début 2023"] and not rows["Début 2023"].startswith("annonce")
    # The money does not pay for the courses themselves: the home page no longer says it does.
    assert "pas les formations elles-mêmes" in text
    home = article_text(built_site / "index.html")
    assert "qui financent la formation" not in home


def test_the_programme_file_is_not_published_as_such(built_site):
    assert not (built_site / "programme.yml").exists()
    assert (built_site / "programme/index.html").is_file()


def test_a_valid_programme_file_builds_its_page(repo):
    repo.write("content/programme.yml", PROGRAMME)
    loaded = load_content(repo.root)
    assert loaded.errors == []
    assert loaded.site.programme.data.sources[1].published.day_unknown


def errors_of(repo, text: str) -> list[str]:
    repo.write("content/programme.yml", text)
    return [error.format() for error in load_content(repo.root).errors]


def test_a_statement_must_cite_a_source_of_the_list(repo):
    found = errors_of(repo, PROGRAMME.replace("sources: [communique, article]", "sources: [communique, artcle]"))
    assert found == [
        "content/programme.yml, ligne 11, champ « sections[1].facts[1].sources[2] » : source inconnue « artcle ». "
        "Vouliez-vous dire « article » ? Chaque fait cite les sources de la liste « sources » du fichier par leur "
        "identifiant (id) : communique, article. Corrigez l'identifiant, ou ajoutez la source à la liste avec son "
        "adresse et sa date de vérification."]


def test_a_statement_without_source_and_an_unknown_key_are_refused(repo):
    text = (PROGRAMME.replace("        sources: [communique, article]\n", "")
            .replace("  - id: article\n", "  - id: article\n    lien: x\n"))
    assert errors_of(repo, text) == [
        "content/programme.yml, ligne 10, champ « sections[1].facts[1].sources » : champ obligatoire manquant "
        "(Identifiants (id) des sources qui disent ce fait, au moins un). Ajoutez la ligne « sources: … ».",
        "content/programme.yml, ligne 23, champ « sources[2].lien » : champ inconnu « lien ». Vérifiez l'orthographe ; "
        "champs possibles à cet endroit : cite, id, last_checked, published, publisher, title, url."]


def test_a_check_or_a_publication_in_the_future_is_refused(repo):
    text = (PROGRAMME.replace("last_checked: 2026-11-25\n  - id: article", "last_checked: 2099-01-01\n  - id: article")
            .replace("{date: 2022-01-01, day_unknown: true}", "{date: 2098-01-01, day_unknown: true}"))
    found = sorted(errors_of(repo, text))
    assert len(found) == 2, found
    assert found[0].startswith("content/programme.yml, ligne 22, champ « sources[1].last_checked » : la date 1er janvier "
                               "2099 est dans le futur")
    assert found[1].startswith("content/programme.yml, ligne 27, champ « sources[2].published » : la date janvier 2098 "
                               "est dans le futur")


def test_deffinov_check_reports_a_programme_error_in_french(repo):
    repo.write("content/programme.yml", PROGRAMME.replace("id: plan", "id: sources"))
    result = subprocess.run([DEFFINOV, "check", str(repo.root)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert ("content/programme.yml, ligne 7, champ « sections[1].id » : l'ancre « sources » est déjà prise par la "
            "page (sources, titre) : choisissez-en une autre.") in result.stderr


def test_the_real_programme_file_is_valid():
    loaded = load_content(REPO)
    assert loaded.errors == []
    assert loaded.site.programme is not None
