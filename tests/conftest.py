"""Fixtures: tiny content repositories for checks, the real site built once per session, Chromium;
and the `slow` marker. Plain helpers are in helpers.py."""

from __future__ import annotations

import functools
import inspect
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# The helpers the fixtures use. Test modules import helpers from helpers.py, not from here; the other
# names stay importable from here for code written before helpers.py existed.
from helpers import (  # noqa: F401
    CATALOG_FEES, CATALOG_TYPES, MKDOCS, REGION_YML, REPO, STATUS_DAY, STATUS_SITE, VALID_CALL, Repo, copy_project,
    fetch, mkdocs_build, mkdocs_serve, public_project, real_call_count, wait_for, write_test_catalog,
)


@pytest.fixture
def repo(tmp_path) -> Repo:
    return Repo(tmp_path / "repo")


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


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium, headless, driven by Playwright; one for the whole session."""
    from playwright.sync_api import sync_playwright

    from browser import CHROMIUM_ARGS, CHROMIUM_PATH

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def catalog_site(tmp_path_factory):
    """A site whose only content is the small test catalog, built with the real command."""
    source = tmp_path_factory.mktemp("catalog-content")
    written = write_test_catalog(source / "regions")
    project = copy_project(tmp_path_factory.mktemp("catalog"), source / "regions")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site", written


# Property-based tests (test_promise.py): a small, reproducible run by default (CI); a long one with
# `pytest --hypothesis-profile=long tests/test_promise.py`. Registered here, before Hypothesis'
# pytest plugin reads --hypothesis-profile.
settings.register_profile("ci", max_examples=30, deadline=None, derandomize=True, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                                 HealthCheck.data_too_large, HealthCheck.filter_too_much])
settings.register_profile("long", parent=settings.get_profile("ci"), max_examples=600, derandomize=False)
settings.load_profile("ci")


# --- The fast loop: `pytest -m "not slow"` -------------------------------------------------------
# A test is slow when it, or a fixture it uses, builds a site with MkDocs, serves one, drives
# Chromium or runs the `deffinov` command in a process of its own: found from their source, so that
# a new test is marked without anyone remembering to.
SLOW_SIGNS = ("mkdocs_build(", "mkdocs_serve(", "MKDOCS", "sync_playwright", "chromium", "scripts/benchmark",
              "built_site", "status_site", "catalog_site", "DEFFINOV", "deffinov_check(")


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


def _served(site):
    from browser import serve

    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def base_url(built_site):
    """The real site, served on localhost for the browser tests."""
    yield from _served(built_site)


@pytest.fixture(scope="session")
def status_url(status_site):
    """The status test site, served on localhost."""
    yield from _served(status_site)


@pytest.fixture
def open_page(chromium, base_url):
    """Open pages at a width; every test fails if a page asks another site or logs an error."""
    from browser import guarded_opener

    yield from guarded_opener(chromium, base_url)
