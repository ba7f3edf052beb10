"""Index a built site with Pagefind: French stemming, accent folding, small index chunks, offline."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path


class SearchIndexError(Exception):
    pass


GLOB_SIGNS = set("{}[]*?,\\!<>:")


def index_site(site_dir: Path, bundle: Path | None = None, pages: list[str] | None = None,
               background: bool = False) -> None:
    """Write the Pagefind bundle into `bundle`, by default `site_dir/pagefind/`, reading only
    `pages` (paths in the site) when given: the catalog's thousands of pages, written beside them
    and left out of this index, would take Pagefind ten times longer to open and set aside."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--silent"]
    if bundle is not None:
        command += ["--output-path", str(bundle)]
    if pages and not any(GLOB_SIGNS & set(page) for page in pages):
        command += ["--glob", "{" + ",".join(sorted(pages)) + "}"]
    if background and shutil.which("nice"):
        command = ["nice", "-n", "10", *command]  # behind the next rebuild of a preview
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        raise SearchIndexError(
            "l'index de recherche (Pagefind) n'a pas pu être construit :\n" + (result.stderr or result.stdout)
        )
