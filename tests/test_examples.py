"""The catalog's example entries (issue 16): marked from their `example` field, not from their
wording, on every page, count and export that shows them; never tied to a real call or place."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from lxml import html
from playwright.sync_api import expect

from browser import serve
from helpers import REPO, article_text, copy_project, parse_page, read_text
from generator.content.loading import load_content
from generator.content.reading import split_front_matter

RESOURCES = sorted(REPO.glob("regions/*/resources/*.md"))
PROVIDERS = sorted(REPO.glob("regions/*/providers/*.yml"))


def fields(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(split_front_matter(text)[0] if path.suffix == ".md" else text)


def examples_in(paths, region: str | None = None) -> int:
    return sum(1 for path in paths if fields(path).get("example") and (region is None or path.parts[-3] == region))


def test_the_example_entries_carry_no_mark_in_their_wording():
    # What marks an example is its field: a title or a name that says "(exemple)" would hide a
    # page that forgets to read the field.
    assert examples_in(RESOURCES) and examples_in(PROVIDERS)
    for path in RESOURCES + PROVIDERS:
        data = fields(path)
        assert "exemple" not in (data.get("title") or data.get("name")).lower(), path
        if path.suffix == ".md":  # the body, which the public reads (a YAML comment is for editors)
            assert "catalog_examples" not in split_front_matter(path.read_text(encoding="utf-8"))[1], path


def examples_count(number: str) -> str:
    """A facet's count whose entries are all examples, as the page writes it."""
    return f"({number}, dont {number}\u00a0{'exemple' if int(number) < 2 else 'exemples'})"


def test_every_count_of_the_catalog_says_how_many_examples_it_includes(built_site):
    resources, providers = len(RESOURCES), len(PROVIDERS)
    text = article_text(built_site / "catalogue/index.html")
    assert (f"{resources} ressources, dont {examples_in(RESOURCES)} exemples, proposées par {providers} lieux et "
            f"collectifs, dont {examples_in(PROVIDERS)} exemples.") in text
    tree = parse_page(built_site, "catalogue")
    counts = tree.xpath("//*[@data-facet]//span[@data-count]/text()")
    # Every facet value counts examples only, each count in French: "1 exemple", "2 exemples".
    assert counts and all((number := re.match(r"\((\d+),", count)) and count == examples_count(number[1])
                          for count in counts), counts
    browse = [read_text(item) for item in tree.xpath("//ul[@class='deffinov-browse']/li")]
    assert "Équipements (3, dont 3 exemples)" in browse
    # Regions are browsed from the map and its table, not from a third list of the same links.
    assert not [item for item in browse if item.startswith("Bretagne")]
    # The map: each area's name and count, the table beside it, and a note under its legend.
    assert tree.xpath("//svg//a[@aria-label='Bretagne : 3 ressources, dont 3 exemples']")  # attribute values: plain spaces
    assert tree.xpath("//svg//a[@aria-label='Corse : 0 ressource']")
    table = "//table[contains(@class, 'deffinov-map__table')]"
    header = [read_text(cell) for cell in tree.xpath(f"{table}//thead//th")]
    assert header == ["Région ou territoire, puis ses lieux", "Lieux", "Ressources"]
    row = [read_text(cell) for cell in tree.xpath(f"{table}//tr[th/a[text()='Bretagne']]/*")]
    places, resources_here = examples_in(PROVIDERS, "bretagne"), examples_in(RESOURCES, "bretagne")
    plural = lambda n: f"{n} exemple" + ("s" if n > 1 else "")  # noqa: E731
    assert row == ["Bretagne", f"{places}, dont {plural(places)}", f"{resources_here}, dont {plural(resources_here)}"]
    # Its place, a row under it, marked as an example in its name as the map's circle is.
    place = [read_text(cell) for cell in tree.xpath(f"{table}//tr[th/a[text()='Bretagne']]/following-sibling::tr[1]/*")]
    assert place == ["La Fabrique du Coin, Rennes (exemple)", "1", f"{resources_here}, dont {plural(resources_here)}"]
    assert tree.xpath("//svg//a[@aria-label='La Fabrique du Coin, Rennes (exemple) : 3 ressources, dont 3 exemples']")
    assert f"Ces nombres comptent aussi {examples_in(RESOURCES)} fiches d'exemple, qui ne sont pas de vraies offres" in text
    listing = article_text(built_site / "catalogue/regions/bretagne/index.html")
    assert listing.startswith("Ressources en Bretagne 3 ressources, dont 3 exemples.")


