"""Pages rendered on every core: the same results, in the same order, as in one process."""

from __future__ import annotations

import multiprocessing
import weakref
import os

import pytest

from generator.build import workers


def test_few_items_stay_in_this_process():
    assert workers.map_pages(lambda index: (index, os.getpid()), 3) == [(i, os.getpid()) for i in range(3)]


@pytest.mark.skipif(workers.workers() < 2, reason="one core: nothing to share")
def test_many_items_are_shared_between_workers_and_come_back_in_order():
    squares = {n: n * n for n in range(workers.THRESHOLD * 2)}  # inherited by the forked workers
    # The first items of the first two chunks meet at a barrier: they can only pass it if two
    # workers run at once. (Counting the workers that happened to take a chunk failed under load,
    # when one worker was quick enough to take them all.)
    meeting = multiprocessing.get_context("fork").Barrier(2, timeout=30)

    def task(index):
        if index in (0, workers.CHUNK):
            meeting.wait()
        return squares[index], os.getpid()

    found = workers.map_pages(task, len(squares))
    assert [value for value, _ in found] == [n * n for n in range(len(squares))]
    assert found[0][1] != found[workers.CHUNK][1] and os.getpid() not in {pid for _, pid in found}


@pytest.mark.skipif(workers.workers() < 2, reason="one core: nothing to share")
def test_a_build_lets_go_of_its_site_before_the_search_index_and_publishes_every_page(tmp_path, monkeypatch):
    """At 20,000 resources the search index (Pagefind, about 700 MiB) starts once the workers have
    rendered the bulk pages: the build's process has let go of its site by then, or their memory
    adds up past the bar (issue 18). Here the default site's pages go to workers as a large site's do."""
    from generator.build import pipeline
    from generator.build.site_search import IndexBeside
    from helpers import build_in_this_process, copy_project, text_of

    monkeypatch.setattr(workers, "THRESHOLD", 1)
    sites, alive = [], []
    check, run = pipeline.check, IndexBeside._run

    def checked(*args, **kwargs):
        plan = check(*args, **kwargs)
        sites.append(weakref.ref(plan.site))
        return plan

    def indexing(index):  # in its thread, or in the build's when started after the last page
        alive.append(sites[-1]() is not None)
        run(index)

    monkeypatch.setattr(pipeline, "check", checked)
    monkeypatch.setattr(IndexBeside, "_run", indexing)
    project = copy_project(tmp_path / "project")
    build_in_this_process(project, tmp_path / "site")
    assert alive == [False]
    site = tmp_path / "site"
    assert "Normandie" in text_of(site / "appels/normandie-connectee-deffinov/index.html")
    assert "Imprimante 3D" in text_of(site / "catalogue/imprimante-3d/index.html")
    assert (site / "pagefind/pagefind.js").is_file()


def test_a_site_rendered_in_one_process_keeps_what_its_last_pages_need_while_the_index_runs(tmp_path):
    """Below the workers' threshold the bulk pages are rendered as they are written, and the search
    index may start before the last ones: what they are made from must still be there."""
    from helpers import build_in_this_process, copy_project, text_of

    project = copy_project(tmp_path / "project")
    resource = project / "regions/bretagne/resources/imprimante-3d.md"
    for number in range(150):  # more than a hundred pages after the last call page, fewer than the threshold
        (resource.parent / f"imprimante-{number}.md").write_text(resource.read_text(encoding="utf-8"), encoding="utf-8")
    build_in_this_process(project, tmp_path / "site")
    assert "Imprimante 3D" in text_of(tmp_path / "site/catalogue/imprimante-149/index.html")


def test_letting_go_of_the_site_keeps_the_titles_the_navigation_shows(tmp_path, monkeypatch):
    """The site is let go of once the workers have rendered every bulk page, however many are still
    to write; those written after show MkDocs' pages in their navigation, by their titles. A large
    site whose workers had finished early showed "None" there (2,914 pages at 2,000 calls)."""
    from generator.mkdocs.plugin import DeffinovPlugin
    from helpers import build_in_this_process, copy_project

    titles = []
    let_go = DeffinovPlugin._let_go_of_the_site

    def letting_go(plugin):
        pages = [file.page for file in plugin.mkdocs_files.documentation_pages()]
        before = [page.title for page in pages]
        let_go(plugin)
        titles.append((before, [page.title for page in pages]))

    monkeypatch.setattr(DeffinovPlugin, "_let_go_of_the_site", letting_go)
    build_in_this_process(copy_project(tmp_path / "project"), tmp_path / "site")
    assert titles, "the site was not let go of"
    for before, after in titles:
        assert after == before and None not in after
