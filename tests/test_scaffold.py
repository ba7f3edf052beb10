"""`deffinov new`: a file in the right place, every field described, refused by check until filled in."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.content.fielddocs import field_docs, walk
from generator.content.kinds import BY_NAME
from generator.content.placeholders import MARK
from generator.tools.scaffold import _yaml
from helpers import read_yaml12, schema_errors
from generator.content.jsonschemas import content_schema

DEFFINOV = str(Path(sys.executable).parent / "deffinov")
# Every test here runs `deffinov` in processes of its own, as editors do: out of the fast loop.
pytestmark = pytest.mark.slow
# A line deffinov new wrote for a required value: `  title: "[à compléter : Titre]"`.
REQUIRED_LINE = re.compile(r'^(\s*(?:- )?)(\w+): "\[à compléter : [^"]*\]"$', re.MULTILINE)


def run(*args: str, root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([DEFFINOV, *args], capture_output=True, text=True, timeout=120, cwd=root)


def new(root: Path, kind: str, identifier: str, region: str = "bretagne") -> Path:
    result = run("new", kind, "--region", region, "--id", identifier, root=root)
    assert result.returncode == 0, result.stderr
    relative = BY_NAME[kind].path(region, identifier)
    assert result.stdout.startswith(f"Fichier créé : {relative}\n")
    return root / relative


def fill(path: Path, kind: str, **values) -> None:
    """What an editor does: each required value replaced (by the model's example), the body written."""
    examples = {doc.key: doc.example for doc in walk(field_docs(BY_NAME[kind])) if doc.required}
    examples.update(values)
    text = REQUIRED_LINE.sub(lambda m: f"{m.group(1)}{m.group(2)}: {_yaml(examples[m.group(2)])}", path.read_text(encoding="utf-8"))
    path.write_text(text.replace(f"{MARK} : {BY_NAME[kind].body}]", "Présentation.") if BY_NAME[kind].body else text,
                    encoding="utf-8")


def test_a_new_call_is_refused_until_filled_in_then_accepted(repo):
    path = new(repo.root, "call", "appel-2027")
    result = run("check", ".", root=repo.root)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    text = path.read_text(encoding="utf-8").splitlines()
    title_line = next(number for number, line in enumerate(text, 1) if line.startswith("title:"))
    assert lines[1] == (
        f"  - regions/bretagne/calls/appel-2027.md, ligne {title_line}, champ « title » : valeur à compléter (Titre "
        "officiel de l'appel, ou à défaut un titre descriptif, avec title_official: false). Remplacez tout « [à compléter : …] » par la vraie valeur : ce champ est obligatoire.")
    fields = {re.search(r"champ « ([^»]+) »", line).group(1) for line in lines if "champ «" in line}
    assert fields == {"title", "summary", "sources[1].title", "sources[1].publisher", "last_checked"}
    body_line = len(text)
    assert (f"  - regions/bretagne/calls/appel-2027.md, ligne {body_line} : présentation à compléter. Remplacez la ligne "
            "« [à compléter : …] » sous l'en-tête par le texte de présentation, en Markdown.") in lines
    assert "Traceback" not in result.stderr

    fill(path, "call", last_checked="2025-01-10")
    result = run("check", ".", root=repo.root)
    assert result.returncode == 0, result.stderr


def test_an_optional_field_uncommented_and_left_as_is_is_reported(repo):
    path = new(repo.root, "call", "appel-2027")
    fill(path, "call", last_checked="2025-01-10")
    text = path.read_text(encoding="utf-8").replace('# budget: "[à compléter', 'budget: "[à compléter')
    path.write_text(text, encoding="utf-8")
    result = run("check", ".", root=repo.root)
    assert result.returncode == 1
    assert ("champ « budget » : valeur à compléter (Enveloppe totale de l'appel, en euros). Remplacez tout "
            "« [à compléter : …] » par la vraie valeur, ou supprimez la ligne si l'information n'est pas connue."
            ) in result.stderr
    assert "nombre entier attendu" not in result.stderr  # said once, as a placeholder


def test_a_new_provider_and_resource_are_accepted_once_filled_in(repo):
    provider = new(repo.root, "provider", "lieu-test")
    resource = new(repo.root, "resource", "ressource-test")
    assert run("check", ".", root=repo.root).returncode == 1
    fill(provider, "provider", city="Rennes", last_updated="2025-01-10")
    fill(resource, "resource", provider="lieu-test", last_updated="2025-01-10")
    result = run("check", ".", root=repo.root)
    assert result.returncode == 0, result.stderr
    assert "1 lieu ou collectif, 1 ressource." in result.stdout


# A commented-out value line: `# budget: …`, `#   min: …`, `#     - "…"`; not a description (`# Titre — …`).
VALUE_LINE = re.compile(r'^(\s*)# (\s*(?:- "\[à compléter|(?:- )?[a-z_]+:(?: |$)))', re.MULTILINE)


@pytest.mark.parametrize("kind", ["call", "resource", "provider"])
def test_every_field_is_in_the_new_file_and_uncommenting_it_gives_valid_yaml(kind, repo):
    from generator.tools.scaffold import render

    text = render(BY_NAME[kind])
    for doc in walk(field_docs(BY_NAME[kind])):
        assert re.search(rf"^[ #-]*{doc.key}:", text, re.MULTILINE), doc.path
        assert f"{doc.label} — " in text, doc.path
    # Every optional field uncommented at once: still valid YAML, where check finds placeholders only.
    path = new(repo.root, kind, "tout")
    path.write_text(VALUE_LINE.sub(r"\1\2", text), encoding="utf-8")
    result = run("check", "--all", ".", root=repo.root)
    problems = result.stderr.splitlines()[1:-1]
    assert len(problems) > len([d for d in walk(field_docs(BY_NAME[kind])) if d.required]), problems
    assert all("à compléter" in line for line in problems), [line for line in problems if "à compléter" not in line]


def test_a_new_provider_file_names_its_schema_and_matches_it_once_filled(repo):
    path = new(repo.root, "provider", "lieu-test")
    assert path.read_text(encoding="utf-8").splitlines()[0] == (
        "# yaml-language-server: $schema=../../../schemas/provider.schema.json")
    assert (path.parent / "../../../schemas/provider.schema.json").resolve() == repo.root / "schemas/provider.schema.json"
    fill(path, "provider", city="Rennes", last_updated="2025-01-10")
    assert schema_errors(content_schema(BY_NAME["provider"]), read_yaml12(path)) == []


def test_refusals_are_in_french_and_nothing_is_overwritten(repo):
    result = run("new", "call", "--region", "bretange", root=repo.root)
    assert result.returncode == 1
    assert result.stderr.strip() == "Aucun fichier créé : région inconnue « bretange ». Régions possibles : bretagne, guyane."

    existing = repo.call("regions/guyane/calls/appel-test.md")
    before = existing.read_text(encoding="utf-8")
    result = run("new", "call", "--region", "bretagne", "--id", "appel-test", root=repo.root)
    assert result.returncode == 1
    assert "le fichier regions/guyane/calls/appel-test.md existe déjà et ne sera pas remplacé" in result.stderr
    assert existing.read_text(encoding="utf-8") == before
    assert not (repo.root / "regions/bretagne/calls/appel-test.md").exists()

    result = run("new", "resource", "--region", "bretagne", "--id", "../../evil", root=repo.root)
    assert result.returncode == 1
    assert "identifiant « ../../evil » non valide" in result.stderr
    assert not list(repo.root.rglob("evil*"))
