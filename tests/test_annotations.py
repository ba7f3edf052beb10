"""Errors and warnings as the forges show them: GitHub workflow commands, GitLab Code Quality."""

from __future__ import annotations

import json
import os
import subprocess

from helpers import DEFFINOV, STALE_DAY, STALE_SITE, VALID_CALL, copy_project, without_ci
from generator.tools.forge_reports import codequality, github_command
from generator.content.errors import ContentError

ERROR = ContentError("regions/bretagne/calls/un.md", 8, "calendar.waves[1].deadline",
                     "la date « 2025-02-30 » n'existe pas ou est mal écrite.")


def test_a_github_command_names_file_line_and_field():
    assert github_command(ERROR) == (
        "::error file=regions/bretagne/calls/un.md,line=8,title=Contenu du site DEFFINOV::"
        "champ « calendar.waves[1].deadline » : la date « 2025-02-30 » n'existe pas ou est mal écrite.")


def test_a_github_command_escapes_what_would_end_it():
    odd = ContentError("regions/a,b:c%.md", None, None, "ligne 1\nligne 2 : 100 %")
    assert github_command(odd, "warning") == (
        "::warning file=regions/a%2Cb%3Ac%25.md,title=Contenu du site DEFFINOV::ligne 1%0Aligne 2 : 100 %25")


def test_the_codequality_report_has_what_gitlab_reads():
    warning = ContentError("regions/x/calls/y.md", 11, "last_checked", "informations anciennes.")
    issues = json.loads(codequality([ERROR], [warning]))
    assert [(i["severity"], i["location"]) for i in issues] == [
        ("major", {"path": "regions/bretagne/calls/un.md", "lines": {"begin": 8}}),
        ("minor", {"path": "regions/x/calls/y.md", "lines": {"begin": 11}}),
    ]
    assert issues[0]["description"].startswith("champ « calendar.waves[1].deadline » : la date")
    assert all(set(i) >= {"description", "check_name", "fingerprint", "severity", "location"} for i in issues)
    assert len({i["fingerprint"] for i in issues}) == 2
    # A file-level error (no line) still points at the file.
    assert json.loads(codequality([ContentError("regions/Guyane", None, None, "nom")], []))[0]["location"]["lines"] == {"begin": 1}


def test_in_github_actions_check_adds_annotations_to_the_french_report(repo):
    repo.call("regions/bretagne/calls/un.md", VALID_CALL.replace("2025-03-14", "2025-02-30"))
    result = subprocess.run([DEFFINOV, "check", str(repo.root)], capture_output=True, text=True, timeout=120,
                            env={**os.environ, "GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == "1 erreur dans le contenu :"
    assert result.stdout.splitlines() == [
        "::error file=regions/bretagne/calls/un.md,line=8,title=Contenu du site DEFFINOV::champ "
        "« calendar.waves[1].deadline » : la date « 2025-02-30 » n'existe pas ou est mal écrite. Attendu : une date "
        "réelle au format AAAA-MM-JJ, par exemple 2024-03-31."]
    editor = subprocess.run([DEFFINOV, "check", str(repo.root)], capture_output=True, text=True, timeout=120, env=without_ci())
    assert "::error" not in editor.stdout + editor.stderr


def test_warnings_become_github_warnings_and_codequality_issues(tmp_path):
    project = copy_project(tmp_path / "project", STALE_SITE / "regions", STALE_DAY)
    report = tmp_path / "gl-code-quality-report.json"
    result = subprocess.run([DEFFINOV, "check", str(project), "--codequality", str(report)], capture_output=True,
                            text=True, timeout=120, env={**os.environ, "GITHUB_ACTIONS": "true"})
    assert result.returncode == 0
    commands = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert [c.split("::")[1] for c in commands] == [
        "warning file=regions/bretagne/calls/appel-a-venir-ancien.md,line=11,title=Contenu du site DEFFINOV",
        "warning file=regions/bretagne/calls/appel-ouvert-ancien.md,line=11,title=Contenu du site DEFFINOV",
    ]
    issues = json.loads(report.read_text(encoding="utf-8"))
    assert [(i["severity"], i["location"]["path"]) for i in issues] == [
        ("minor", "regions/bretagne/calls/appel-a-venir-ancien.md"), ("minor", "regions/bretagne/calls/appel-ouvert-ancien.md")]


def test_a_codequality_report_is_written_for_errors_and_for_a_clean_run(repo, tmp_path):
    report = tmp_path / "rapport.json"
    repo.call("regions/bretagne/calls/un.md")
    assert subprocess.run([DEFFINOV, "check", str(repo.root), "--codequality", str(report)], env=without_ci(),
                          capture_output=True, timeout=120).returncode == 0
    assert json.loads(report.read_text(encoding="utf-8")) == []
    repo.call("regions/bretagne/calls/un.md", VALID_CALL.replace("calendar:", "budjet: 10\ncalendar:"))
    assert subprocess.run([DEFFINOV, "check", str(repo.root), "--codequality", str(report)], env=without_ci(),
                          capture_output=True, timeout=120).returncode == 1
    (issue,) = json.loads(report.read_text(encoding="utf-8"))
    assert issue["location"] == {"path": "regions/bretagne/calls/un.md", "lines": {"begin": 4}}
    assert issue["description"].startswith("champ « budjet » : champ inconnu « budjet ». Vouliez-vous dire « budget » ?")
