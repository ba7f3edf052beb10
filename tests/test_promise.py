"""A green check is a promise: whatever `deffinov check` accepts, every output is safe for its reader.

Hypothesis writes content files (a call, a provider and a resource) whose fields come from the
published JSON Schemas (hypothesis-jsonschema) and whose texts come from the hardest strings we
know and from `st.text()` (control, bidirectional, zero-width characters, YAML escapes, formulas,
line breaks). Whenever check accepts the files, every file the outputs render is read back by a
reader independent of the code that wrote it: icalendar and vobject (which must agree on the
events), feedparser without `bozo`, the csv module, json, an HTML parser; and no output holds a
control, bidirectional or zero-width character.

The default run is small (CI); `--hypothesis-profile=long` tries many more examples. Failures
Hypothesis found are kept as explicit cases (`@example`) or in tests/error_cases/.
"""

from __future__ import annotations

import csv
import datetime as dt
import html.parser
import io
import json
import xml.etree.ElementTree as ElementTree
from dataclasses import replace
from pathlib import Path

import feedparser
import icalendar
import pytest
import vobject
import yaml
from hypothesis import event, example, given
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from helpers import REPO, Repo
from generator.build import pipeline
from generator.content.errors import ContentErrors
from generator.content.jsonschemas import content_schema
from generator.content.kinds import BY_NAME
from generator.content.reading import texts
from generator.content.text import forbidden
from generator.settings import Project

CALL = "regions/bretagne/calls/appel.md"
PROVIDER = "regions/bretagne/providers/lieu.yml"
RESOURCE = "regions/bretagne/resources/ressource.md"

# What a spreadsheet runs, what breaks a calendar, a feed, a CSV or a page, what displays
# deceptively: each of these must be refused by check or published harmlessly.
HOSTILE = [
    '=HYPERLINK("https://exemple.fr/x","Cliquez")', "=cmd|' /C calc'!A0", "+33 2 99 27 10 10", "-2+3", "@SUM(A1)",
    "\tTabulé", "Normandie\rX-INJECTED:1\rEND:VCALENDAR", "Deux\nlignes", "Deux\r\nlignes", "BEGIN:VEVENT",
    "a;b,c:d\\e", "]]>", "<![CDATA[x]]>", "&amp; &lt;b&gt;", "{{ 7 * 7 }}", "{% raw %}", "\"guillemets\" 'simples'",
    "Casques \u202egpj.exe VR", "a\u200bb", "La \0Fabrique", "\x1b[31m", "\ufeffdébut", "a\u2028b", "\ud800",
    "x" * 299, "é" * 300, "🥽 réalité virtuelle", "مرحبا", "   espaces   ", "—", "#titre", "* liste", "[lien](https://x.fr)",
]
hard_text = st.one_of(st.sampled_from(HOSTILE), st.text(min_size=1, max_size=40))

BASE = {
    CALL: {"title": "Appel de test", "summary": "Un appel.", "calendar": {"opens": "2025-01-06", "waves": [
        {"label": "Vague 1", "deadline": "2025-03-14", "time": "12:00"}]},
        "sources": [{"title": "Page", "publisher": "region.fr"}], "last_checked": "2025-01-10"},
    PROVIDER: {"name": "La Fabrique", "kind": "tiers-lieu", "summary": "Un lieu.", "place": {"city": "Rennes"},
               "last_updated": "2025-01-10"},
    RESOURCE: {"title": "Casques", "type": "equipement", "provider": "lieu", "summary": "Des casques.", "fees": "Gratuit",
               "last_updated": "2025-01-10"},
}
KIND_OF = {CALL: "call", PROVIDER: "provider", RESOURCE: "resource"}
# Fields whose generated value would make most examples fail check for a reason of no interest here.
KEEP = {"provider", "funded_by", "other_regions", "example"}


