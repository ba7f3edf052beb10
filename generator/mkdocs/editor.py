"""The browser editor at /admin/ (Decap CMS): its page, and its bundle copied from npm.

The bundle is the `decap-cms` npm package at the version package-lock.json pins (`make
node_modules/.installed`), served from the site under `admin/decap/` with the chunks it loads
on demand: nothing comes from a CDN. It is looked for in the project's node_modules, then in the
generator's own checkout (a test's copy of the project has none). A build for a public address
(`site_url`) without it stops with the command to run; a local preview says, on /admin/, that
the editor is not installed.

The page (`theme/deffinov/admin.html`) names the site's stylesheets and the editor's module
(`editor.js`) by their hashed names, so it is rendered here, from the theme's environment, once
assets.py has named them: a file MkDocs knows from `on_files` (editorial pages may link to it),
filled in `on_env`, before MkDocs copies the files. Its configuration and data are outputs
(generator/outputs/editor.py).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files

log = logging.getLogger("mkdocs.plugins.deffinov")

PACKAGE = "node_modules/decap-cms"
BUNDLE = "decap-cms.js"  # its entry point; the chunks it loads are `<n>.decap-cms.js` beside it
FOLDER = "admin/decap"
PAGE = "admin/index.html"
TEMPLATE = "deffinov/admin.html"
COMMITTED_CONFIG = "admin/config.yml"  # content/admin/config.yml: the site's own replaces it


def bundle_dir(project_root: Path) -> Path | None:
    """Where the installed bundle is, if anywhere."""
    for root in (project_root, Path(__file__).resolve().parents[2]):
        folder = root / PACKAGE / "dist"
        if (folder / BUNDLE).is_file():
            return folder
    return None


def add_files(files: Files, config, project_root: Path, public: bool) -> tuple[File, bool]:
    """Add the page and the bundle's files to the site: the page (filled by `fill_page`), and
    whether the bundle is installed (refused for a public site when it is not)."""
    if committed := files.get_file_from_path(COMMITTED_CONFIG):
        files.remove(committed)
    folder = bundle_dir(project_root)
    if folder is None:
        message = ("L'éditeur en ligne (/admin/) n'est pas installé : lancez « make node_modules/.installed » "
                   "(npm ci), qui installe Decap CMS à la version de package-lock.json.")
        if public:
            raise Abort(message)
        log.info(message)
    else:
        for path in sorted(folder.glob("*" + BUNDLE)):
            files.append(File.generated(config, f"{FOLDER}/{path.name}", abs_src_path=str(path)))
    page = File.generated(config, PAGE, content="")
    files.append(page)
    return page, folder is not None


def fill_page(page: File, files: Files, env, installed: bool, guide: str) -> None:
    """The editor's page; its previews use Material's stylesheet, the site's and the editor's; `guide` is the
    contributor guide's address from the site's root."""
    material = sorted(f.dest_uri for f in files if re.fullmatch(r"assets/stylesheets/main\.[0-9a-f]+\.min\.css", f.dest_uri))
    ours = [env.filters["asset"](f"assets/stylesheets/{name}.css") for name in ("deffinov", "editor")]
    page.content_string = env.get_template(TEMPLATE).render(
        installed=installed, bundle=f"decap/{BUNDLE}", preview_styles=[*material, *ours], guide=guide)
