"""Atom feeds of new and amended calls, read by feedparser as a feed reader would."""

from __future__ import annotations

import feedparser

from conftest import REPO, VALID_CALL
from generator import pipeline
from generator.project import Project


def feeds(root, site_url="") -> dict[str, str]:
    project = Project.at(root) if root == REPO else Project(
        root, root / "content", REPO / "theme" / "deffinov", today="2025-03-02", site_url=site_url)
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
