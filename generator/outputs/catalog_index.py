"""The catalog's own search index: facets with counts and French full-text search, in small files.

Pagefind suits the site's few hundred pages, not 20,000 resources: its index takes about 250 KB
of memory a record to build, and a search by facets alone makes a browser read every chunk of
it. The catalog is searched instead from files serialised from the model, each a query needs
only a few of, so that any query stays near a tenth of what the whole index weighs:

- the resources are numbered in the order results show (`by_place`: region, département, type,
  title): a page of results from one place sits in one or two card files, and the facets that
  follow places compress to runs;
- `facettes.json`: each facet's values, the sets of values resources have, the numbers of the
  example resources (every count then says how many of them it includes), the stopwords and the
  list of word files; `facette-NAME.json`: for each resource in order, its set of values of one
  facet as one or two characters. The browser reads a facet's file when it counts or filters by
  it: the facets shown folded are read only when a reader opens them;
- `fiches-N.json`: what a result shows (title, address, one line of facts, summary, provider,
  example or not), `SHARD` resources a file, fetched only for the results shown: the field names
  once (`CARD_FIELDS`, the names of the slots of the card template the script fills, in
  theme/deffinov/_catalog.html), then one row of values a resource;
- `positions.json` and `positions-N.json`: where each resource is used, for the search near a place
  (outputs/places.py gives the visitor's place). The head says which resources are used only at a
  distance or have no known position, and the box of each file; a file a département gives the
  distinct positions in hundredths of a degree (about a kilometre), then each resource's as its
  number among them (`positions_files`). A search reads the départements whose box is within its
  radius, or, to find the nearest, as many as the first results need, nearest box first.
  A resource's own coordinates, else its commune's (outputs/places.py, by INSEE code, else by postal
  code and town). Read only when a visitor searches near a place;
- `mots-XY.json`: the words of titles, summaries, providers, places and facet values, folded
  (no accents, no case, no plural) and grouped by their first letters, each with the resources
  that use it; a word matches the words it begins ("equip" finds "équipements"). A group too
  large is split by one more letter (`mots-XYZ.json`, and so on), and keeps under "*" the
  resources of all its words: a word typed letter by letter reads one small file a letter.

`fold` below and `fold` in theme/assets/javascripts/deffinov/folding.js must stay the same rule:
tests/folding_cases.json runs both.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict

from ..content.entries import SiteModel
from ..french import typography
from ..presentation import urls
from ..presentation.catalog import FACETS, ResourceView, by_place, facet_values, kept_facet_values
from .base import Output, PlannedFile, RenderContext, RenderedFile
from .places import place_position

FOLDER = "catalogue/index"
FACETS_FILE = f"{FOLDER}/facettes.json"
POSITIONS_FILE = f"{FOLDER}/positions.json"


def positions_part(number: int) -> str:
    return f"{FOLDER}/positions-{number}.json"
SHARD = 10  # resources a card file: a page of twenty results from one place needs two or three
# A word file larger than this (characters) is split by one more letter, unless one longer prefix
# would keep most of it: "formation" alone fills "fo", and splitting would only chain files.
GROUP_CHARS = 24_000
DOMINANT = 0.6
# The characters a facet's file writes a resource's set of values with: safe in JSON, one byte.
SYMBOLS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"
SUMMARY_LENGTH = 220  # characters of a summary a result shows
# What a result card shows, in the order of each row of a card file. Named once a file, not in
# every card: the names would be downloaded again with each card of a page of results.
CARD_FIELDS = ("title", "url", "facts", "summary", "provider", "example", "ask_url", "ask_text")

# Words too common to find anything: never indexed, ignored in a query.
STOPWORDS = frozenset(
    "a au aux avec ce ces dans de des du en et il la le les leur leurs ou par pas pour qu que qui sa "
    "se ses son sur un une vos votre".split()
)
_MARKS = re.compile("[\u0300-\u036f]")  # accents, once letters are decomposed
_PLURAL = re.compile(r"[sx](?<=[a-z0-9]{4})(?![a-z0-9])")  # the end of a word of four or more, s or x
_KEPT = re.compile(r"[a-z0-9]{2,}")  # the words of two characters or more


def fold(text: str) -> list[str]:
    """The words of a text as the index keeps them: no accents, lower case, singular, no stopword.
    Whole-text expressions, not a loop over each word: a third of a large catalog's check."""
    plain = _MARKS.sub("", unicodedata.normalize("NFD", text.lower().replace("œ", "oe").replace("æ", "ae")))
    return [word for word in _KEPT.findall(_PLURAL.sub("", plain)) if word not in STOPWORDS]


