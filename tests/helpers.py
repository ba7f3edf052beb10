"""Helpers shared by the test modules: the project and its commands, test content, and reading
built pages as a visitor would. Every test module imports what it shares from here (fixtures are
in conftest.py, browser helpers in browser.py), never from another test module."""

from __future__ import annotations

import contextlib
import html
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import textwrap
import time
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jsonschema
import yaml
from lxml import html as lxml_html

from generator.content.call import Call
from generator.content.entries import CallEntry
from generator.content.reading import split_front_matter

# --- The project and its commands ---------------------------------------------------------------

REPO = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]

DEFFINOV = str(Path(sys.executable).parent / "deffinov")

README = REPO / "README.md"


def deffinov_check(root: Path) -> subprocess.CompletedProcess:
    """`deffinov check` on `root`, as editors and CI run it."""
    return subprocess.run([DEFFINOV, "check", str(root)], capture_output=True, text=True, timeout=120)


def without_ci(env=None) -> dict:
    """The environment of an editor's terminal: not GitHub Actions."""
    return {key: value for key, value in (env or os.environ).items() if key != "GITHUB_ACTIONS"}


STATUS_SITE = REPO / "tests/sites/statuses"
# The day the status test site is built for, and the clock of the browser that reads it.
STATUS_DAY = "2025-03-01T10:00:00+01:00"
# The stale test site: running calls whose information was checked long before STALE_DAY.
STALE_SITE = REPO / "tests/sites/stale"
STALE_DAY = "2025-03-01"


def copy_project(destination: Path, regions: Path = REPO / "regions", today: str = "") -> Path:
    """A copy of the real project (content, theme, configuration) to build or break freely.

    `regions` replaces the real regions and calls; `today` fixes the day the site is built for.
    """
    for name in ("content", "theme"):
        shutil.copytree(REPO / name, destination / name)
    shutil.copytree(regions, destination / "regions")
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    if today:
        config = config.replace("  - deffinov:\n", f'  - deffinov:\n      today: "{today}"\n', 1)
        assert today in config
    (destination / "mkdocs.yml").write_text(config, encoding="utf-8")
    return destination


def public_project(destination: Path, regions: Path, today: str) -> Path:
    """`copy_project` as published at https://exemple.fr/: feeds and calendars then carry absolute
    links, and the publisher's bracketed placeholders, refused for a public site, are unbracketed."""
    project = copy_project(destination, regions, today)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("site_name:", "site_url: https://exemple.fr/\nsite_name:", 1)
                      .replace("[", "").replace("]", ""), encoding="utf-8")
    return project


# A publisher's details, as the deploying organisation fills them in mkdocs.yml.
PUBLISHER = {
    "name": "Région Exemple",
    "address": "1 place de l'Exemple, 00000 Exemple",
    "director": "Camille Exemple, présidente",
    "email": "contact@exemple.fr",
    "host_name": "Hébergeur Exemple",
    "host_address": "2 rue de l'Hébergeur, 00000 Exemple, 01 00 00 00 00",
    "accessibility_contact": "accessibilite@exemple.fr",
    "data_protection_contact": "dpo@exemple.fr",
}


def configure(project: Path, site_url: str | None, publisher: dict[str, str] | None) -> None:
    """Give a copied project's mkdocs.yml a site address and (or) the publisher's details."""
    path = project / "mkdocs.yml"
    text = path.read_text(encoding="utf-8")
    if site_url:
        text = f"site_url: {site_url}\n" + text
    if publisher is not None:
        start = text.index("      publisher:\n")
        end = text.index("\n\n", start)
        fields = "".join(f'        {key}: "{value}"\n' for key, value in publisher.items())
        text = text[:start] + "      publisher:\n" + fields.rstrip("\n") + text[end:]
    path.write_text(text, encoding="utf-8")


