"""Rebuilds in `mkdocs serve`: what is kept from the last build is exactly what did not change."""

from __future__ import annotations

import dataclasses
import gc
import logging
import os
import re
import time
import urllib.error
import weakref

import jinja2
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from helpers import copy_project, fetch, mkdocs_serve, wait_for
from generator.build import pipeline
from generator.content.loading import load_content
from generator.build.cache import Memo
from generator.outputs.base import FileOnRequest, RequestedFolder
from generator.settings import Project

CALL = "regions/normandie/calls/normandie-connectee-deffinov.md"
RESOURCE = "regions/bretagne/resources/imprimante-3d.md"


def _settle(path, seconds_ago: float = 3600) -> None:
    """Date a file in the past, as a file not saved for a while is."""
    moment = time.time() - seconds_ago
    os.utime(path, (moment, moment))


def test_unchanged_files_are_not_read_again_and_a_saved_one_is(tmp_path):
    project = copy_project(tmp_path)
    for path in (project / "regions").rglob("*.*"):
        _settle(path)
    memo = Memo()
    first = load_content(project, cache=memo).site
    again = load_content(project, cache=memo).site
    assert all(a is b for a, b in zip(first.resources, again.resources))  # the same entries: nothing read
    resource = project / RESOURCE
    text = resource.read_text(encoding="utf-8")
    changed = text.replace("Imprimante 3D grand format", "Imprimante 3D géante XXXL")
    assert len(changed.encode()) == len(text.encode())  # same size: only the file's dates tell
    resource.write_text(changed, encoding="utf-8")
    titles = {entry.id: entry.data.title for entry in load_content(project, cache=memo).site.resources}
    assert titles["imprimante-3d"] == "Imprimante 3D géante XXXL"


def test_a_file_saved_twice_within_moments_is_read_each_time(tmp_path):
    project = copy_project(tmp_path)
    resource = project / RESOURCE
    text = resource.read_text(encoding="utf-8")
    memo = Memo()
    for title in ("Imprimante 3D géante AA", "Imprimante 3D géante BB"):
        resource.write_text(text.replace("Imprimante 3D grand format", title), encoding="utf-8")
        titles = {entry.id: entry.data.title for entry in load_content(project, cache=memo).site.resources}
        assert titles["imprimante-3d"] == title


def _render(project: Project, memo: Memo) -> dict:
    """A preview's rebuild, with the files rendered on request as if each was requested."""
    files = {}
    for file in pipeline.render(pipeline.check(project, memo), memo=memo):
        if isinstance(file, FileOnRequest):
            file = file.made()[file.uri]
        files.update({one.uri: one for one in (file.files() if isinstance(file, RequestedFolder) else [file])})
    return files


def test_a_preview_renders_an_output_once_one_of_its_files_is_requested(tmp_path, monkeypatch):
    """At a save, no output without bulk pages renders (the open data, the calendars…): one renders
    all its files when one of them is first asked for, and they are a one-off build's."""
    from generator.outputs import opendata

    root = copy_project(tmp_path, today="2026-12-05T10:00")
    project = Project.at(root)
    rendered = []
    render = opendata.OpenData.render
    monkeypatch.setattr(opendata.OpenData, "render", lambda self, context: rendered.append(1) or render(self, context))
    memo = Memo()
    files = {file.uri: file for file in pipeline.render(pipeline.check(project, memo), memo=memo)}
    assert rendered == [] and isinstance(files["donnees-ouvertes/ressources.csv"], FileOnRequest)
    csv, page = files["donnees-ouvertes/ressources.csv"].content, files["donnees-ouvertes/index.md"].content
    assert rendered == [1]
    once = {file.uri: file for file in pipeline.render(pipeline.check(project))}
    assert (csv, page) == (once["donnees-ouvertes/ressources.csv"].content, once["donnees-ouvertes/index.md"].content)