def card_file(number: int) -> str:
    return f"{FOLDER}/fiches-{number}.json"


def words_file(prefix: str) -> str:
    return f"{FOLDER}/mots-{prefix}.json"


def facet_file(facet: str) -> str:
    return f"{FOLDER}/facette-{facet}.json"


def _searchable(view: ResourceView, values: dict[str, list[str]]) -> str:
    data = view.data
    # Where it is used: a resource used only at a distance is not found by its provider's town.
    town = view.place_of_use.city if view.place_of_use else ""
    return " ".join([data.title, data.summary, view.provider.data.name, town]
                    + [value for items in values.values() for value in items])


def _encode(numbers: list[int]) -> str:
    """Ascending resource numbers as gaps in base 36: "0,3,a" for 0, 3, 13."""
    gaps = list(map(int.__sub__, numbers, [0, *numbers[:-1]]))
    if gaps and max(gaps) < len(_SMALL_GAPS):  # nearly always: one look-up a gap, no Python loop
        return ",".join(map(_SMALL_GAPS.__getitem__, gaps))
    return ",".join(_SMALL_GAPS[gap] if gap < len(_SMALL_GAPS) else _base36(gap) for gap in gaps)


def _base36(value: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = ""
    while True:
        value, rest = divmod(value, 36)
        text = digits[rest] + text
        if not value:
            return text


def _data_file(uri: str) -> PlannedFile:
    """One of the index's files: data, written when requested in a preview."""
    return PlannedFile(uri, None, on_request=True)


class CatalogIndex(Output):
    """Lists the index's files from the content alone, then writes them."""

    reads = ("resources", "providers", "regions")
    bulk_pages = False
    data_only = FOLDER + "/"  # read by the catalog's script: a preview makes it when the catalog asks

    _last: tuple = (None, None)  # (site, its words): listing and writing fold every text once
    # Each resource's words by its entry, with the provider and region name they were folded with:
    # `mkdocs serve` folds again only the resources of the files saved since the last build. The one
    # store outside the cache layer, by its identity rule (generator/build/cache.py says why).
    _folded: dict[int, tuple] = {}
    _groups: tuple | None = None  # the last word files, while no resource's words change

    def _words(self, site: SiteModel, values_of: list[dict[str, list[str]]] | None = None,
               ) -> tuple[dict[str, dict[str, str]], list[str]]:
        """The word files by prefix, and the prefixes split further (`word_groups`); `values_of`,
        each resource's facet values in `by_place` order, when they are known already."""
        if self._last[0] is site:
            return self._last[1]
        names = {region.slug: region.data.name for region in site.regions}
        folded = {}
        unchanged = bool(self._folded)
        for number, view in enumerate(by_place(site)):
            region = names[view.entry.region]
            known = self._folded.get(id(view.entry))
            if known and known[0] is view.entry and known[1] is view.provider and known[2] == region:
                words = known[3]
            else:
                values = values_of[number] if values_of is not None else facet_values(view, names)
                words, unchanged = list(dict.fromkeys(fold(_searchable(view, values)))), False
            folded[id(view.entry)] = (view.entry, view.provider, region, words)
        # The same resources, providers and regions as the last build (a call saved in `mkdocs
        # serve`): the same order by place, so the same files.
        if unchanged and len(folded) == len(self._folded) and self._groups is not None:
            groups = self._groups
        else:
            postings: dict[str, list[int]] = defaultdict(list)
            for number, (_, _, _, words) in enumerate(folded.values()):
                for word in words:
                    postings[word].append(number)
            groups = word_groups(postings)
        self._last, self._folded, self._groups = (site, groups), folded, groups
        return groups

    def files(self, site: SiteModel) -> list[PlannedFile]:
        count = len(by_place(site))
        return (
            [_data_file(FACETS_FILE), _data_file(POSITIONS_FILE)]
            + [_data_file(positions_part(n)) for n in range(len(positions_files(by_place(site))[1]))]
            + [_data_file(facet_file(facet)) for facet in FACETS]
            + [_data_file(card_file(n)) for n in range((count + SHARD - 1) // SHARD)]
            + [_data_file(words_file(prefix)) for prefix in sorted(self._words(site)[0])]
        )

    def render(self, context: RenderContext) -> list[RenderedFile]:
        site = context.site
        names = {region.slug: region.data.name for region in site.regions}
        views = by_place(site)
        memo = context.memo
        # `mkdocs serve` keeps what it made of the resources whose files were not saved since.
        values_of = kept_facet_values(views, names, memo)
        examples = [number for number, view in enumerate(views) if view.data.example]
        groups, split = self._words(site, values_of)
        facets, rows = facet_files(values_of, examples)
        facets["words"] = {"groups": sorted(groups), "split": split}
        head, regions = positions_files(views)
        files = [RenderedFile(FACETS_FILE, None, _json(facets), on_request=True),
                 RenderedFile(POSITIONS_FILE, None, _json(head), on_request=True)]
        files += [RenderedFile(positions_part(n), None, _json(data), on_request=True) for n, data in enumerate(regions)]
        files += [RenderedFile(facet_file(facet), None, _json(data), on_request=True) for facet, data in rows.items()]
        cards = [memo.get("fiche", (view.entry, view.provider, names[view.entry.region]),
                          lambda view=view, values=values: _card(view, values, context))
                 for view, values in zip(views, values_of)]
        for start in range(0, len(cards), SHARD):
            shard = tuple(cards[start:start + SHARD])
            files.append(memo.get("fiches", (start, shard), lambda shard=shard, start=start: RenderedFile(
                card_file(start // SHARD), None, _json({"fields": CARD_FIELDS, "cards": shard}), on_request=True)))
        for prefix, words in sorted(groups.items()):
            files.append(RenderedFile(words_file(prefix), None, _json(words), on_request=True))
        if not memo.active:  # a one-off build folds no more: its memory goes to the pages still to write
            self._last, self._folded, self._groups = (None, None), {}, None
        return files


def word_groups(postings: dict[str, list[int]], limit: int = GROUP_CHARS) -> tuple[dict[str, dict[str, str]], list[str]]:
    """The words by the file that holds them, named by their first letters: two, or more where a
    file would pass `limit` characters. A file split further keeps only "*", the resources of all its
    words: a word typed as long as its prefix reads it, a longer one goes on to the next letter."""
    files: dict[str, dict[str, str]] = {}
    split: list[str] = []
    encoded: dict[str, str] = {}  # each word's resources, encoded once whatever the levels it is weighed at

    def place(prefix: str, words: list[str]) -> None:
        group = {word: encoded.get(word) or encoded.setdefault(word, _encode(postings[word])) for word in sorted(words)}
        longer: dict[str, list[str]] = defaultdict(list)
        for word in words:
            if len(word) > len(prefix):
                longer[word[:len(prefix) + 1]].append(word)
        weight = {child: sum(len(postings[word]) for word in kin) for child, kin in longer.items()}
        characters = sum(len(word) + len(numbers) + 6 for word, numbers in group.items())  # as JSON: "w": "n",
        if (not longer or characters <= limit
                or max(weight.values()) > DOMINANT * sum(len(postings[word]) for word in words)):
            files[prefix] = group
            return
        split.append(prefix)
        files[prefix] = {"*": _encode(sorted({number for word in words for number in postings[word]}))}
        for child, kin in longer.items():
            place(child, kin)

    first: dict[str, list[str]] = defaultdict(list)
    for word in postings:
        first[word[:2]].append(word)
    for prefix, words in first.items():
        place(prefix, words)
    return files, sorted(split)


def facet_files(values_of: list[dict[str, list[str]]], examples: list[int] = ()) -> tuple[dict, dict[str, dict]]:
    """facettes.json: each facet's values (most frequent first) and the sets of them resources
    have (most frequent first), the numbers of the example resources as gaps (`_encode`); and for
    each facet, its file: resource by resource, the number of its set written with SYMBOLS, one
    character or, past 64 sets, more (`width`). Sorted by place, most facets then read as runs,
    which compression folds to almost nothing."""
    facets, rows = {}, {}
    for facet in FACETS:
        counts: dict[str, int] = defaultdict(int)
        for values in values_of:
            for value in set(values[facet]):
                counts[value] += 1
        order = sorted(counts, key=lambda value: (-counts[value], value))
        number = {value: index for index, value in enumerate(order)}
        of_resources = [tuple(sorted({number[value] for value in values[facet]})) for values in values_of]
        frequency: dict[tuple, int] = defaultdict(int)
        for numbers in of_resources:
            frequency[numbers] += 1
        sets = sorted(frequency, key=lambda numbers: (-frequency[numbers], numbers))
        width = _width(len(sets))
        symbol = {numbers: _symbols(index, width) for index, numbers in enumerate(sets)}
        facets[facet] = {"values": order, "sets": [list(numbers) for numbers in sets]}
        rows[facet] = {"width": width, "rows": "".join(symbol[numbers] for numbers in of_resources)}
    return ({"total": len(values_of), "shard": SHARD, "stopwords": sorted(STOPWORDS), "facets": facets,
             "examples": _encode(list(examples))}, rows)


def position(view: ResourceView) -> tuple[float, float] | None:
    """Where a resource is used: its own or its provider's place (place_position); None when used
    only at a distance or when the place names no commune the site knows."""
    return place_position(view.place_of_use)


def positions_files(views: list[ResourceView]) -> tuple[dict, list[dict]]:
    """positions.json, the head: the resources used at a distance and those without a known
    position (as gaps), and the box of each positions-N.json (hundredths of a degree: south, west,
    north, east); and each positions-N.json, one a département (of the places, not of the regions
    the resources are filed in, which a provider may be out of): runs of resources, each run its
    first resource, its number of resources, its width and its distinct positions (as the
    difference from the one before, most used first), then each resource's position as its number
    in its run, written with SYMBOLS in its run's width. A département has a few dozen
    places: one character a resource, where one numbering for all France would take two that
    compress badly; a search near a place reads the départements its radius reaches."""
    remote, unplaced = [], []
    files: dict[str | None, dict] = {}
    first, run, numbers, key = 0, [], {}, object()

    def close():
        points = sorted(numbers, key=lambda point: -numbers[point][1])  # most used first: smaller numbers
        local = {point: index for index, point in enumerate(points)}
        width = _width(len(points))
        flat, last = [], (0, 0)
        for point in points:
            flat += [point[0] - last[0], point[1] - last[1]]
            last = point
        data = files.setdefault(key, {"runs": [], "rows": [], "points": []})
        data["runs"].append([first, len(run), width, flat])
        data["rows"] += [_symbols(local[point], width) for point in run]
        data["points"] += points

    for number, view in enumerate(views):
        if view.place_of_use is None:
            remote.append(number)
            continue
        where = position(view)
        if where is None:
            unplaced.append(number)
            continue
        here = (view.entry.region, view.place_of_use.departement)
        if here != key or number != first + len(run):
            if run:
                close()
            first, run, numbers, key = number, [], {}, here
        point = (round(where[0] * 100), round(where[1] * 100))
        numbers.setdefault(point, [len(numbers), 0])[1] += 1
        run.append(point)
    if run:
        close()
    by_departement: dict[str | None, dict] = {}
    for (_region, departement), data in files.items():
        merged = by_departement.setdefault(departement, {"runs": [], "rows": [], "points": []})
        for name in merged:
            merged[name] += data[name]
    boxes, out = [], []
    for data in by_departement.values():
        points = data["points"]
        boxes.append([min(p[0] for p in points), min(p[1] for p in points), max(p[0] for p in points), max(p[1] for p in points)])
        out.append({"runs": data["runs"], "rows": "".join(data["rows"])})
    return {"files": boxes, "remote": _encode(remote), "unplaced": _encode(unplaced)}, out


def _width(count: int) -> int:
    """How many SYMBOLS write any of `count` numbers: one up to 64, two up to 4,096…"""
    width = 1
    while len(SYMBOLS) ** width < count:
        width += 1
    return width


def _symbols(number: int, width: int) -> str:
    text = ""
    for _ in range(width):
        number, rest = divmod(number, len(SYMBOLS))
        text = SYMBOLS[rest] + text
    return text


def _card(view: ResourceView, values: dict[str, list[str]], context: RenderContext) -> list:
    data = view.data
    ask_url, ask_text = view.how_to_ask() or ("", "")
    return card_row({"title": data.title, "url": context.urls.url_of(urls.resource_page(view.entry.id)),
                     "facts": view.card_facts(values["region"][0]), "summary": data.summary,
                     "provider": view.provider.data.name, "example": data.example,
                     "ask_url": ask_url, "ask_text": ask_text})


def card_row(card: dict) -> list:
    """What a result shows, as values in the order of CARD_FIELDS: the summary cut to
    SUMMARY_LENGTH, the text as the lists print it (French spacing, which the templates' `finalize`
    adds), so that a card the script fills from the index reads as the same card on a list."""
    summary = card["summary"]
    if len(summary) > SUMMARY_LENGTH:
        summary = summary[:SUMMARY_LENGTH].rsplit(" ", 1)[0] + "…"
    shown = {"title": typography(card["title"]), "url": card["url"], "facts": typography(card["facts"]),
             "summary": typography(summary), "provider": typography(card["provider"]),
             "example": 1 if card["example"] else 0, "ask_url": card["ask_url"], "ask_text": typography(card["ask_text"])}
    return [shown[field] for field in CARD_FIELDS]


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


OUTPUT = CatalogIndex()


# Most gaps between the numbers of the resources that share a word are small: written once.
_SMALL_GAPS = [_base36(gap) for gap in range(36 ** 2)]
