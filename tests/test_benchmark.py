"""The scale work of issue 8: the benchmark script, the build's progress, the fast YAML reader.

The benchmark runs here at a small size so that it cannot rot: it must finish and print every
figure, whatever the figures are (timings on a shared machine are not something to assert).
The full size is run by hand: `python scripts/benchmark.py`.
"""

from __future__ import annotations

import importlib.util
import io
import logging
import re
import subprocess
import sys

import pytest
import yaml

from helpers import REPO
from generator.content import reading
from generator.build.progress import SHOWN_FROM, BuildProgress, kind_of

GOAL = r" — objectif [^:]+ : (atteint|NON ATTEINT)"
MAYBE = r" — objectif [^:]+ : (atteint|NON ATTEINT|non mesuré)"
SECONDS = r"[\d ]+,\d s"
RUNS = r"(, médiane de \d+ \(de [^)]+\))?"  # after a figure measured on several runs (--runs)
SIZE = r"[\d ]+,\d ko compressés, (?P<files>\d+) fichiers"
QUERY = r"[\d ]+,\d ko compressés, \d+ requêtes?, \d+ en échec" + GOAL
# Each figure line, and how many times it is printed for one shape.
FIGURES = {
    "check": (r"Vérification du contenu \(deffinov check\) : " + SECONDS, 1),
    "build": (r"Construction complète \(mkdocs build, index de recherche compris\) : " + SECONDS + RUNS + GOAL, 1),
    "memory": (r"Mémoire maximale de la construction \(somme sur l'arbre de processus\) : \d+,\d\d Gio \([\d ]+ Mio\)"
               + RUNS + GOAL, 1),
    "removal": (r"Suppression de l'ancien site, en arrière-plan après la construction : " + SECONDS + RUNS, 1),
    "cpu": (r"Temps processeur de la construction \(utilisateur et système, processus et ses ouvriers\) : " + SECONDS
            + RUNS, 1),
    "rate": (r"Pages construites par seconde : [\d ]+,\d pages/s \([\d ]+ pages en " + SECONDS + r"\)", 1),
    "peer": (r"Pair \(Material seul, [\d ]+ pages Markdown, navigation de six entrées, sa recherche\) : " + SECONDS
             + RUNS + r", \d+,\d\d Gio ; rapport construction/pair \d+,\d\d" + RUNS + GOAL, 1),
    "peer_cpu": (r"Temps processeur du pair : " + SECONDS + r" ; rapport des temps processeur construction/pair "
                 r"\d+,\d\d" + RUNS + r" \(deux cœurs pour la construction, un pour le pair\)", (0, 1)),
    "pages": (r"Pages HTML compressées : les plus grosses ([\d ]+,\d ko \(/[^)]*\)(, )?){3} ; [\d ]+ sur [\d ]+ "
              r"au-delà de 100 ko" + GOAL, 1),
    "ics": (r"Calendrier de tout le site \(/calendrier/deffinov-tiers-lieux\.ics\) : [\d ]+,\d ko, [\d ]+,\d ko compressés", 1),
    "catalog": (r"Téléchargement de la page du catalogue \(/catalogue/\) : " + SIZE + GOAL, 1),
    "resource": (r"Téléchargement d'une page de ressource \(/catalogue/[a-z0-9-]+/\) : " + SIZE, 1),
    "calls": (r"Téléchargement de la liste des appels \(/appels/\) : " + SIZE + GOAL, 1),
    # Facet values across frequencies (région, département, type, domaine), two pairs, words typed.
    "facet": (r"Requête du catalogue, (région|département|type|domaine) « [^»]+ » \((la plus fréquente|médiane|la plus rare)"
              r" des cases, [\d ]+ ressources?\) : " + QUERY, (8, 12)),
    "pair": (r"Requête du catalogue, région « [^»]+ » puis type « [^»]+ » : " + QUERY, 1),
    "pair2": (r"Requête du catalogue, département « [^»]+ » puis domaine « [^»]+ » : " + QUERY, 1),
    "words": (r"Requête du catalogue, mot « [^»]+ » tapé lettre à lettre : " + QUERY, 3),
    "rare_words": (r"Requête du catalogue, mot « [^»]+ » tapé lettre à lettre \(valeur de (région|département|domaine) "
                   r"la plus rare du catalogue, sans case à cocher\) : " + QUERY, (0, 3)),
    # Near a place: a commune typed, a word with a commune and all of France, a postal code, a choice.
    "near": (r"Requête du catalogue, (mot « [^»]+ » )?près de « [^»]+ »( \([^)]*\))?[^:()]* : " + QUERY, 4),
    "queries": (r"Requêtes du catalogue \(\d+\) : la pire [\d ]+,\d ko \(.+\), la médiane [\d ]+,\d ko" + GOAL, 1),
    "failed": (r"Requêtes en échec pendant les requêtes du catalogue : \d+( \(.+\))?", 1),
    "serve": (r"Modification affichée par mkdocs serve, titre : " + SECONDS
              + r" \(titre d'une ressource, /catalogue/[a-z0-9-]+/\)" + GOAL, 1),
    "serve_call": (r"Modification affichée par mkdocs serve, date limite d'un appel : " + SECONDS
                   + r" \(date limite d'un appel, /appels/[a-z0-9-]+/ : page, calendrier de l'appel, "
                     r"calendrier de la région, flux de la région\)" + GOAL, 1),
    "serve_memory": (r"Mémoire de mkdocs serve \(somme sur l'arbre de processus\) : \d+,\d\d Gio après le 1er "
                     r"enregistrement, \d+,\d\d Gio après le 3e, -?[\d ]+,\d Mio de plus par enregistrement ; titres "
                     r"suivants montrés en " + SECONDS + r" \(médiane\)" + GOAL, 1),
}
SHAPES = {
    "even": r"Corpus : 150 ressources, 15 lieux et 60 appels répartis sur 24 régions, forme « even » : .*",
    "uneven": r"Corpus : 150 ressources, 15 lieux et 60 appels répartis sur \d+ régions sur 24, forme « uneven » : .*",
}


