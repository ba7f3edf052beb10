"""The one cache layer (generator/build/cache.py): what a rebuild keeps is what a clean build would
make, templates included, even for two saves within one tick of the file system's clock; and its
verify mode catches a cache that would serve something stale."""

from __future__ import annotations

import dataclasses
import gc
import os
import time
import weakref

import pytest

from conftest import copy_project
from generator.build import cache, pipeline
from generator.build.cache import Memo, StaleResult
from generator.build.pipeline import CacheMismatch, UndeclaredRead
from generator.content.errors import ContentErrors
from generator.outputs import feeds
from generator.settings import Project

TODAY = "2023-03-01T12:00"
CALL = "regions/normandie/calls/normandie-connectee-deffinov.md"
CALL_PAGE = "appels/normandie-connectee-deffinov/index.md"
RESOURCE = "regions/bretagne/resources/imprimante-3d.md"
TEMPLATE = "theme/deffinov/call.html"


def _settled_project(tmp_path):
    """A copy of the project whose files were all last saved an hour ago, as in a long preview."""
    root = copy_project(tmp_path, today=TODAY)
    moment = time.time() - 3600
    for path in root.rglob("*"):
        if path.is_file():
            os.utime(path, (moment, moment))
    return root


def _render(project: Project, memo: Memo) -> dict:
    """One rebuild as `mkdocs serve` makes it (generator/mkdocs/plugin.py, on_pre_build)."""
    return {file.uri: file for file in pipeline.render(pipeline.check(project, memo), memo=memo)}


def _save_in_the_same_tick(path, old: str, new: str) -> None:
    """Replace `old` by `new` (of the same length) in `path`, leaving the file's mtime as it was: a
    second save within one tick of a coarse clock, which the file's dates alone cannot tell."""
    text = path.read_text(encoding="utf-8")
    assert old in text and len(old.encode()) == len(new.encode())
    before = path.stat()
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_mtime_ns == before.st_mtime_ns and path.stat().st_size == before.st_size


def test_a_template_saved_twice_within_one_tick_is_served_as_last_saved(tmp_path):
    root = _settled_project(tmp_path)
    project, memo = Project.at(root), Memo()
    _render(project, memo)
    template = root / TEMPLATE
    template.write_text(template.read_text(encoding="utf-8").replace("<h1", "<!-- version AA -->\n<h1", 1),
                        encoding="utf-8")
    assert "version AA" in _render(project, memo)[CALL_PAGE].content
    _save_in_the_same_tick(template, "version AA", "version BB")
    second = _render(project, memo)[CALL_PAGE].content
    assert "version BB" in second and "version AA" not in second
    # Once the template is old enough to be trusted, its environment and pages are kept again.
    moment = time.time() - 3600
    os.utime(template, (moment, moment))
    settled = _render(project, memo)
    assert _render(project, memo)[CALL_PAGE] is settled[CALL_PAGE]


def test_a_content_file_saved_twice_within_one_tick_is_served_as_last_saved(tmp_path):
    root = _settled_project(tmp_path)
    project, memo = Project.at(root), Memo()
    resource = root / RESOURCE
    resource.write_text(resource.read_text(encoding="utf-8").replace("grand format", "géante AA"), encoding="utf-8")
    assert "géante AA" in _render(project, memo)["donnees-ouvertes/ressources.csv"].content
    _save_in_the_same_tick(resource, "géante AA", "géante BB")
    assert "géante BB" in _render(project, memo)["donnees-ouvertes/ressources.csv"].content



def test_the_rebuild_after_the_next_save_keeps_what_was_made_from_a_file_just_saved(tmp_path):
    # An editor saves a call, then a resource a few seconds later: the call was saved too recently
    # to be trusted by its dates at the first rebuild, but unchanged since, so the second rebuild
    # keeps its pages rather than making every page that shows a call again.
    root = _settled_project(tmp_path)
    project, memo = Project.at(root), Memo()
    _edit(root / CALL, "budget: 2900000", "budget: 3100000")
    first = _render(project, memo)
    _edit(root / RESOURCE, "Imprimante 3D grand format", "Imprimante 3D géante")
    second = _render(project, memo)
    assert second[CALL_PAGE] is first[CALL_PAGE]
    assert "3\u00a0100\u00a0000\u00a0€" in second[CALL_PAGE].content
    assert "Imprimante 3D géante" in second["donnees-ouvertes/ressources.csv"].content

