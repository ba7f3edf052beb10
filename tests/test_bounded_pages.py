"""No page grows with every call (issue 18): the home page shows a bounded selection of each
section, says how many there were on its day and links to the whole; lists and calendars go page
after page."""

from __future__ import annotations

import os
import re
import time

import pytest

from generator.build import pipeline
from generator.build.cache import Memo
from generator.outputs.pages import SELECTION
from generator.presentation.agenda import AGENDA_PAGE_SIZE
from generator.settings import Project
from helpers import REPO, VALID_CALL, every_planned, html_to_text

OPEN_CALLS = SELECTION + 3


def home_of(repo, today: str) -> str:
    project = Project(repo.root, repo.root / "content", REPO / "theme" / "deffinov", today=today)
    return next(f.content for f in pipeline.render(pipeline.check(project)) if f.uri == "index.md")


def test_the_home_page_shows_a_bounded_selection_and_links_to_every_open_call(repo):
    for number in range(OPEN_CALLS):
        repo.call(f"regions/bretagne/calls/appel-{number:02d}.md")
    home = home_of(repo, "2025-02-01")
    open_section = home.split('id="appels-ouverts"', 1)[1].split('id="prochaines-echeances"', 1)[0]
    assert open_section.count("data-deffinov-call") == SELECTION
    text = html_to_text(open_section, fold=False, plain_spaces=True)
    assert f"Le 1er février 2025, {OPEN_CALLS} appels étaient ouverts ; voici les {SELECTION} dont la date limite était la plus proche." in text
    assert re.search(r'href="appels/\?statut=open">Tous les appels ouverts</a>', open_section)
    deadlines = home.split('id="prochaines-echeances"', 1)[1].split('id="derniers-appels"', 1)[0]
    assert deadlines.count("<li data-moment") == SELECTION
    assert f"Les {SELECTION} prochaines sur {OPEN_CALLS * 2} connues le 1er février 2025." in html_to_text(
        deadlines, fold=False, plain_spaces=True)


def test_a_short_list_is_shown_whole_without_a_count(repo):
    for number in range(3):
        repo.call(f"regions/bretagne/calls/appel-{number:02d}.md")
    home = home_of(repo, "2025-02-01")
    assert home.count("data-deffinov-call") == 3
    assert "appels étaient ouverts" not in home and "prochaines sur" not in home


def _comparison_of(repo, today: str) -> str:
    project = Project(repo.root, repo.root / "content", REPO / "theme" / "deffinov", today=today)
    return next(f.content for f in pipeline.render(pipeline.check(project)) if f.uri == "comparaison/index.md")


def _dated(title: str, year: int) -> str:
    return VALID_CALL.replace("title: Appel de test", f"title: {title}").replace("2025-", f"{year}-")


def test_the_comparison_shows_one_call_a_region_the_live_one_first(repo):
    repo.call("regions/bretagne/calls/ancien.md", _dated("Appel breton de 2023", 2023))
    repo.call("regions/bretagne/calls/en-cours.md", _dated("Appel breton de 2025", 2025))
    repo.call("regions/bretagne/calls/plus-ancien.md", _dated("Appel breton de 2022", 2022))
    repo.call("regions/guyane/calls/guyane.md", _dated("Appel guyanais de 2024", 2024))
    page = _comparison_of(repo, "2025-02-01")
    heads = page.split("<thead>", 1)[1].split("</thead>", 1)[0]
    assert re.findall(r'deffinov-compare__call">([^<]+)<', heads) == ["Appel breton de 2025", "Appel guyanais de 2024"]
    text = html_to_text(page, fold=False, plain_spaces=True)
    assert "2 appels sur les 4 connus" in text and "appels.csv" in text
    # Once every call is over, a region's most recent one is its column.
    later = _comparison_of(repo, "2026-01-05")
    heads = later.split("<thead>", 1)[1].split("</thead>", 1)[0]
    assert re.findall(r'deffinov-compare__call">([^<]+)<', heads) == ["Appel breton de 2025", "Appel guyanais de 2024"]


