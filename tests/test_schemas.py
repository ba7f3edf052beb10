"""The JSON Schemas of the content files: they accept the real content and refuse broken files.

Files are read as a YAML language server reads them (YAML 1.2: a date stays text) and checked with
an independent validator, `jsonschema`.
"""

from __future__ import annotations

import copy
import json

import jsonschema
import pytest

from helpers import REPO, read_yaml12, schema_errors
from generator.content.jsonschemas import Known, content_schema
from generator.content.kinds import BY_NAME, KINDS, PROGRAMME
from generator.content.loading import load_content
from generator.tools.committed_files import stale


@pytest.fixture(scope="module")
def committed() -> dict[str, dict]:
    return {kind.name: json.loads((REPO / kind.schema_path).read_text(encoding="utf-8")) for kind in KINDS}


@pytest.fixture(scope="module")
def published() -> dict[str, dict]:
    """The schemas as the site publishes them: with the providers and calls of the content."""
    known = Known.of_site(load_content(REPO).site)
    return {kind.name: content_schema(kind, known) for kind in KINDS}


def test_the_schemas_are_valid_json_schemas(committed, published):
    for schema in [*committed.values(), *published.values()]:
        jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_every_content_file_matches_its_schemas(kind, committed, published):
    paths = sorted(REPO.glob(kind.glob))
    assert paths, kind.glob
    for path in paths:
        data = read_yaml12(path)
        assert schema_errors(committed[kind.name], data) == [], path
        assert schema_errors(published[kind.name], data) == [], path


def call() -> dict:
    return read_yaml12(REPO / "regions/normandie/calls/normandie-connectee-deffinov.md")


BROKEN = {
    "unknown key": ("call", lambda d: d.update(budjet=10), "Additional properties"),
    "missing title": ("call", lambda d: d.pop("title"), "'title' is a required property"),
    "no source": ("call", lambda d: d.update(sources=[]), "should be non-empty"),
    "date that does not exist": ("call", lambda d: d.update(last_checked="2025-02-30"), "is not a 'date'"),
    "time without minutes": ("call", lambda d: d["calendar"].update(closes_time="12h"), "does not match"),
    "unknown state": ("call", lambda d: d["calendar"].update(state="paused"), "is not one of"),
    "unknown other region": ("call", lambda d: d.update(other_regions=["bretange"]), "is not one of"),
    "negative budget": ("call", lambda d: d.update(budget=-5), "less than the minimum"),
    "rate over 100": ("call", lambda d: d.update(aid={"max_rate": 120}), "greater than the maximum"),
    "uncertain date with a misspelt flag": (
        "call", lambda d: d["calendar"].update(opens={"date": "2025-01-06", "year_uncertin": True}), "is not valid"),
    "text instead of a list": ("call", lambda d: d.update(run_by="Région"), "is not of type 'array'"),
    "region code as a number": ("region", lambda d: d.update(insee_code=53), "is not of type 'string'"),
    "unknown provider": ("resource", lambda d: d.update(provider="lieu-inconnu"), "is not one of"),
    "unknown fees": ("resource", lambda d: d.update(fees="Gratos"), "is not one of"),
    "provider without place": ("provider", lambda d: d.pop("place"), "'place' is a required property"),
}
SAMPLES = {
    "call": call,
    "region": lambda: read_yaml12(REPO / "regions/bretagne/region.yml"),
    "resource": lambda: read_yaml12(REPO / "regions/bretagne/resources/imprimante-3d.md"),
    "provider": lambda: read_yaml12(REPO / "regions/bretagne/providers/la-fabrique-du-coin.yml"),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_broken_file_is_refused(case, published):
    kind, breaks, expected = BROKEN[case]
    data = copy.deepcopy(SAMPLES[kind]())
    assert schema_errors(published[kind], data) == []
    breaks(data)
    found = schema_errors(published[kind], data)
    assert found and any(expected in message for message in found), found


def test_the_editors_copy_lists_regions_but_not_the_catalogs_ids(committed, published):
    regions = committed["call"]["properties"]["other_regions"]["items"]
    assert "bretagne" in regions["enum"] and "Bretagne" in regions["enumDescriptions"]
    # Providers and calls change with every contribution: only the published schemas list them.
    assert "enum" not in committed["resource"]["properties"]["provider"]
    assert "la-fabrique-du-coin" in published["resource"]["properties"]["provider"]["enum"]


def test_the_schemas_speak_french_to_editors(committed):
    text = json.dumps(committed, ensure_ascii=False)
    assert "Titre officiel de l'appel" in text and "Heure attendue au format HH:MM" in text
    # The models' docstrings and class names are for developers.
    assert "The front matter" not in text and '"title": "Calendar"' not in text
    assert committed["call"]["$defs"]["CallState"]["enumDescriptions"][1] == "suspendu"


def test_the_committed_schemas_and_guide_are_up_to_date():
    assert stale(REPO) == [], "régénérez-les avec « deffinov generate »"


def test_vscode_maps_each_yaml_kind_to_its_schema():
    settings = json.loads((REPO / ".vscode/settings.json").read_text(encoding="utf-8"))
    expected = {f"./{kind.schema_path}": kind.glob for kind in (*KINDS, PROGRAMME) if kind.suffix == ".yml"}
    assert settings["yaml.schemas"] == expected
    for schema in expected:
        assert (REPO / schema).is_file()
    extensions = json.loads((REPO / ".vscode/extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]


def test_the_programme_file_matches_its_committed_schema():
    schema = json.loads((REPO / PROGRAMME.schema_path).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema_errors(schema, read_yaml12(REPO / PROGRAMME.single)) == []
    assert (REPO / PROGRAMME.single).read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../schemas/programme.schema.json\n")


def test_the_site_publishes_the_schemas(built_site):
    known = Known.of_site(load_content(REPO).site)
    for kind in KINDS:
        published = json.loads((built_site / kind.schema_path).read_text(encoding="utf-8"))
        assert published == content_schema(kind, known)
    assert BY_NAME["call"].schema_path == "schemas/call.schema.json"