def test_a_rebuild_after_invalid_content_is_fixed_keeps_what_the_last_good_build_made(tmp_path):
    root = _settled_project(tmp_path)
    project, memo = Project.at(root), Memo()
    good = _render(project, memo)
    _edit(root / RESOURCE, "Imprimante 3D grand format", "Imprimante 3D géante")
    text = (root / RESOURCE).read_text(encoding="utf-8")
    (root / RESOURCE).write_text(text.replace("title:", "titre:", 1), encoding="utf-8")
    with pytest.raises(ContentErrors):
        _render(project, memo)
    (root / RESOURCE).write_text(text, encoding="utf-8")
    fixed = _render(project, memo)
    assert fixed[CALL_PAGE] is good[CALL_PAGE]  # nothing a call shows was saved: kept through the failure
    assert "Imprimante 3D géante" in fixed["donnees-ouvertes/ressources.csv"].content


def test_a_preview_makes_the_catalog_index_when_a_file_of_it_is_requested_not_at_each_save(tmp_path, monkeypatch):
    from generator.outputs.catalog_index import CatalogIndex

    made = []
    render = CatalogIndex.render
    monkeypatch.setattr(CatalogIndex, "render", lambda self, context: made.append(1) or render(self, context))
    root = _settled_project(tmp_path)
    project, memo = Project.at(root), Memo()
    _render(project, memo)
    _edit(root / RESOURCE, "Imprimante 3D grand format", "Imprimante 3D géante")
    folder = _render(project, memo)["catalogue/index/"]
    assert made == []
    files = {file.uri: file.content for file in folder.files()}
    assert "Imprimante 3D géante" in files["catalogue/index/fiches-0.json"]
    assert '"geante"' in files["catalogue/index/mots-ge.json"]
    assert made == [1]  # once for all its files


def _edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.slow  # a clean build after each of ten rebuilds
def test_verify_mode_finds_every_rebuild_of_a_series_of_edits_equal_to_a_clean_build(tmp_path):
    root = _settled_project(tmp_path)
    project, memo = Project.at(root), Memo(verify=True)
    # Each rebuild raises CacheMismatch (with the files that differ) unless it equals a clean build.
    rebuild = lambda: _render(project, memo)  # noqa: E731
    rebuild()
    _edit(root / RESOURCE, "Imprimante 3D grand format", "Imprimante 3D géante")  # a resource's title
    assert "Imprimante 3D géante" in rebuild()["donnees-ouvertes/ressources.csv"].content
    call = root / CALL
    deadline = next(line for line in call.read_text(encoding="utf-8").splitlines() if "deadline:" in line)
    _edit(call, deadline, deadline.replace("2023", "2024"))  # a call's deadline, a year later
    rebuild()
    provider = root / "regions/normandie/providers/le-hangar-partage.yml"
    name = next(line for line in provider.read_text(encoding="utf-8").splitlines() if line.startswith("name:"))
    _edit(provider, name, 'name: "Le Hangar partagé de Caen"')  # a provider's name
    assert "Le Hangar partagé de Caen" in rebuild()["donnees-ouvertes/lieux.csv"].content
    region = root / "regions/bretagne/region.yml"
    _edit(region, 'name: "Bretagne"', 'name: "Bretagne (Breizh)"')  # a region file
    assert "Bretagne (Breizh)" in rebuild()["regions/bretagne/index.md"].content
    _edit(root / TEMPLATE, "<h1", "<!-- gabarit modifié -->\n<h1")  # a template
    assert "gabarit modifié" in rebuild()[CALL_PAGE].content
    _edit(root / "content/programme.yml", "title: Le programme national", "title: Le grand programme national")
    assert "Le grand programme national" in rebuild()["programme.md"].content  # the programme's statements
    (root / "content/nouvelle-page.md").write_text("# Une page éditoriale\n\nTexte.\n", encoding="utf-8")
    rebuild()  # an editorial page: MkDocs renders it, the cache must not mind it
    (root / RESOURCE).unlink()  # a file deleted
    assert not any(uri.startswith("catalogue/imprimante-3d/") for uri in rebuild())
    _save_in_the_same_tick(call, "budget: 2900000", "budget: 3100000")  # two saves in one tick
    assert "3\u00a0100\u00a0000\u00a0€" in rebuild()[CALL_PAGE].content
    _save_in_the_same_tick(root / TEMPLATE, "gabarit modifié", "gabarit corrigé")
    assert "gabarit corrigé" in rebuild()[CALL_PAGE].content
    # Another day: what depends on it is made again.
    _render(dataclasses.replace(project, today="2030-01-01T12:00"), memo)