def mkdocs_build(project: Path, *extra: str) -> subprocess.CompletedProcess:
    """`mkdocs build` of `project`, as a user runs it; what it printed is in the result."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run(
        [*MKDOCS, "build", "-f", str(project / "mkdocs.yml"), *extra],
        cwd=project, capture_output=True, text=True, env=env, timeout=600,
    )


def build_in_this_process(project, site) -> None:
    """`mkdocs build` of `project` into `site`, in the test's process (what it patched applies)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def every_planned(plan) -> list:
    """A plan's files and those of the data-only outputs, which `check` does not plan (they can
    claim no address): every file a build writes, as the outputs list them without rendering."""
    from generator.outputs import OUTPUTS
    return plan.files + [planned for output in OUTPUTS if output.data_only for planned in output.files(plan.site)]


def real_call_count() -> int:
    """How many calls the real content holds: tests must not break when a region adds one."""
    return len(list((REPO / "regions").glob("*/calls/*.md")))


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(condition, seconds: float = 60) -> bool:
    """Poll `condition` until it holds (a server may not answer yet) or time runs out."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return True
        except OSError:
            pass
        time.sleep(0.5)
    return False


@contextlib.contextmanager
def mkdocs_serve(project: Path, output: Path | None = None):
    """`mkdocs serve` on a free local port; yields the base URL, stops the server after.

    `output`: a file that receives what the server prints (the terminal's view), else nothing."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    with open(output or os.devnull, "wb") as printed:
        server = subprocess.Popen(
            [*MKDOCS, "serve", "-a", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")],
            cwd=project, env=env, stdout=printed, stderr=subprocess.STDOUT, start_new_session=True,
        )
        try:
            yield f"http://127.0.0.1:{port}/"
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)


# --- Test content ---------------------------------------------------------------------------------

REGION_YML = """\
name: "{name}"
insee_code: "{code}"
category: metropole
timezone: {tz}
call_owner: Conseil régional
"""

VALID_CALL = """\
---
title: Appel de test
summary: Un appel pour les tests.
calendar:
  opens: 2025-01-06
  waves:
    - label: Vague 1
      deadline: 2025-03-14
      time: "12:00"
    - label: Vague 2
      deadline: 2025-06-13
sources:
  - title: Page de la région
    publisher: region.fr
last_checked: 2025-01-10
---
Présentation de l'appel.
"""


class Repo:
    """A throw-away content repository with two regions, written file by file."""

    def __init__(self, root: Path):
        self.root = root
        (root / "content").mkdir(parents=True)
        self.write("regions/bretagne/region.yml", REGION_YML.format(name="Bretagne", code="53", tz="Europe/Paris"))
        self.write("regions/guyane/region.yml", REGION_YML.format(name="Guyane", code="03", tz="America/Cayenne"))

    def write(self, relative: str, text: str | bytes) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def call(self, relative: str, text: str = VALID_CALL) -> Path:
        return self.write(relative, text)


CATALOG_TYPES = ["equipement"] * 55 + ["module-immersif"] * 3 + ["espace"] * 2  # 60 resources
CATALOG_FEES = ["Gratuit", "Payant", "Sous convention"]


def write_test_catalog(regions: Path) -> list[dict]:
    """A small catalog over three regions: enough for a list of two pages and facets to count.

    Returns what was written, so tests compute the expected counts from the content itself."""
    for slug in ("bretagne", "guyane", "occitanie"):
        (regions / slug).mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / "regions" / slug / "region.yml", regions / slug / "region.yml")
    places = {"bretagne": ("Rennes", 48.11, -1.68), "guyane": ("Cayenne", 4.94, -52.33), "occitanie": ("Albi", 43.93, 2.15)}
    for slug, (city, lat, lon) in places.items():
        folder = regions / slug / "providers"
        folder.mkdir(parents=True, exist_ok=True)
        # Guyane's place gives an e-mail: its resources say how to ask by it.
        contact = "contact:\n  email: pret@lieu-cayenne.fr\n" if slug == "guyane" else ""
        (folder / f"lieu-{slug}.yml").write_text(
            f"name: Lieu de {city}\nkind: tiers-lieu\nsummary: Un lieu de test.\n{contact}"
            f"place:\n  city: {city}\n  latitude: {lat}\n  longitude: {lon}\nlast_updated: 2025-01-10\n", encoding="utf-8")
    written = []
    for index, kind in enumerate(CATALOG_TYPES):
        slug = list(places)[index % 3]
        fees = CATALOG_FEES[index % 3]
        title = f"Ressource {index:02d} {'équipement de test' if kind == 'equipement' else kind}"
        # The last one's summary holds a name every JavaScript object has: search must find it alone.
        summary = "Une ressource de test, un atelier constructor." if index == len(CATALOG_TYPES) - 1 else "Une ressource de test."
        # The first is booked online, whatever its place says.
        booking = "booking:\n  url: https://reserver.example.org/ressource-00\n" if index == 0 else ""
        folder = regions / slug / "resources"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"ressource-{index:02d}.md").write_text(
            f"---\ntitle: \"{title}\"\ntype: {kind}\nprovider: lieu-{slug}\nsummary: {summary}\n"
            f"fees: {fees}\n{booking}last_updated: 2025-01-10\n---\nTexte de la ressource {index}.\n", encoding="utf-8")
        written.append({"id": f"ressource-{index:02d}", "type": kind, "region": slug, "fees": fees, "title": title})
    return written




