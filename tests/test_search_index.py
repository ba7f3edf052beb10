"""The site search (Pagefind) indexes the pages it is given, however many, and those only."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from generator.build.site_search import TREE_PREFIX, index_site, link_pages
from generator.build import site_search
from helpers import VALID_CALL, build_in_this_process, copy_project

ONE_ARGUMENT = 128 * 1024  # the longest argument Linux passes to a program (MAX_ARG_STRLEN)


def _page(site: Path, relative: str, title: str) -> None:
    path = site / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'<!doctype html><html lang="fr"><head><title>{title}</title></head>'
                    f"<body><main><h1>{title}</h1><p>Un appel pour les tiers-lieux.</p></main></body></html>",
                    encoding="utf-8")


def indexed_pages(bundle: Path) -> dict[str, dict]:
    """Every page of a Pagefind bundle, by address, as its fragment holds it (one a page): the text
    a result is made from ("content"), its title ("meta")."""
    pages = {}
    for fragment in (bundle / "fragment").iterdir():
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        page = json.loads(data[len(b"pagefind_dcd"):])
        pages[page["url"]] = page
    return pages


def indexed_urls(bundle: Path) -> set[str]:
    """The address of every page in a Pagefind bundle."""
    return set(indexed_pages(bundle))


def test_pagefind_indexes_more_pages_than_one_argument_can_name_and_only_those(tmp_path):
    site = tmp_path / "site"
    pages = [f"appels/appel-a-projets-regional-tiers-lieux-formation-professionnelle-{n:04d}/index.html"
             for n in range(3000)]
    # Names a glob would read as patterns: indexed as written, like any other.
    pages += ["appels/appel-{a,b}-[2027]/index.html", "appels/question?-oui!/index.html"]
    for number, page in enumerate(pages):
        _page(site, page, f"Appel {number}")
    for number in range(40):  # written beside them, not given: the catalog's pages
        _page(site, f"catalogue/ressource-{number}/index.html", f"Ressource {number}")
    assert len("{" + ",".join(pages) + "}") > ONE_ARGUMENT

    index_site(site, pages=pages)

    entry = json.loads((site / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["fr"]["page_count"] == len(pages)
    urls = indexed_urls(site / "pagefind")
    assert urls == {"/" + page.removesuffix("index.html") for page in pages}
    assert not any(TREE_PREFIX in path.name for path in site.iterdir())  # the tree of links is gone


def test_pages_are_linked_not_copied_and_none_outside_the_site(tmp_path):
    site, tree = tmp_path / "site", tmp_path / "tree"
    _page(site, "index.html", "Accueil")
    _page(site, "appels/x/index.html", "Appel")
    (tmp_path / "secret.html").write_text("<html></html>", encoding="utf-8")
    given = link_pages(site, ["index.html", "appels/x/index.html", "absent/index.html", "../secret.html",
                              str(tmp_path / "secret.html")], tree)
    assert given == 2
    assert sorted(p.relative_to(tree).as_posix() for p in tree.rglob("*") if p.is_file()) == [
        "appels/x/index.html", "index.html"]
    assert (tree / "index.html").stat().st_ino == (site / "index.html").stat().st_ino


def test_the_search_finds_each_call_on_its_page_not_on_the_lists_that_repeat_it(tmp_path, monkeypatch):
    """A list's next pages (a region's calls, all calls, a year of the calendar) are left out of the
    site search, and the calendar's dates as the lists of calls are: searching a call's name gives
    its page, not every page that lists it (nor "page 2 of 3" of a list, under the same title)."""
    project = copy_project(tmp_path / "project", today="2025-02-01")  # their deadlines to come: on the home page
    for number in range(70):  # three dates each in 2025: more than a calendar page holds
        (project / f"regions/bretagne/calls/appel-de-test-{number:02d}.md").write_text(
            VALID_CALL.replace("title: Appel de test", f"title: Appel Quenouille n° {number:02d}"), encoding="utf-8")
    given = []
    index = site_search.index_site
    monkeypatch.setattr(site_search, "index_site", lambda site, bundle=None, pages=None, **options: (
        given.extend(pages), index(site, bundle, pages, **options)))
    site = project / "site"
    build_in_this_process(project, site)
    indexed = indexed_pages(site / "pagefind")

    next_pages = {"/" + page.parent.relative_to(site).as_posix() + "/" for page in site.glob("**/page-*/index.html")
                  if not page.is_relative_to(site / "catalogue") and not page.is_relative_to(site / "lieux")}
    for first_page in ("/appels/", "/regions/bretagne/", "/calendrier/2025/"):
        assert first_page + "page-2/" in next_pages  # built, and reachable from the first page
        assert first_page in indexed
    assert next_pages and not next_pages & set(indexed)
    # Nor read: Pagefind's time and memory follow the pages it reads.
    assert len(given) == len(set(given)) == len(indexed)
    assert '"exclude": true' not in (site / "appels/page-2/index.html").read_text(encoding="utf-8")
    # Marked so for Pagefind as well, should it read the whole site.
    assert "data-pagefind-body" not in (site / "appels/page-2/index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" in (site / "appels/index.html").read_text(encoding="utf-8")

    # Each call is found on its page; the lists name them without being found for them.
    assert "Appel Quenouille n° 07" in indexed["/appels/appel-de-test-07/"]["meta"]["title"]
    found = {url for url, page in indexed.items() if "Quenouille" in page["content"] + page["meta"]["title"]}
    assert {f"/appels/appel-de-test-{number:02d}/" for number in range(70)} <= found
    lists = {"/", "/appels/", "/regions/bretagne/", "/calendrier/", "/calendrier/2025/"}
    assert lists <= set(indexed) and not found & lists
    assert "Quenouille" in (site / "calendrier/2025/index.html").read_text(encoding="utf-8")
    assert "Quenouille" in (site / "regions/bretagne/index.html").read_text(encoding="utf-8")


def test_a_page_s_front_matter_keeps_it_out_of_the_search_only_as_material_says():
    from types import SimpleNamespace

    from generator.mkdocs.plugin import _searched

    assert _searched(None) and _searched(SimpleNamespace(meta={}))
    assert not _searched(SimpleNamespace(meta={"search": {"exclude": True}}))
    assert not _searched(SimpleNamespace(meta={"robots": "noindex"}))
    # Another value under `search` (an editor's page: `search: non`, or Material's `boost`) is no exclusion.
    assert _searched(SimpleNamespace(meta={"search": "non"})) and _searched(SimpleNamespace(meta={"search": {"boost": 2}}))
