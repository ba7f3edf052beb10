"""The scale work of issue 8: the benchmark script.

The benchmark runs here at a small size so that it cannot rot: it must finish and print every
figure, whatever the figures are (timings on a shared machine are not something to assert).
The full size is run by hand: `python scripts/benchmark.py`.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from conftest import REPO

GOAL = r" — objectif [^:]+ : (atteint|NON ATTEINT)"
SIZE = r"[\d ]+,\d ko compressés, (?P<files>\d+) fichiers"
FIGURES = {
    "corpus": r"Corpus : 150 ressources, 15 lieux et 10 appels répartis sur 24 régions, .*",
    "check": r"Vérification du contenu \(deffinov check\) : [\d ]+,\d s",
    "build": r"Construction complète \(mkdocs build, index de recherche compris\) : [\d ]+,\d s" + GOAL,
    "memory": r"Mémoire maximale de la construction : \d+,\d\d Gio \([\d ]+ Mio\)" + GOAL,
    "rate": r"Pages construites par seconde : [\d ]+,\d pages/s \([\d ]+ pages en [\d ]+,\d s\)",
    "serve": r"Modification affichée par mkdocs serve : [\d ]+,\d s \(titre d'une ressource, /catalogue/[a-z0-9-]+/\)" + GOAL,
    "catalog": r"Téléchargement de la page du catalogue \(/catalogue/\) : " + SIZE + GOAL,
    "resource": r"Téléchargement d'une page de ressource \(/catalogue/[a-z0-9-]+/\) : " + SIZE,
    "calls": r"Téléchargement de la liste des appels \(/appels/\) : " + SIZE + GOAL,
    "search": r"Téléchargement d'une recherche à facettes : " + SIZE + r" ; .+" + GOAL,
}


@pytest.mark.browser
def test_the_benchmark_runs_and_prints_every_figure(tmp_path):
    corpus = tmp_path / "corpus"
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts/benchmark.py"), "--resources", "150", "--providers", "15", "--calls", "10",
         "--keep", str(corpus)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    for name, pattern in FIGURES.items():
        found = [re.fullmatch(pattern, line) for line in lines]
        found = [match for match in found if match]
        assert len(found) == 1, f"{name}: no line matches {pattern!r} in\n{result.stdout}"
        if "files" in pattern and "(?P<files>" in pattern:
            assert int(found[0]["files"]) > 0, f"{name}: nothing downloaded"
    # The generated corpus is what the model accepts, spread over every region.
    assert len(list(corpus.glob("regions/*/resources/*.md"))) == 150
    assert len({path.parent.parent.name for path in corpus.glob("regions/*/resources/*.md")}) == 24
    assert (corpus / "site/catalogue/index.html").is_file()
