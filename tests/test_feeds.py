"""Atom feeds of new and amended calls, read by feedparser as a feed reader would."""

from __future__ import annotations

import feedparser

from helpers import REPO, VALID_CALL
from generator.build import pipeline
from generator.settings import Project


def feeds(root, site_url="", publisher="") -> dict[str, str]:
    project = Project.at(root) if root == REPO else Project(
        root, root / "content", REPO / "theme" / "deffinov", today="2025-03-02", site_url=site_url,
        publisher=publisher)
    return {f.uri: f.content for f in pipeline.render(pipeline.check(project)) if f.uri.endswith(".atom")}


def test_every_feed_of_the_real_site_is_read_without_error_and_every_entry_is_complete():
    files = feeds(REPO)
    assert "appels/flux.atom" in files and "regions/mayotte/flux.atom" in files
    for name, text in files.items():
        parsed = feedparser.parse(text)
        assert not parsed.bozo, (name, parsed.get("bozo_exception"))
        assert parsed.feed.title and parsed.feed.id and parsed.feed.updated_parsed, name
        assert parsed.feed.language == "fr", name
        for entry in parsed.entries:
            assert entry.title and entry.id.startswith("tag:deffinov-tiers-lieux,2022:"), name
            assert entry.link and entry.updated_parsed, name
    everything = feedparser.parse(files["appels/flux.atom"])
    assert len(everything.entries) == len(list((REPO / "regions").glob("*/calls/*.md")))


def test_an_amendment_is_an_entry_of_its_own_with_absolute_links_when_the_address_is_known(repo):
    repo.call("regions/bretagne/calls/appel.md", VALID_CALL.replace(
        "last_checked: 2025-01-10\n",
        "amendments:\n  - date: 2025-03-01\n    text: Date limite de la vague 2 reportée au 27 juin.\nlast_checked: 2025-01-10\n"))
    files = feeds(repo.root, site_url="https://appels.exemple.fr/")
    region = feedparser.parse(files["regions/bretagne/flux.atom"])
    assert [e.title for e in region.entries] == ["Modification : Appel de test", "Appel à projets : Appel de test"]
    newest = region.entries[0]
    assert newest.id == "tag:deffinov-tiers-lieux,2022:appels/appel/modifications/1"
    assert newest.summary == "1er mars 2025 : Date limite de la vague 2 reportée au 27 juin."
    assert newest.link == "https://appels.exemple.fr/appels/appel/"
    assert region.feed.updated.startswith("2025-03-01")
    assert feedparser.parse(files["regions/guyane/flux.atom"]).entries == []


def test_the_calls_recorded_after_they_closed_are_not_announced_as_new_calls():
    """The first import added 2022–2024 calls in November 2026: a feed reader must not take them for news."""
    everything = feedparser.parse(feeds(REPO)["appels/flux.atom"])
    runners = {name for call in pipeline.check(Project.at(REPO)).site.calls for name in call.data.run_by}
    assert "Région Grand Est" in runners
    for entry in everything.entries:
        assert entry.title.startswith("Appel clos ajouté au site : "), entry.title
        assert entry.published[:10] in ("2026-11-25", "2026-11-26") and entry.updated[:10] == entry.published[:10]
        day = "25" if entry.published.startswith("2026-11-25") else "26"
        assert entry.summary.startswith(f"Fiche ajoutée au site le {day} novembre 2026. Ce n'est pas un nouvel appel : "
                                        "au jour de l'ajout, il était clos"), entry.summary
        # The text is the site's: its author is the site, never the body that runs the call.
        assert entry.author == "DEFFINOV Tiers-lieux" and entry.author not in runners
    assert everything.feed.author == "DEFFINOV Tiers-lieux"
    grand_est = next(e for e in everything.entries if "Grand Est" in e.title)
    assert "Dernière information datée : octobre 2022, source « Tiers-lieux compétences et formation »" in grand_est.summary


def test_a_new_call_is_dated_by_its_publication_and_an_old_one_by_the_day_it_was_recorded(repo):
    repo.call("regions/bretagne/calls/nouveau.md", VALID_CALL.replace(
        "calendar:\n", "run_by:\n  - Région Bretagne\ncalendar:\n  published: 2025-01-02\n").replace(
        "last_checked: 2025-01-10\n", "recorded: 2025-01-08\nlast_checked: 2025-01-10\n"))
    repo.call("regions/guyane/calls/ancien.md", VALID_CALL.replace("Appel de test", "Appel de 2024").replace(
        "  opens: 2025-01-06\n  waves:\n    - label: Vague 1\n      deadline: 2025-03-14\n      time: \"12:00\"\n"
        "    - label: Vague 2\n      deadline: 2025-06-13\n", "  waves:\n    - deadline: 2024-11-29\n").replace(
        "last_checked: 2025-01-10\n", "recorded: 2025-02-20\nlast_checked: 2025-02-20\n"))
    files = feeds(repo.root, site_url="https://appels.exemple.fr/", publisher="Région exemple, service numérique")
    parsed = feedparser.parse(files["appels/flux.atom"])
    assert not parsed.bozo
    old, new = parsed.entries  # newest first: recorded on 20 February, then on 8 January
    assert new.title == "Appel à projets : Appel de test"
    assert new.published.startswith("2025-01-02") and new.updated.startswith("2025-01-08")
    assert new.summary == "Un appel pour les tests. Appel publié le 2 janvier 2025. Fiche ajoutée au site le 8 janvier 2025."
    assert old.title == "Appel clos ajouté au site : Appel de 2024"
    assert old.published.startswith("2025-02-20") and old.updated.startswith("2025-02-20")
    assert old.summary == ("Fiche ajoutée au site le 20 février 2025. Ce n'est pas un nouvel appel : au jour de l'ajout, "
                           "il était clos. Dernière information datée : 29 novembre 2024, date limite (Dépôt des "
                           "candidatures). Un appel pour les tests.")
    for entry in (old, new, parsed.feed):
        assert entry.author_detail == {"name": "Région exemple, service numérique", "href": "https://appels.exemple.fr/"}
    # A placeholder left in mkdocs.yml is not an author: the site's name stands in.
    placeholder = feedparser.parse(feeds(repo.root, publisher="[Nom de l'organisme qui publie le site]")["appels/flux.atom"])
    assert placeholder.feed.author == "DEFFINOV Tiers-lieux"
