"""The case tables the browser script shares with Python, run here against the Python side.

The page's script (theme/assets/javascripts/deffinov/) says again on the reader's day what the
build said on its own: word folding for the catalog's search, the next deadline and the days left,
the order of lists, the status. Each rule has one table of cases in tests/, read by these tests
and by the Node tests of tests/js/ (`node --test tests/js/`, run by `make test`):

- folding_cases.json, deadline_cases.json, order_cases.json are written by hand, in the terms a
  page carries (instants, statuses, titles);
- status_cases.yml gives calls as editors write them: what the page carries of each case (the
  badge's dates) and the rule it carries are written by the build's own code into
  tests/js/from_python.json, which a test below keeps current. After a change to the status cases
  or to the rule: `.venv/bin/python tests/test_script_cases.py` writes it again.

The catalog's result card is one template: its slots are the fields of the index's cards, and a
card the script fills in Chromium is the card a list renders.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
import yaml
from playwright.sync_api import expect

from browser import serve
from helpers import call_of, place_file

from generator.content.call import CallState
from generator.content.fields import FuzzyDate
from generator.outputs.catalog_index import CARD_FIELDS, STOPWORDS, card_row, facet_files, fold, positions_files, word_groups
from generator.outputs.places import HEAD_FILE, place_key, rendered_files
from generator.presentation.catalog import FACETS
from generator.outputs.templates import environment
from generator.presentation.schedule import Deadline, Schedule, Status, Step, countdown
from generator.presentation.views import CallView, reading_rule, view_of

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
FROM_PYTHON = TESTS / "js/from_python.json"


def table(name: str) -> list[dict]:
    return json.loads((TESTS / name).read_text(encoding="utf-8"))["cases"]


def ids(cases: list[dict]) -> list[str]:
    return [case["name"] for case in cases]


def instant(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


# --- Word folding ------------------------------------------------------------------------------

FOLDING = table("folding_cases.json")


@pytest.mark.parametrize("case", FOLDING, ids=ids(FOLDING))
def test_folding(case):
    assert fold(case["text"]) == case["words"]


def test_the_folding_table_folds_with_the_index_stopwords():
    # The script folds with the stopwords facettes.json hands it: the table's must be those.
    assert json.loads((TESTS / "folding_cases.json").read_text(encoding="utf-8"))["stopwords"] == sorted(STOPWORDS)


# --- Next deadline and days left ---------------------------------------------------------------

def schedule_of(deadlines: list[str], timezone: str) -> Schedule:
    """A schedule whose deadlines are these instants, each read in the call's zone, as the build
    resolves a call's dates (schedule.steps)."""
    zone = ZoneInfo(timezone)
    moments = [instant(text).astimezone(zone) for text in deadlines]
    steps = [Step("", None, Deadline("", FuzzyDate(date=moment.date()), moment.time(), moment)) for moment in moments]
    return Schedule(CallState.ACTIVE, None, steps)


def same_instant(deadline: Deadline | None, expected: str | None) -> bool:
    return deadline is None if expected is None else deadline is not None and deadline.moment == instant(expected)


DEADLINES = table("deadline_cases.json")


@pytest.mark.parametrize("case", DEADLINES, ids=ids(DEADLINES))
def test_next_deadline_and_days_left(case):
    dates, now = schedule_of(case["deadlines"], case["timezone"]), instant(case["now"])
    upcoming = dates.next_deadline(now)
    assert same_instant(upcoming, case["next"])
    assert same_instant(dates.last_deadline, case["last"])
    assert (upcoming and countdown(upcoming, now)) == case["countdown"]


# --- Order of lists ----------------------------------------------------------------------------

ORDERS = table("order_cases.json")


def listed(call: dict, now: dt.datetime) -> CallView:
    """A call as a list sorts it: its status on that day is the case's, its title all it shows."""
    dates = schedule_of(call["deadlines"], "Europe/Paris")
    entry = SimpleNamespace(data=SimpleNamespace(title=call["title"]))
    return CallView(entry, "Europe/Paris", dates, Status(call["status"]), dates.next_deadline(now))


@pytest.mark.parametrize("case", ORDERS, ids=ids(ORDERS))
def test_list_order(case):
    now = instant(case["now"])
    views = sorted((listed(call, now) for call in case["calls"]), key=lambda view: view.sort_key)
    assert [view.data.title for view in views] == case["expected"]


