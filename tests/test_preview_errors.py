"""`mkdocs serve` while the content has errors: the browser gets the French report at once, in
place of the pages, and the site again by itself once the file is fixed; the terminal keeps its
report."""

from __future__ import annotations

import inspect
import re
import time
import urllib.error
import urllib.request
from html.parser import HTMLParser

import pytest
from mkdocs.exceptions import Abort
from mkdocs.livereload import LiveReloadServer
from playwright.sync_api import expect

from browser import axe_violations, keep_to_origin
from helpers import copy_project, mkdocs_serve, wait_for
from generator.mkdocs import preview_error
from generator.content.errors import ContentError, ContentErrors

CALL = "regions/normandie/calls/normandie-connectee-deffinov.md"
PAGE = "appels/normandie-connectee-deffinov/"
HOSTILE = "<img src=x onerror=alert(1)>"


def broken(text: str) -> str:
    """Two errors: a budget that is markup, a date that does not exist."""
    text = text.replace("budget: 2900000", f'budget: "{HOSTILE}"').replace("deadline: 2023-04-28", "deadline: 2023-04-31")
    assert HOSTILE in text and "2023-04-31" in text
    return text


def get(url: str, timeout: float = 10) -> tuple[int, str, float]:
    """Status, text and seconds taken of one request, whatever the status."""
    start = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            status, body = response.status, response.read()
    except urllib.error.HTTPError as exc:
        status, body = exc.code, exc.read()
    return status, body.decode("utf-8"), time.monotonic() - start