def test_a_region_with_many_calls_lists_them_page_after_page(repo):
    from generator.presentation.catalog import PAGE_SIZE

    for number in range(PAGE_SIZE + 5):
        repo.call(f"regions/bretagne/calls/appel-{number:02d}.md")
    project = Project(repo.root, repo.root / "content", REPO / "theme" / "deffinov", today="2025-02-01")
    files = {f.uri: f.content for f in pipeline.render(pipeline.check(project))}
    first, second = files["regions/bretagne/index.md"], files["regions/bretagne/page-2/index.md"]
    assert "regions/bretagne/page-3/index.md" not in files
    assert first.count("data-deffinov-call") == PAGE_SIZE and second.count("data-deffinov-call") == 5
    text = html_to_text(first, fold=False, plain_spaces=True)
    assert f"{PAGE_SIZE + 5} appels DEFFINOV Tiers-lieux connus pour ce territoire" in text and "(page 1 sur 2)" in text
    assert 'href="page-2/" rel="next"' in first and 'href="../" rel="prev"' in second


def test_a_region_page_names_twelve_places_and_links_to_the_whole_list(repo):
    places = SELECTION + 2
    for number in range(places):
        repo.write(f"regions/bretagne/providers/lieu-{number:02d}.yml",
                   f"name: Lieu {number:02d}\nkind: tiers-lieu\nsummary: Un lieu de test.\n"
                   "place:\n  city: Rennes\n  latitude: 48.11\n  longitude: -1.68\nlast_updated: 2025-01-10\n")
        repo.write(f"regions/bretagne/resources/ressource-{number:02d}.md",
                   f'---\ntitle: "Ressource {number:02d}"\ntype: equipement\nprovider: lieu-{number:02d}\n'
                   "summary: Une ressource de test.\nfees: Gratuit\nlast_updated: 2025-01-10\n---\nTexte.\n")
    project = Project(repo.root, repo.root / "content", REPO / "theme" / "deffinov", today="2025-02-01")
    page = next(f.content for f in pipeline.render(pipeline.check(project)) if f.uri == "regions/bretagne/index.md")
    places_section = page.split('id="ressources"', 1)[1]
    assert len(re.findall(r'href="[^"]*lieux/lieu-\d\d/"', places_section)) == SELECTION
    text = " ".join(html_to_text(places_section, fold=False, plain_spaces=True).split())
    assert f"Et {places - SELECTION} autres lieux et collectifs : tous, avec leurs ressources, dans la liste des ressources en Bretagne" in text


def test_a_year_of_many_dates_is_split_into_pages_and_the_calendar_page_shows_one(repo):
    """70 calls of three dates each in 2025: the year's 210 dates take two pages, the second going
    on with June; /calendrier/, built before them, shows the first page's worth and links on; the
    timeline keeps one row per region and one dot per date, however many calls share it."""
    calls = AGENDA_PAGE_SIZE // 3 + 4
    for number in range(calls):
        repo.call(f"regions/{'bretagne' if number % 2 else 'guyane'}/calls/appel-{number:02d}.md")
    project = Project(repo.root, repo.root / "content", REPO / "theme" / "deffinov", today="2024-12-01")
    plan = pipeline.check(project)
    files = {f.uri: f.content for f in pipeline.render(plan)}
    assert set(files) == {planned.uri for planned in every_planned(plan)}  # the pages are planned before rendering
    first, second = files["calendrier/2025/index.md"], files["calendrier/2025/page-2/index.md"]
    assert "calendrier/2025/page-3/index.md" not in files
    assert first.count("<li data-regions=") == AGENDA_PAGE_SIZE
    assert second.count("<li data-regions=") == calls * 3 - AGENDA_PAGE_SIZE
    assert html_to_text(second, fold=False, plain_spaces=True).count("Juin 2025 (suite)") == 1
    # Each page lists the months of the year with the page each begins on.
    for page in (first, second):
        months = re.findall(r'<li><a href="([^"]*)#mois-(\d{4}-\d{2})">', page)
        assert [month for _, month in months] == ["2025-01", "2025-03", "2025-06"]
    assert re.search(r'href="page-2/">2</a>', first) and re.search(r'href="\.\./">1</a>', second)
    # /calendrier/ stops after a page's worth and says where the rest is.
    coming = files["calendrier/index.md"]
    assert coming.count("<li data-regions=") == AGENDA_PAGE_SIZE
    text = html_to_text(coming, gap="", fold=False, plain_spaces=True)
    assert f"Voici les {AGENDA_PAGE_SIZE} premières dates à venir ; la suite, à partir du 13 juin 2025, est sur la page de 2025." in text
    assert 'href="2025/page-2/#mois-2025-06"' in coming
    rows = re.findall(r'<g class="deffinov-timeline__row">(.*?)</g>', first, re.S)
    assert len(rows) == 2 and all(row.count("<circle") == 2 for row in rows)
    assert f"Bretagne : {calls // 2} appels, {calls} dates limites" in html_to_text(rows[0], fold=False, plain_spaces=True)