# --- Status: what the page carries of each case of status_cases.yml ---------------------------

class _Attributes(HTMLParser):
    def handle_starttag(self, tag, attrs):
        self.attrs = dict(attrs)


def dataset(markup: str) -> dict[str, str]:
    """The data-* attributes of an element, as the script reads them (`element.dataset`)."""
    parser = _Attributes()
    parser.feed(markup)
    return {re.sub(r"-(\w)", lambda m: m.group(1).upper(), name[5:]): value or ""
            for name, value in parser.attrs.items() if name.startswith("data-") and name != "data-deffinov-status"}


# A catalog of five resources, for the index files the script reads.
TINY_CATALOG = [
    {"type": ["équipement"], "region": ["Bretagne"], "public": ["formateurs", "apprenants"]},
    {"type": ["équipement"], "region": ["Guyane"], "public": ["formateurs"]},
    {"type": ["espace"], "region": ["Bretagne"], "public": []},
    {"type": ["logiciel"], "region": ["Bretagne"], "public": ["apprenants"]},
    {"type": ["espace"], "region": ["Guyane"], "public": ["formateurs"]},
]
TINY_EXAMPLES = [0, 3]
# Words of TINY_CATALOG, more than a word file of 40 characters holds: "ca" is split by a letter.
TINY_WORDS = {"casque": [0, 3], "cave": [1], "capteur": [2, 4], "carte": [0, 1], "bois": [2]}
# One result card, with text a template must escape.
CARD = {"title": "Casques <VR> & manettes", "url": "catalogue/casques-vr/", "facts": "Équipement · Rennes, Bretagne · Gratuit",
        "summary": "Dix casques « autonomes » prêtés.", "provider": "La Fabrique & Cie", "example": 1,
        "ask_url": "mailto:pret@fabrique.fr", "ask_text": "pret@fabrique.fr"}


def catalog_files() -> dict:
    """The catalog's side: facettes.json and the facets' files of TINY_CATALOG, the word files of
    TINY_WORDS and a card file of CARD as the index writes them, the empty card the catalog page carries, and the same card as the lists render it."""
    catalog = environment(REPO / "theme/deffinov").get_template("_catalog.html").module
    base = "https://exemple.fr/site/"
    listed = {**CARD, "url": base + CARD["url"], "provider_url": base + "lieux/fabrique/",
              "ask": (CARD["ask_url"], CARD["ask_text"])}
    facets, rows = facet_files([{facet: item.get(facet, []) for facet in FACETS} for item in TINY_CATALOG], TINY_EXAMPLES)
    groups, split = word_groups(TINY_WORDS, limit=40)
    return {
        "facettes": {**facets, "words": {"groups": sorted(groups), "split": split}},
        "facette": rows,
        "mots": groups,
        "fiches": {"fields": list(CARD_FIELDS), "cards": [card_row(CARD)]},
        "base": base,
        "card_template": str(catalog.resource_slots()),
        "card_listed": {name: str(catalog.resource_card("h3", {**listed, "example": example, "ask": ask}))
                        for name, example, ask in (("plain", 0, listed["ask"]), ("example", 1, listed["ask"]),
                                                   ("unasked", 0, None))},
    }


# --- Near a place -------------------------------------------------------------------------------