def _count(lines: list[str], pattern: str) -> list[re.Match]:
    return [match for match in (re.fullmatch(pattern, line) for line in lines) if match]


def _run(tmp_path, name: str, *options: str) -> tuple[list[str], "Path"]:
    corpus = tmp_path / name
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts/benchmark.py"), "--resources", "150", "--providers", "15", "--calls", "60",
         *options, "--keep", str(corpus)],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout.splitlines(), corpus


def _check_figures(lines: list[str], figures: dict) -> None:
    text = "\n".join(lines)
    for name, (pattern, times) in figures.items():
        found = _count(lines, pattern)
        low, high = (times, times) if isinstance(times, int) else times
        assert low <= len(found) <= high, f"{name}: {len(found)} lines match {pattern!r} in\n{text}"
        if "(?P<files>" in pattern:
            assert all(int(match["files"]) > 0 for match in found), f"{name}: nothing downloaded"


def _check_summary(lines: list[str], shapes: list[str], dashes: int = 0) -> None:
    """A header and one row a shape, each with every column; `dashes` figures not measured."""
    header = lines.index("Résumé par forme :")
    table = [line.split(" | ") for line in lines[header + 1:header + 2 + len(shapes)]]
    assert table[0][0].strip() == "forme" and len(table[0]) == 14
    assert [row[0].strip() for row in table[1:]] == shapes
    assert all(len(row) == 14 and [cell.strip() for cell in row].count("–") == dashes for row in table[1:]), table


@pytest.mark.browser
def test_the_benchmark_runs_and_prints_every_figure(tmp_path):
    lines, corpus = _run(tmp_path, "corpus", "--saves", "3", "--runs", "2")
    assert len(_count(lines, SHAPES["even"])) == 1, "\n".join(lines)
    # Two paired builds: the build, its memory, its processor time, the peer and the ratios as medians
    # with their range.
    assert len([line for line in lines if ", médiane de 2 (de " in line]) == 5, "\n".join(lines)
    assert len(_count(lines, FIGURES["peer_cpu"][0])) == 1, "\n".join(lines)
    _check_figures(lines, FIGURES)
    _check_summary(lines, ["even"])
    # The generated corpus is what the model accepts, spread over every region.
    assert len(list(corpus.glob("regions/*/resources/*.md"))) == 150
    assert len({path.parent.parent.name for path in corpus.glob("regions/*/resources/*.md")}) == 24
    assert (corpus / "site/catalogue/index.html").is_file()
    # 60 calls make two pages of the calls list, which hold every call once.
    site = corpus / "site"
    pages = [site / "appels/index.html", *sorted(site.glob("appels/page-*/index.html"))]
    assert len(pages) == 2
    listed = [link for page in pages for link in re.findall(
        r'<h2 class="deffinov-card__title"><a href="([^"]+)"', page.read_text(encoding="utf-8"))]
    assert sorted(link.rstrip("/").rsplit("/", 1)[-1] for link in listed) == sorted(
        path.stem for path in corpus.glob("regions/*/calls/*.md"))
    assert "Page suivante" in pages[0].read_text(encoding="utf-8")