def test_a_rebuild_renders_again_what_an_edit_or_the_day_changes(tmp_path):
    root = copy_project(tmp_path, today="2023-03-01T12:00")
    for path in (root / "regions").rglob("*.*"):
        _settle(path)
    project, memo = Project.at(root), Memo()
    first = _render(project, memo)
    call_page, calendar = "appels/normandie-connectee-deffinov/index.md", "appels/normandie-connectee-deffinov/calendrier.ics"
    call = root / CALL
    call.write_text(call.read_text(encoding="utf-8").replace("budget: 2900000", "budget: 3100000"), encoding="utf-8")
    _settle(call)  # else read again next time too, as a file saved moments ago may be saved again unseen
    second = _render(project, memo)
    assert "3\u00a0100\u00a0000\u00a0€" in second[call_page].content
    assert "3\u00a0100\u00a0000\u00a0€" not in first[call_page].content
    # Kept: the pages of the other calls.
    other = next(uri for uri in first if uri.startswith("appels/") and uri.endswith("/index.md")
                 and "normandie-connectee" not in uri and uri.count("/") == 2)
    assert second[other] is first[other]
    # A resource saved: the calls' calendars and feeds are kept as they were, the catalog's files are not.
    resource = root / RESOURCE
    resource.write_text(resource.read_text(encoding="utf-8").replace("grand format", "géante"), encoding="utf-8")
    third = _render(project, memo)
    assert third[calendar] is second[calendar]
    feed = next(uri for uri in first if uri.endswith(".atom"))
    assert third[feed] is second[feed]
    assert "Imprimante 3D géante" in third["donnees-ouvertes/ressources.csv"].content
    # Another day: what the pages say of the calls is read again.
    later = _render(dataclasses.replace(project, today="2030-01-01T12:00"), memo)
    assert later[call_page].content != third[call_page].content
    assert later[calendar] is third[calendar]  # calendars do not depend on the day


def test_mkdocs_serve_writes_catalog_pages_when_asked_and_follows_each_save(tmp_path):
    project = copy_project(tmp_path)
    resource = project / RESOURCE
    text = resource.read_text(encoding="utf-8")
    with mkdocs_serve(project) as base:
        page, listing = base + "catalogue/imprimante-3d/", base + "catalogue/regions/bretagne/"
        assert wait_for(lambda: "Imprimante 3D grand format" in fetch(page))
        assert "Imprimante 3D grand format" in fetch(listing)
        resource.write_text(text.replace("grand format", "géante"), encoding="utf-8")
        assert wait_for(lambda: "Imprimante 3D géante" in fetch(page))
        assert "Imprimante 3D géante" in fetch(listing) and "grand format" not in fetch(listing)
        # The site search is made in the background, over the pages MkDocs built.
        assert wait_for(lambda: "Normandie" in fetch(base + "pagefind/pagefind-entry.json") or
                        '"languages"' in fetch(base + "pagefind/pagefind-entry.json"))
        # Data files are written when requested too, from the latest build.
        assert "Imprimante 3D géante" in fetch(base + "donnees-ouvertes/ressources.csv")
        assert "Imprimante 3D géante" in fetch(base + "catalogue/index/fiches-0.json")
        resource.unlink()
        assert wait_for(lambda: _missing(page))
        assert "Imprimante 3D" not in fetch(listing)


def _missing(url: str) -> bool:
    try:
        fetch(url)
    except urllib.error.HTTPError as exc:
        return exc.code == 404
    return False


