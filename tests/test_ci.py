"""The CI of both forges, the review files and the pre-commit hook: valid, and running the same
commands as .ci/run and the README (make check, make test through .ci/run, make build). The supply
chain: the Python lock with hashes and the environment made from it, actions pinned to commits, a
weekly update path."""

from __future__ import annotations

import importlib.metadata
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement

from helpers import REPO, copy_project

WORKFLOWS = sorted((REPO / ".github/workflows").glob("*.yml"))
SETUP = "apt-get update -qq && apt-get install -y -qq python3-venv make"
LOCK = REPO / "requirements.txt"
IMAGE = "node:20-bookworm"


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as true: GitHub reads it as "on".
    return {("on" if key is True else key): value for key, value in data.items()}


def github_jobs() -> dict[str, dict]:
    return {f"{path.stem}.{name}": job for path in WORKFLOWS for name, job in load(path)["jobs"].items()}


def commands(lines) -> list[str]:
    """Shell commands of a job, without the shared setup line."""
    return [" ".join(line.split()) for line in lines if line and line != SETUP]


def without_digest(image: str) -> str:
    """The image's name and tag; a digest may follow (`name:tag@sha256:…`), as Renovate pins it."""
    name, _, digest = image.partition("@")
    assert not digest or re.fullmatch(r"sha256:[0-9a-f]{64}", digest), image
    return name


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def lock_entries() -> dict[str, tuple[str, list[str]]]:
    """requirements.txt as {name: (version, sha256 hashes)}; a line of any other form fails."""
    entries: dict[str, tuple[str, list[str]]] = {}
    for line in LOCK.read_text(encoding="utf-8").replace("\\\n", " ").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = re.fullmatch(r"([A-Za-z0-9][\w.-]*)==(\S+)((?:\s+--hash=sha256:[0-9a-f]{64})*)\s*", line)
        assert match, f"requirements.txt: not `name==version --hash=sha256:…`: {line[:100]}"
        name, version, hashes = match.groups()
        assert canonical(name) not in entries, f"requirements.txt: {name} twice"
        entries[canonical(name)] = (version, re.findall(r"sha256:([0-9a-f]{64})", hashes))
    return entries


def make_rule(target: str) -> tuple[list[str], list[str]]:
    """A Makefile rule: its prerequisites and its commands (continuation lines joined)."""
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    rule = re.search(rf"^{re.escape(target)}:(.*)\n((?:\t.*\n)+)", makefile, re.M)
    assert rule, target
    return rule[1].split(), [" ".join(line.split()) for line in rule[2].replace("\\\n", " ").splitlines()]


def ci_run_command() -> str:
    lines = [line for line in (REPO / ".ci/run").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith(("#", "set ", "cd "))]
    assert len(lines) == 1, lines
    return lines[0]


def test_ci_run_is_make_test():
    assert ci_run_command() == "make test"
    assert os.access(REPO / ".ci/run", os.X_OK)


def test_github_workflows_check_test_and_build_every_pull_request():
    verify = load(REPO / ".github/workflows/verifier.yml")
    assert "pull_request" in verify["on"]
    jobs = {name: commands(step.get("run") for step in job["steps"]) for name, job in verify["jobs"].items()}
    assert jobs == {"contenu": ["make check"], "tests": [".ci/run"], "site": ["make build"]}
    # `container: image:` rather than `container: <image>`: the form Dependabot's docker updates read.
    assert {without_digest(job["container"]["image"]) for job in verify["jobs"].values()} == {IMAGE}


def test_github_publishes_main_to_pages_and_rebuilds_every_day():
    publish = load(REPO / ".github/workflows/publier.yml")
    assert publish["on"]["push"] == {"branches": ["main"]}
    (schedule,) = publish["on"]["schedule"]
    minute, hour, *rest = schedule["cron"].split()
    assert rest == ["*", "*", "*"] and minute.isdigit() and hour.isdigit()
    site, deploy = publish["jobs"]["site"], publish["jobs"]["publication"]
    assert commands(step.get("run") for step in site["steps"]) == ["make check", "make build"]
    assert any(step.get("uses", "").startswith("actions/upload-pages-artifact@") and step["with"]["path"] == "site/"
               for step in site["steps"])
    assert deploy["needs"] == "site" and deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")


def test_every_github_action_is_pinned_to_a_commit_with_its_version_in_a_comment():
    """`uses: owner/action@<40 hex> # vX.Y.Z`: a tag can be moved to other code, a commit cannot."""
    uses = re.compile(r"\s*(?:-\s+)?uses:\s*(?P<ref>\S+)(?:\s+#\s*(?P<version>\S+))?\s*")
    pins: dict[str, tuple[str, str]] = {}
    for path in WORKFLOWS:
        lines = [match for line in path.read_text(encoding="utf-8").splitlines() if (match := uses.fullmatch(line))]
        steps = [step["uses"] for job in load(path)["jobs"].values() for step in job["steps"] if "uses" in step]
        assert [match["ref"] for match in lines] == steps, f"{path.name}: each `uses:` on a line of its own"
        for match in lines:
            action, _, commit = match["ref"].partition("@")
            assert re.fullmatch(r"[\w.-]+/[\w.-]+", action), (path.name, match[0])
            assert re.fullmatch(r"[0-9a-f]{40}", commit), f"{path.name}: {match['ref']} is not pinned to a commit"
            assert match["version"] and re.fullmatch(r"v\d+\.\d+\.\d+", match["version"]), (
                f"{path.name}: {match['ref']} needs its version in a comment (# vX.Y.Z)")
            assert pins.setdefault(action, (commit, match["version"])) == (commit, match["version"]), (
                f"{action}: one version in every workflow")
    assert set(pins) >= {"actions/checkout", "actions/upload-pages-artifact", "actions/deploy-pages"}


