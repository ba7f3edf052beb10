"""Content errors and warnings as the forges show them on the changed lines of a pull request.

- GitHub Actions reads workflow commands from a job's output: `::error file=…,line=…::message`
  (https://docs.github.com/actions/reference/workflow-commands-for-github-actions); `deffinov check`
  prints them when it runs there (GITHUB_ACTIONS=true), after the French report.
- GitLab reads a Code Quality report, a JSON list of issues, from a job artifact
  (https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format); `deffinov check
  --codequality FILE` writes it.
"""

from __future__ import annotations

import hashlib
import json

from ..content.errors import ContentError

TITLE = "Contenu du site DEFFINOV"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _described(item: ContentError) -> str:
    return f"champ « {item.field} » : {item.message}" if item.field else item.message


def github_command(item: ContentError, level: str = "error") -> str:
    """One workflow command: `::error file=regions/x/calls/y.md,line=12,title=…::champ « … » : …`."""
    properties = [f"file={_escape_property(item.path)}"]
    if item.line is not None:
        properties.append(f"line={item.line}")
    properties.append(f"title={_escape_property(TITLE)}")
    return f"::{level} {','.join(properties)}::{_escape_data(_described(item))}"


def github_commands(errors: list[ContentError], warnings: list[ContentError]) -> list[str]:
    return [github_command(e, "error") for e in errors] + [github_command(w, "warning") for w in warnings]


def codequality(errors: list[ContentError], warnings: list[ContentError]) -> str:
    """GitLab's Code Quality report (JSON) for these errors (severity major) and warnings (minor)."""
    issues = []
    for item, severity in [(e, "major") for e in errors] + [(w, "minor") for w in warnings]:
        key = "\0".join((item.path, item.field or "", item.message))
        issues.append({
            "type": "issue",
            "check_name": "deffinov-check" if severity == "major" else "deffinov-last-checked",
            "description": _described(item),
            "categories": ["Bug Risk"],
            "severity": severity,
            "fingerprint": hashlib.sha256(key.encode("utf-8")).hexdigest(),
            "location": {"path": item.path, "lines": {"begin": item.line or 1}},
        })
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