def test_on_a_clock_that_ticks_once_a_second_a_file_saved_twice_is_read_each_time(tmp_path, monkeypatch):
    """Some file systems (FAT, network shares) date files to the second: two saves within one
    second leave the same dates, so a file saved moments ago is not trusted to be unchanged."""
    from generator.build import cache

    exact = cache.stamp

    def coarse(path):
        state = exact(path)
        return state and (state[0] // 10**9 * 10**9, state[1] // 10**9 * 10**9, *state[2:])

    monkeypatch.setattr(cache, "stamp", coarse)
    project = copy_project(tmp_path)
    resource = project / RESOURCE
    text = resource.read_text(encoding="utf-8")
    memo = Memo()
    for title in ("Imprimante 3D géante AA", "Imprimante 3D géante BB"):
        resource.write_text(text.replace("Imprimante 3D grand format", title), encoding="utf-8")
        titles = {entry.id: entry.data.title for entry in load_content(project, cache=memo).site.resources}
        assert titles["imprimante-3d"] == title


def test_a_rebuild_follows_templates_and_what_lists_and_the_index_show(tmp_path):
    root = copy_project(tmp_path, today="2023-03-01T12:00")
    for path in (root / "regions").rglob("*.*"):
        _settle(path)
    project, memo = Project.at(root), Memo()
    first = _render(project, memo)
    region_page = "regions/bretagne/index.md"
    assert "3 ressources" in first[region_page].content
    # A template edited in the preview: every page it makes is made again.
    template = root / "theme/deffinov/call.html"
    template.write_text(template.read_text(encoding="utf-8").replace("<h1", "<!-- gabarit modifié -->\n<h1", 1),
                        encoding="utf-8")
    second = _render(project, memo)
    assert "gabarit modifié" in second["appels/normandie-connectee-deffinov/index.md"].content
    # A resource renamed: the words of the catalog's search follow; one removed: its region's count.
    resource = root / RESOURCE
    resource.write_text(resource.read_text(encoding="utf-8").replace("grand format", "géante"), encoding="utf-8")
    _settle(resource)
    third = _render(project, memo)
    assert '"geante"' in third["catalogue/index/mots-ge.json"].content
    # Its provider renamed: the words of its resources follow too (they include the provider's name).
    provider = next((root / "regions/bretagne/providers").glob("*.yml"))
    provider.write_text(provider.read_text(encoding="utf-8").replace("La Fabrique du Coin", "La Forge Quimperoise"),
                        encoding="utf-8")
    _settle(provider)
    assert '"quimperoise"' in _render(project, memo)["catalogue/index/mots-qu.json"].content
    resource.unlink()
    fourth = _render(project, memo)
    assert "2 ressources" in fourth[region_page].content


def test_mkdocs_serve_builds_once_a_save(tmp_path):
    """Reading the content during a rebuild is no change: it must not start another rebuild."""
    project = copy_project(tmp_path)
    resource = project / RESOURCE
    with mkdocs_serve(project) as base:
        page = base + "catalogue/imprimante-3d/"
        assert wait_for(lambda: "Imprimante 3D grand format" in fetch(page))
        resource.write_text(resource.read_text(encoding="utf-8").replace("grand format", "géante"), encoding="utf-8")
        assert wait_for(lambda: "Imprimante 3D géante" in fetch(page))
        built = fetch(base + "livereload/0/0")  # the number of the latest build shown
        time.sleep(6)
        assert fetch(base + "livereload/0/0") == built


@pytest.mark.slow  # four MkDocs builds, in this process
def test_a_preview_lets_go_of_what_each_build_made(tmp_path, monkeypatch):
    """`mkdocs serve` builds again in one process at each save: what a build made is freed once
    the next builds no longer need it, so that memory stays flat however many saves (issue 18).
    Checked as `mkdocs serve` builds, without its server: gc.collect() then frees what may be freed,
    except what the collector was told never to scan (gc_freeze.py)."""
    project = copy_project(tmp_path / "project")
    settings = project / "mkdocs.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        "  - deffinov:\n", "  - deffinov:\n      search_index: false\n", 1), encoding="utf-8")
    address = "http://127.0.0.1:8000/"

    def config():  # as `mkdocs serve` loads it for each build
        loaded = load_config(config_file=str(settings), site_dir=str(tmp_path / "site"))
        loaded.site_url = address
        return loaded

    first = config()
    first.plugins.on_startup(command="serve", dirty=False)
    plugin = first.plugins["deffinov"]
    resource = project / RESOURCE
    text = resource.read_text(encoding="utf-8")
    made = []  # by build: MkDocs' navigation, files and templates, the saved resource's page, the site
    sites = []
    render = pipeline.render
    monkeypatch.setattr(pipeline, "render", lambda plan, **options: sites.append(weakref.ref(plan.site)) or render(
        plan, **options))
    try:
        for number in range(4):
            resource.write_text(text.replace("grand format", f"version {number}"), encoding="utf-8")
            build(first if number == 0 else config(), serve_url=address)
            page = next(file for file in plugin.bulk if file.source == RESOURCE)
            made.append([weakref.ref(kept) for kept in (plugin.nav, plugin.mkdocs_files, plugin.env, page)] + sites[-1:])
        gc.collect()
        freed = [[ref() is None for ref in refs] for refs in made]
    finally:
        first.plugins.on_shutdown()
        gc.unfreeze()  # what the first build froze goes back to the collector of the test session
    # The cache layer keeps the page of the last build only; a page kept from build to build without
    # being opened (a preview renders pages when requested) holds what it is rendered from, not
    # the site of the build that made it.
    assert freed == [[True] * 5] * 3 + [[False] * 5]  # the last build's are in use


def _config(settings, site, address=""):
    """The configuration as `mkdocs serve` loads it for each build (`address`: its site_url)."""
    loaded = load_config(config_file=str(settings), site_dir=str(site))
    loaded.site_url = address
    return loaded


@pytest.mark.slow  # three MkDocs builds, in this process
def test_a_preview_builds_a_generated_page_when_it_is_opened_as_a_build_writes_it(tmp_path, caplog, monkeypatch):
    """A save builds no generated page (the calendar, the lists, the catalog…): each is built when
    someone opens it, through MkDocs' own steps, and is then the page `mkdocs build` writes. The
    editorial pages' links to its anchors are still checked at each save."""
    project = copy_project(tmp_path / "project", today="2026-12-05T10:00:00")
    settings = project / "mkdocs.yml"
    # The navigation names the calendar as mkdocs.yml says, built or waiting to be.
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        "  - deffinov:\n", "  - deffinov:\n      search_index: false\n", 1).replace(
        "- Calendrier des appels: calendrier/index.md", "- Dates des appels: calendrier/index.md"), encoding="utf-8")
    built = _config(settings, tmp_path / "built")
    built.plugins.on_startup(command="build", dirty=False)
    try:
        build(built)
    finally:
        built.plugins.on_shutdown()
        gc.unfreeze()
    home = (tmp_path / "built/index.html").read_text(encoding="utf-8")
    assert re.search(r'href="calendrier/"[^>]*>\s*<span class="md-ellipsis">\s*Dates des appels\s*</span>', home)
    assert "<title>Calendrier des appels - " in (tmp_path / "built/calendrier/index.html").read_text(encoding="utf-8")
    follow = project / "content/suivre.md"
    follow.write_text(follow.read_text(encoding="utf-8") + "\n[La frise des dates](calendrier/index.md#frise).\n",
                      encoding="utf-8")
    site = tmp_path / "preview"
    first = _config(settings, site)
    first.plugins.on_startup(command="serve", dirty=False)
    plugin = first.plugins["deffinov"]
    generated = ["", "calendrier/", "regions/", "regions/normandie/", "appels/", "catalogue/", "donnees-ouvertes/"]
    from generator.outputs import catalog_pages, opendata
    rendered = []  # what the catalog page and the open data were worked out for
    values, render = catalog_pages._catalog_values, opendata.OpenData.render
    monkeypatch.setattr(catalog_pages, "_catalog_values", lambda catalog: rendered.append("catalogue") or values(catalog))
    monkeypatch.setattr(opendata.OpenData, "render", lambda output, context: rendered.append("donnees") or render(
        output, context))
    try:
        with caplog.at_level(logging.INFO):
            build(first, serve_url="http://127.0.0.1:8000/")
        assert not [name for name in generated if (site / name / "index.html").exists()]
        assert rendered == []  # neither is worked out before someone opens it
        assert (site / "suivre/index.html").exists()  # an editorial page: built at each save
        assert "Page skipped" not in caplog.text
        for name in generated:
            assert plugin.preview._ensure(name)
            assert (site / name / "index.html").read_bytes() == (tmp_path / "built" / name / "index.html").read_bytes()
        # A link to an anchor the page does not have fails the save, as it fails `mkdocs build`.
        follow.write_text(follow.read_text(encoding="utf-8").replace("#frise)", "#frize)"), encoding="utf-8")
        with pytest.raises(Abort):
            build(_config(settings, site), serve_url="http://127.0.0.1:8000/")
        assert "does not contain an anchor '#frize'" in caplog.text
    finally:
        first.plugins.on_shutdown()
        gc.unfreeze()