def from_published(schema: dict, root: dict, depth: int = 0):
    """Values for `schema`, a part of the published JSON Schema `root`: objects and arrays are
    walked here (hypothesis-jsonschema 0.23's object strategy relies on Hypothesis internals
    that 6.170 no longer has), every leaf is drawn by hypothesis-jsonschema."""
    if "$ref" in schema:
        return from_published(root["$defs"][schema["$ref"].rsplit("/", 1)[-1]], root, depth)
    if "anyOf" in schema:
        return st.one_of([from_published(option, root, depth) for option in schema["anyOf"]])
    if schema.get("type") == "object" and "properties" in schema:
        required = set(schema.get("required", []))
        fields = {name: from_published(prop, root, depth + 1) for name, prop in schema["properties"].items()}
        return st.fixed_dictionaries({name: fields[name] for name in required},
                                     optional={name: fields[name] for name in fields if name not in required})
    if schema.get("type") == "array" and isinstance(schema.get("items"), dict):
        return st.lists(from_published(schema["items"], root, depth + 1), min_size=schema.get("minItems", 0),
                        max_size=min(schema.get("maxItems", 3), 3))
    return from_schema(schema)


@st.composite
def schema_fields(draw, path: str):
    """A few fields of the file's kind, each drawn from its published JSON Schema: a few at a time,
    so that many examples pass check and reach the outputs."""
    schema = content_schema(BY_NAME[KIND_OF[path]])
    names = [name for name in schema["properties"] if name not in KEEP]
    chosen = draw(st.lists(st.sampled_from(names), max_size=3, unique=True))
    return {name: draw(from_published(schema["properties"][name], schema)) for name in chosen}


def put(data, loc, value):
    for part in loc[:-1]:
        data = data[part]
    data[loc[-1]] = value


@st.composite
def documents(draw):
    """The three files: a valid base, fields from the schemas over it, then hard texts in some text values."""
    files = {}
    for path, base in BASE.items():
        document = json.loads(json.dumps(base))
        document.update(draw(schema_fields(path)))
        paths = sorted((loc for loc, _ in texts(document)), key=str)
        for loc in draw(st.lists(st.sampled_from(paths), max_size=3, unique=True)) if paths else []:
            if loc[-1] not in ("date", "deadline", "opens", "closes", "published", "last_checked", "last_updated",
                               "time", "type", "kind", "fees", "state", "provider"):
                put(document, loc, draw(hard_text))
        files[path] = document
    return files


def write(root: Path, files: dict) -> None:
    repo = Repo(root)
    for path, document in files.items():
        text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
        if path.endswith(".md"):
            text = "---\n" + text + "---\n" + "Présentation.\n"
        repo.write(path, text)


def project_at(root: Path) -> Project:
    return replace(Project.at(root), templates_dir=REPO / "theme/deffinov", site_url="https://exemple.fr/",
                   today="2025-02-01T10:00:00+01:00")


# --- Independent readers, one per format -------------------------------------------------------

def no_forbidden_characters(uri: str, text: str) -> None:
    found = sorted({f"U+{ord(c):04X}" for c in text if c not in "\n\r\t" and forbidden(c, multiline=True)})
    assert not found, f"{uri}: {found}"


def read_calendar(uri: str, data: str) -> None:
    raw = data.encode("utf-8")
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n"), uri
    assert all(len(line) <= 75 for line in raw.split(b"\r\n")), f"{uri}: a line is longer than 75 octets"
    assert b"\n" not in raw.replace(b"\r\n", b""), f"{uri}: a bare line feed"
    assert b"\r" not in raw.replace(b"\r\n", b""), f"{uri}: a bare carriage return"
    events = [c for c in icalendar.Calendar.from_ical(raw).walk("VEVENT")]
    parsed = vobject.readOne(data, validate=True)
    assert len(events) == len(getattr(parsed, "vevent_list", [])), f"{uri}: icalendar and vobject disagree"
    for event in events:
        assert {"UID", "DTSTAMP", "DTSTART", "SUMMARY"} <= set(event), uri