PLACES = json.loads((TESTS / "place_cases.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", PLACES["keys"], ids=ids(PLACES["keys"]))
def test_place_keys(case):
    assert place_key(case["text"]) == case["key"]


def _spot(region, latitude=None, longitude=None, remote=False):
    """A resource as positions_files reads it: its region and place of use (None: at a distance)."""
    place = SimpleNamespace(latitude=latitude, longitude=longitude, insee_code=None, postal_code=None, city="",
                            departement="35" if region == "bretagne" else "14")
    return SimpleNamespace(entry=SimpleNamespace(region=region), place_of_use=None if remote else place)


# Five resources in the index's order: one in Rennes, then two at one place in Caen, one in Bayeux
# and one used at a distance.
TINY_POSITIONS = [_spot("bretagne", 48.11, -1.68), _spot("normandie", 49.18, -0.37), _spot("normandie", 49.18, -0.37),
                  _spot("normandie", 49.28, -0.7), _spot("normandie", remote=True)]


def places_files() -> dict:
    """The head of the place files, the files the lookups of place_cases.json read, and the
    positions of TINY_POSITIONS."""
    files = {uri.rsplit("/", 1)[1]: json.loads(content) for uri, content in rendered_files()}
    head = files[HEAD_FILE.rsplit("/", 1)[1]]
    return {"head": head,
            "files": {name: files[name] for name in sorted({place_file(head, case["typed"]) for case in PLACES["lookups"]})},
            "positions": dict(zip(("head", "regions"), positions_files(TINY_POSITIONS)))}


def from_python() -> dict:
    """What tests/js/ reads of the build: the rule pages carry (views.reading_rule), each status
    case as its badge carries it (the real `status_badge` macro), and catalog files."""
    badge = environment(REPO / "theme/deffinov").get_template("_macros.html").module.status_badge
    cases = yaml.load((TESTS / "status_cases.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    written = []
    for case in cases:
        view = view_of(call_of(case), case["timezone"], instant(case["now"]))
        item = {"name": case["name"], "timezone": case["timezone"], "now": case["now"],
                "badge": dataset(str(badge(view))), "expected": case["expected"]}
        if "countdown" in case:
            item["countdown"] = case["countdown"]
        written.append(item)
    return {
        "about": "Written from tests/status_cases.yml and the build's code by `.venv/bin/python "
                 "tests/test_script_cases.py`; tests/test_script_cases.py checks it is current. Do not edit.",
        "rule": reading_rule(),
        "catalog": catalog_files(),
        "places": places_files(),
        "status_cases": written,
    }


def as_text(data: dict) -> str:
    """One status case a line: a change to the cases reads as a change to their lines."""
    lines = [json.dumps(case, ensure_ascii=False) for case in data["status_cases"]]
    head = {key: value for key, value in data.items() if key != "status_cases"}
    return (json.dumps(head, ensure_ascii=False, indent=1)[:-2] + ',\n "status_cases": [\n  '
            + ",\n  ".join(lines) + "\n ]\n}\n")


def test_the_node_tests_read_what_the_build_writes():
    assert json.loads(as_text(from_python())) == from_python()
    assert FROM_PYTHON.read_text(encoding="utf-8") == as_text(from_python()), (
        "tests/js/from_python.json is out of date: run .venv/bin/python tests/test_script_cases.py")


# --- One card template -------------------------------------------------------------------------

def test_the_card_template_has_a_slot_for_each_field_of_the_index_cards():
    catalog = environment(REPO / "theme/deffinov").get_template("_catalog.html").module
    slots = re.findall(r'data-field(?:-href|-if)?="([^"]+)"', str(catalog.resource_slots()))
    assert sorted(slots) == sorted(CARD_FIELDS)


# A card as markup, its addresses made absolute: a list links from its page, the script from the
# site's root.
CARDS = """(selector) => Array.from(document.querySelectorAll(selector), (li) => {
  const card = li.cloneNode(true);
  card.querySelectorAll("a").forEach((a) => a.setAttribute("href", a.href));
  return card.outerHTML;
})"""


@pytest.mark.browser
def test_a_result_card_in_chromium_is_the_card_of_the_lists(chromium, catalog_site):
    site, written = catalog_site
    spaces = sum(1 for item in written if item["type"] == "espace")
    page = chromium.new_page()
    try:
        with serve(site) as url:
            page.goto(url + "catalogue/types/espace/")
            listed = page.evaluate(CARDS, "ul.deffinov-cards > li")
            page.goto(url + "catalogue/?type=espace")
            expect(page.locator("[data-deffinov-catalog-results] > li")).to_have_count(spaces)
            shown = page.evaluate(CARDS, "[data-deffinov-catalog-results] > li")
    finally:
        page.close()
    # The index's cards carry no provider address: the script names the provider without a link.
    unlinked = [re.sub(r'Proposé par <a href="[^"]*">([^<]*)</a>', r"Proposé par <span>\1</span>", card) for card in listed]
    assert len(listed) == spaces and sorted(shown) == sorted(unlinked)


def test_the_test_command_runs_the_node_tests():
    # `make test` is the README's test command, and the CI's (.ci/run).
    rule = re.search(r"^test:.*\n((?:\t.*\n)+)", (REPO / "Makefile").read_text(encoding="utf-8"), re.M).group(1)
    assert re.search(r"^\tnode --test .*tests/js/$", rule, re.M), rule


if __name__ == "__main__":
    FROM_PYTHON.write_text(as_text(from_python()), encoding="utf-8")
    print(f"{FROM_PYTHON.relative_to(REPO)} written", file=sys.stderr)