def test_a_preview_compiles_the_theme_once_and_again_a_template_saved(tmp_path, monkeypatch):
    """MkDocs makes a new Jinja environment at every build of `mkdocs serve`: the theme's templates
    are compiled at the first build only, and a template saved since is compiled again and shown."""
    project = copy_project(tmp_path / "project")
    settings = project / "mkdocs.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        "  - deffinov:\n", "  - deffinov:\n      search_index: false\n", 1), encoding="utf-8")
    address, site = "http://127.0.0.1:8000/", tmp_path / "site"
    compiled = []
    compile_template = jinja2.Environment.compile

    def counted(env, source, name=None, filename=None, *args, **kwargs):
        compiled.append(name)
        return compile_template(env, source, name, filename, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counted)

    def config():  # as `mkdocs serve` loads it for each build
        loaded = load_config(config_file=str(settings), site_dir=str(site))
        loaded.site_url = address
        return loaded

    first = config()
    first.plugins.on_startup(command="serve", dirty=False)
    footer = project / "theme/partials/copyright.html"
    try:
        build(first, serve_url=address)
        assert "partials/copyright.html" in compiled and "main.html" in compiled
        compiled.clear()
        build(config(), serve_url=address)
        assert not [name for name in compiled if name and name.endswith(".html")]
        footer.write_text(footer.read_text(encoding="utf-8").replace(
            "Mentions légales</a>", "Mentions légales (modifiées)</a>", 1), encoding="utf-8")
        build(config(), serve_url=address)
        assert [name for name in compiled if name and name.endswith(".html")] == ["partials/copyright.html"]
    finally:
        first.plugins.on_shutdown()
        gc.unfreeze()
    assert "Mentions légales (modifiées)" in (site / "mentions-legales/index.html").read_text(encoding="utf-8")


