"""Fixtures: tiny content repositories for checks, and the real site built once per session."""

from __future__ import annotations

import contextlib
import functools
import inspect
import os
import signal
import socket
import shutil
import subprocess
import sys
import textwrap
import time
import urllib.request
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

REPO = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]

REGION_YML = """\
name: "{name}"
insee_code: "{code}"
category: metropole
timezone: {tz}
call_owner: Conseil régional
"""

VALID_CALL = """\
---
title: Appel de test
summary: Un appel pour les tests.
calendar:
  opens: 2025-01-06
  waves:
    - label: Vague 1
      deadline: 2025-03-14
      time: "12:00"
    - label: Vague 2
      deadline: 2025-06-13
sources:
  - title: Page de la région
    publisher: region.fr
last_checked: 2025-01-10
---
Présentation de l'appel.
"""


class Repo:
    """A throw-away content repository with two regions, written file by file."""

    def __init__(self, root: Path):
        self.root = root
        (root / "content").mkdir(parents=True)
        self.write("regions/bretagne/region.yml", REGION_YML.format(name="Bretagne", code="53", tz="Europe/Paris"))
        self.write("regions/guyane/region.yml", REGION_YML.format(name="Guyane", code="03", tz="America/Cayenne"))

    def write(self, relative: str, text: str | bytes) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def call(self, relative: str, text: str = VALID_CALL) -> Path:
        return self.write(relative, text)


@pytest.fixture
def repo(tmp_path) -> Repo:
    return Repo(tmp_path / "repo")


STATUS_SITE = REPO / "tests/sites/statuses"
# The day the status test site is built for, and the clock of the browser that reads it.
STATUS_DAY = "2025-03-01T10:00:00+01:00"


def copy_project(destination: Path, regions: Path = REPO / "regions", today: str = "") -> Path:
    """A copy of the real project (content, theme, configuration) to build or break freely.

    `regions` replaces the real regions and calls; `today` fixes the day the site is built for.
    """
    for name in ("content", "theme"):
        shutil.copytree(REPO / name, destination / name)
    shutil.copytree(regions, destination / "regions")
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    if today:
        config = config.replace("  - deffinov:\n", f'  - deffinov:\n      today: "{today}"\n', 1)
        assert today in config
    (destination / "mkdocs.yml").write_text(config, encoding="utf-8")
    return destination


def public_project(destination: Path, regions: Path, today: str) -> Path:
    """`copy_project` as published at https://exemple.fr/: feeds and calendars then carry absolute
    links, and the publisher's bracketed placeholders, refused for a public site, are unbracketed."""
    project = copy_project(destination, regions, today)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("site_name:", "site_url: https://exemple.fr/\nsite_name:", 1)
                      .replace("[", "").replace("]", ""), encoding="utf-8")
    return project


