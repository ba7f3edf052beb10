"""The outputs as the pipeline sees them: each one an `Output` that declares what it reads and which
files are bulk, plans its files without rendering and renders exactly those; defaults declared once."""

from __future__ import annotations

import functools

import pytest

from conftest import REPO
from generator import settings
from generator.build import pipeline
from generator.outputs import OUTPUTS
from generator.outputs.base import READABLE, BulkFile, Output, PlannedFile, RenderContext, RenderedFile
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
    rendered = output.render(context)
    assert sorted((file.uri, file.source) for file in rendered) == sorted((file.uri, file.source) for file in planned)
    assert all(isinstance(file, (RenderedFile, BulkFile)) for file in rendered)
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