class _Reader(HTMLParser):
    """The text a browser shows in the page's body, and every address the page would load or link to."""

    def __init__(self):
        super().__init__()
        self.text, self.addresses, self.tags, self.within = [], [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.within.append(tag)
        self.addresses += [value for name, value in attrs if name in ("href", "src", "action", "srcset")]
        if tag != "code":
            self.text.append(" ")  # blocks: a line of their own

    def handle_endtag(self, tag):
        if tag in self.within:
            del self.within[len(self.within) - 1 - self.within[::-1].index(tag):]

    def handle_data(self, data):
        if "body" in self.within and not {"script", "style"} & set(self.within):
            self.text.append(data)


def read(html: str) -> _Reader:
    reader = _Reader()
    reader.feed(html)
    reader.plain = " ".join("".join(reader.text).split())
    return reader


def test_the_error_page_escapes_every_value_and_loads_nothing():
    errors = ContentErrors([
        ContentError("regions/x/calls/<b>a</b>.md", 3, "title</code><script>", f"reçu « {HOSTILE} » ; écrivez un titre."),
        ContentError("regions/x/calls/<b>a</b>.md", None, None, "fichier illisible & tronqué"),
        ContentError("regions/y/region.yml", 1, None, "clé inconnue « nom »."),
    ])
    try:  # as the plugin raises it
        raise Abort(errors.report()) from errors
    except Abort as abort:
        html = preview_error.render(abort, "Site <i>x</i>")
    page = read(html)
    assert '<html lang="fr">' in html
    assert set(page.tags) <= {"html", "head", "meta", "title", "link", "style", "body", "main", "h1", "p", "h2", "code", "ul", "li"}
    assert page.addresses == ["data:,"]  # the icon: none asked of the server, nothing from elsewhere
    assert "3 erreurs dans le contenu" in page.plain
    assert (f"Fichier regions/x/calls/<b>a</b>.md fichier illisible & tronqué "
            f"Ligne 3, champ title</code><script> reçu « {HOSTILE} » ; écrivez un titre.") in page.plain
    assert "<title>3 erreurs dans le contenu – aperçu de Site &lt;i&gt;x&lt;/i&gt;</title>" in html
    assert "Fichier regions/y/region.yml Ligne 1 clé inconnue « nom »." in page.plain
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "&lt;script&gt;" in html and "&lt;i&gt;x&lt;/i&gt;" in html

    other = read(preview_error.render(KeyError("bretagne"), "Site"))
    assert "La reconstruction du site a échoué" in other.plain and "KeyError: 'bretagne'" in other.plain


def test_the_mkdocs_internals_the_error_page_relies_on(tmp_path):
    """generator/mkdocs/preview.py wraps the server's `builder`, reads `_visible_epoch`, has the page
    carry MkDocs' live-reload script through `_inject_js_into_html`, and asks for rebuilds through
    `_want_rebuild` and `_rebuild_cond`. An upgrade that changes them
    must fail here, not leave the preview waiting."""
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    assert isinstance(server._visible_epoch, int)
    page = server._inject_js_into_html(b"<html><body><p>x</p></body></html>", 1234)
    assert re.fullmatch(rb"<html><body><p>x</p><script>.*livereload\(1234, \d+\);\s*</script></body></html>", page, re.S)
    assert b'"/livereload/" + epoch' in page
    loop = inspect.getsource(LiveReloadServer._build_loop)
    # A rebuild that returns is shown: the version it started as becomes the one shown.
    assert "self.builder()" in loop and "self._visible_epoch = self._wanted_epoch" in loop
    # A change of content asks for a rebuild as a change MkDocs found itself does (preview.rebuild_soon).
    assert "self._want_rebuild = True" in inspect.getsource(LiveReloadServer.watch)
    assert "self._want_rebuild or self._shutdown" in loop and "self._rebuild_cond.wait" in loop
    server.server_close()


def test_a_content_error_is_in_the_browser_at_once_and_the_site_is_back_when_fixed(tmp_path):
    project = copy_project(tmp_path / "projet")
    call = project / CALL
    good = call.read_text(encoding="utf-8")
    terminal = tmp_path / "terminal.txt"
    with mkdocs_serve(project, terminal) as base:
        assert wait_for(lambda: "Normandie connectée" in get(base + PAGE)[1])
        stylesheet = re.search(r"assets/stylesheets/deffinov\.[0-9a-f]+\.css", get(base)[1]).group(0)  # hashed
        before = int(get(base + "livereload/0/0")[1])
        call.write_text(broken(good), encoding="utf-8")
        assert wait_for(lambda: "erreurs dans le contenu" in get(base + PAGE)[1], 30)

        # Every request is answered at once: pages (built, never built, the home page), a stylesheet.
        for address in (PAGE, "", "catalogue/imprimante-3d/", stylesheet):
            assert get(base + address)[2] < 3, address
        status, html, _ = get(base + PAGE)
        page = read(html)
        assert status == 200 and '<html lang="fr">' in html
        assert page.plain.startswith("2 erreurs dans le contenu")
        assert f"Fichier {CALL}" in page.plain
        assert f"Ligne 10, champ budget nombre entier attendu (Enveloppe totale de l'appel, en euros), reçu « {HOSTILE} »." in page.plain
        assert "Ligne 32, champ calendar.waves[1].deadline la date « 2023-04-31 » n'existe pas ou est mal écrite." in page.plain
        assert "img" not in page.tags and "&lt;img src=x" in html
        # The failure is a version of the site for live reload: open pages reload to the report,
        # which carries MkDocs' script waiting for the next one.
        failed = int(get(base + "livereload/0/0")[1])
        assert failed > before
        assert f"livereload({failed}, " in html
        assert get(base + stylesheet)[0] == 200

        call.write_text(good, encoding="utf-8")
        assert wait_for(lambda: "Normandie connectée" in get(base + PAGE)[1], 30)
        assert int(get(base + "livereload/0/0")[1]) > failed

        # Not only content: a broken template shows the build's error the same way.
        template = project / "theme/deffinov/call.html"
        template.write_text(template.read_text(encoding="utf-8") + "{% endif %}", encoding="utf-8")
        assert wait_for(lambda: "La reconstruction du site a échoué" in read(get(base + PAGE)[1]).plain, 30)
    printed = terminal.read_text(encoding="utf-8")
    # The terminal keeps the report, line for line.
    assert "2 erreurs dans le contenu :" in printed
    assert f"  - {CALL}, ligne 32, champ « calendar.waves[1].deadline » : la date « 2023-04-31 »" in printed


@pytest.mark.browser
def test_an_open_page_shows_the_report_and_goes_back_to_the_site_by_itself(tmp_path, chromium):
    project = copy_project(tmp_path)
    call = project / CALL
    good = call.read_text(encoding="utf-8")
    with mkdocs_serve(project) as base:
        assert wait_for(lambda: "Normandie connectée" in get(base + PAGE)[1])
        page = chromium.new_page()
        outside = []
        keep_to_origin(page, base, outside)
        page.goto(base + PAGE)
        heading = page.get_by_role("heading", level=1)
        expect(heading).to_contain_text("Normandie connectée")
        call.write_text(broken(good), encoding="utf-8")
        # The open page reloads to the report by itself.
        expect(heading).to_have_text("2 erreurs dans le contenu", timeout=30_000)
        expect(page).to_have_title(re.compile("^2 erreurs dans le contenu – aperçu de "))
        expect(page.get_by_text(f"reçu « {HOSTILE} »", exact=False)).to_be_visible()
        assert page.locator("img").count() == 0
        assert axe_violations(page) == []
        call.write_text(good, encoding="utf-8")
        expect(heading).to_contain_text("Normandie connectée", timeout=30_000)
        page.close()
        assert outside == []
