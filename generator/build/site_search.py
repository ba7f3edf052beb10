"""Index a built site with Pagefind: French stemming, accent folding, small index chunks, offline.

Only MkDocs' pages are indexed: the catalog's thousands of pages, written beside them, have their
own index. Pagefind picks its pages with one glob; a glob naming every page (`{a,b,…}`) grows
with the site, and at about 2,600 pages the system refuses it as an argument ("Argument list
too long"); written in a configuration file instead, Pagefind's glob engine refuses it between
3,000 and 20,000 pages, and reads it slowly long before. So Pagefind is pointed at a tree that
holds the pages to index and nothing else: hard links to them (no copy, built in a second at
20,000 pages), under the folder that receives the index. The paths in that tree are the site's,
so the index is the one the glob gave, byte for byte; and no page name can be misread as a glob.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path, PurePosixPath
from typing import Callable

BUNDLE = "pagefind"  # the index's folder in the site
TREE_PREFIX = ".deffinov-pages-"  # the tree of pages to index, beside the bundle while it is made


class SearchIndexError(Exception):
    pass


def index_site(site_dir: Path, bundle: Path | None = None, pages: list[str] | None = None,
               background: bool = False, started: Callable[[subprocess.Popen], None] | None = None) -> None:
    """Write the Pagefind bundle into `bundle`, by default `site_dir/pagefind/`, reading only
    `pages` (paths in the site) when given, else every page of the site. `started` is given the
    Pagefind process, which whoever no longer needs the index may stop."""
    bundle = bundle if bundle is not None else site_dir / BUNDLE
    if pages is None:
        _run_pagefind(site_dir, bundle, background, started)
        return
    # Beside the bundle, on the file system of the site most often: links, not copies.
    tree = Path(_temporary_tree(bundle.parent))
    try:
        link_pages(site_dir, pages, tree)
        _run_pagefind(tree, bundle, background, started)
    finally:
        shutil.rmtree(tree, ignore_errors=True)


class IndexBeside:
    """`index_site` in a thread, while this process goes on writing pages the index does not read;
    `wait` gives its outcome (SearchIndexError). Pagefind is stopped if the build stops first."""

    def __init__(self, site_dir: Path, pages: list[str]):
        self.site_dir, self.pages = site_dir, pages
        self.thread: threading.Thread | None = None
        self.process: subprocess.Popen | None = None
        self.error: BaseException | None = None

    @property
    def started(self) -> bool:
        return self.thread is not None

    def start(self) -> None:
        self.thread = threading.Thread(target=self._run, name="deffinov-recherche", daemon=True)
        self.thread.start()

    def wait(self) -> None:
        """The index written (started now if it was not), or its error raised."""
        if self.thread is None:
            self._run()
        else:
            self.thread.join()
        if self.error is not None:
            raise self.error

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
        if self.thread is not None:
            self.thread.join()

    def _run(self) -> None:
        try:
            index_site(self.site_dir, pages=self.pages, started=self._started)
        except Exception as exc:  # given to `wait`, in the build's thread
            self.error = exc

    def _started(self, process: subprocess.Popen) -> None:
        self.process = process


def _temporary_tree(within: Path) -> str:
    within.mkdir(parents=True, exist_ok=True)
    return tempfile.mkdtemp(prefix=TREE_PREFIX, dir=within)


def link_pages(site_dir: Path, pages: list[str], tree: Path) -> int:
    """Give `tree` the `pages` of `site_dir` at the same paths: hard links, copies where the file
    system refuses them. Pages missing from the site, or whose path would leave it, are skipped.
    How many were given goes back."""
    linking = True
    given = 0
    made: set[Path] = set()
    for page in pages:
        relative = PurePosixPath(page)
        if relative.is_absolute() or ".." in relative.parts:
            continue
        source, target = site_dir.joinpath(*relative.parts), tree.joinpath(*relative.parts)
        if not source.is_file():
            continue
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        if linking:
            try:
                os.link(source, target)
                given += 1
                continue
            except FileExistsError:
                continue
            except OSError:
                linking = False  # another file system, or one without hard links: copies from now on
        if not target.exists():
            shutil.copyfile(source, target)
            given += 1
    return given


def _run_pagefind(site: Path, bundle: Path, background: bool,
                  started: Callable[[subprocess.Popen], None] | None = None) -> None:
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(bundle), "--silent"]
    if background and shutil.which("nice"):
        command = ["nice", "-n", "10", *command]  # behind the next rebuild of a preview
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as process:
        if started:
            started(process)
        try:
            stdout, stderr = process.communicate(timeout=600)
        except subprocess.TimeoutExpired:
            process.kill()
            stdout, stderr = process.communicate()
        result = subprocess.CompletedProcess(command, process.returncode, stdout, stderr)
    if result.returncode != 0:
        raise SearchIndexError(
            "l'index de recherche (Pagefind) n'a pas pu être construit :\n" + (result.stderr or result.stdout)
        )
