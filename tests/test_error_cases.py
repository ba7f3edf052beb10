"""Every content-error rule, one case file each, with the exact French messages editors read.

A case is a YAML file in tests/error_cases/: a first-line comment saying what it shows, `files`
written over the base test repository (conftest's Repo: regions bretagne and guyane), and
`expected`, the complete ordered list of messages that loading must report. Adding a case is
adding a file.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest

from helpers import CASES_DIR, Repo, read_case
from generator.build import pipeline
from generator.content.errors import ContentErrors
from generator.settings import Project


def content_errors(root: Path) -> list[str]:
    """The formatted errors that checking `root` reports (as `deffinov check` does), in order; [] if none."""
    try:
        pipeline.check(Project.at(root))
    except ContentErrors as exc:
        return [error.format() for error in exc.errors]
    return []


CASES = sorted(CASES_DIR.glob("*.yml"))


@pytest.mark.parametrize("case_file", CASES, ids=[path.stem for path in CASES])
def test_error_case(tmp_path, case_file):
    case = read_case(case_file)
    repo = Repo(tmp_path / "repo")
    for relative, text in case["files"].items():
        repo.write(relative, text)
    assert content_errors(repo.root) == case["expected"]


def test_error_case_files_are_well_formed():
    assert CASES, f"no case file in {CASES_DIR}"
    for path in CASES:
        first_line = path.read_text(encoding="utf-8").splitlines()[0]
        assert first_line.startswith("# ") and first_line[2:].strip(), f"{path.name}: first line must be a comment"
        case = read_case(path)
        assert set(case) == {"files", "expected"}, f"{path.name}: keys must be files and expected"
        assert isinstance(case["files"], dict) and case["files"], f"{path.name}: files must be a non-empty mapping"
        for relative, text in case["files"].items():
            parts = PurePosixPath(relative).parts
            assert not PurePosixPath(relative).is_absolute() and ".." not in parts, f"{path.name}: bad path {relative}"
            assert isinstance(text, str), f"{path.name}: {relative} must be a text block"
        expected = case["expected"]
        assert isinstance(expected, list) and expected, f"{path.name}: expected must be a non-empty list"
        assert all(isinstance(message, str) for message in expected), f"{path.name}: messages must be texts"
