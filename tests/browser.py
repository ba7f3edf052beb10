"""Shared helpers to drive the built site in Debian's headless Chromium."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from pathlib import Path

CHROMIUM_PATH = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


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
