"""`mkdocs serve` at the catalog's scale: bulk and generated pages written when asked for, search in
the background, content watched through the system's file events.

At each save MkDocs empties the site folder and builds it again. Writing the catalog's thousands
of pages again (and deleting them at the next save) would take longer than the rest of the
rebuild, and a preview only needs the pages someone opens. So in a preview each bulk page, each
generated page (generated_pages.py) and each large data file (open data, the catalog's index) is
written from the latest build the first time it is requested, then served by MkDocs' own server,
which adds its live-reload script as to any page. The site search index (Pagefind) is made in the
background: an edit shows at once, the preview's search has it a few seconds later.

MkDocs' server polls what it watches twice a second, reading the state of every file: with
tens of thousands of content files that took a third of a core, idle or building. The content
folder is watched through the system's file events instead (inotify, FSEvents…), and each
event has MkDocs' server rebuild at once, as a change it found would (`rebuild_soon`).

A rebuild that fails (invalid content, most often) would leave every request waiting for a
build that never comes, the report in the terminal only. Instead the failure is shown where the
editor looks: MkDocs counts it as a new version of the site, so open pages reload, and every page
requested gets the report (preview_error.py) with MkDocs' live-reload script, which reloads it to the
site once a rebuild succeeds. What this relies on in MkDocs' server is pinned by a test
(tests/test_preview_errors.py).
"""

from __future__ import annotations

import logging
import os
import posixpath
import shutil
import subprocess
import sys
import threading
import time
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer

from . import preview_error
from ..build import stopping

if TYPE_CHECKING:
    from mkdocs.livereload import LiveReloadServer

log = logging.getLogger("mkdocs.plugins.deffinov")

BUNDLE = "pagefind"  # the search index's folder in the site
BUILD_WAIT = 600  # seconds a request waits for a build under way before being served what exists
IDLE_DELAY = 1.5  # seconds after a rebuild: the browser has reloaded the page it shows
LATE_AFTER = 3  # builds started without a moment idle, after which what waits for one runs anyway


