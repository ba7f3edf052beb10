"""Old information is a warning: running calls whose last_checked is older than the setting,
reported by `deffinov check` (exit status 0) and listed on the maintainers' page."""

from __future__ import annotations

import datetime as dt
import re
import subprocess

import pytest

from helpers import DEFFINOV, REPO, STALE_DAY, STALE_SITE, deffinov_check, copy_project, mkdocs_build, text_of, without_ci
from generator.presentation.freshness import months_before, whole_months

WARNINGS = [
    "2 avertissements (le site peut être construit) :",
    "  - regions/bretagne/calls/appel-a-venir-ancien.md, ligne 11, champ « last_checked » : informations vérifiées "
    "le 1er juin 2024, il y a 9 mois, alors que l'appel n'est pas clos (statut « à venir ») : au-delà de 6 mois, "
    "revérifiez-les auprès des sources, puis écrivez la date du jour dans last_checked.",
    "  - regions/bretagne/calls/appel-ouvert-ancien.md, ligne 11, champ « last_checked » : informations vérifiées "
    "le 15 juillet 2024, il y a 7 mois, alors que l'appel n'est pas clos (statut « ouvert ») : au-delà de 6 mois, "
    "revérifiez-les auprès des sources, puis écrivez la date du jour dans last_checked.",
]


@pytest.fixture
def stale_project(tmp_path):
    return copy_project(tmp_path, STALE_SITE / "regions", STALE_DAY)


def set_months(project, months) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "stale_after_months: 6\n" in text
    config.write_text(text.replace("stale_after_months: 6\n", f"stale_after_months: {months}\n"), encoding="utf-8")


def test_old_information_on_running_calls_is_a_warning_naming_the_file_and_the_date(stale_project):
    result = subprocess.run([DEFFINOV, "check", str(stale_project)], capture_output=True, text=True, timeout=120,
                            env=without_ci())
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Contenu valide : 1 région ou territoire, 5 appels à projets")
    assert result.stderr.splitlines() == WARNINGS


def test_the_number_of_months_is_a_setting(stale_project):
    set_months(stale_project, 8)
    result = subprocess.run([DEFFINOV, "check", str(stale_project)], capture_output=True, text=True, timeout=120,
                            env=without_ci())
    assert result.returncode == 0
    lines = result.stderr.splitlines()
    assert lines[0] == "1 avertissement (le site peut être construit) :"
    assert len(lines) == 2 and "appel-a-venir-ancien.md" in lines[1] and "au-delà de 8 mois" in lines[1]


@pytest.mark.parametrize("value", ["six", "0"])
def test_a_wrong_setting_is_a_clear_error(stale_project, value):
    set_months(stale_project, value)
    result = deffinov_check(stale_project)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "mkdocs.yml, extension deffinov, réglage « stale_after_months » : nombre de mois attendu, par exemple 6, "
        f"reçu « {value} ».")
    build = mkdocs_build(stale_project)
    assert build.returncode == 1 and "Traceback" not in build.stdout + build.stderr
    assert "stale_after_months" in build.stdout + build.stderr


def test_the_default_content_has_no_warning():
    result = subprocess.run([DEFFINOV, "check", str(REPO)], capture_output=True, text=True, timeout=120, env=without_ci())
    assert result.returncode == 0
    assert result.stderr == ""


def test_the_maintainers_page_lists_the_same_calls_out_of_menu_search_and_engines(stale_project):
    result = mkdocs_build(stale_project)
    assert result.returncode == 0, result.stderr
    site = stale_project / "site"
    page = (site / "maintenance/index.html").read_text(encoding="utf-8")
    text = text_of(site / "maintenance/index.html")
    assert "2 appels à revérifier auprès des sources, le plus ancien d'abord." in text
    rows = re.findall(r"<tr><td><a href=\"([^\"]+)\">", page)
    assert rows == ["../appels/appel-a-venir-ancien/", "../appels/appel-ouvert-ancien/"]
    assert ("Appel à venir vérifié il y a longtemps à venir 1er juin 2024 (il y a 9 mois) "
            "regions/bretagne/calls/appel-a-venir-ancien.md") in text
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert "data-pagefind-body" not in page
    assert "maintenance/" not in (site / "index.html").read_text(encoding="utf-8")
    assert "noindex" not in (site / "index.html").read_text(encoding="utf-8")


def test_the_maintainers_page_of_the_default_content(built_site):
    text = text_of(built_site / "maintenance/index.html")
    assert "Aucun appel ouvert ou à venir n'a d'informations vérifiées il y a plus de 6 mois." in text


@pytest.mark.parametrize("day, months, expected", [
    (dt.date(2025, 3, 1), 6, dt.date(2024, 9, 1)),
    (dt.date(2025, 8, 31), 6, dt.date(2025, 2, 28)),
    (dt.date(2024, 8, 31), 6, dt.date(2024, 2, 29)),
    (dt.date(2025, 1, 15), 13, dt.date(2023, 12, 15)),
])
def test_months_before(day, months, expected):
    assert months_before(day, months) == expected


def test_whole_months():
    assert whole_months(dt.date(2024, 9, 1), dt.date(2025, 3, 1)) == 6
    assert whole_months(dt.date(2024, 9, 2), dt.date(2025, 3, 1)) == 5
    assert whole_months(dt.date(2025, 2, 28), dt.date(2025, 8, 31)) == 6
