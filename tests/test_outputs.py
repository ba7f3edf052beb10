"""The outputs as the pipeline sees them: each one an `Output` that declares what it reads and which
files are bulk, plans its files without rendering and renders exactly those; defaults declared once."""

from __future__ import annotations

import functools

import pytest

from helpers import REPO
from generator import settings
from generator.build import pipeline
from generator.outputs import OUTPUTS
from generator.outputs.base import READABLE, BulkFile, LaterFile, Output, PlannedFile, RenderContext, RenderedFile
from generator.outputs.templates import environment
from generator.presentation.urls import Urls
from generator.settings import Project

OUTPUT_IDS = [type(output).__name__ for output in OUTPUTS]


@functools.lru_cache(maxsize=None)
def _plan() -> pipeline.Plan:
    return pipeline.check(Project.at(REPO))


def context_of(plan: pipeline.Plan) -> RenderContext:
    """What the pipeline gives the outputs, for the repository's own content."""
    project = plan.project
    return RenderContext(site=plan.site, now=project.now(), urls=Urls(project.directory_urls),
                         templates=environment(project.templates_dir), site_url="https://exemple.fr/",
                         stale_after_months=project.stale_after_months, publisher=project.publisher)


@pytest.fixture(scope="module")
def plan() -> pipeline.Plan:
    return _plan()


@pytest.fixture(scope="module")
def context(plan) -> RenderContext:
    return context_of(plan)


@pytest.mark.parametrize("output", OUTPUTS, ids=OUTPUT_IDS)
def test_every_registered_output_declares_the_protocol(output):
    assert isinstance(output, Output)
    assert isinstance(output.reads, tuple) and output.reads and set(output.reads) <= set(READABLE)
    assert type(output).bulk_pages in (True, False)
    assert len(set(OUTPUT_IDS)) == len(OUTPUT_IDS), "the memo knows an output by its class name"


@pytest.mark.parametrize("output", OUTPUTS, ids=OUTPUT_IDS)
def test_an_output_renders_what_it_planned_and_bulk_files_only_if_declared(output, plan, context):
    planned = output.files(plan.site)
    assert planned and all(isinstance(file, PlannedFile) for file in planned)
    rendered = list(output.render(context))
    assert sorted((file.uri, file.source) for file in rendered) == sorted((file.uri, file.source) for file in planned)
    assert all(isinstance(file, (RenderedFile, LaterFile, BulkFile)) for file in rendered)
    if not output.bulk_pages:
        assert not any(file.bulk for file in rendered)
    else:
        assert any(file.bulk for file in rendered)


def test_an_output_that_forgets_a_declaration_is_refused_when_defined():
    with pytest.raises(TypeError, match="reads"):
        type("Forgetful", (Output,), {"bulk_pages": False})
    with pytest.raises(TypeError, match="reads"):
        type("Misspelt", (Output,), {"reads": ("call",), "bulk_pages": False})
    with pytest.raises(TypeError, match="bulk_pages"):
        type("Undecided", (Output,), {"reads": ("calls",)})
    incomplete = type("Incomplete", (Output,), {"reads": ("calls",), "bulk_pages": False})
    with pytest.raises(TypeError):
        incomplete()  # neither `files` nor `render`


def test_the_plugin_options_default_to_the_settings():
    """mkdocs.yml's plugin block and `deffinov check` (which reads it without MkDocs) agree."""
    from generator.mkdocs.plugin import DeffinovConfig

    config = DeffinovConfig()
    config.load_dict({})
    assert config.validate() == ([], [])
    assert {name: config[name] for name in settings.DEFAULTS} == settings.DEFAULTS
    assert Project(REPO, REPO, REPO).stale_after_months == settings.STALE_AFTER_MONTHS


def test_each_page_builder_gives_the_pages_of_its_kind(plan, context):
    from generator.outputs import catalog_pages, pages
    from generator.presentation import urls

    site = plan.site
    day = pages.SiteOnTheDay.of(context)
    built = {build.__name__: [file.uri for file in build(day)] for build in pages.BUILDERS}
    years = sorted({int(uri.split("/")[1]) for uri in built["calendar_page"][1:]})
    assert years, "the calls of the test site have dates"
    assert built == {
        "home_page": [urls.HOME], "regions_page": [urls.REGIONS],
        "calendar_page": [urls.CALENDAR_PAGE, *(urls.calendar_year_page(year) for year in years)],
        "calls_lists": [urls.calls_page(n) for n in range(1, len(built["calls_lists"]) + 1)],
        "region_pages": [urls.region_page(region.slug) for region in site.regions],
        "call_pages": [urls.call_page(view.entry.id) for view in day.calls],
    }
    catalog = catalog_pages.CatalogOnTheDay.of(context)
    built = {build.__name__: [file.uri for file in build(catalog)] for build in catalog_pages.BUILDERS}
    assert built["catalog_page"] == [urls.CATALOG]
    assert sorted(built["resource_pages"]) == sorted(urls.resource_page(r.id) for r in site.resources)
    assert built["provider_pages"] == [urls.provider_page(p.id) for p in site.providers]
    planned = [file.uri for file in catalog_pages.OUTPUT.files(site)]
    for facet in ("types", "regions"):
        lists = [uri for uri in planned if uri.startswith(f"catalogue/{facet}/")]
        assert lists and built[f"{facet[:-1]}_lists"] == lists


PLATFORM = """\
application:
  channels:
    - channel: platform
      url: https://depot.exemple.fr/
"""


def test_a_call_page_offers_to_apply_only_to_a_call_known_to_be_open(repo):
    """A call whose deadline is unknown (status "date limite non communiquée") is not known to be
    open: its page gives the platform's address with the ways to apply, not an invitation to apply."""
    from dataclasses import replace

    from conftest import VALID_CALL
    from generator.outputs import pages
    from generator.presentation.schedule import Status

    open_call = VALID_CALL.replace("last_checked:", PLATFORM + "last_checked:")
    undated = open_call.replace('      deadline: 2025-03-14\n      time: "12:00"\n', "").replace(
        "    - label: Vague 2\n      deadline: 2025-06-13\n", "")
    repo.call("regions/bretagne/calls/ouvert.md", open_call)
    repo.call("regions/bretagne/calls/sans-date.md", undated)
    project = replace(Project.at(repo.root), templates_dir=REPO / "theme" / "deffinov", today="2025-02-01")
    day = pages.SiteOnTheDay.of(context_of(pipeline.check(project)))
    statuses = {view.entry.id: view.status for view in day.calls}
    assert statuses == {"ouvert": Status.OPEN, "sans-date": Status.UNKNOWN}
    text = {file.uri.split("/")[1]: file.content for file in pages.call_pages(day)}
    assert "Déposer un dossier sur la plateforme" in text["ouvert"]
    assert "Déposer un dossier sur la plateforme" not in text["sans-date"]
    assert 'href="https://depot.exemple.fr/"' in text["sans-date"]  # still among the ways to apply
