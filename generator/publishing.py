"""Build into a staging folder and swap it in only when the build succeeded.

MkDocs empties `site_dir` before it writes: a failed build would leave visitors nothing. The
plugin points MkDocs at a sibling staging folder and calls `publish` at the end.
"""

from __future__ import annotations

import shutil
from pathlib import Path


def staging_dir(site_dir: Path) -> Path:
    return site_dir.with_name(site_dir.name + ".partiel")


def publish(staging: Path, site_dir: Path) -> None:
    """Replace `site_dir` by `staging`, keeping the old site until the new one is in place."""
    previous = site_dir.with_name(site_dir.name + ".ancien")
    if previous.exists():
        shutil.rmtree(previous)
    if site_dir.exists():
        site_dir.rename(previous)
    staging.rename(site_dir)
    if previous.exists():
        shutil.rmtree(previous)


def discard(staging: Path) -> None:
    if staging.exists():
        shutil.rmtree(staging)