def test_a_weekly_update_path_keeps_the_pins_fresh():
    dependabot = yaml.safe_load((REPO / ".github/dependabot.yml").read_text(encoding="utf-8"))
    assert dependabot["version"] == 2
    updates = {update["package-ecosystem"]: update for update in dependabot["updates"]}
    assert set(updates) == {"pip", "npm", "github-actions", "docker"}
    assert all(update["schedule"]["interval"] == "weekly" for update in updates.values())
    # Dependabot's docker updates read the `image:` fields of the YAML files in one folder.
    assert updates["docker"]["directory"] == "/.github/workflows"
    assert all(set(job["container"]) == {"image"} for job in github_jobs().values() if "container" in job)
    renovate = json.loads((REPO / "renovate.json").read_text(encoding="utf-8"))
    assert {"docker:pinDigests", "helpers:pinGitHubActionDigests"} <= set(renovate["extends"])


def test_the_lock_pins_every_python_package_with_its_hashes():
    entries = lock_entries()
    assert len(entries) > 50
    assert [name for name, (_, hashes) in entries.items() if not hashes] == [], "packages without a hash"
    # `make lock` makes this very file: the command in its header is the Makefile's.
    header = LOCK.read_text(encoding="utf-8").splitlines()[1]
    command = make_rule("lock")[1][-1].removeprefix("$(LOCK_TOOL)/bin/")
    assert header.removeprefix("#").split() == [word for word in command.split() if word not in ("--quiet", "$(ARGS)")]
    assert "--generate-hashes" in header and "--extra test" in header and "--group build" in header


def test_pyproject_pins_and_the_lock_agree():
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    entries = lock_entries()
    pins = pyproject["project"]["dependencies"] + pyproject["project"]["optional-dependencies"]["test"]
    disagreements = []
    for text in pins:
        requirement = Requirement(text)
        (specifier,) = requirement.specifier
        assert specifier.operator == "==", f"pyproject.toml: {text} is not pinned"
        locked = entries.get(canonical(requirement.name), ("absent",))[0]
        if locked != specifier.version:
            disagreements.append(f"{requirement.name}: {specifier.version} in pyproject.toml, {locked} in the lock")
    assert disagreements == [], "run `make lock`"
    # The build backend is locked too, for `pip install --no-build-isolation -e .`.
    build = pyproject["build-system"]["requires"]
    assert pyproject["dependency-groups"]["build"] == build
    for text in build:
        requirement = Requirement(text)
        assert entries[canonical(requirement.name)][0] in requirement.specifier, text


def test_make_installs_the_lock_with_its_hashes_and_again_when_it_changes():
    prerequisites, commands = make_rule("$(INSTALLED)")
    assert set(prerequisites) == {"requirements.txt", "pyproject.toml"}
    assert commands == [
        "$(PYTHON) -m venv --clear $(VENV)",  # afresh: nothing left over from an older lock
        "$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt",
        "$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .",
        "touch $(INSTALLED)",
    ]


@pytest.mark.skipif(sys.prefix == sys.base_prefix, reason="not in a virtual environment (make makes .venv/)")
def test_the_environment_holds_the_lock_and_nothing_else():
    """What the tests run with is what the lock says: no package left over, none at another version."""
    folders = sorted({sysconfig.get_path("purelib"), sysconfig.get_path("platlib")})
    installed = {canonical(dist.metadata["Name"]): dist.version for dist in importlib.metadata.distributions(path=folders)}
    installed.pop("deffinov-site")  # the project itself, installed from the work tree by `make`
    installed.pop("pip", None)  # the installer every virtual environment starts with, from Python itself
    locked = {name: version for name, (version, _) in lock_entries().items()}
    differences = {name: (installed.get(name), locked.get(name))
                   for name in installed.keys() | locked.keys() if installed.get(name) != locked.get(name)}
    assert differences == {}, f"(installed, locked); run `rm -r .venv && make .venv/.installed`: {differences}"