def test_the_region_page_and_the_open_data_page_count_examples_as_examples(built_site):
    bretagne = article_text(built_site / "regions/bretagne/index.html")
    assert "3 ressources à utiliser ou emprunter en Bretagne, dont 3 exemples, proposées par : La Fabrique du Coin exemple" in bretagne
    opendata = article_text(built_site / "donnees-ouvertes/index.html")
    assert (f"{len(RESOURCES)} lignes, dont {examples_in(RESOURCES)} fiches d'exemple (colonne example à true), "
            "qui ne sont pas de vraies offres.") in opendata
    assert (f"{len(PROVIDERS)} lignes, dont {examples_in(PROVIDERS)} fiches d'exemple (colonne example à true)") in opendata


def test_an_example_page_says_so_in_its_title_and_keeps_editors_settings_to_editors(built_site):
    for address in ("catalogue/casques-realite-virtuelle", "lieux/la-fabrique-du-coin"):
        raw = (built_site / address / "index.html").read_text(encoding="utf-8")
        tree = html.fromstring(raw)
        assert tree.findtext(".//title").split(" - ")[0].endswith(" (exemple)")
        assert tree.xpath("//meta[@name='robots']/@content") == ["noindex"]
        assert read_text(tree.xpath("//h1")[0]).endswith(" exemple")
        text = article_text(built_site / address / "index.html")
        assert "catalog_examples" not in text and "Elle disparaît" not in text
        assert "Exemple : cette fiche montre ce que le catalogue peut présenter" in text


def test_an_example_may_not_claim_a_real_call_or_a_real_place(tmp_path):
    project = copy_project(tmp_path)
    resource = project / "regions/bretagne/resources/imprimante-3d.md"
    resource.write_text(resource.read_text(encoding="utf-8").replace(
        "example: true\n", "example: true\nfunded_by: deffinov-bretagne\n"), encoding="utf-8")
    real = project / "regions/bretagne/resources/casques-realite-virtuelle.md"
    real.write_text(real.read_text(encoding="utf-8").replace("example: true\n", ""), encoding="utf-8")
    found = sorted(error.format() for error in load_content(project).errors)
    assert len(found) == 2, found
    assert found[0].startswith("regions/bretagne/resources/casques-realite-virtuelle.md, ligne 4, champ « example » : "
                               "ressource réelle proposée par une fiche d'exemple (« la-fabrique-du-coin », example: true)")
    assert found[1].startswith("regions/bretagne/resources/imprimante-3d.md, ligne 20, champ « funded_by » : une fiche "
                               "d'exemple ne peut pas se dire financée par un appel réel")


def test_the_catalog_index_marks_examples_and_the_browser_counts_them(built_site, chromium):
    index = json.loads((built_site / "catalogue/index/facettes.json").read_text(encoding="utf-8"))
    assert index["examples"]  # every resource of the default content is an example
    with serve(built_site) as url:
        page = chromium.new_page()
        page.goto(url + "catalogue/")
        page.get_by_role("checkbox", name=re.compile("^Équipement")).check()
        expect(page.locator("[data-deffinov-catalog-count]")).to_have_text("3 ressources correspondent, dont 3\u00a0exemples.")
        expect(page.locator("[data-facet=region] label", has_text="Bretagne")).to_contain_text("(2, dont 2\u00a0exemples)")
        expect(page.locator("[data-deffinov-catalog-results] .deffinov-tag")).to_have_count(3)
        page.close()


@pytest.fixture(scope="module")
def without_examples(tmp_path_factory):
    """The real site with the example setting off: no count speaks of examples."""
    project = copy_project(tmp_path_factory.mktemp("sans-exemples"))
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("catalog_examples: true", "catalog_examples: false"),
                      encoding="utf-8")
    from conftest import mkdocs_build
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_without_examples_no_count_mentions_them(without_examples):
    for address in ("catalogue", "regions/bretagne", "donnees-ouvertes"):
        assert "dont" not in re.sub(r"dont l'année|ne donnent|dont les", "", article_text(without_examples / address / "index.html")), address
