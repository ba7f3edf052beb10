"""Index a built site with Pagefind: French stemming, accent folding, small index chunks, offline."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


class SearchIndexError(Exception):
    pass


def index_site(site_dir: Path, bundle: Path | None = None) -> None:
    """Write the Pagefind bundle into `bundle`, by default `site_dir/pagefind/`."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--silent"]
    if bundle is not None:
        command += ["--output-path", str(bundle)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        raise SearchIndexError(
            "l'index de recherche (Pagefind) n'a pas pu être construit :\n" + (result.stderr or result.stdout)
        )