def test_a_save_stops_the_search_index_the_last_build_was_making(tmp_path):
    """The preview's search index is made in the background; a save starts a build that empties
    the site folder, so the index under way would be thrown away: its process stops at once
    instead of competing with the build for the machine."""
    import subprocess
    import sys

    from generator.mkdocs.preview import OnDemandPages

    preview, processes = OnDemandPages(), []

    def index(site_dir, bundle, started):  # stands for Pagefind: a process that would run long
        with subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"]) as process:
            processes.append(process)
            started(process)
            process.wait()

    preview.building()
    preview.index_in_background(index, tmp_path / "site")
    assert wait_for(lambda: processes and processes[0].poll() is None)
    preview.building()  # a save
    assert wait_for(lambda: processes[0].poll() is not None, seconds=5)


def test_a_preview_empties_its_site_folder_at_once_and_deletes_what_was_there_meanwhile(tmp_path):
    from generator.mkdocs.preview import OnDemandPages

    site = tmp_path / "site"
    for number in range(300):  # pages written on request, as a preview leaves them
        (site / "appels" / f"appel-{number}").mkdir(parents=True)
        (site / "appels" / f"appel-{number}" / "index.html").write_text("<p>page</p>", encoding="utf-8")
    (site / "index.html").write_text("<p>accueil</p>", encoding="utf-8")
    (site / ".gardé").write_text("", encoding="utf-8")  # hidden: MkDocs leaves such files, and so does this
    OnDemandPages().empty_site(site)
    assert site.is_dir() and [path.name for path in site.iterdir()] == [".gardé"]
    trash = [path for path in tmp_path.iterdir() if path.name != "site"]
    assert wait_for(lambda: not any(path.exists() for path in trash), 30), trash


def test_what_waits_for_an_idle_preview_runs_then_or_before_a_build_once_saves_came_in_a_row():
    """The collector's scan after a rebuild waits for the preview to be idle (OnDemandPages.when_idle):
    not between a save and its page. Saves in a row never leave it idle: it then runs before every
    LATE_AFTER-th build, or the preview's memory grew by what each rebuild let go (30 MiB a save)."""
    from generator.mkdocs.preview import LATE_AFTER, OnDemandPages

    preview, ran = OnDemandPages(), []
    preview.when_idle(lambda: ran.append(0), delay=0.05)
    assert wait_for(lambda: ran == [0], 5)  # idle: it ran
    for build in range(1, LATE_AFTER + 1):
        preview.when_idle(lambda build=build: ran.append(build), delay=30)  # the next save comes sooner
        preview.building()
        preview.catch_up()
    assert ran == [0, LATE_AFTER] and preview.waiting is None