@pytest.mark.browser
def test_the_uneven_shape_runs_too(tmp_path):
    """Another shape, cheaply: no peer, two saves, a few queries; its corpus leaves regions empty."""
    lines, corpus = _run(tmp_path, "uneven", "--shape", "uneven", "--no-peer", "--saves", "2", "--queries", "few")
    assert len(_count(lines, SHAPES["uneven"])) == 1, "\n".join(lines)
    few = {name: figure for name, figure in FIGURES.items() if name not in ("peer", "serve_memory")}
    few |= {
        "removal": (FIGURES["removal"][0], 0),  # one build: no site to replace
        "peer": (r"Pair \(Material seul sur autant de pages\) : non mesuré \(--no-peer\)" + MAYBE, 1),
        "facet": (FIGURES["facet"][0], 4),
        "pair2": (FIGURES["pair2"][0], 0),
        "words": (FIGURES["words"][0], 1),
        "near": (FIGURES["near"][0], 1),
        "serve_memory": (r"Mémoire de mkdocs serve \(somme sur l'arbre de processus\) : \d+,\d\d Gio après le 1er "
                         r"enregistrement, \d+,\d\d Gio après le 2e, -?[\d ]+,\d Mio de plus par enregistrement"
                         + GOAL, 1),
    }
    _check_figures(lines, few)
    _check_summary(lines, ["uneven"], dashes=2)  # the peer's time and the ratio
    assert len({path.parent.parent.name for path in corpus.glob("regions/*/resources/*.md")}) < 24


@pytest.mark.parametrize("shape", ["long", "concentrated", "mixed"])
def test_every_other_shape_writes_what_the_check_accepts(tmp_path, shape):
    """The shapes the smoke test above does not build: their corpus passes `deffinov check`."""
    subprocess.run([sys.executable, str(REPO / "scripts/benchmark.py"), "--resources", "60", "--providers", "6",
                    "--calls", "30", "--shape", shape, "--keep", str(tmp_path), "--corpus-only"],
                   check=True, capture_output=True, timeout=120)
    check = subprocess.run([sys.executable, "-m", "generator.tools.cli", "check", str(tmp_path)],
                           capture_output=True, text=True, timeout=120, cwd=REPO)
    assert check.returncode == 0, check.stdout + check.stderr
    assert len(list(tmp_path.glob("regions/*/resources/*.md"))) == 60


# --- The build's progress ---------------------------------------------------------------------------

class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        self.now += 0.05
        return self.now


def _kinds(calls: int, resources: int) -> dict[str, str]:
    kinds = {"index.md": "listes", "programme.md": "éditoriales"}
    kinds |= {f"appels/a{n}/index.md": "appels" for n in range(calls)}
    kinds |= {f"catalogue/r{n}/index.md": "ressources" for n in range(resources)}
    return kinds


def _build(progress: BuildProgress, kinds: dict[str, str]) -> None:
    progress.checked(sum(1 for kind in kinds.values() if kind != "éditoriales"))
    progress.planned(kinds)
    for uri in kinds:
        progress.read(uri)
    for uri in kinds:
        progress.written(uri)
    progress.search_started()
    progress.search_done()
    progress.finish()


def test_pages_are_classified_by_the_file_they_come_from():
    assert kind_of("regions/bretagne/calls/appel.md", True) == "appels"
    assert kind_of("regions/bretagne/resources/casque.md", True) == "ressources"
    assert kind_of("regions/bretagne/providers/lieu.yml", True) == "lieux"
    assert kind_of("regions/bretagne/region.yml", True) == "régions"
    assert kind_of(None, True) == "listes"
    assert kind_of(None, False) == "éditoriales"


