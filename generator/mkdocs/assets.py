"""Content-hashed names for the theme's own files under assets/ (stylesheet, scripts, images).

A host may then keep everything under /assets/ for a year (`Cache-Control: public,
max-age=31536000, immutable`, README « Mise en ligne »): a changed file gets a new name, and the
pages, never cached long, name the new one. Material's own files there already carry a hash
(`bundle.<hash>.min.js`); those it ships without one and the site does not use (lunr, for
Material's search; its default favicon) are left out, so that the rule holds for the whole folder.

The name is the hash of the content as served. The site's ES modules import each other by
relative specifiers (`import … from "./calendar.js"`): each specifier is rewritten to the hashed
name of its target, and a module is hashed after its imports, so that a change in one module
renames every module that imports it, up to the page's entry point. (An import map could keep
the source names, but an inline script needs its own hash in the Content-Security-Policy.)
Stylesheets' `url(…)` to files of their own are rewritten the same way. `mkdocs serve` serves
the same names: a page reloaded after an edit of the theme names the new file.

Templates name an asset by its source path: `{{ 'assets/stylesheets/deffinov.css' | asset | url }}`;
`'assets/javascripts/deffinov/main.js' | imported_by` lists the modules it imports, at any depth,
for the page to ask for them all at once (`modulepreload`) rather than one level of imports at a
time.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from pathlib import Path
from typing import NamedTuple

from mkdocs.structure.files import File, Files

FOLDER = "assets/"
HASH_LENGTH = 10  # hexadecimal digits: 40 bits, against collisions between two versions of a file
# A name that carries a content hash, ours (name.<hash>.ext) or Material's (name.<hash>.min.js).
HASHED = re.compile(r"\.[0-9a-f]{8,}\.")
# Relative specifiers in ES modules: `from "./x.js"`, `import "./x.js"`, `import("./x.js")`.
_IMPORT = re.compile(r"""(\bfrom\s*|\bimport\s*\(?\s*)(["'])(\.\.?/[^"'\s]+)\2""")
# A stylesheet's url(…) to a file of the site, by a relative path.
_CSS_URL = re.compile(r"""(url\(\s*)(["']?)(?![a-z]+:|/|#)([^"')\s]+)\2(\s*\))""")
_REFERENCES = {".js": _IMPORT, ".mjs": _IMPORT, ".css": _CSS_URL}


class AssetError(Exception):
    """An asset that cannot be named: a reference to a missing file, or a cycle of references."""


class Hashed(NamedTuple):
    uri: str  # the hashed name
    content: bytes  # as served: its references rewritten to hashed names
    references: tuple[str, ...]  # the source uris of the files it names
    # Those it loads at once: its static imports, not a module it imports with `import()` when needed.
    loaded: tuple[str, ...] = ()


def hashed_name(uri: str, content: bytes) -> str:
    """`assets/x/name.ext` → `assets/x/name.<hash>.ext`, the hash of `content`."""
    folder, name = posixpath.split(uri)
    stem, dot, extension = name.partition(".")
    digest = hashlib.sha256(content).hexdigest()[:HASH_LENGTH]
    return posixpath.join(folder, f"{stem}.{digest}{dot}{extension}" if dot else f"{stem}.{digest}")


def hash_all(sources: dict[str, bytes]) -> dict[str, Hashed]:
    """Each source uri → its hashed name, the content to serve and the files it references."""
    done: dict[str, Hashed] = {}

    def visit(uri: str, path: tuple[str, ...]) -> str:
        if uri in done:
            return done[uri].uri
        if uri in path:
            cycle = " → ".join(path[path.index(uri):] + (uri,))
            raise AssetError(f"Références circulaires entre fichiers du thème : {cycle}.")
        content = sources[uri]
        references: list[str] = []
        loaded: list[str] = []
        pattern = _REFERENCES.get(posixpath.splitext(uri)[1])
        if pattern:
            def rewrite(match: re.Match) -> str:
                reference = match.group(3)
                target = posixpath.normpath(posixpath.join(posixpath.dirname(uri), reference.split("?")[0]))
                if target not in sources:
                    raise AssetError(f"{uri} : « {reference} » ne désigne aucun fichier du thème ({target}).")
                references.append(target)
                if "(" not in match.group(1):
                    loaded.append(target)
                renamed = posixpath.basename(visit(target, path + (uri,)))
                return match.group(0).replace(reference, posixpath.join(posixpath.dirname(reference), renamed), 1)

            content = pattern.sub(rewrite, content.decode("utf-8")).encode("utf-8")
        done[uri] = Hashed(hashed_name(uri, content), content, tuple(dict.fromkeys(references)),
                           tuple(dict.fromkeys(loaded)))
        return done[uri].uri

    for uri in sorted(sources):
        visit(uri, ())
    return done


def hash_theme_assets(files: Files, config) -> dict[str, Hashed]:
    """Give the custom theme's files under assets/ their hashed names (in `files`), leave out the
    unhashed files of Material the site does not use; each source uri → what it became."""
    custom = Path(config.theme.custom_dir).resolve() if config.theme.custom_dir else None
    ours = [f for f in files if f.src_uri.startswith(FOLDER) and f.abs_src_path and custom
            and custom in Path(f.abs_src_path).resolve().parents]
    for file in [f for f in files if f.src_uri.startswith(FOLDER) and f not in ours]:
        if _unused_by_the_site(file.src_uri, config):
            files.remove(file)
    hashed = hash_all({file.src_uri: file.content_bytes for file in ours})
    for file in ours:
        uri, content, *_ = hashed[file.src_uri]
        renamed = File(file.src_uri, file.src_dir, config.site_dir, config.use_directory_urls, dest_uri=uri)
        renamed.content_bytes = content
        files.remove(file)
        files.append(renamed)
    # Material's templates read the mark and the favicon from the theme's settings.
    for key in ("logo", "favicon"):
        if config.theme.get(key) in hashed:
            config.theme[key] = hashed[config.theme[key]].uri
    return hashed


def _unused_by_the_site(uri: str, config) -> bool:
    """Material's files without a hash that nothing loads: lunr, for Material's search (the site's
    is Pagefind), and its default favicon when the site has its own."""
    if uri.startswith("assets/javascripts/lunr/"):
        return "search" not in config.plugins and "material/search" not in config.plugins
    if uri == "assets/images/favicon.png":
        return config.theme.get("favicon") != uri
    return False


def filters(hashed: dict[str, Hashed]) -> dict:
    """The templates' filters: `asset`, a theme file's source path → its hashed path; `imported_by`,
    a module → the hashed paths of the modules it imports, directly or not, and loads at once
    (a module it imports with `import()` only when needed is left to be asked for then)."""
    def known(uri: str) -> Hashed:
        try:
            return hashed[uri]
        except KeyError:
            raise AssetError(f"« {uri} » : aucun fichier du dossier {FOLDER} du thème ne porte ce nom.") from None

    def imported_by(uri: str) -> list[str]:
        found: dict[str, None] = {}
        waiting = list(known(uri).loaded)
        while waiting:
            reference = waiting.pop(0)
            if reference not in found:
                found[reference] = None
                waiting += hashed[reference].loaded
        return [hashed[reference].uri for reference in found]

    return {"asset": lambda uri: known(uri).uri, "imported_by": imported_by}
