"""Build the real site with `mkdocs build` into a temporary folder and read it as a visitor would."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from pathlib import Path

from generator import french
from helpers import (
    REPO, article_html, badges, broken_links, copy_project, fetch, html_to_text, mkdocs_build, mkdocs_serve,
    real_call_count, text_of, wait_for,
)

REGION_SLUGS = sorted(p.name for p in (REPO / "regions").iterdir() if p.is_dir())


def test_every_region_and_territory_has_its_page(built_site):
    assert len(REGION_SLUGS) == 24
    for slug in REGION_SLUGS:
        page = built_site / "regions" / slug / "index.html"
        assert page.is_file(), slug
        assert '<html lang="fr"' in page.read_text(encoding="utf-8")
    guyane = text_of(built_site / "regions/guyane/index.html")
    assert "Guyane" in guyane
    assert "Collectivité territoriale de Guyane" in guyane
    assert "America/Cayenne" in guyane
    assert "Les sources consultées par ce site ne décrivent aucun appel DEFFINOV Tiers-lieux pour ce territoire." in guyane
    assert "trois lauréats DEFFINOV" in guyane
    normandie = text_of(built_site / "regions/normandie/index.html")
    assert "Normandie connectée – nouveaux espaces de compétences – Deffinov" in normandie


def test_call_page_shows_its_calendar_status_and_sources(built_site):
    text = text_of(built_site / "appels/normandie-connectee-deffinov/index.html")
    assert "clos" in text
    assert "Dernière date limite 28 avril 2023 (heure non communiquée)" in text
    assert "Dates limites, à l'heure locale : Paris (Europe/Paris)" in text
    assert "Aide par projet de 50 000 € à 200 000 €" in text
    assert "Autofinancement minimal 30 %" in text  # the project holder's own share, not co-financing
    assert "Durée du projet jusqu'à 36 mois" in text
    assert ("Non communiqués par les sources : versement de l'aide, priorités, critères de sélection, modes de "
            "dépôt, date qui fait foi, documents, contacts.") in text
    assert "Taux d'aide maximal" not in text, "unknown facts are gathered in one line, not a row each"
    assert "Porté par Région Normandie, DREETS Normandie" in text
    assert "Centre Inffo (centre-inffo.fr), 2 mars 2023" in text
    assert "Informations vérifiées le 25 novembre 2026." in text


def test_rolling_call_and_unknown_dates(built_site):
    aquitaine = text_of(built_site / "appels/tiers-lieux-et-formation/index.html")
    assert "Fin des dépôts au fil de l'eau 1er septembre 2024" in aquitaine
    assert "Rythme des dépôts au fil de l'eau jusqu'à la date de fin" in aquitaine
    bretagne = text_of(built_site / "appels/deffinov-bretagne/index.html")
    assert "Appel clos, date de fin inconnue." in bretagne
    assert "Dates limites : non communiquées" in bretagne
    assert "Les dates de publication et de clôture de l'appel ne sont pas confirmées par les sources." in bretagne


def test_calls_list_home_and_programme(built_site):
    calls = text_of(built_site / "appels/index.html")
    assert f"{real_call_count()} appels à projets régionaux recensés" in calls
    raw = (built_site / "appels/index.html").read_text(encoding="utf-8")
    assert raw.count("data-deffinov-call") == real_call_count()
    assert '<select id="filtre-region" name="region">' in raw
    home = text_of(built_site / "index.html")
    assert "Tous les appels à projets" in home
    programme = text_of(built_site / "programme/index.html")
    for fact in ("50 millions", "Haut-commissariat aux compétences", "NextGenerationEU", "27 juin 2022",
                 "Deffinum", "la diversification des lieux de formation", "Sources"):
        assert fact in programme


def test_home_and_list_follow_the_day_the_site_is_built_for(status_site):
    home = text_of(status_site / "index.html")
    opened = home[home.index("Appels ouverts"):home.index("Prochaines échéances")]
    # Closing soon first: its deadline comes first.
    assert opened.index("Appel en clôture proche") < opened.index("Appel ouvert")
    for title in ("Appel à venir", "Appel clos", "Appel annulé", "Appel sans dates"):
        assert title not in opened
    upcoming = home[home.index("Prochaines échéances"):home.index("Derniers appels")]
    assert [date for date in ("10 mars 2025", "13 juin 2025", "1er juillet 2025") if date in upcoming] == sorted(
        ["10 mars 2025", "13 juin 2025", "1er juillet 2025"], key=upcoming.index)
    assert "1er décembre 2024" not in upcoming and "1er mai 2025" not in upcoming
    assert badges(status_site / "appels/index.html") == ["closing_soon", "open", "upcoming", "unknown", "closed", "cancelled"]


def test_legal_pages_use_the_publisher_configuration(built_site):
    legal = text_of(built_site / "mentions-legales/index.html")
    assert "Ce site est édité par [Nom de l'organisme qui publie le site]" in legal
    assert "{{" not in legal
    accessibility = text_of(built_site / "accessibilite/index.html")
    assert "non conforme" in accessibility
    footer = (built_site / "index.html").read_text(encoding="utf-8")
    assert "Accessibilité\u00a0: non conforme" in html.unescape(footer)


def test_nothing_is_loaded_from_another_site(built_site):
    for page in built_site.rglob("*.html"):
        raw = page.read_text(encoding="utf-8")
        assert not re.search(r'<(script|img|iframe|link)[^>]+(src|href)="(https?:)?//', raw), page
        assert "fonts.googleapis" not in raw and "fonts.gstatic" not in raw, page
    for sheet in built_site.rglob("*.css"):
        assert not re.search(r"@import\s+url\((\"|')?(https?:)?//", sheet.read_text(encoding="utf-8")), sheet


def test_search_index_is_built_in_french(built_site):
    entry = json.loads((built_site / "pagefind/pagefind-entry.json").read_text())
    assert "fr" in entry["languages"]
    assert entry["languages"]["fr"]["page_count"] >= 30


def test_every_part_left_out_of_the_search_says_so_as_pagefind_reads_it(built_site):
    """Pagefind reads `data-pagefind-ignore` bare, or valued `index` or `all`; another value (as
    Python-Markdown writes a bare attribute inside `markdown="1"`) draws a warning and a guess."""
    values = {(page.relative_to(built_site).as_posix(), value)
              for page in built_site.rglob("*.html")
              for value in re.findall(r'data-pagefind-ignore="([^"]*)"', page.read_text(encoding="utf-8"))}
    assert {found for found in values if found[1] not in ("index", "all")} == set()
    assert ("contribuer/index.html", "all") in values  # the guide's field reference


def test_content_is_never_trusted_as_html(tmp_path):
    project = copy_project(tmp_path)
    call = project / "regions/normandie/calls/normandie-connectee-deffinov.md"
    text = call.read_text(encoding="utf-8")
    # A tag in a text field is refused (tests/error_cases/html-in-text-fields.yml); other markup is shown as text.
    text = text.replace('title: "Normandie connectée', 'title: "[lien](javascript:alert(1)) Normandie connectée')
    text += '\n<script>alert(2)</script>\n\n<img src="x" onerror="alert(3)">\n\n[lien](javascript:alert(4))\n'
    call.write_text(text, encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    raw = (project / "site/appels/normandie-connectee-deffinov/index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in raw
    assert "onerror" not in raw and 'href="javascript:' not in raw
    assert "[lien](javascript:alert(1)) Normandie connectée" in raw


def test_invalid_content_stops_the_build_and_keeps_the_previous_site(tmp_path):
    project = copy_project(tmp_path)
    assert mkdocs_build(project).returncode == 0
    home = project / "site/index.html"
    before = home.read_bytes()
    call = project / "regions/normandie/calls/normandie-connectee-deffinov.md"
    call.write_text(call.read_text(encoding="utf-8").replace("deadline: 2023-04-28", "deadline: 2023-04-31"), encoding="utf-8")
    result = mkdocs_build(project)
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "Traceback" not in output
    assert (
        "  - regions/normandie/calls/normandie-connectee-deffinov.md, ligne 32, champ « calendar.waves[1].deadline » : "
        "la date « 2023-04-31 » n'existe pas ou est mal écrite."
    ) in output
    assert home.read_bytes() == before
    assert not (project / "site.partiel").exists()


def test_mkdocs_serve_shows_an_edited_call_on_reload(tmp_path):
    project = copy_project(tmp_path)
    with mkdocs_serve(project) as base:
        url = base + "appels/normandie-connectee-deffinov/"
        assert wait_for(lambda: "Normandie connectée" in fetch(url))
        call = project / "regions/normandie/calls/normandie-connectee-deffinov.md"
        call.write_text(call.read_text(encoding="utf-8").replace("budget: 2900000", "budget: 3100000"), encoding="utf-8")
        assert wait_for(lambda: "3\u00a0100\u00a0000\u00a0€" in fetch(url))


def test_mkdocs_serve_gives_the_calendars_and_feeds_of_the_last_save(tmp_path):
    # A preview writes them when they are requested, not at every save (plugin.WrittenOnRequest).
    project = copy_project(tmp_path)
    with mkdocs_serve(project) as base:
        files = [base + "appels/normandie-connectee-deffinov/calendrier.ics", base + "regions/normandie/calendrier.ics",
                 base + "regions/normandie/flux.atom", base + "appels/flux.atom"]
        for file in files:
            assert wait_for(lambda: "Normandie connectée" in fetch(file)), file
        call = project / "regions/normandie/calls/normandie-connectee-deffinov.md"
        call.write_text(call.read_text(encoding="utf-8").replace("Normandie connectée", "Normandie reliée"),
                        encoding="utf-8")
        for file in files:
            assert wait_for(lambda: "Normandie reliée" in fetch(file)), file


def test_every_internal_link_and_anchor_resolves(built_site):
    broken = broken_links(built_site)
    assert broken == [], "\n".join(broken)


def test_a_strict_warning_also_keeps_the_previous_site(tmp_path):
    project = copy_project(tmp_path)
    assert mkdocs_build(project).returncode == 0
    before = (project / "site/suivre/index.html").read_bytes()
    page = project / "content/suivre.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[lien cassé](nulle-part.md)\n", encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 1
    assert "nulle-part.md" in result.stderr
    assert "Le site précédent est conservé tel quel" in result.stderr
    assert (project / "site/suivre/index.html").read_bytes() == before
    assert not (project / "site.partiel").exists()


def card_text(page: Path, title: str) -> str:
    """The text of the card of the call `title` in a list page."""
    for card in re.findall(r'<li class="deffinov-card".*?</li>', page.read_text(encoding="utf-8"), flags=re.S):
        text = html_to_text(card)
        if title in text:
            return text
    raise AssertionError(f"no card for {title} in {page}")


def test_a_year_the_sources_do_not_confirm_is_said_wherever_the_date_appears(built_site):
    bfc = text_of(built_site / "appels/aap-deffinov-bfc/index.html")
    assert "Vague 1 10 septembre 2022 (année non confirmée) 19 h 00" in bfc
    assert "Vague 2 5 octobre 2022 (année non confirmée) 19 h 00" in bfc
    assert "Dernière date limite 5 octobre 2022 à 19 h 00 , heure de Paris (année non confirmée)" in bfc
    assert "Publication 19 juin 2022 (année non confirmée)" in bfc
    for page in ("appels/index.html", "regions/bourgogne-franche-comte/index.html"):
        assert card_text(built_site / page, "AAP DEFFINOV en BFC").endswith(
            "Dernière date limite : 5 octobre 2022 à 19 h 00 , heure de Paris (année non confirmée)"), page


def test_several_deposit_channels_and_the_date_that_counts(built_site):
    bfc = text_of(built_site / "appels/aap-deffinov-bfc/index.html")
    assert ("Modes de dépôt Courrier postal : DREETS Bourgogne-Franche-Comté, Besançon (adresse complète non reprise "
            "par la source) Exemplaire papier du dossier. Courriel Copie numérique du dossier") in bfc
    assert "Date qui fait foi la date d'envoi de l'exemplaire papier, cachet de la poste faisant foi" in bfc
    assert "Partenaires possibles des branches professionnelles des entreprises" in bfc
    assert "Ancienneté des membres Chaque membre compte au moins un an d'activité" in bfc


def test_two_stages_whose_deadlines_are_unknown(built_site):
    hdf = text_of(built_site / "appels/connaissance-hauts-de-france/index.html")
    assert "Étape Ouverture Date limite Heure limite" in hdf
    assert "Note d'opportunité — Pré-sélection (dossier court) non communiquée non communiquée" in hdf
    assert "Dossier complet 15 mars 2023 (année non confirmée) non communiquée non communiquée" in hdf
    assert "Rythme des dépôts en 2 étapes" in hdf
    assert "Dispositif de financement Pacte régional d'investissement dans les compétences (PACTE / PRIC)" in hdf
    assert "Annexe « teams model » (annexe, pas d'adresse en ligne connue)" in hdf
    raw = (built_site / "appels/connaissance-hauts-de-france/index.html").read_text(encoding="utf-8")
    assert 'href="https://c2rp.fr/faq-appel-a-projets-regional-tiers-lieux-hdf"' in raw


def test_a_region_page_follows_who_runs_its_calls(built_site):
    bfc = text_of(built_site / "regions/bourgogne-franche-comte/index.html")
    assert "1 appel DEFFINOV Tiers-lieux connu pour ce territoire. Organisme porteur : DREETS Bourgogne-Franche-Comté." in bfc
    # The region's own card does not repeat the region's name.
    assert "clos Bourgogne-Franche-Comté" not in bfc


def test_every_source_is_a_link(built_site):
    for page in list(built_site.glob("appels/*/index.html")) + list(built_site.glob("regions/*/index.html")):
        raw = page.read_text(encoding="utf-8")
        if '<ul class="deffinov-sources">' in raw:
            sources = raw.split('<ul class="deffinov-sources">', 1)[1].split("</ul>", 1)[0]
            assert sources.count("<li>") == sources.count('<li><a href="http'), page


def test_french_spacing_keeps_punctuation_and_amounts_on_their_line(built_site):
    """No line may start with « : », « ; » or « € »: their spaces are non-breaking on every page."""
    breakable = []
    for page in built_site.rglob("*.html"):
        raw = page.read_text(encoding="utf-8")
        if '<article class="md-content__inner md-typeset">' not in raw:
            continue
        text = html_to_text(article_html(raw), gap="", drop=("script",), fold=False)
        breakable += [f"{page.relative_to(built_site)}: …{m.group(0)}…" for m in re.finditer(r"\S+ [:;!?»€]|« |\d \d{3}", text)]
    assert breakable == [], breakable[:10]


def test_the_calendar_page_lists_the_coming_dates_by_month_and_each_year_page_the_rest(status_site):
    """Built on 1 March 2025: /calendrier/ holds the dates from March on; the year pages hold
    every date of their year, the past ones too."""
    text = text_of(status_site / "calendrier/index.html")
    months = ["Mars 2025", "Avril 2025", "Mai 2025", "Juin 2025", "Juillet 2025"]
    assert all(m in text for m in months) and months == sorted(months, key=text.index)
    assert "Décembre 2024" not in text and "Janvier 2025" not in text
    assert "à partir de mars 2025, mois où cette page a été construite" in text
    assert "10 mars 2025 à 12 h 00, heure de Cayenne : Date limite : Dépôt des candidatures, Appel en clôture proche (Guyane)" in text
    raw = (status_site / "calendrier/index.html").read_text(encoding="utf-8")
    assert raw.count("<li data-regions=") == 5
    assert '<svg viewBox="0 0 720' in raw and 'role="img" aria-labelledby="frise-titre frise-description"' in raw
    # One row per region with a dated call, whatever the number of its calls.
    assert raw.count('<g class="deffinov-timeline__row') == 2
    past = text_of(status_site / "calendrier/2024/index.html")
    assert "Décembre 2024" in past and "1er décembre 2024" in past
    year = (status_site / "calendrier/2025/index.html").read_text(encoding="utf-8")
    assert year.count("<li data-regions=") == 7 and "Janvier 2025" in text_of(status_site / "calendrier/2025/index.html")


def test_the_calendar_says_when_a_year_is_not_confirmed(built_site):
    text = text_of(built_site / "calendrier/2022/index.html")
    assert "10 septembre 2022 à 19 h 00, heure de Paris : Date limite : Vague 1, AAP DEFFINOV en BFC (Bourgogne-Franche-Comté) (année non confirmée)" in text


def test_the_calendar_page_holds_the_coming_dates_and_each_year_has_its_page(built_site):
    """No page lists every event the site has recorded: /calendrier/ starts on the first day of
    the build's month (the real calls of 2022-2024 are over), and links to each year's page."""
    text = text_of(built_site / "calendrier/index.html")
    month = french.french_month(dt.date.today())
    assert f"à partir de {month}, mois où cette page a été construite" in text
    links = list(dict.fromkeys(re.findall(r'href="(\d{4})/"', (built_site / "calendrier/index.html").read_text(encoding="utf-8"))))
    assert "2022" in links and links == sorted(links)
    for year in links:
        page = text_of(built_site / f"calendrier/{year}/index.html")
        assert f"Calendrier des appels : {year}" in page and f"deffinov-tiers-lieux-{year}.ics" in (
            built_site / f"calendrier/{year}/index.html").read_text(encoding="utf-8")
    if int(links[-1]) < dt.date.today().year:
        assert f"Aucune date n'est connue à partir de {month}. Les dates passées sont sur la page de chaque année" in text


def test_feed_readers_find_the_feeds_from_the_pages(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate feed" type="application/atom+xml" title="Appels à projets DEFFINOV Tiers-lieux" href="appels/flux.atom">' in home
    region = (built_site / "regions/normandie/index.html").read_text(encoding="utf-8")
    assert 'title="Appels à projets DEFFINOV Tiers-lieux – Normandie" href="flux.atom"' in region