def test_a_log_gets_a_plain_line_every_tenth_then_a_summary(caplog):
    kinds = _kinds(300, 700)
    log = logging.getLogger("mkdocs.plugins.deffinov.test")
    with caplog.at_level(logging.INFO, logger=log.name):
        _build(BuildProgress(log, stream=io.StringIO(), terminal=False, clock=Clock()), kinds)
    messages = [record.getMessage() for record in caplog.records]
    assert len(messages) == 13, messages  # content checked, ten steps, the search index, the summary
    assert re.fullmatch(r"Contenu vérifié en \d+,\d s ; préparation de 1 001 pages…", messages.pop(0))
    assert messages[0] == ("Lecture des pages : 201 / 1 002 (appels 199/300, ressources 0/700, listes 1/1, "
                           "éditoriales 1/1)")
    assert messages[9].startswith("Écriture des pages : 1 002 / 1 002 (appels 300/300, ressources 700/700")
    assert messages[10] == "Index de recherche (Pagefind) : indexation de 1 002 pages…"
    assert re.fullmatch(r"Site construit : 1 002 pages \(appels 300, ressources 700, listes 1, éditoriales 1\) ; "
                        r"contenu vérifié en \d+,\d s, pages préparées en \d+,\d s, lues en \d+,\d s, "
                        r"écrites en \d+,\d s, index de recherche en \d+,\d s\.", messages[11])


def test_a_terminal_gets_one_line_rewritten_in_place(caplog):
    kinds = _kinds(300, 700)
    terminal = FakeTerminal()
    log = logging.getLogger("mkdocs.plugins.deffinov.test")
    with caplog.at_level(logging.INFO, logger=log.name):
        _build(BuildProgress(log, stream=terminal, clock=Clock()), kinds)
    drawn = terminal.getvalue()
    assert "\n" not in drawn
    assert drawn.count("\r") > 10
    assert "\rÉcriture des pages : 1 002 / 1 002 (" in drawn
    assert drawn.endswith("\r\x1b[K"), "the line is cleared before the summary"
    assert [record.getMessage()[:15] for record in caplog.records] == ["Site construit "]


def test_a_small_site_or_a_quiet_build_shows_nothing(caplog):
    small = _kinds(10, SHOWN_FROM - 20)
    big = _kinds(300, 700)
    log = logging.getLogger("mkdocs.plugins.deffinov.test")
    terminal = FakeTerminal()
    with caplog.at_level(logging.INFO, logger=log.name):
        _build(BuildProgress(log, stream=terminal, clock=Clock()), small)
    with caplog.at_level(logging.ERROR, logger=log.name):  # mkdocs build -q
        _build(BuildProgress(log, stream=terminal, clock=Clock()), big)
    assert caplog.records == [] and terminal.getvalue() == ""


# --- The fast YAML reader -----------------------------------------------------------------------------

def _pure(text: str):
    saved, reading.FAST_LOADER = reading.FAST_LOADER, None
    try:
        return _outcome(text)
    finally:
        reading.FAST_LOADER = saved


def _outcome(text: str):
    try:
        parsed = reading.parse_yaml(text)
    except reading.SourceError as exc:
        return ("error", exc.message, exc.line)
    return ("ok", parsed.data, parsed.lines)


def test_yaml_is_read_by_libyaml():
    assert yaml.__with_libyaml__ and reading.FAST_LOADER is yaml.CSafeLoader


TRICKY = [
    "title: Un titre\nsummary:\ncalendar:\n  waves:\n    - deadline: 2025-03-14\n      time: 12:00\n",
    "a: null\nb: ~\nc: 'null'\nd: NO\ne: |\n  bloc\n  de texte\n",
    "a: &x [1, 2]\nb: *x\n",
    "a: 1\na: 2\n",  # a key twice
    "a: b: c\n",  # a colon in a plain value
    "a:\n\t- b\n",  # a tab as indentation
    "titre: un\tmot\n",  # a tab inside a value: libyaml would accept what PyYAML refuses
    "a: 1\n\ufeff  b: 2\n",  # a byte-order mark at the start of a line
    "a: [1, 2\n",
    "a: *inconnu\n",
    "a: &a [*a]\n",  # an alias inside its own anchor
    "- " * 50_000 + "x\n",  # libyaml would crash the process on such nesting
    "a: " + "[" * 30_000 + "]" * 30_000 + "\n",
    "--- a\n--- b\n",
]


