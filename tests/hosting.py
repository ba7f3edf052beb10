"""The README's hosting examples (« Mise en ligne »), read as a host would apply them: the security
headers, the content/_headers file of Cloudflare Pages and Netlify, and nginx started with the
README's own block. Used by the tests and by scripts/lighthouse.py."""

from __future__ import annotations

import contextlib
import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"
STATIC_HOST_HEADERS = REPO / "content/_headers"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
IMMUTABLE = "public, max-age=31536000, immutable"


def hosting_section() -> str:
    return README.read_text(encoding="utf-8").split("## Mise en ligne", 1)[1].split("\n## ", 1)[0]


def deployment_headers() -> dict[str, str]:
    """The security headers the README tells the host to send with every response."""
    block = re.search(r"```text\n(Content-Security-Policy:.*?)```", hosting_section(), re.S).group(1)
    return dict(line.split(": ", 1) for line in block.strip().splitlines())


def editor_headers() -> dict[str, str]:
    """The headers under /admin/: the same, with the browser editor's own Content-Security-Policy."""
    policy = re.search(r"```text\n# /admin/ seulement\nContent-Security-Policy: (.*?)\n```", hosting_section(), re.S).group(1)
    return {**deployment_headers(), "Content-Security-Policy": policy}


def readme_block(language: str) -> str:
    """The README's example for `language` (nginx, apache) in « Mise en ligne »."""
    return hosting_section().split(f"```{language}\n", 1)[1].split("```", 1)[0]


def static_host_rules() -> dict[str, dict[str, str]]:
    """content/_headers as Cloudflare Pages and Netlify read it: address pattern → headers; a
    header a rule detaches (`! Name`, Cloudflare Pages) maps to None."""
    rules: dict[str, dict[str, str]] = {}
    for line in STATIC_HOST_HEADERS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            pattern = rules.setdefault(line.strip(), {})
        elif line.strip().startswith("! "):
            pattern[line.strip()[2:]] = None
        else:
            name, value = line.strip().split(": ", 1)
            pattern[name] = value
    return rules


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def nginx(site: Path):
    """nginx serving `site` with the README's block, its HTTPS server on plain HTTP at a free port
    of 127.0.0.1 (no certificate here), its HTTP server, the redirect, at another.

    Yields (the site's base URL, the redirecting server's base URL)."""
    port, redirect_port = _free_port(), _free_port()
    block = readme_block("nginx")
    block = block.replace("listen 443 ssl;", f"listen 127.0.0.1:{port};", 1)
    block = block.replace("listen 80;", f"listen 127.0.0.1:{redirect_port};", 1)
    block = re.sub(r"\n\s*ssl_certificate(_key)? .*;", "", block)
    block, replaced = re.subn(r"root /chemin/du/depot/site;", f"root {site.resolve()};", block)
    assert replaced == 1, "the README's nginx block names no root /chemin/du/depot/site;"
    with tempfile.TemporaryDirectory(prefix="deffinov-nginx-") as folder:
        temp = Path(folder)
        # One process, in the foreground, as the user running the tests (no worker as `nobody`,
        # who could not read a test's temporary folder).
        (temp / "nginx.conf").write_text(f"""
daemon off;
master_process off;
pid {temp}/nginx.pid;
error_log {temp}/error.log;
events {{}}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
{block}
}}
""", encoding="utf-8")
        process = subprocess.Popen([NGINX, "-p", folder, "-c", str(temp / "nginx.conf")],
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        base = f"http://127.0.0.1:{port}/"
        try:
            deadline = time.monotonic() + 10
            while True:
                try:
                    urllib.request.urlopen(base, timeout=2).close()
                    break
                except (urllib.error.URLError, ConnectionError):
                    if process.poll() is not None or time.monotonic() > deadline:
                        log = temp / "error.log"
                        raise RuntimeError(f"nginx did not start: {process.stdout.read() if process.poll() is not None else ''}"
                                           f"{log.read_text() if log.exists() else ''}") from None
                    time.sleep(0.05)
            yield base, f"http://127.0.0.1:{redirect_port}/"
        finally:
            process.terminate()
            process.wait(timeout=10)
