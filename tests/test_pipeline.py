"""The pipeline and its parts, without MkDocs: addresses, labels, planned and rendered files."""

from __future__ import annotations

import subprocess
import sys

import pytest

from helpers import REPO, broken_links, copy_project, every_planned, mkdocs_build
from generator.build import pipeline
from generator.content import call, region
from generator.content.fields import Model, label
from generator.settings import Project
from generator.outputs import OUTPUTS
from generator.presentation.urls import Urls


def test_the_pipeline_runs_without_mkdocs():
    """`deffinov check` and any other adapter may run the whole pipeline with MkDocs absent."""
    script = (
        "import sys\n"
        "from generator.build import pipeline\n"
        "from generator.settings import Project\n"
        f"files = pipeline.render(pipeline.check(Project.at({str(REPO)!r})))\n"
        "assert files, 'nothing rendered'\n"
        "loaded = sorted(name for name in sys.modules if name.split('.')[0] in ('mkdocs', 'material'))\n"
        "print(len(files), loaded)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert result.returncode == 0, result.stderr
    count, loaded = result.stdout.split(" ", 1)
    assert int(count) > 30 and loaded.strip() == "[]"


def test_every_planned_file_is_rendered_and_nothing_else():
    plan = pipeline.check(Project.at(REPO))
    rendered = pipeline.render(plan)
    assert sorted((f.uri, f.source, f.on_request) for f in rendered) == sorted(
        (f.uri, f.source, f.on_request) for f in every_planned(plan))


def test_the_files_check_does_not_plan_can_claim_no_address():
    """`check` leaves out the data-only outputs' files (the catalog index, the places), which it
    would list for one thing only: two files claiming one address. Each is a JSON file in its
    output's own folder, where no other output writes, and no page's address ends in ".json"."""
    plan = pipeline.check(Project.at(REPO))
    data_only = [output for output in OUTPUTS if output.data_only]
    assert {type(output).__name__ for output in data_only} == {"CatalogIndex", "Places"}
    for output in data_only:
        files = output.files(plan.site)
        assert files and all(f.uri.startswith(output.data_only) and f.uri.endswith(".json") for f in files)
        assert not [f.uri for f in plan.files if f.uri.startswith(output.data_only)]
        assert not {f.uri for f in files} & {f.uri for f in plan.files}
    urls = Urls(True)
    assert not [f.uri for f in plan.files if f.uri.endswith(".md") and urls.url_of(f.uri).endswith(".json")]


@pytest.mark.parametrize(
    "directory_urls, target, source, expected",
    [
        (True, "appels/x/index.md", "index.md", "appels/x/"),
        (True, "regions/b/index.md", "regions/index.md", "b/"),
        (True, "regions/b/index.md", "appels/x/index.md", "../../regions/b/"),
        (True, "index.md", "appels/x/index.md", "../../"),
        (True, "programme.md", "index.md", "programme/"),
        (False, "appels/x/index.md", "index.md", "appels/x/index.html"),
        (False, "regions/b/index.md", "appels/x/index.md", "../../regions/b/index.html"),
        (False, "index.md", "appels/x/index.md", "../../index.html"),
        (False, "programme.md", "regions/index.md", "../programme.html"),
    ],
)
def test_links_follow_mkdocs_url_style(directory_urls, target, source, expected):
    assert Urls(directory_urls).link(target, source) == expected


def test_a_site_without_directory_urls_has_no_broken_link(tmp_path):

    project = copy_project(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("use_directory_urls: true", "use_directory_urls: false"))
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    assert (project / "site/appels/index.html").is_file()
    assert broken_links(project / "site") == []


def test_every_field_has_a_french_label():
    models = [m for module in (call, region) for m in vars(module).values()
              if isinstance(m, type) and issubclass(m, Model) and m is not Model]
    missing = [f"{m.__name__}.{name}" for m in models for name, info in m.model_fields.items() if not info.title]
    assert missing == []
    assert label(call.Call, "aid.min") == "Aide minimale par projet"
    assert label(call.Call, "calendar.waves.deadline") == "Date limite"
