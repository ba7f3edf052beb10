"""The catalog built from a small test catalog, read as a visitor would, with and without script."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest
from lxml import html as lxml_html
from playwright.sync_api import expect

from browser import serve
from helpers import CatalogIndexFiles, text_of
from generator.outputs.catalog_index import fold, word_groups

TYPE_LABELS = {"equipement": "Équipement", "module-immersif": "Module de formation immersif", "espace": "Espace"}
REGION_NAMES = {"bretagne": "Bretagne", "guyane": "Guyane", "occitanie": "Occitanie"}


def links_in(page) -> list[str]:
    raw = page.read_text(encoding="utf-8")
    cards = re.findall(r'<h2 class="deffinov-card__title"><a href="\.\./\.\./\.\./(?:\.\./)?([^"/]+)/"', raw)
    return cards


def test_facet_counts_on_the_page_equal_those_of_the_content(catalog_site):
    site, written = catalog_site
    raw = (site / "catalogue/index.html").read_text(encoding="utf-8")
    shown = dict(re.findall(r'name="type" value="([^"]+)"> [^<]+ <span class="deffinov-muted" data-count>\((\d+)\)', raw))
    expected = Counter(TYPE_LABELS[item["type"]].lower() for item in written)
    assert {value: int(count) for value, count in shown.items()} == dict(expected)
    shown = dict(re.findall(r'name="acces" value="([^"]+)"> [^<]+ <span class="deffinov-muted" data-count>\((\d+)\)', raw))
    assert {value: int(count) for value, count in shown.items()} == dict(Counter(item["fees"] for item in written))
    text = text_of(site / "catalogue/index.html")
    assert "60 ressources proposées par 3 lieux et collectifs." in text
    for slug, name in REGION_NAMES.items():
        assert f"{name} ({sum(1 for item in written if item['region'] == slug)})" in text


@pytest.mark.parametrize("facet, key", [("types", "type"), ("regions", "region")])
def test_plain_lists_hold_every_entry_exactly_once(catalog_site, facet, key):
    site, written = catalog_site
    for value in {item[key] for item in written}:
        pages = sorted((site / "catalogue" / facet / value).rglob("index.html"))
        listed = [link for page in pages for link in re.findall(r'href="(?:\.\./)+(ressource-\d+)/"', page.read_text(encoding="utf-8"))]
        assert sorted(listed) == sorted(item["id"] for item in written if item[key] == value), (facet, value)
    first = text_of(site / "catalogue/types/equipement/index.html")
    assert "55 ressources, page 1 sur 2." in first
    assert "Page suivante" in first


def test_resource_and_provider_pages_are_left_to_the_catalog_search(catalog_site):
    # The site search (Pagefind) reads only pages marked data-pagefind-body: not the catalog's.
    site, written = catalog_site
    assert "data-pagefind-body" not in (site / "catalogue" / written[0]["id"] / "index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" not in (site / "lieux/lieu-bretagne/index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" in (site / "catalogue/index.html").read_text(encoding="utf-8")


def test_every_resource_links_its_provider_and_is_in_the_catalog_index(catalog_site):
    site, written = catalog_site
    page = site / "catalogue" / written[0]["id"] / "index.html"
    raw = page.read_text(encoding="utf-8")
    assert 'href="../../lieux/lieu-bretagne/"' in raw
    index = CatalogIndexFiles(site)
    cards = index.cards()
    assert index.total == len(cards) == len(written)
    assert sorted(card["url"] for card in cards) == sorted(f"catalogue/{item['id']}/" for item in written)
    number = next(n for n, card in enumerate(cards) if card["url"] == f"catalogue/{written[0]['id']}/")
    assert index.values("type")[number] == ["équipement"] and index.values("region")[number] == ["Bretagne"]
    # Numbered by place: each region's resources in a row.
    regions = [values[0] for values in index.values("region")]
    assert [region for n, region in enumerate(regions) if region not in regions[:n]] == sorted(set(regions), key=regions.index)
    assert len(set(regions)) > 1 and sum(a != b for a, b in zip(regions, regions[1:])) == len(set(regions)) - 1


def test_the_index_keeps_words_that_name_object_properties(catalog_site):
    # The stopwords are a frozenset: no name is one by accident, as in a JavaScript object.
    assert fold("constructor toString __proto__ valueOf") == ["constructor", "tostring", "proto", "valueof"]
    site, written = catalog_site
    index = CatalogIndexFiles(site)
    constructor = index.cards()[int(index.words()["constructor"], 36)]  # the one resource that has it
    assert constructor["url"] == f"catalogue/{written[-1]['id']}/"


@pytest.fixture(scope="module")
def catalog_url(catalog_site):
    with serve(catalog_site[0]) as url:
        yield url


@pytest.mark.browser
def test_narrow_by_type_and_region_with_counts_and_a_shareable_address(chromium, catalog_url, catalog_site):
    written = catalog_site[1]
    page = chromium.new_page()
    page.goto(catalog_url + "catalogue/")
    count = page.locator("[data-deffinov-catalog-count]")
    # Nothing asked, nothing searched: the index is not downloaded for a visit that only browses.
    expect(page.locator("[data-deffinov-catalog-form], [data-deffinov-catalog]")).to_be_visible()
    expect(count).to_have_text(f"{len(written)} ressources, classées par région, puis par département, type et titre.")
    page.get_by_role("checkbox", name=re.compile("^Module de formation immersif")).check()
    expect(count).to_have_text("3 ressources correspondent.")
    page.get_by_role("checkbox", name=re.compile("^Guyane")).check()
    expected = [item for item in written if item["type"] == "module-immersif" and item["region"] == "guyane"]
    expect(count).to_have_text(f"{len(expected)} ressource correspond." if len(expected) == 1 else f"{len(expected)} ressources correspondent.")
    titles = page.locator("[data-deffinov-catalog-results] .deffinov-card__title")
    expect(titles).to_have_count(len(expected))
    assert sorted(titles.all_inner_texts()) == sorted(item["title"] for item in expected)
    # Counts follow the narrowed view: within Guyane's immersive modules, all are of that type.
    expect(page.locator("[data-facet=type] label", has_text="Module de formation immersif")).to_contain_text(f"({len(expected)})")
    address = page.url
    assert "type=module+de+formation+immersif" in address.lower() or "type=module%20de%20formation%20immersif" in address.lower()
    shared = chromium.new_page()
    shared.goto(address)
    expect(shared.locator("[data-deffinov-catalog-count]")).to_have_text(count.inner_text())
    shared.close()
    page.close()


@pytest.mark.browser
def test_search_folds_accents_and_leads_to_the_provider(chromium, catalog_url):
    page = chromium.new_page()
    page.goto(catalog_url + "catalogue/")
    # Accents, case, plural and the beginning of a word: the same 55 (fold() in Python and in the script).
    for query in ("ÉQUIPEMENTS", "equip", "equipement"):
        page.get_by_label("Rechercher dans le catalogue").fill(query)
        expect(page.locator("[data-deffinov-catalog-count]")).to_have_text("55 ressources correspondent.")
    page.locator("[data-deffinov-catalog-results] a").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("équipement de test")
    page.get_by_role("link", name=re.compile("^Lieu de")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Lieu de"))
    page.close()


@pytest.mark.browser
def test_a_word_that_names_a_javascript_object_property_is_searched_as_any_word(chromium, catalog_url, catalog_site):
    """Stopwords looked up in a plain object made "constructor" (any name of Object.prototype) a
    stopword: the query lost its only word and every resource matched."""
    written = catalog_site[1]
    page = chromium.new_page()
    page.goto(catalog_url + "catalogue/")
    box, count = page.get_by_label("Rechercher dans le catalogue"), page.locator("[data-deffinov-catalog-count]")
    box.fill("constructor")
    expect(count).to_have_text("1 ressource correspond.")
    titles = page.locator("[data-deffinov-catalog-results] .deffinov-card__title")
    expect(titles).to_have_text([written[-1]["title"]])
    for query in ("toString", "valueOf", "hasOwnProperty", "__proto__"):
        box.fill(query)
        expect(count).to_have_text("0 ressource correspond.")
    page.close()


@pytest.mark.browser
def test_the_maps_areas_are_links_with_their_counts_reachable_by_keyboard(chromium, catalog_url, catalog_site):
    written = catalog_site[1]
    page = chromium.new_page()
    page.goto(catalog_url + "catalogue/")
    bretagne = sum(1 for item in written if item["region"] == "bretagne")
    area = page.get_by_role("link", name=f"Bretagne\u00a0: {bretagne} ressources")
    expect(area).to_have_count(1)
    area.focus()
    expect(area).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ressources en Bretagne")
    page.close()


@pytest.mark.browser
def test_the_catalog_downloads_its_index_only_when_asked(chromium, catalog_url, catalog_site):
    page = chromium.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(catalog_url + "catalogue/")
    page.wait_for_load_state("networkidle")
    assert not [url for url in requested if "/catalogue/index/" in url or "/pagefind/" in url]
    page.get_by_role("checkbox", name=re.compile("^Espace")).check()
    expect(page.locator("[data-deffinov-catalog-count]")).to_have_text("2 ressources correspondent.")
    # Facets alone: the facets' head, the files of the facets shown open (their counts follow), the
    # card file of the results, nothing of Pagefind.
    index = sorted(url.rsplit("/", 1)[1] for url in requested if "/catalogue/index/" in url)
    shown = page.locator("details[data-facet][open]").evaluate_all("boxes => boxes.map(box => box.dataset.facet)")
    assert "type" in shown and "public" not in shown
    links = page.locator("[data-deffinov-catalog-results] h2 a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    cards = CatalogIndexFiles(catalog_site[0]).cards()
    holding = {f"fiches-{n // 10}.json" for n, card in enumerate(cards) if any(link.endswith(card["url"]) for link in links)}
    assert len(links) == 2 and holding
    assert index == sorted(["facettes.json", *(f"facette-{name}.json" for name in shown), *holding])
    assert not [url for url in requested if "/pagefind/" in url]
    page.close()


def test_a_word_file_too_large_is_split_by_one_more_letter_unless_one_word_fills_it():
    even = {"casque": [0, 3], "cave": [1], "capteur": [2, 4], "carte": [0, 1]}
    files, split = word_groups(even, limit=1000)
    assert files == {"ca": {"capteur": "2,2", "carte": "0,1", "casque": "0,3", "cave": "1"}} and split == []
    files, split = word_groups(even, limit=40)
    # "*": the resources of every word of "ca…", for a word typed no longer than "ca".
    assert split == ["ca"] and files["ca"] == {"*": "0,1,1,1,1"}
    assert files["cas"] == {"casque": "0,3"} and set(files) == {"ca", "cas", "cav", "cap", "car"}
    # One word holds most of the resources: splitting would only make a chain of files.
    dominated = {"formation": list(range(50)), "fourni": [3], "foire": [7]}
    assert word_groups(dominated, limit=40) == ({"fo": {"foire": "7", "formation": "0" + ",1" * 49, "fourni": "3"}}, [])


@pytest.mark.browser
def test_a_folded_facet_is_counted_when_opened_and_every_count_returns_when_nothing_is_asked(chromium, catalog_url, catalog_site):
    written = catalog_site[1]
    in_guyane = len([item for item in written if item["region"] == "guyane"])
    page = chromium.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url.rsplit("/", 1)[1]))
    page.goto(catalog_url + "catalogue/")
    folded = page.locator("details[data-facet=modalite]")
    expect(folded).not_to_have_attribute("open", "")
    built = folded.locator("[data-count]").first.text_content()
    assert built == f"({len(written)})"  # every resource is used on site: the build counted them all
    page.get_by_role("checkbox", name=re.compile("^Guyane")).check()
    expect(page.locator("[data-deffinov-catalog-count]")).to_have_text(f"{in_guyane} ressources correspondent.")
    # Folded, it is neither read nor counted: no stale count waits behind its summary.
    assert "facette-modalite.json" not in requested
    assert folded.locator("[data-count]").first.text_content() == ""
    folded.locator("summary").click()
    expect(folded.locator("[data-count]").first).to_have_text(f"({in_guyane})")
    assert "facette-modalite.json" in requested
    page.get_by_role("checkbox", name=re.compile("^Guyane")).uncheck()
    expect(page.locator("[data-deffinov-catalog-count]")).to_contain_text("classées par région")
    expect(folded.locator("[data-count]").first).to_have_text(built)
    page.close()


def test_the_catalog_shows_its_first_results_before_any_question_in_the_order_it_states(catalog_site):
    site, written = catalog_site
    tree = lxml_html.fromstring((site / "catalogue/index.html").read_bytes())
    shown = [link.get("href") for link in tree.xpath("//*[@data-deffinov-catalog-results]/li/h2/a")]
    cards = CatalogIndexFiles(site).cards()
    # The index's first twenty, as the script would show them: by region (Bretagne, Guyane, Occitanie)…
    assert len(shown) == 20 < len(written)
    assert ["catalogue/" + href for href in shown] == [card["url"] for card in cards[:20]]  # relative to catalogue/
    assert "classées par région, puis par département, type et titre" in text_of(site / "catalogue/index.html")
    regions = [card["facts"].split(" · ")[1].rsplit(", ", 1)[-1] for card in cards]
    assert regions == sorted(regions, key=["Bretagne", "Guyane", "Occitanie"].index)


@pytest.mark.browser
def test_more_results_follow_in_the_same_order_and_without_script_the_first_ones_stand(chromium, catalog_url, catalog_site):
    cards = CatalogIndexFiles(catalog_site[0]).cards()
    page = chromium.new_page()
    page.goto(catalog_url + "catalogue/")
    results = page.locator("[data-deffinov-catalog-results] > li h2 a")
    expect(results).to_have_count(20)
    page.get_by_role("button", name="Afficher plus de ressources").click()
    expect(results).to_have_count(40)
    hrefs = results.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert [href.rsplit("catalogue/", 1)[-1] for href in hrefs] == [card["url"].removeprefix("catalogue/") for card in cards[:40]]
    page.close()
    context = chromium.new_context(java_script_enabled=False)
    plain = context.new_page()
    plain.goto(catalog_url + "catalogue/")
    expect(plain.locator("[data-deffinov-catalog-results] > li h2 a")).to_have_count(20)
    expect(plain.get_by_role("button", name="Afficher plus de ressources")).to_be_hidden()
    expect(plain.get_by_label("Rechercher dans le catalogue")).to_be_hidden()
    context.close()


@pytest.mark.browser
def test_on_a_phone_the_filters_fold_lead_to_the_results_and_clear_in_one_press(chromium, catalog_url, catalog_site):
    written = catalog_site[1]
    in_guyane = len([item for item in written if item["region"] == "guyane"])
    page = chromium.new_page(viewport={"width": 375, "height": 812})
    page.goto(catalog_url + "catalogue/")
    guyane = page.get_by_role("checkbox", name=re.compile("^Guyane"))
    expect(guyane).to_be_hidden()  # folded behind "Filtres" from the first paint
    page.get_by_role("button", name="Filtres").click()
    guyane.check()
    page.get_by_role("button", name=f"Voir les {in_guyane} ressources").click()
    expect(guyane).to_be_hidden()
    count = page.locator("[data-deffinov-catalog-count]")
    expect(count).to_be_focused()
    expect(count).to_be_in_viewport()
    expect(count).to_have_text(f"{in_guyane} ressources correspondent.")
    page.get_by_role("button", name="Effacer la recherche et les filtres").click()
    expect(count).to_have_text(f"{len(written)} ressources, classées par région, puis par département, type et titre.")
    expect(page.get_by_role("button", name="Effacer la recherche et les filtres")).to_be_hidden()
    expect(page.get_by_label("Rechercher dans le catalogue")).to_be_focused()
    assert "?" not in page.url
    page.close()


def test_a_card_says_how_to_ask_when_the_resource_or_its_place_says(catalog_site):
    site, written = catalog_site
    cards = {card["url"]: card for card in CatalogIndexFiles(site).cards()}
    first = cards["catalogue/ressource-00/"]
    assert (first["ask_url"], first["ask_text"]) == ("https://reserver.example.org/ressource-00", "réserver ou demander en ligne")
    for item in written[1:]:
        card = cards[f"catalogue/{item['id']}/"]
        expected = ("mailto:pret@lieu-cayenne.fr", "pret@lieu-cayenne.fr") if item["region"] == "guyane" else ("", "")
        assert (card["ask_url"], card["ask_text"]) == expected, item
    # The lists show the same line, from the same macro.
    listed = lxml_html.fromstring((site / "catalogue/regions/guyane/index.html").read_bytes())
    asks = listed.xpath("//li[@class='deffinov-card']/p[@class='deffinov-card__ask']")
    assert asks and all(p.text_content() == "Demander\u00a0: pret@lieu-cayenne.fr" and
                        p.xpath("./a/@href") == ["mailto:pret@lieu-cayenne.fr"] for p in asks)
    assert not lxml_html.fromstring((site / "catalogue/regions/occitanie/index.html").read_bytes()).xpath(
        "//p[@class='deffinov-card__ask']")


def test_how_to_ask_takes_the_booking_page_then_the_contact_s_email_phone_or_page():
    from types import SimpleNamespace

    from generator.content.call import Contact
    from generator.content.resource import Booking
    from generator.presentation.catalog import ResourceView

    def asked(booking: Booking, provider_contact: Contact | None = None):
        entry = SimpleNamespace(data=SimpleNamespace(booking=booking))
        provider = SimpleNamespace(data=SimpleNamespace(contact=provider_contact))
        return ResourceView(entry, provider, None).how_to_ask()

    page = "https://lieu.example.org/contact"
    assert asked(Booking(url="https://reserver.example.org/"), Contact(email="a@b.fr"))[1] == "réserver ou demander en ligne"
    assert asked(Booking(contact=Contact(phone="+33 2 99 00 00 00")), Contact(email="a@b.fr")) == ("tel:+33299000000", "+33 2 99 00 00 00")
    assert asked(Booking(), Contact(url=page)) == (page, "page de contact")
    assert asked(Booking(), Contact(name="Accueil")) is None and asked(Booking()) is None


def test_a_provider_with_many_resources_lists_them_page_after_page(tmp_path):
    """No page grows with every resource (issue 18): a place offering more than a page's worth
    says all about itself on its first page and lists its resources over several."""
    from generator.build import pipeline
    from generator.presentation.catalog import PAGE_SIZE
    from generator.settings import Project
    from helpers import REPO, every_planned, html_to_text, write_test_catalog

    written = write_test_catalog(tmp_path / "regions")
    own = sum(1 for item in written if item["region"] == "bretagne")
    for number in range(PAGE_SIZE + 5 - own):
        (tmp_path / f"regions/bretagne/resources/en-plus-{number:02d}.md").write_text(
            f"---\ntitle: \"Ressource en plus {number:02d}\"\ntype: espace\nprovider: lieu-bretagne\n"
            "summary: Une de plus.\nfees: Gratuit\nlast_updated: 2025-01-10\n---\nTexte.\n", encoding="utf-8")
    (tmp_path / "content").mkdir()
    plan = pipeline.check(Project(tmp_path, tmp_path / "content", REPO / "theme" / "deffinov", today="2025-02-01"))
    files = {f.uri: f.content for f in pipeline.render(plan)}
    assert set(files) == {planned.uri for planned in every_planned(plan)}
    first, second = files["lieux/lieu-bretagne/index.md"], files["lieux/lieu-bretagne/page-2/index.md"]
    assert "lieux/lieu-bretagne/page-3/index.md" not in files and "lieux/lieu-guyane/page-2/index.md" not in files
    assert first.count('class="deffinov-card__title"') == PAGE_SIZE and second.count('class="deffinov-card__title"') == 5
    text = html_to_text(second, gap="", fold=False, plain_spaces=True)
    assert f"{PAGE_SIZE + 5} ressources, 5 sur cette page (page 2 sur 2). Ce que l'on sait du lieu est sur sa page." in text
    assert "Lieu de Rennes – ressources, page 2" in text and "Un lieu de test." not in html_to_text(
        second.split("</h1>", 1)[1], fold=False)