# The content-error cases (tests/error_cases/): one YAML file each.
CASES_DIR = Path(__file__).resolve().parent / "error_cases"


def read_case(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


# --- Content files as editors' tools read them -----------------------------------------------------


class Yaml12Loader(yaml.SafeLoader):
    """PyYAML without YAML 1.1's dates, as the YAML language server (YAML 1.2) reads files."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_yaml12(path) -> dict:
    """A content file's data (a call's or a resource's front matter) as YAML 1.2 reads it."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        text = split_front_matter(text)[0]
    return yaml.load(text, Loader=Yaml12Loader)


def schema_errors(schema: dict, data) -> list[str]:
    """What an independent validator (jsonschema) finds wrong in `data`, path then message."""
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    # An optional field is "this or null": what went wrong is in the error's context.
    return [f"{'.'.join(map(str, e.absolute_path))}: {error.message}"
            for e in validator.iter_errors(data) for error in [e, *e.context]]


# --- Built pages, read as a visitor would ----------------------------------------------------------
# Two readings of HTML: `html_to_text` (regular expressions over the markup, each tag a possible
# word break: what a test searches for in a page's words) and `read_text` (the text of a parsed
# element, tags no break, as a browser joins inline elements).

ARTICLE = '<article class="md-content__inner md-typeset">'
_TAG = re.compile(r"<[^>]+>")
BADGE = re.compile(r'class="deffinov-status deffinov-status--(\w+)"')


def html_to_text(markup: str, *, gap: str = " ", drop: tuple[str, ...] = ("script", "template"),
                 plain_spaces: bool = False, fold: bool = True) -> str:
    """The text of HTML markup: the elements in `drop` left out (never shown as they are), each tag
    replaced by `gap`, entities decoded; `plain_spaces`: non-breaking spaces as plain ones;
    `fold`: runs of whitespace as one space, none at the ends."""
    for tag in drop:
        markup = re.sub(rf"<({tag})\b.*?</\1>", " ", markup, flags=re.S)
    text = html.unescape(_TAG.sub(gap, markup))
    if plain_spaces:
        text = text.replace("\u00a0", " ").replace("\u202f", " ")
    return " ".join(text.split()) if fold else text


def article_html(raw: str) -> str:
    """The main content of a built page (Material's article), as markup."""
    return raw.split(ARTICLE, 1)[1].split("</article>", 1)[0]


def text_of(page: Path) -> str:
    """The visible text of a built page's main content, whitespace folded, each tag a word break."""
    return html_to_text(article_html(page.read_text(encoding="utf-8")))


def badges(page: Path) -> list[str]:
    """The status of every status badge of a built page, in order (`open`, `closed`…)."""
    return BADGE.findall(page.read_text(encoding="utf-8"))


def parse_page(site: Path, address: str):
    """The page at `address` (a folder address, "" for the home page) of a built site, parsed."""
    return lxml_html.fromstring((site / address / "index.html").read_text(encoding="utf-8"))


def read_text(element, *, line_breaks: bool = False) -> str:
    """A parsed element's text as read, whitespace (breaking or not) folded into single spaces;
    `line_breaks`: a line break where the page has one (<br>), lines joined by "\\n"."""
    if not line_breaks:
        return " ".join(element.text_content().split())
    element = lxml_html.fromstring(lxml_html.tostring(element))  # a copy: the page stays as it is
    for br in element.iter("br"):
        br.tail = "\u2029" + (br.tail or "")  # a paragraph separator: no page has one
    return "\n".join(" ".join(line.split()) for line in element.text_content().split("\u2029"))


def article_text(page: Path) -> str:
    """The text of a built page's main content as read (`read_text` of its article)."""
    return read_text(lxml_html.parse(str(page)).getroot().xpath("//article")[0])


class _LinkCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.add(attributes["id"])
        for name in ("href", "src"):
            if attributes.get(name):
                self.links.append(attributes[name])


def broken_links(site: Path) -> list[str]:
    """Every internal link or anchor of a built site that leads nowhere."""
    site = site.resolve()
    parsed = {}
    for page in site.rglob("*.html"):
        collector = _LinkCollector()
        collector.feed(page.read_text(encoding="utf-8"))
        parsed[page] = collector
    broken = []
    for page, collector in parsed.items():
        if page.name == "404.html":
            continue  # served at any depth: its links are relative to the missing address
        for link in collector.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(site)} -> {link}")
            elif parts.fragment and target.suffix == ".html" and parts.fragment not in parsed[target].ids:
                broken.append(f"{page.relative_to(site)} -> {link} (ancre)")
    return broken