def test_verify_mode_names_the_files_a_stale_cache_would_serve(tmp_path, monkeypatch):
    root = _settled_project(tmp_path)
    project, memo = Project.at(root), Memo(verify=True)
    # A broken layer: files known by their size alone, so a same-size edit goes unseen.
    monkeypatch.setattr(cache, "stamp", lambda path: (0, 0, os.stat(path).st_size, 0))
    _render(project, memo)
    _edit(root / CALL, "budget: 2900000", "budget: 3100000")
    with pytest.raises(CacheMismatch) as raised:
        _render(project, memo)
    assert CALL_PAGE in raised.value.differing
    assert "appels/normandie-connectee-deffinov/calendrier.ics" not in raised.value.differing  # budget not in it
    assert "diffèrent d'une construction à neuf" in str(raised.value) and CALL_PAGE in str(raised.value)


def test_verify_mode_refuses_an_output_reading_what_it_did_not_declare(tmp_path, monkeypatch):
    project, memo = Project.at(copy_project(tmp_path, today=TODAY)), Memo(verify=True)
    monkeypatch.setattr(type(feeds.OUTPUT), "reads", ("calls",))  # the feeds name each call's regions
    with pytest.raises(UndeclaredRead, match="site.regions"):
        _render(project, memo)
    monkeypatch.setattr(type(feeds.OUTPUT), "reads", ("calls", "regions", "resources"))
    _render(project, memo)  # declaring more than is read is only a missed chance to keep


def test_verify_mode_refuses_an_output_reading_the_day_it_did_not_declare(tmp_path, monkeypatch):
    from generator.outputs import comparison

    project, memo = Project.at(copy_project(tmp_path, today=TODAY)), Memo(verify=True)
    monkeypatch.setattr(type(comparison.OUTPUT), "reads", ("calls", "regions"))  # statuses are the day's
    with pytest.raises(UndeclaredRead, match="day"):
        _render(project, memo)


def test_verify_mode_catches_a_call_site_whose_result_depends_on_an_undeclared_input():
    memo, price = Memo(verify=True), [10]
    memo.next_build(())
    assert memo.get("prix", ("article",), lambda: price[0]) == 10
    memo.next_build(())
    price[0] = 12  # read by the computation, not among its inputs
    with pytest.raises(StaleResult, match="prix"):
        memo.get("prix", ("article",), lambda: price[0])
    # Without verify mode the stale result is what is served: what the mode is for.
    quiet = Memo()
    quiet.next_build(())
    quiet.get("prix", ("article",), lambda: 10)
    quiet.next_build(())
    assert quiet.get("prix", ("article",), lambda: 12) == 10


def test_a_result_found_again_keeps_the_rows_it_was_made_of_for_a_later_build():
    # A resource saved keeps the calendars whole (their inputs did not change): the next call saved
    # must still find the other calls' events, not serialise them all again.
    memo, rows, made = Memo(), [object(), object()], []

    def build(inputs):
        memo.next_build(())
        result = memo.named("calendars", inputs, lambda: [
            memo.of("event", row, lambda row=row: made.append(row) or id(row)) for row in rows])
        memo.done()
        return result

    first = build(("calls", 1))
    assert build(("calls", 1)) is first and made == rows  # found again whole
    build(("calls", 2))  # the calls changed: the list is made again, from the rows kept
    assert made == rows


def test_what_a_file_rendered_on_request_uses_is_kept_from_the_last_build_and_what_it_replaces_let_go():
    """A preview renders some files after its build is done, when they are requested: they find the
    last build's results (a resource's facets, kept by identity), until the next build starts. A
    result made again under the same name lets go of the last build's at once (an open-data table:
    tens of MiB held twice otherwise)."""
    memo, row = Memo(), object()
    memo.next_build(())
    memo.of("facets", row, lambda: "facets of the row")
    table = memo.named("table", ("resources", 1), lambda: Large("table 1"))
    memo.done()
    memo.next_build(())
    memo.done()  # a build that used neither: a file requested now still finds the row's facets
    assert memo.of("facets", row, lambda: "made again") == "facets of the row"
    gone = weakref.ref(table)
    del table
    memo.named("table", ("resources", 2), lambda: Large("table 2"))  # the table, requested, made again
    gc.collect()
    assert gone() is None


