"""The theme's own files under content-hashed names (generator/mkdocs/assets.py), so that a host may
cache /assets/ for a year: pages name only hashed files that exist, a name is the hash of what is
served, a change renames the file and every module that imports it, no unhashed copy is left."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from generator.mkdocs.assets import HASH_LENGTH, HASHED, AssetError, filters, hash_all, hashed_name

OURS = re.compile(r"\.([0-9a-f]{%d})\.[a-z]+$" % HASH_LENGTH)
REFERENCE = re.compile(r"""(?:href|src)="([^"#?]+)["#?]""")
IMPORT = re.compile(r"""\bfrom\s*["'](\.[^"']+)["']|\bimport\s*\(?\s*["'](\.[^"']+)["']""")

MODULES = {
    "assets/js/main.js": b'import { a } from "./a.js";\nimport { b } from "./sub/b.js";\n',
    "assets/js/a.js": b'import { c } from "./c.js";\nexport const a = c;\n',
    "assets/js/sub/b.js": b'export const b = await import("../c.js");\nexport const later = () => import("../later.js");\n',
    "assets/js/later.js": b"export const later = 1;\n",
    "assets/js/c.js": b"export const c = 1;\n",
    "assets/js/alone.js": b"export const alone = 1;\n",
    "assets/css/site.css": b'.mark { background: url("../images/mark.svg") } .x { background: url(data:,) }',
    "assets/images/mark.svg": b"<svg></svg>",
}


def test_a_name_is_the_hash_of_the_content_served():
    hashed = hash_all(MODULES)
    for source, (uri, content, *_) in hashed.items():
        assert uri == hashed_name(source, content)
        assert OURS.search(uri).group(1) == hashlib.sha256(content).hexdigest()[:HASH_LENGTH]
    assert hashed["assets/js/c.js"].content == MODULES["assets/js/c.js"]  # nothing to rewrite: as written


def test_imports_and_stylesheet_urls_name_the_hashed_files():
    hashed = hash_all(MODULES)
    name = {source: hashed_file.uri.rsplit("/", 1)[1] for source, hashed_file in hashed.items()}
    main = hashed["assets/js/main.js"].content.decode()
    assert f'from "./{name["assets/js/a.js"]}"' in main and f'from "./sub/{name["assets/js/sub/b.js"]}"' in main
    assert f'import("../{name["assets/js/c.js"]}")' in hashed["assets/js/sub/b.js"].content.decode()
    css = hashed["assets/css/site.css"].content.decode()
    assert f'url("../images/{name["assets/images/mark.svg"]}")' in css and "url(data:,)" in css


def test_a_change_renames_the_file_and_every_module_that_imports_it_and_no_other():
    before = {source: hashed_file.uri for source, hashed_file in hash_all(MODULES).items()}
    after = {source: hashed_file.uri for source, hashed_file in hash_all({**MODULES, "assets/js/c.js": b"export const c = 2;\n"}).items()}
    changed = {source for source in MODULES if before[source] != after[source]}
    assert changed == {"assets/js/c.js", "assets/js/a.js", "assets/js/sub/b.js", "assets/js/main.js"}


def test_a_page_can_ask_for_every_module_its_script_imports_at_once():
    """…but not one imported with import() only when needed (the catalog's search near a place)."""
    hashed = hash_all(MODULES)
    imported = filters(hashed)["imported_by"]("assets/js/main.js")
    assert imported == [hashed[uri].uri for uri in ("assets/js/a.js", "assets/js/sub/b.js", "assets/js/c.js")]
    assert filters(hashed)["asset"]("assets/js/main.js") == hashed["assets/js/main.js"].uri
    with pytest.raises(AssetError, match="« assets/js/absent.js » : aucun fichier du dossier assets/ du thème"):
        filters(hashed)["asset"]("assets/js/absent.js")