@pytest.mark.parametrize("text", TRICKY, ids=range(len(TRICKY)))
def test_libyaml_reads_like_the_pure_parser(text):
    assert _outcome(text) == _pure(text)


def test_libyaml_reads_every_real_content_file_like_the_pure_parser():
    for path in sorted((REPO / "regions").rglob("*")):
        if path.suffix not in (".yml", ".md"):
            continue
        text = reading.read_text(path)
        if path.suffix == ".md":
            text, _, offset = reading.split_front_matter(text)
        assert _outcome(text) == _pure(text), path


# --- Cheap speed-ups that must not change what is built --------------------------------------------

def test_one_markdown_converter_keeps_nothing_from_one_text_to_the_next():
    from generator.outputs.templates import safe_markdown

    first = safe_markdown("Voir [la fiche][fiche].\n\n[fiche]: https://exemple.fr/fiche")
    second = safe_markdown("Voir [la fiche][fiche].")
    assert 'href="https://exemple.fr/fiche"' in first
    assert "href" not in second and "[la fiche][fiche]" in second
    assert safe_markdown("- un\n- deux") == safe_markdown("- un\n- deux")


def test_time_zones_of_calendars_are_worked_out_once_per_zone_and_span():
    import datetime as dt

    from generator.outputs import calendars

    first, last = dt.date(2024, 1, 1), dt.date(2027, 1, 1)
    zone = calendars._timezone("America/Cayenne", first, last)
    assert zone is calendars._timezone("America/Cayenne", first, last)
    assert "TZID:America/Cayenne" in zone.to_ical().decode()
    assert calendars._timezone("Nulle/Part", first, last) is None


def test_relative_links_are_those_of_posixpath():
    import posixpath

    from generator.presentation.urls import _relative

    addresses = ["", "appels/", "appels/x/", "catalogue/types/espace/page-2/", "catalogue/a/", "regions/b/",
                 "programme.html", "appels/x/index.html", "lieux/y/", "a/b/c/d/"]
    for target in addresses:
        for source in addresses:
            start = source if source.endswith("/") or not source else posixpath.dirname(source)
            assert _relative(target, start) == posixpath.relpath("/" + target, "/" + start), (target, source)


@pytest.mark.parametrize("text", ["Date limite : 31 mars", "« Bonjour » ! Vraiment ?", "10 000 € ; 30 %", "sans-espace",
                                  "1 000 000", " : ", "a\u00a0: b", r"\1 :", ""])
def test_typography_skips_only_texts_it_would_not_change(text):
    from generator.french import NBSP, typography

    expected = re.sub(r"(?<=\S) ([:;!?»€%])", lambda m: NBSP + m.group(1), text)
    expected = re.sub(r"(?<=\d) (?=\d{3}\b)", NBSP, expected).replace("« ", "«" + NBSP)
    assert typography(text) == expected


def _benchmark_module():
    spec = importlib.util.spec_from_file_location("benchmark_script", REPO / "scripts" / "benchmark.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_the_previews_growth_is_a_slope_over_the_saves_after_the_calls():
    """The calendars and the feed opened after the call's save stay kept: a step between the first
    save and the third, not a growth; a leak shows as a slope whatever the step."""
    Preview = _benchmark_module().Preview
    mib = 1024**2
    step_then_flat = Preview(saves=50, memory_first=1000 * mib,
                             memory_points=[(3, 1050 * mib), (11, 1051 * mib), (19, 1050 * mib), (50, 1051 * mib)])
    assert abs(step_then_flat.growth) < 0.1 * mib
    assert step_then_flat.memory_last == 1051 * mib
    leak = Preview(saves=50, memory_first=1000 * mib, memory_points=[(save, (1000 + 2 * save) * mib) for save in (3, 11, 50)])
    assert leak.growth == pytest.approx(2 * mib)
    # Too few saves for two measures after the call's: from the first save to the last.
    few = Preview(saves=3, memory_first=1000 * mib, memory_points=[(3, 1004 * mib)])
    assert few.growth_points == [(1, 1000 * mib), (3, 1004 * mib)] and few.growth == pytest.approx(2 * mib)
    assert Preview(saves=1, memory_first=1000 * mib).growth is None