class Large:
    def __init__(self, name: str):
        self.name = name


def test_verify_mode_is_asked_for_by_the_environment_of_mkdocs_serve(monkeypatch):
    monkeypatch.delenv(cache.VERIFY_ENV, raising=False)
    assert not Memo.for_preview().verify
    monkeypatch.setenv(cache.VERIFY_ENV, "1")
    assert Memo.for_preview().verify


def test_a_file_too_recent_to_be_trusted_is_used_again_only_while_its_text_is_the_same(tmp_path):
    path = tmp_path / "fichier.yml"
    path.write_text("a: 1\n", encoding="utf-8")
    memo, reads, compared = Memo(), [], []

    def read(numbers):
        if numbers:
            reads.append(list(numbers))
        return [(text, cache.text_digest(text)) for text in (path.read_text(encoding="utf-8") for _ in numbers)]

    def digest_of(name):
        compared.append(name)
        return cache.text_digest(open(name, encoding="utf-8").read())

    first = memo.files([str(path)], read, digest_of)
    assert memo.files([str(path)], read, digest_of)[0] is first[0]
    assert reads == [[0]] and compared == [str(path)]  # saved moments ago: its text compared, not read again
    _save_in_the_same_tick(path, "a: 1", "a: 2")  # a second save the file's dates cannot tell
    assert memo.files([str(path)], read, digest_of) == ["a: 2\n"]
    assert reads == [[0], [0]]
    moment = time.time() - 3600
    os.utime(path, (moment, moment))
    memo.files([str(path)], read, digest_of)
    compared.clear()
    assert memo.files([str(path)], read, digest_of) == ["a: 2\n"]
    assert reads == [[0], [0], [0]] and compared == []  # settled: its stamp is enough


def test_a_file_that_cannot_be_read_as_text_is_read_again_while_too_recent_to_be_trusted(tmp_path):
    path = tmp_path / "fichier.yml"
    path.write_bytes(b"\xff")
    memo, reads = Memo(), []

    def read(numbers):
        reads.append(list(numbers))
        return [("illisible", None) for _ in numbers]

    memo.files([str(path)], read, lambda name: None)
    memo.files([str(path)], read, lambda name: None)
    assert reads == [[0], [0]]


def test_mkdocs_serve_in_verify_mode_follows_edits_each_rebuild_equal_to_a_clean_build(tmp_path, monkeypatch):
    from conftest import fetch, mkdocs_serve, wait_for

    root = _settled_project(tmp_path / "projet")
    monkeypatch.setenv(cache.VERIFY_ENV, "1")
    printed = tmp_path / "serve.log"
    with mkdocs_serve(root, printed) as base:
        page = base + "appels/normandie-connectee-deffinov/"
        assert wait_for(lambda: "Normandie" in fetch(page))
        _edit(root / CALL, "budget: 2900000", "budget: 3100000")
        assert wait_for(lambda: "3\u00a0100\u00a0000\u00a0€" in fetch(page))
        template = root / TEMPLATE
        _edit(template, "<h1", "<!-- version AA -->\n<h1")
        assert wait_for(lambda: "version AA" in fetch(page))
        # MkDocs' server polls the theme by dates and size: a second save within the tick starts no
        # rebuild. The next one (any save of content) must serve the template as last saved.
        _save_in_the_same_tick(template, "version AA", "version BB")
        _edit(root / RESOURCE, "Imprimante 3D grand format", "Imprimante 3D géante")
        assert wait_for(lambda: "Imprimante 3D géante" in fetch(base + "catalogue/imprimante-3d/"))
        assert "version BB" in fetch(page) and "version AA" not in fetch(page)
    log = printed.read_text(encoding="utf-8")
    assert "cache :" not in log and "Traceback" not in log, log
    assert log.count("Cache vérifié") >= 4, log  # the first build and each rebuild