@pytest.mark.parametrize("sources, message", [
    ({"assets/a.js": b'import "./b.js";', "assets/b.js": b'import "./a.js";'},
     "Références circulaires entre fichiers du thème : assets/a.js → assets/b.js → assets/a.js."),
    ({"assets/a.js": b'import { x } from "./absent.js";'},
     "assets/a.js : « ./absent.js » ne désigne aucun fichier du thème (assets/absent.js)."),
])
def test_a_cycle_or_a_missing_file_is_refused_with_its_names(sources, message):
    with pytest.raises(AssetError) as error:
        hash_all(sources)
    assert str(error.value) == message


# --- The built site ----------------------------------------------------------------------------

def _local(reference: str, page: Path, site: Path) -> Path | None:
    """The file of the site a page's href or src names, or None for another site or a data: URL."""
    if re.match(r"[a-z]+:|//", reference):
        return None
    target = site / reference.lstrip("/") if reference.startswith("/") else page.parent / reference
    return target.resolve()


def test_pages_name_only_hashed_assets_that_exist(built_site):
    site = built_site.resolve()
    named = set()
    pages = list(site.rglob("*.html"))
    assert any("catalogue" in page.parts for page in pages)  # the bulk pages too
    for page in pages:
        for reference in REFERENCE.findall(page.read_text(encoding="utf-8")):
            target = _local(reference, page, site)
            if target and (site / "assets") in target.parents:
                assert HASHED.search(target.name), f"{page}: {reference}"
                assert target.is_file(), f"{page}: {reference}"
                named.add(target.relative_to(site).as_posix())
    assert {re.sub(OURS, "", uri) for uri in named if OURS.search(uri)} >= {
        "assets/stylesheets/deffinov", "assets/javascripts/deffinov/main", "assets/javascripts/material-inline",
        "assets/images/logo"}


def test_every_file_under_assets_is_hashed_and_ours_by_their_content(built_site):
    theme = Path(__file__).resolve().parent.parent / "theme"
    for path in (built_site / "assets").rglob("*"):
        if path.is_file():
            assert HASHED.search(path.name), path  # no unhashed copy: the whole folder may be cached
    for source in (theme / "assets").rglob("*"):
        if source.is_file():
            uri = source.relative_to(theme).as_posix()
            stem, extension = uri.split(".", 1)
            served = list(built_site.glob(stem + ".*." + extension))
            assert len(served) == 1, uri
            assert OURS.search(served[0].name).group(1) == hashlib.sha256(served[0].read_bytes()).hexdigest()[:HASH_LENGTH]


def test_the_modules_import_hashed_modules_that_exist(built_site):
    modules = list((built_site / "assets/javascripts/deffinov").glob("*.js"))
    imported = set()
    for module in modules:
        for pair in IMPORT.findall(module.read_text(encoding="utf-8")):
            target = (module.parent / "".join(pair)).resolve()
            assert target.is_file() and OURS.search(target.name), f"{module.name}: {pair}"
            imported.add(target.name)
    # Every module but the entry points (main.js, the catalog's catalog-main.js, and the browser
    # editor's editor.js and editor-setup.js, loaded by /admin/) is reached from them; each page asks at once for what its entry loads at once, not for a module imported with
    # import() when a page has its markup.
    assert imported == {module.name for module in modules if not module.name.startswith(("main.", "catalog-main.", "editor.", "editor-setup."))}

    def preloaded(page: str) -> set[str]:
        html = (built_site / page).read_text(encoding="utf-8")
        return {href.rsplit("/", 1)[1] for href in re.findall(r'<link rel="modulepreload" href="([^"]+)"', html)}

    def named(names: set[str], *stems: str) -> set[str]:
        return {stem for stem in stems if any(name.startswith(stem + ".") for name in names)}

    home, catalog = preloaded("index.html"), preloaded("catalogue/index.html")
    assert named(home, "header", "calls-page", "status", "catalog-page", "agenda-page", "near-page") == {
        "header", "calls-page", "status"}
    assert named(catalog, "header", "catalog-page", "catalog", "calls-page", "near-page") == {
        "header", "catalog-page", "catalog"}
    assert re.search(r'<script type="module" src="[^"]*/catalog-main\.[0-9a-f]+\.js">',
                     (built_site / "catalogue/index.html").read_text(encoding="utf-8"))