def mkdocs_build(project: Path, *extra: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run(
        [*MKDOCS, "build", "-f", str(project / "mkdocs.yml"), *extra],
        cwd=project, capture_output=True, text=True, env=env, timeout=600,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real default site, built once with the real command into a temporary folder."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="session")
def status_site(tmp_path_factory) -> Path:
    """The status test site (tests/sites/statuses), built with the real command for STATUS_DAY."""
    project = copy_project(tmp_path_factory.mktemp("statuses"), STATUS_SITE / "regions", STATUS_DAY)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def real_call_count() -> int:
    """How many calls the real content holds: tests must not break when a region adds one."""
    return len(list((REPO / "regions").glob("*/calls/*.md")))


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium, headless, driven by Playwright; one for the whole session."""
    from playwright.sync_api import sync_playwright

    from browser import CHROMIUM_ARGS, CHROMIUM_PATH

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


CATALOG_TYPES = ["equipement"] * 55 + ["module-immersif"] * 3 + ["espace"] * 2  # 60 resources
CATALOG_FEES = ["Gratuit", "Payant", "Sous convention"]


def write_test_catalog(regions: Path) -> list[dict]:
    """A small catalog over three regions: enough for a list of two pages and facets to count.

    Returns what was written, so tests compute the expected counts from the content itself."""
    for slug in ("bretagne", "guyane", "occitanie"):
        (regions / slug).mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / "regions" / slug / "region.yml", regions / slug / "region.yml")
    places = {"bretagne": ("Rennes", 48.11, -1.68), "guyane": ("Cayenne", 4.94, -52.33), "occitanie": ("Albi", 43.93, 2.15)}
    for slug, (city, lat, lon) in places.items():
        folder = regions / slug / "providers"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"lieu-{slug}.yml").write_text(
            f"name: Lieu de {city}\nkind: tiers-lieu\nsummary: Un lieu de test.\n"
            f"place:\n  city: {city}\n  latitude: {lat}\n  longitude: {lon}\nlast_updated: 2025-01-10\n", encoding="utf-8")
    written = []
    for index, kind in enumerate(CATALOG_TYPES):
        slug = list(places)[index % 3]
        fees = CATALOG_FEES[index % 3]
        title = f"Ressource {index:02d} {'équipement de test' if kind == 'equipement' else kind}"
        # The last one's summary holds a name every JavaScript object has: search must find it alone.
        summary = "Une ressource de test, un atelier constructor." if index == len(CATALOG_TYPES) - 1 else "Une ressource de test."
        folder = regions / slug / "resources"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"ressource-{index:02d}.md").write_text(
            f"---\ntitle: \"{title}\"\ntype: {kind}\nprovider: lieu-{slug}\nsummary: {summary}\n"
            f"fees: {fees}\nlast_updated: 2025-01-10\n---\nTexte de la ressource {index}.\n", encoding="utf-8")
        written.append({"id": f"ressource-{index:02d}", "type": kind, "region": slug, "fees": fees, "title": title})
    return written


@pytest.fixture(scope="session")
def catalog_site(tmp_path_factory):
    """A site whose only content is the small test catalog, built with the real command."""
    source = tmp_path_factory.mktemp("catalog-content")
    written = write_test_catalog(source / "regions")
    project = copy_project(tmp_path_factory.mktemp("catalog"), source / "regions")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site", written


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(condition, seconds: float = 60) -> bool:
    """Poll `condition` until it holds (a server may not answer yet) or time runs out."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return True
        except OSError:
            pass
        time.sleep(0.5)
    return False


@contextlib.contextmanager
def mkdocs_serve(project: Path, output: Path | None = None):
    """`mkdocs serve` on a free local port; yields the base URL, stops the server after.

    `output`: a file that receives what the server prints (the terminal's view), else nothing."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    with open(output or os.devnull, "wb") as printed:
        server = subprocess.Popen(
            [*MKDOCS, "serve", "-a", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")],
            cwd=project, env=env, stdout=printed, stderr=subprocess.STDOUT, start_new_session=True,
        )
        try:
            yield f"http://127.0.0.1:{port}/"
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)


# Property-based tests (test_promise.py): a small, reproducible run by default (CI); a long one with
# `pytest --hypothesis-profile=long tests/test_promise.py`. Registered here, before Hypothesis'
# pytest plugin reads --hypothesis-profile.
settings.register_profile("ci", max_examples=30, deadline=None, derandomize=True, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                                 HealthCheck.data_too_large, HealthCheck.filter_too_much])
settings.register_profile("long", parent=settings.get_profile("ci"), max_examples=600, derandomize=False)
settings.load_profile("ci")


# --- The fast loop: `pytest -m "not slow"` -------------------------------------------------------
# A test is slow when it, or a fixture it uses, builds a site with MkDocs, serves one, or drives
# Chromium: found from their source, so that a new test is marked without anyone remembering to.
SLOW_SIGNS = ("mkdocs_build(", "mkdocs_serve(", "MKDOCS", "sync_playwright", "chromium", "scripts/benchmark",
              "built_site", "status_site", "catalog_site")


@functools.cache
def _builds(function) -> bool:
    try:
        source = inspect.getsource(function)
    except (OSError, TypeError):
        return False
    return any(sign in source for sign in SLOW_SIGNS)


def pytest_collection_modifyitems(config, items):
    for item in items:
        definitions = getattr(getattr(item, "_fixtureinfo", None), "name2fixturedefs", {})
        functions = [getattr(item, "function", None)] + [defs[-1].func for defs in definitions.values() if defs]
        if item.get_closest_marker("browser") or any(_builds(function) for function in functions if function):
            item.add_marker(pytest.mark.slow)
