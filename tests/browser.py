"""Shared helpers to drive the built site in Debian's headless Chromium."""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import threading
from pathlib import Path

from playwright.sync_api import expect

from helpers import REPO

CHROMIUM_PATH = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
PHONE, DESKTOP = 375, 1280
# Generous waits: CI shares two cores between the build, the server and Chromium.
TIMEOUT_MS = 20_000
expect.set_options(timeout=TIMEOUT_MS)

# Every kind of page a visitor can land on: one list (tests/page_kinds.json) for the browser tests,
# pa11y-ci and scripts/lighthouse.py. The browser tests ask for a missing page deep in the site,
# where a relative link that works from the root would break.
PAGE_KINDS = {**json.loads((REPO / "tests/page_kinds.json").read_text(encoding="utf-8")),
              "page introuvable": "nulle/part/introuvable/"}

AXE = REPO / "node_modules/axe-core/axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site as a static host would: its 404.html for a missing address, and headers."""

    headers_to_add: dict[str, str] = {}

    def end_headers(self):
        for name, value in self.headers_to_add.items():
            self.send_header(name, value)
        super().end_headers()

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(directory: Path, headers: dict[str, str] | None = None):
    """Serve `directory` on 127.0.0.1 from a thread, adding `headers` to every response.

    Yields the base URL ending with '/'.
    """
    handler_class = type("Handler", (_SiteHandler,), {"headers_to_add": dict(headers or {})})
    handler = functools.partial(handler_class, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def keep_to_origin(page, base: str, outside: list[str]) -> None:
    """Abort every request of `page` that leaves `base`, recording its address in `outside`: the
    site may not load anything from another site."""
    def guard(route):
        if route.request.url.startswith(base):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", guard)


def guarded_opener(chromium, base_url, clock=None):
    """A generator fixture's body: yields `opener(path, width)`, which opens a page of the site at
    `base_url` at a width (with the page's clock fixed at `clock`, if given); at the end the test
    fails if a page asked another site or logged an error."""
    outside, errors, pages = [], [], []

    def opener(path: str, width: int = DESKTOP):
        page = chromium.new_page(viewport={"width": width, "height": 800})
        page.set_default_timeout(TIMEOUT_MS)
        if clock:
            page.clock.set_fixed_time(clock)
        keep_to_origin(page, base_url, outside)
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(base_url + path)
        pages.append(page)
        return page

    yield opener
    for page in pages:
        page.close()
    assert outside == [], f"requests to other sites: {outside}"
    # The 404 page is fetched on purpose; its status line is not a script error.
    assert [e for e in errors if "404" not in e] == [], errors


def axe_violations(page) -> list[str]:
    """What axe-core finds on the page (WCAG 2.2 AA and best practices), one line per rule."""
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
            return result.violations.map(v => v.id + ": " + v.nodes.map(n => n.target.join(" ")).join(", "));
        }""",
        AXE_TAGS,
    )
    return violations


DECAP_SERVER = REPO / "node_modules/decap-server/dist/index.js"


@contextlib.contextmanager
def editor_backend(repository: Path, site: Path, workflow: bool = False):
    """decap-server, Decap CMS's local backend, writing into `repository`, and the built `site`'s
    editor configured to use it. By default in its file system mode, which writes each entry at
    once (no editorial workflow); with `workflow`, in its git mode, where each entry saved is a
    branch `cms/<collection>/<slug>` of `repository` (a git repository). Yields its port."""
    import socket
    import subprocess
    import time

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = site / "admin/config.yml"
    text = config.read_text(encoding="utf-8").replace("localhost:8081", f"localhost:{port}")
    config.write_text(text if workflow else text.replace("publish_mode: editorial_workflow\n", ""), encoding="utf-8")
    process = subprocess.Popen(["node", str(DECAP_SERVER)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env={"PATH": "/usr/bin:/bin", "PORT": str(port), "MODE": "git" if workflow else "fs",
                                    "GIT_REPO_DIRECTORY": str(repository), "LOG_LEVEL": "error",
                                    "HOME": str(repository)})
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)