def test_gitlab_runs_the_same_commands_and_reports_code_quality():
    config = load(REPO / ".gitlab-ci.yml")
    assert commands(config["default"]["before_script"]) == []
    assert without_digest(config["default"]["image"]) == IMAGE
    jobs = {name: job for name, job in config.items() if isinstance(job, dict) and "script" in job}
    assert {name: commands(job["script"]) for name, job in jobs.items()} == {
        "contenu": ['make check ARGS="--codequality gl-code-quality-report.json"'],
        "tests": [".ci/run"],
        "site": ["make build"],
        "pages": ["make build", "rm -rf public && mv site public"],
    }
    report = shlex.split(jobs["contenu"]["script"][0])[-1].split()[-1]
    assert jobs["contenu"]["artifacts"]["reports"]["codequality"] == report
    assert jobs["contenu"]["artifacts"]["when"] == "always"
    assert jobs["pages"]["artifacts"]["paths"] == ["public"]
    assert jobs["pages"]["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    sources = " ".join(rule["if"] for rule in config["workflow"]["rules"])
    assert "merge_request_event" in sources and "schedule" in sources


def test_the_make_targets_the_ci_calls_exist():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    for target in ("check", "test", "build"):
        assert re.search(rf"^{target}:", makefile, re.M), target
    assert "$(BIN)/deffinov check $(ARGS)" in makefile


def test_codeowners_gives_each_region_to_its_team_in_the_syntax_both_forges_read():
    rules = [line.split() for line in (REPO / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    assert all(len(rule) >= 2 and all(re.fullmatch(r"@[\w.-]+/[\w.-]+", owner) for owner in rule[1:]) for rule in rules)
    assert not any(rule[0].startswith("[") or rule[0].startswith("^") for rule in rules), "no GitLab-only sections"
    regions = {rule[0]: rule[1:] for rule in rules if rule[0].startswith("/regions/")}
    slugs = sorted(p.name for p in (REPO / "regions").iterdir() if p.is_dir())
    assert regions == {f"/regions/{slug}/": [f"@deffinov-tiers-lieux/{slug}"] for slug in slugs}
    assert rules[0] == ["*", "@deffinov-tiers-lieux/coordination-nationale"], "the default comes first: the last match wins"


def test_the_review_checklist_is_the_same_on_both_forges():
    github = (REPO / ".github/pull_request_template.md").read_text(encoding="utf-8")
    assert (REPO / ".gitlab/merge_request_templates/Default.md").read_text(encoding="utf-8") == github
    checklist = [line for line in github.splitlines() if line.startswith("- [ ] ")]
    for topic in ("Dates et heures", "fuseau horaire", "Montants", "Sources", "last_checked", "Langage clair",
                  "amendments"):
        assert any(topic in item for item in checklist), topic


def test_the_pre_commit_hook_and_example_configuration_are_valid():
    from pre_commit.clientlib import load_config, load_manifest

    (hook,) = load_manifest(str(REPO / ".pre-commit-hooks.yaml"))
    assert (hook["id"], hook["entry"], hook["language"], hook["pass_filenames"]) == (
        "deffinov-check", "deffinov check", "python", False)
    (local,) = load_config(str(REPO / ".pre-commit-config.yaml"))["repos"]
    (example,) = local["hooks"]
    assert (local["repo"], example["id"], example["entry"]) == ("local", "deffinov-check", "make check")
    assert example["files"] == hook["files"]
    for path in ("regions/bretagne/calls/x.md", "content/programme.yml", "content/suivre.md", "mkdocs.yml"):
        assert re.search(hook["files"], path)
    assert not re.search(hook["files"], "generator/cli.py")


@pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit needs git")
def test_the_example_pre_commit_configuration_runs_deffinov_check(tmp_path):
    """pre-commit itself, on a copy of the repository: the hook passes, then stops a broken call."""
    project = copy_project(tmp_path / "repo")
    for name in ("Makefile", "pyproject.toml", "requirements.txt", ".pre-commit-config.yaml"):
        shutil.copy(REPO / name, project / name)
    # The project's environment, as `make` left it: the hook's `make check` runs the real command.
    (project / ".venv/bin").mkdir(parents=True)
    (project / ".venv/bin/deffinov").write_text(f'#!/bin/sh\nexec {shlex.quote(sys.executable)} -m generator.tools.cli "$@"\n')
    (project / ".venv/bin/deffinov").chmod(0o755)
    (project / ".venv/.installed").touch()
    (project / ".gitignore").write_text(".venv/\nsite/\n")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "PYTHONPATH": str(REPO),
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}
    env.pop("GITHUB_ACTIONS", None)

    def run(*command):
        return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=300)

    assert run("git", "init", "-q").returncode == 0
    assert run("git", "add", "-A").returncode == 0
    pre_commit = [sys.executable, "-m", "pre_commit", "run", "--all-files"]
    passed = run(*pre_commit)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Vérification du contenu (deffinov check)" in passed.stdout and "Passed" in passed.stdout
    call = project / "regions/normandie/calls/normandie-connectee-deffinov.md"
    call.write_text(call.read_text(encoding="utf-8").replace("budget: 2900000", "budget: -3"), encoding="utf-8")
    run("git", "add", "-A")
    failed = run(*pre_commit)
    assert failed.returncode == 1
    assert ("  - regions/normandie/calls/normandie-connectee-deffinov.md, ligne 10, champ « budget » : la valeur "
            "« -3 » est négative") in failed.stdout