class OnDemandPages:
    """What the latest build left to write (bulk pages, large data files), written into the site
    folder when first requested; or, when the latest rebuild failed, the page that says why."""

    def __init__(self):
        self.ready = threading.Event()  # set when no build is under way
        self.ready.set()
        # One renderer at a time: the build and requests share templates and the Markdown converter.
        self.lock = threading.Lock()
        self.pages: dict[str, Callable[[], None]] = {}  # site address ("catalogue/x/") -> what writes it
        # Folders of data files made when one is first requested: folder -> its files' `pages`.
        self.folders: dict[str, Callable[[], dict[str, Callable[[], None]]]] = {}
        self.written: set[str] = set()
        self.generation = 0  # builds started so far: a search index made for an older one is dropped
        self.indexing: subprocess.Popen | None = None  # the search index's process under way, if any
        self.watcher: EventWatcher | None = None
        self.failure: bytes | None = None  # the error page of the latest rebuild, if it failed
        self.waiting: Callable[[], None] | None = None  # what `when_idle` has not run yet
        self.late = 0  # builds started since `waiting` was first given

    def building(self) -> None:
        """A build starts: requests wait for it; a search index under way would be left unused,
        so its process stops now, leaving the machine to the build."""
        self.ready.clear()
        with self.lock:
            self.generation += 1
            if self.indexing is not None and self.indexing.poll() is None:
                self.indexing.terminate()
            self.indexing = None
        self.pages, self.folders, self.written = {}, {}, set()

    def empty_site(self, site_dir: Path) -> None:
        """Empty the site folder for the build to come, as MkDocs would, at once: what the last
        build left there (the pages written on request, the search index: thousands of files,
        more than a second to delete) is moved aside, and deleted by another process meanwhile."""
        if not site_dir.is_dir():
            return
        with self.lock:  # no page is being written
            # Hidden files stay, as MkDocs leaves them (it never writes any).
            entries = [entry for entry in site_dir.iterdir() if not entry.name.startswith(".")]
            if not entries:
                return
            trash = stopping.temporary_folder("corbeille", site_dir.parent)
            for entry in entries:
                os.replace(entry, trash / entry.name)
        stopping.delete_in_background(trash)

    def built(self, pages: dict[str, Callable[[], None]],
              folders: dict[str, Callable[[], dict[str, Callable[[], None]]]] | None = None) -> None:
        """The build is done: what it left to write, by address, may now be requested, and so may
        the files of `folders`, made when one of them is first requested."""
        self.pages, self.folders, self.written = pages, dict(folders or {}), set()
        self.ready.set()

    def failed(self) -> None:
        self.ready.set()

    def when_idle(self, task: Callable[[], None], delay: float = IDLE_DELAY) -> None:
        """Run `task` `delay` seconds from now unless a build has started by then: work that can
        wait (the collector's scan after a rebuild) is not done between a save and its page. When
        saves come faster, it runs before a build once LATE_AFTER builds went by without it
        (`catch_up`): what it frees does not pile up."""
        generation = self.generation
        self.waiting = task

        def run():
            with self.lock:
                if generation == self.generation:
                    task()
                    self.waiting, self.late = None, 0

        timer = threading.Timer(delay, run)
        timer.daemon = True
        timer.start()

    def catch_up(self) -> None:
        """A build starts (after `building`): the task `when_idle` could not run, if it is late."""
        if self.waiting is None:
            return
        self.late += 1
        if self.late >= LATE_AFTER:
            task, self.waiting, self.late = self.waiting, None, 0
            task()

    def index_in_background(self, index: Callable[..., None], site_dir: Path, searched: list[str] = ()) -> None:
        """Make the search index without holding back the preview: the pages at the addresses
        `searched` are written first (the generated pages and the calls: pages the index reads,
        built on request), then `index(site_dir,
        bundle, started)` writes it aside, giving `started` its process, and it takes its place in
        the site unless another build has started meanwhile (MkDocs empties the site folder when a
        build starts; `building` then stops the process)."""
        generation = self.generation

        def started(process) -> None:
            with self.lock:
                if generation == self.generation:
                    self.indexing = process
                else:  # a build started before the process did
                    process.terminate()

        def run():
            # The pages a browser asks for right after a save come first: writing the other pages
            # (seconds at 2,000 calls) would hold the interpreter while they are served.
            time.sleep(IDLE_DELAY)
            for address in searched:
                if generation != self.generation:
                    return
                self._ensure(address)
            aside = stopping.temporary_folder("recherche", site_dir.parent)
            try:
                index(site_dir, aside / BUNDLE, started)
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

    def watch_content(self, folder: Path, changed: Callable[[], None]) -> bool:
        """Watch `folder` through file events, calling `changed` at each; False when the system
        gives no events (MkDocs then polls the folder itself)."""
        self.watcher = EventWatcher(changed)
        if self.watcher.watch([folder]):
            return True
        self.close()
        return False

    def close(self) -> None:
        """The preview stops: no more events, and what the background search index was writing
        or running stops before MkDocs deletes the site folder."""
        if self.watcher:
            self.watcher.stop()
            self.watcher = None
        with self.lock:
            self.generation += 1
            if self.indexing is not None and self.indexing.poll() is None:
                self.indexing.terminate()
            self.indexing = None

    def showing_failures(self, builder: Callable[..., None], site_name: str) -> Callable[..., None]:
        """MkDocs' rebuild, made to show its failure in the browser. MkDocs' server treats a
        rebuild that raises as never done: requests wait for it, open pages stay as they are. This
        one reports the failure as MkDocs would, keeps its page, and returns: MkDocs then counts it
        as the site's new version and reloads open pages, which get the page (see `app`)."""
        def rebuild(*args, **kwargs) -> None:
            try:
                builder(*args, **kwargs)
            except Exception as exc:  # the build's own errors; an interruption (KeyboardInterrupt) goes on
                # As MkDocs' server prints it: an Abort's message (the French report), else the traceback.
                if isinstance(exc, SystemExit):
                    print(exc, file=sys.stderr)
                else:
                    traceback.print_exc()
                self.failure = preview_error.render(exc, site_name).encode("utf-8")
                log.error("Échec de la reconstruction : le navigateur affiche ce rapport à la place des pages, "
                          "et le site de nouveau dès qu'une reconstruction réussit.")
                return
            self.failure = None  # before MkDocs shows the new version: see `app`

        return rebuild

    def app(self, server: "LiveReloadServer") -> Callable:
        """A WSGI application: MkDocs' server (`serve_request`), after writing what is requested if
        need be; the error page instead of a page while the latest rebuild failed."""
        serve, mount_path = server.serve_request, server.mount_path

        def app(environ, start_response):
            # Decoded as MkDocs' server decodes it (wsgiref hands over latin-1).
            path = environ.get("PATH_INFO", "").encode("latin-1").decode("utf-8", "ignore")
            # The version shown is read before the failure: a page of an older failure then always
            # carries an older version than the next successful build's, and reloads to it.
            shown = server._visible_epoch
            failure = self.failure
            if failure is not None and (path + "/").startswith(mount_path) and path.endswith(("/", ".html")):
                body = server._inject_js_into_html(failure, shown)
                # 200, not an error status: MkDocs' server logs any other as a warning, and in strict
                # mode (mkdocs.yml) a warning logged during a rebuild fails it, so browsers reloading
                # the report would fail the rebuild meant to fix it.
                start_response("200 OK", [
                    ("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body))),
                    ("Cache-Control", "no-store")])
                return [body]
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
        """Write what the build left at `path` if not written yet; whether there is such a thing."""
        if not self.ready.wait(BUILD_WAIT):
            return False
        address, page = self._page_at(path)
        if page is None:
            pages, folders = self.pages, self.folders
            folder = next((folder for folder in folders if path.startswith(folder)), None)
            if folder is None:
                return False
            with self.lock:
                if folder in folders:  # not made meanwhile by another request
                    pages.update(folders[folder]())
                    del folders[folder]
            address, page = self._page_at(path)
            if page is None:
                return False
        with self.lock:
            if address in self.written or self.pages.get(address) is not page:
                return True  # written meanwhile, or another build came
            page()
            self.written.add(address)
        return True

    def _page_at(self, path: str) -> tuple[str, Callable[[], None] | None]:
        """What writes the page or file at `path` in the site, and its address; None if nothing."""
        for address in (path + "/", path.removesuffix("index.html"), path):
            if (page := self.pages.get(address)) is not None:
                return address, page
        return path, None


def rebuild_soon(server: "LiveReloadServer") -> None:
    """Have MkDocs' server rebuild, as it does when a file it polls changes (`watch`): at once,
    not at its next poll (half a second)."""
    with server._rebuild_cond:
        server._want_rebuild = True
        server._rebuild_cond.notify_all()


class EventWatcher(FileSystemEventHandler):
    """Watches folders through the system's file events, calling `changed` at each change."""

    def __init__(self, changed: Callable[[], None]):
        self.changed = changed
        self.observer = Observer()

    def watch(self, folders: list[Path]) -> bool:
        """Start watching; False when the system gives no file events (then poll as MkDocs does)."""
        try:
            for folder in folders:
                self.observer.schedule(self, str(folder), recursive=True)
            self.observer.daemon = True
            self.observer.start()
        except OSError as exc:  # no inotify here, or too few watches allowed
            log.info("Surveillance par sondage du contenu (événements du système indisponibles : %s).", exc)
            return False
        return True

    def on_any_event(self, event) -> None:
        if event.is_directory or event.event_type in ("opened", "closed_no_write"):
            return  # reading a file is not changing it
        self.changed()

    def stop(self) -> None:
        self.observer.stop()
