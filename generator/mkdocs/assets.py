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
Stylesheets' `url(…)` to files of their own are rewritten the same way.

Templates name an asset by its source path: `{{ 'assets/stylesheets/deffinov.css' | asset | url }}`.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from pathlib import Path

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


def hashed_name(uri: str, content: bytes) -> str:
    """`assets/x/name.ext` → `assets/x/name.<hash>.ext`, the hash of `content`."""
    folder, name = posixpath.split(uri)
    stem, dot, extension = name.partition(".")
    digest = hashlib.sha256(content).hexdigest()[:HASH_LENGTH]
    return posixpath.join(folder, f"{stem}.{digest}{dot}{extension}" if dot else f"{stem}.{digest}")


def hash_all(sources: dict[str, bytes]) -> dict[str, tuple[str, bytes]]:
    """Each source uri → (its hashed uri, the content to serve, references rewritten)."""
    done: dict[str, tuple[str, bytes]] = {}

    def visit(uri: str, path: tuple[str, ...]) -> str:
        if uri in done:
            return done[uri][0]
        if uri in path:
            cycle = " → ".join(path[path.index(uri):] + (uri,))
            raise AssetError(f"Références circulaires entre fichiers du thème : {cycle}.")
        content = sources[uri]
        pattern = _REFERENCES.get(posixpath.splitext(uri)[1])
        if pattern:
            def rewrite(match: re.Match) -> str:
                reference = match.group(3)
                target = posixpath.normpath(posixpath.join(posixpath.dirname(uri), reference.split("?")[0]))
                if target not in sources:
                    raise AssetError(f"{uri} : « {reference} » ne désigne aucun fichier du thème ({target}).")
                renamed = posixpath.basename(visit(target, path + (uri,)))
                return match.group(0).replace(reference, posixpath.join(posixpath.dirname(reference), renamed), 1)

            content = pattern.sub(rewrite, content.decode("utf-8")).encode("utf-8")
        done[uri] = (hashed_name(uri, content), content)
        return done[uri][0]

    for uri in sorted(sources):
        visit(uri, ())
    return done


def hash_theme_assets(files: Files, config) -> dict[str, str]:
    """Give the custom theme's files under assets/ their hashed names (in `files`), leave out the
    unhashed files of Material the site does not use, and return source uri → hashed uri."""
    custom = Path(config.theme.custom_dir).resolve() if config.theme.custom_dir else None
    ours = [f for f in files if f.src_uri.startswith(FOLDER) and f.abs_src_path and custom
            and custom in Path(f.abs_src_path).resolve().parents]
    for file in [f for f in files if f.src_uri.startswith(FOLDER) and f not in ours]:
        if _unused_by_the_site(file.src_uri, config):
            files.remove(file)
    hashed = hash_all({file.src_uri: file.content_bytes for file in ours})
    for file in ours:
        uri, content = hashed[file.src_uri]
        renamed = File(file.src_uri, file.src_dir, config.site_dir, config.use_directory_urls, dest_uri=uri)
        renamed.content_bytes = content
        files.remove(file)
        files.append(renamed)
    names = {source: uri for source, (uri, _) in hashed.items()}
    # Material's templates read the mark and the favicon from the theme's settings.
    for key in ("logo", "favicon"):
        if config.theme.get(key) in names:
            config.theme[key] = names[config.theme[key]]
    return names


def _unused_by_the_site(uri: str, config) -> bool:
    """Material's files without a hash that nothing loads: lunr, for Material's search (the site's
    is Pagefind), and its default favicon when the site has its own."""
    if uri.startswith("assets/javascripts/lunr/"):
        return "search" not in config.plugins and "material/search" not in config.plugins
    if uri == "assets/images/favicon.png":
        return config.theme.get("favicon") != uri
    return False


def asset_filter(names: dict[str, str]):
    """The templates' `asset` filter: a theme file's source path → its hashed path."""
    def asset(uri: str) -> str:
        try:
            return names[uri]
        except KeyError:
            raise AssetError(f"« {uri} » : aucun fichier du dossier {FOLDER} du thème ne porte ce nom.") from None
    return asset
