"""The site search (Pagefind) indexes the pages it is given, however many, and those only."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from generator.build.site_search import TREE_PREFIX, index_site, link_pages

ONE_ARGUMENT = 128 * 1024  # the longest argument Linux passes to a program (MAX_ARG_STRLEN)


def _page(site: Path, relative: str, title: str) -> None:
    path = site / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'<!doctype html><html lang="fr"><head><title>{title}</title></head>'
                    f"<body><main><h1>{title}</h1><p>Un appel pour les tiers-lieux.</p></main></body></html>",
                    encoding="utf-8")


def indexed_urls(bundle: Path) -> set[str]:
    """The address of every page in a Pagefind bundle, read from its fragments (one a page)."""
    urls = set()
    for fragment in (bundle / "fragment").iterdir():
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        urls.add(json.loads(data[len(b"pagefind_dcd"):])["url"])
    return urls


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