def read_feed(uri: str, data: str) -> None:
    ElementTree.fromstring(data.encode("utf-8"))
    parsed = feedparser.parse(data)
    assert not parsed.bozo, f"{uri}: {parsed.get('bozo_exception')}"
    for entry in parsed.entries:
        assert entry.get("title") and entry.get("id") and entry.get("updated"), uri


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def read_csv(uri: str, data: str) -> None:
    rows = list(csv.reader(io.StringIO(data, newline="")))
    assert rows, uri
    width = len(rows[0])
    for row in rows:
        assert len(row) == width, f"{uri}: a row of {len(row)} cells under {width} headers"
        formulas = [cell for cell in row if cell.startswith(FORMULA_STARTS)]
        assert not formulas, f"{uri}: cells a spreadsheet would run: {formulas}"


class StrictHTML(html.parser.HTMLParser):
    """Generated pages: no element or attribute that runs code; data scripts hold valid JSON."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    DATA = ("application/json", "application/ld+json")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.data_script: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            assert dict(attrs).get("type") in self.DATA, f"<script {attrs}> in a generated page"
            self.data_script = []
        assert tag not in ("iframe", "object", "embed"), f"<{tag}> in a generated page"
        assert not any(name.startswith("on") for name, _ in attrs), f"event handler in <{tag}>"
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_data(self, data):
        if self.data_script is not None:
            self.data_script.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self.data_script is not None:
            json.loads("".join(self.data_script))
            self.data_script = None
        if tag in self.VOID:
            return
        assert self.open and tag in self.open, f"</{tag}> closes nothing"
        while self.open.pop() != tag:  # HTML's implied end tags (<p>, <li>)
            pass


def read_page(uri: str, data: str) -> None:
    body = data.split("\n---\n", 1)[-1] if data.startswith("---\n") else data
    parser = StrictHTML()
    parser.feed(body)
    parser.close()


READERS = {".ics": read_calendar, ".atom": read_feed, ".xml": read_feed, ".csv": read_csv, ".json": json.loads,
           ".md": read_page, ".html": read_page}


def read_back(rendered) -> int:
    """Read every rendered file with its reader; the number of files read."""
    count = 0
    for file in rendered:
        suffix = Path(file.uri).suffix
        content = file.content
        no_forbidden_characters(file.uri, content)
        reader = READERS.get(suffix)
        if reader is None:
            continue
        if suffix == ".json":
            json.loads(content)
        else:
            reader(file.uri, content)
        count += 1
    return count


# --- The property -----------------------------------------------------------------------------

@given(files=documents())
@example(files={**BASE, CALL: {**BASE[CALL], "title": "Normandie\rX-INJECTED:1\rEND:VCALENDAR"}})
@example(files={**BASE, CALL: {**BASE[CALL], "summary": "=HYPERLINK(\"https://x.fr\")\nseconde ligne"},
                PROVIDER: {**BASE[PROVIDER], "contact": {"name": "=cmd|' /C calc'!A0", "phone": "+33 2 99 27 10 10"}}})
@example(files={**BASE, CALL: {**BASE[CALL], "calendar": {**BASE[CALL]["calendar"], "timezone": "Etc/GMT-10"}}})
@example(files={**BASE, CALL: {**BASE[CALL], "amendments": [{"date": "2072-06-01", "text": "Modifié."}]}})
def test_what_check_accepts_every_output_publishes_safely(tmp_path_factory, files):
    root = tmp_path_factory.mktemp("promise") / "repo"
    write(root, files)
    project = project_at(root)
    try:
        plan = pipeline.check(project)
    except ContentErrors as refused:
        assert refused.errors and all(error.message and error.path for error in refused.errors)
        event("refused by check")
        return
    event("accepted by check, every output read back")
    assert read_back(pipeline.render(plan)) > 20


def test_the_hard_cases_are_refused_or_read_back():
    """The examples above are not vacuous: some are accepted and fully read back, some refused."""
    outcomes = {}
    for name, files in {
        "carriage returns": {**BASE, CALL: {**BASE[CALL], "title": "Normandie\rX"}},
        "formulas": {**BASE, PROVIDER: {**BASE[PROVIDER], "contact": {"name": "=cmd|' /C calc'!A0"}}},
        "plain": BASE,
    }.items():
        root = Path(__import__("tempfile").mkdtemp()) / "repo"
        write(root, files)
        try:
            outcomes[name] = read_back(pipeline.render(pipeline.check(project_at(root))))
        except ContentErrors:
            outcomes[name] = "refused"
    assert outcomes["carriage returns"] == "refused"
    assert isinstance(outcomes["formulas"], int) and isinstance(outcomes["plain"], int)


# Values check accepts although each is trouble for some reader: a formula for spreadsheets, a
# phone number read as one, calendar and XML structure, template syntax, line breaks in paragraphs.
ACCEPTED_HOSTILE = {
    **BASE,
    CALL: {**BASE[CALL], "title": "Appel ]]> BEGIN:VEVENT ; , \\ {{ 7 * 7 }}",
           "summary": '=HYPERLINK("https://exemple.fr/x","Cliquez")\n@SUM(A1) et -2+3',
           "caveats": ["+33 2 99 27 10 10", "END:VCALENDAR"],
           "contacts": [{"name": "=cmd|' /C calc'!A0", "phone": "+33 2 99 27 10 10", "email": "a@region.fr"}],
           "amendments": [{"date": "2025-01-20", "text": "-Modifié ; \"guillemets\" & <5 ans"}]},
    # Opening hours are read by OpenStreetMap's parser, which no formula gets through: a contact's name holds one.
    PROVIDER: {**BASE[PROVIDER], "name": "=Fabrique", "opening_hours": "Mo-Fr 09:00-18:00; PH off",
               "contact": {"name": "=cmd|' /C calc'!A0", "phone": "+33 2 99 27 10 10"}},
    RESOURCE: {**BASE[RESOURCE], "title": "@Casques 🥽", "summary": "-Des casques\nen deux lignes.", "funded_by": "appel"},
}


def test_accepted_hostile_content_builds_and_every_published_file_reads_back(tmp_path):
    from frictionless import validate as validate_table

    from conftest import mkdocs_build, public_project

    write(tmp_path / "content-repo", ACCEPTED_HOSTILE)
    project = public_project(tmp_path / "project", tmp_path / "content-repo/regions", "2025-02-01")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site"
    read = {".ics": 0, ".atom": 0, ".csv": 0, ".json": 0, ".html": 0}
    for path in sorted(site.rglob("*")):
        if path.suffix not in read or "pagefind" in path.parts or "assets" in path.parts:
            continue
        text = path.read_bytes().decode("utf-8")  # as published: line ends kept
        uri = str(path.relative_to(site))
        no_forbidden_characters(uri, text)
        if path.suffix == ".html":
            html.parser.HTMLParser().feed(text)
        elif path.suffix == ".json":
            json.loads(text)
        else:
            READERS[path.suffix](uri, text)
        read[path.suffix] += 1
    assert all(read.values()), read
    report = validate_table(str(next(site.rglob("datapackage.json"))))
    assert report.valid, [f"{task.name}: {error.type} {error.note}" for task in report.tasks for error in task.errors][:10]
    # The neutralised cell reads as the editor wrote it, after the quote; the JSON keeps it exact.
    table = (next(site.rglob("lieux.csv"))).read_text(encoding="utf-8")
    assert "'=cmd|' /C calc'!A0" in table and "'+33 2 99 27 10 10" in table
    assert "=cmd|' /C calc'!A0" in json.dumps(json.loads(next(site.rglob("lieux.json")).read_text(encoding="utf-8")))