# --- A call from a case of the shared case tables (tests/*_cases.*) -----------------------------

def call_of(case: dict) -> CallEntry:
    """A call whose calendar is the case's, through the real model."""
    data = Call.model_validate({
        "title": case["name"], "summary": "Cas de test.", "calendar": case["calendar"],
        "sources": [{"title": "Cas", "publisher": "tests"}], "last_checked": "2025-01-01",
    })
    return CallEntry("cas", "region", "cas.md", data, "", None)


class CatalogIndexFiles:
    """The catalog's search index as a browser reads it back (theme/…/catalog.js does the same):
    the cards in the order of the resources' numbers, each resource's values of a facet, the words."""

    def __init__(self, site: Path):
        self.folder = site / "catalogue/index"
        self.head = json.loads((self.folder / "facettes.json").read_text(encoding="utf-8"))
        self.total = self.head["total"]

    def cards(self) -> list[dict]:
        count = -(-self.total // self.head["shard"])
        files = [json.loads((self.folder / f"fiches-{n}.json").read_text(encoding="utf-8")) for n in range(count)]
        return [dict(zip(file["fields"], row)) for file in files for row in file["cards"]]

    def values(self, facet: str) -> list[list[str]]:
        from generator.outputs.catalog_index import SYMBOLS

        head = self.head["facets"][facet]
        data = json.loads((self.folder / f"facette-{facet}.json").read_text(encoding="utf-8"))
        width, rows = data["width"], data["rows"]
        # Each set's number in `width` digits of base len(SYMBOLS).
        numbers = [sum(SYMBOLS.index(c) * len(SYMBOLS) ** (width - 1 - k) for k, c in enumerate(rows[i:i + width]))
                   for i in range(0, len(rows), width)]
        return [[head["values"][v] for v in head["sets"][n]] for n in numbers]

    def words(self) -> dict[str, str]:
        """Every word of the files that list words (not those split further), with its resources."""
        split = set(self.head["words"]["split"])
        found = {}
        for prefix in self.head["words"]["groups"]:
            if prefix not in split:
                found.update(json.loads((self.folder / f"mots-{prefix}.json").read_text(encoding="utf-8")))
        return found


def place_file(head: dict, typed: str) -> str:
    """The file of catalogue/lieux/ the script reads for what a visitor typed in « Près de »
    (placeFile in theme/assets/javascripts/deffinov/places.js)."""
    from generator.outputs.places import place_key

    if typed.strip().isdigit():
        return f"cp-{typed.strip()[:3]}.json"
    key = place_key(typed)
    prefix = key[:2]
    while prefix in head["split"] and len(key) > len(prefix):
        prefix = key[:len(prefix) + 1]
    return f"noms-{prefix}.json"