@pytest.mark.slow  # a clean build after each rebuild
def test_a_preview_renders_again_the_list_and_calendar_pages_a_saved_call_changes(repo):
    """`mkdocs serve` keeps a list or calendar page whose calls did not change: in verify mode each
    rebuild is compared with a clean build, while saved calls move between pages, months and years."""
    calls = AGENDA_PAGE_SIZE // 3 + 4
    paths = [repo.call(f"regions/{'bretagne' if n % 2 else 'guyane'}/calls/appel-{n:02d}.md") for n in range(calls)]
    moment = time.time() - 3600  # saved an hour ago: trusted by the cache (generator/build/cache.py)
    for path in repo.root.rglob("*"):
        if path.is_file():
            os.utime(path, (moment, moment))
    project = Project(repo.root, repo.root / "content", REPO / "theme" / "deffinov", today="2024-12-01")
    memo = Memo(verify=True)

    def rebuild() -> dict:  # raises CacheMismatch, naming the files, unless equal to a clean build
        return {f.uri: f.content for f in pipeline.render(pipeline.check(project, memo), memo=memo)}

    rebuild()
    paths[0].write_text(paths[0].read_text(encoding="utf-8").replace("2025-01-06", "2025-02-03"), encoding="utf-8")
    second = rebuild()
    assert "Février 2025" in html_to_text(second["calendrier/2025/index.md"], fold=False)
    assert 'href="../#mois-2025-02">février 2025</a>' in second["calendrier/2025/page-2/index.md"]
    paths[1].write_text(paths[1].read_text(encoding="utf-8").replace("2025-", "2026-"), encoding="utf-8")
    assert "calendrier/2026/index.md" in rebuild()
    paths[2].unlink()
    assert "appels/appel-02/index.md" not in rebuild()


def test_the_timeline_draws_a_regions_overlapping_calls_as_one_span_and_distant_ones_apart():
    import datetime as dt

    from generator.content.fields import FuzzyDate
    from generator.presentation.agenda import AgendaEvent
    from generator.presentation.timeline import timeline

    def call(*days: str) -> list[AgendaEvent]:
        return [AgendaEvent(f"e{n}", "deadline", "Date limite", FuzzyDate(date=dt.date.fromisoformat(day)), None,
                            "Europe/Paris", None) for n, day in enumerate(days)]

    drawn = timeline([("Bretagne", [call("2025-01-10", "2025-04-10"), call("2025-03-01", "2025-06-01"),
                                    call("2025-11-01", "2025-12-01")])], dt.date(2025, 1, 1))
    assert len(drawn.rows[0].spans) == 2 and drawn.rows[0].calls == 3 and drawn.rows[0].deadlines_count == 6
