"""Seeded damage of real content files never crashes `deffinov check`: every damaged repository
is either accepted or refused with French errors, whatever line was deleted, indented or mangled.

The damage is what an editor's slip or a web editor's bad merge does: a deleted line, a stray
indent, a line duplicated, a character removed, two lines swapped. DAMAGE_RUNS (default 60) sets
how many repositories are tried; CI keeps the default, a longer run is `DAMAGE_RUNS=1000 pytest …`.
"""

from __future__ import annotations

import os
import random
import shutil
from pathlib import Path

import pytest

from helpers import REPO
from generator.build import pipeline
from generator.content.errors import ContentErrors
from generator.settings import Project

RUNS = int(os.environ.get("DAMAGE_RUNS", "60"))


def _damage(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    index = rng.randrange(len(lines))
    kind = rng.choice(["delete", "indent", "duplicate", "drop-char", "swap", "dedent"])
    if kind == "delete":
        del lines[index]
    elif kind == "indent":
        lines[index] = "  " + lines[index]
    elif kind == "dedent":
        lines[index] = lines[index].lstrip()
    elif kind == "duplicate":
        lines.insert(index, lines[index])
    elif kind == "drop-char" and lines[index]:
        at = rng.randrange(len(lines[index]))
        lines[index] = lines[index][:at] + lines[index][at + 1:]
    elif kind == "swap" and index + 1 < len(lines):
        lines[index], lines[index + 1] = lines[index + 1], lines[index]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("pristine")
    shutil.copytree(REPO / "regions", root / "regions")
    shutil.copytree(REPO / "content", root / "content")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


@pytest.mark.parametrize("seed", range(RUNS))
def test_damaged_content_gets_french_errors_never_a_crash(pristine, tmp_path, seed):
    rng = random.Random(seed)
    root = tmp_path / "repo"
    shutil.copytree(pristine, root)
    files = sorted(p for p in (root / "regions").rglob("*") if p.suffix in (".yml", ".md"))
    # Region files first among the damaged: the planning of the catalog depends on them.
    damaged = rng.sample(files, k=rng.randint(1, 3)) + [rng.choice([p for p in files if p.name == "region.yml"])]
    for path in damaged:
        path.write_text(_damage(path.read_text(encoding="utf-8"), rng), encoding="utf-8")
    try:
        pipeline.check(Project.at(root))
    except ContentErrors as exc:
        assert exc.errors and all(error.message for error in exc.errors)
