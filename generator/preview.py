"""`mkdocs serve` at the catalog's scale: bulk pages written when asked for, search in the background.

At each save MkDocs empties the site folder and builds it again. Writing the catalog's thousands
of pages again (and deleting them at the next save) would take longer than the rest of the
rebuild, and a preview only needs the pages someone opens. So in a preview each bulk page is
written from the latest build the first time it is requested, then served by MkDocs' own server,
which adds its live-reload script as to any page. The site search index (Pagefind) is made in the
background: an edit shows at once, the preview's search has it a few seconds later.
"""

from __future__ import annotations

import logging
import os
import posixpath
import shutil
import tempfile
import threading
from pathlib import Path
from typing import Callable

log = logging.getLogger("mkdocs.plugins.deffinov")

BUNDLE = "pagefind"  # the search index's folder in the site
BUILD_WAIT = 600  # seconds a request waits for a build under way before being served what exists


class OnDemandPages:
    """The bulk pages of the latest build, written into the site folder when first requested."""

    def __init__(self):
        self.ready = threading.Event()  # set when no build is under way
        self.ready.set()
        # One renderer at a time: the build and requests share templates and the Markdown converter.
        self.lock = threading.Lock()
        self.pages: dict[str, object] = {}  # site address ("catalogue/x/") -> its BulkFile
        self.write: Callable | None = None  # writes a BulkFile and its content into the site folder
        self.written: set[str] = set()
        self.generation = 0  # builds started so far: a search index made for an older one is dropped

    def building(self) -> None:
        """A build starts: requests wait for it; a search index under way will be left unused."""
        self.ready.clear()
        with self.lock:
            self.generation += 1
        self.pages, self.written = {}, set()

    def built(self, pages: dict[str, object], write: Callable) -> None:
        """The build is done: its bulk pages, by address, may now be requested."""
        self.pages, self.write, self.written = pages, write, set()
        self.ready.set()

    def failed(self) -> None:
        self.ready.set()

    def index_in_background(self, index: Callable[[Path, Path], None], site_dir: Path) -> None:
        """Make the search index without holding back the preview: `index(site_dir, bundle)` writes
        it aside, and it takes its place in the site unless another build has started meanwhile
        (MkDocs empties the site folder when a build starts)."""
        generation = self.generation

        def run():
            aside = Path(tempfile.mkdtemp(prefix="deffinov-recherche-", dir=site_dir.parent))
            try:
                index(site_dir, aside / BUNDLE)
                with self.lock:
                    if generation == self.generation:
                        shutil.rmtree(site_dir / BUNDLE, ignore_errors=True)
                        os.replace(aside / BUNDLE, site_dir / BUNDLE)
            except Exception as exc:  # a preview goes on without its search; the build reports it
                if generation == self.generation:
                    log.warning("Index de recherche de l'aperçu non mis à jour : %s", exc)
            finally:
                shutil.rmtree(aside, ignore_errors=True)

        threading.Thread(target=run, name="deffinov-recherche", daemon=True).start()

    def app(self, serve: Callable, mount_path: str) -> Callable:
        """A WSGI application: MkDocs' `serve`, after writing the requested bulk page if need be."""
        def app(environ, start_response):
            # Decoded as MkDocs' server decodes it (wsgiref hands over latin-1).
            path = environ.get("PATH_INFO", "").encode("latin-1").decode("utf-8", "ignore")
            if not (path + "/").startswith(mount_path) or not self._ensure(
                    path := posixpath.normpath("/" + path[len(mount_path):]).lstrip("/")):
                return serve(environ, start_response)
            # A save may start a build between writing the page and serving it: the build empties
            # the site folder, MkDocs' server waits for the build, then finds no page. Write it again.
            answer: list = []
            body = serve(environ, lambda *status: answer.append(status))
            if answer[0][0].startswith("404") and self._ensure(path):
                answer.clear()
                body = serve(environ, lambda *status: answer.append(status))
            start_response(*answer[0])
            return body

        return app

    def _ensure(self, path: str) -> bool:
        """Write the bulk page at `path` if it is one not written yet; whether it is one."""
        if not self.ready.wait(BUILD_WAIT):
            return False
        for address in (path + "/", path.removesuffix("index.html"), path):
            page = self.pages.get(address)
            if page is not None:
                break
        else:
            return False
        with self.lock:
            if address in self.written or self.pages.get(address) is not page:
                return True  # written meanwhile, or another build came
            self.write(page, page.content)
            self.written.add(address)
        return True
