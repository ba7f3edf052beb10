"""The report editors read: one line per cause, the same error in many files said once, bounded."""

from __future__ import annotations

from helpers import VALID_CALL, Repo
from generator.tools.cli import main as deffinov
from generator.content.errors import MAX_PLACES, MAX_SHOWN, ContentError, ContentErrors

TYPO = "champ inconnu « sumary ». Vérifiez l'orthographe."


def test_the_same_error_in_many_files_is_said_once_with_its_places():
    errors = [ContentError(f"regions/bretagne/resources/r{i:04d}.md", 7, "sumary", TYPO) for i in range(2000)]
    errors.append(ContentError("regions/bretagne/region.yml", 2, "name", "champ obligatoire manquant."))
    report = ContentErrors(errors).report().splitlines()
    assert report[0] == "2\u202f001 erreurs dans le contenu :"
    # The one different error is not drowned.
    assert report[1] == "  - regions/bretagne/region.yml, ligne 2, champ « name » : champ obligatoire manquant."
    assert report[2] == "  - la même erreur dans 2\u202f000 fichiers, champ « sumary » : " + TYPO
    assert report[3:3 + MAX_PLACES] == [f"      regions/bretagne/resources/r{i:04d}.md, ligne 7" for i in range(MAX_PLACES)]
    assert report[3 + MAX_PLACES] == f"      … et 1\u202f{1000 - MAX_PLACES:03d} autres fichiers."
    assert len(report) == MAX_PLACES + 5
    assert TYPO not in "\n".join(report[3:])  # the long message (with its list of fields) is printed once


def test_a_report_lists_at_most_max_shown_causes_and_says_how_to_see_them_all():
    errors = [ContentError(f"regions/r{i:03d}/region.yml", 1, "name", f"erreur n° {i}.") for i in range(MAX_SHOWN + 25)]
    report = ContentErrors(errors).report()
    assert report.count("\n  - ") == MAX_SHOWN
    assert "… et 25 autres erreurs, de 25 autres sortes : « deffinov check --all » les affiche toutes." in report
    complete = ContentErrors(errors).report(complete=True)
    assert complete.count("\n  - ") == MAX_SHOWN + 25 and "--all" not in complete


def test_check_all_prints_every_place_and_the_code_quality_file_keeps_every_error(repo: Repo, tmp_path, capsys):
    for index in range(MAX_PLACES + 3):
        repo.call(f"regions/bretagne/calls/appel-{index}.md", VALID_CALL.replace("summary:", "sumary: x\nsummary:"))
    assert deffinov(["check", str(repo.root)]) == 1
    short = capsys.readouterr().err
    assert f"la même erreur dans {MAX_PLACES + 3} fichiers" in short and "… et 3 autres fichiers." in short
    report = tmp_path / "qualite.json"
    assert deffinov(["check", "--all", "--codequality", str(report), str(repo.root)]) == 1
    complete = capsys.readouterr().err
    assert all(f"regions/bretagne/calls/appel-{index}.md, ligne 3" in complete for index in range(MAX_PLACES + 3))
    assert report.read_text(encoding="utf-8").count('"check_name"') == MAX_PLACES + 3
