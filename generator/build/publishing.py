"""Build into a staging folder and swap it in, in one step, only when the build succeeded.

MkDocs empties `site_dir` before it writes: a failed build would leave visitors nothing. The
plugin points MkDocs at a sibling staging folder and calls `publish` at the end.

A web server may serve `site_dir` itself while a build ends. On Linux the new site and the old
one exchange their names in one system call (renameat2 with RENAME_EXCHANGE, glibc 2.28 and
later): every request finds either the whole old site or the whole new one, never no site.
Where the system or the file system cannot (macOS, Windows, some network file systems), the old
site is renamed away and the new one renamed in: two steps, with an instant without `site_dir`
in between. A build stopped in that instant (or killed while it removes the old tree) is put
right by the next one's start (`recover`).
"""

from __future__ import annotations

import ctypes
import errno
import functools
import os
import shutil
import sys
from pathlib import Path

from . import stopping

AT_FDCWD = -100  # linux/fcntl.h: paths relative to the working directory
RENAME_EXCHANGE = 2  # linux/fs.h
# What renameat2 answers where it cannot exchange: an old kernel (ENOSYS), a file system that
# does not implement the flag (EINVAL), or a layer that refuses it (EOPNOTSUPP).
UNSUPPORTED = {errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP}
OLD_SITE = "ancien-site"  # the temporary folder (stopping.py) where the old site waits to be deleted


def staging_dir(site_dir: Path) -> Path:
    return site_dir.with_name(site_dir.name + ".partiel")


def previous_dir(site_dir: Path) -> Path:
    """Where the two-step swap puts the old site for an instant."""
    return site_dir.with_name(site_dir.name + ".ancien")


def publish(staging: Path, site_dir: Path) -> None:
    """Replace `site_dir` by `staging` in one step where the system can, then remove the old site
    in the background: the build is done once the new site is in place."""
    if site_dir.exists() or site_dir.is_symlink():
        if exchange(staging, site_dir):
            _remove_later(staging)  # now the old site
            return
        previous = previous_dir(site_dir)
        if previous.exists() or previous.is_symlink():
            _remove(previous)
        site_dir.rename(previous)
        staging.rename(site_dir)
        _remove_later(previous)
    else:
        staging.rename(site_dir)  # nothing to replace: one step already


def exchange(first: Path, second: Path) -> bool:
    """Swap the names of two existing paths atomically; False where the system cannot."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    if renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(first), None, str(second))


# A function of the C library, looked up once: no result of a build (build/cache.py).
@functools.lru_cache(maxsize=None)
def _renameat2():
    """glibc's renameat2, or None (another system, an older or another C library)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


def recover(site_dir: Path) -> None:
    """Before a build: put right what a build stopped without cleaning up (SIGKILL, power cut)
    left. The old site set aside by a two-step swap goes back if no site took its place, else
    away; a staging folder (a build's unfinished site, or an old site being removed) goes."""
    previous = previous_dir(site_dir)
    if previous.is_dir() and not previous.is_symlink():
        if site_dir.exists() or site_dir.is_symlink():
            _remove(previous)
        else:
            previous.rename(site_dir)
    discard(staging_dir(site_dir))
    stopping.remove_leftovers(site_dir.parent)  # an old site whose removal was stopped


def discard(staging: Path) -> None:
    if staging.exists() or staging.is_symlink():
        _remove(staging)


def _remove_later(path: Path) -> None:
    """The old site, deleted by another process (25,000 folders: 3 to 6 s here)."""
    if path.is_symlink() or not path.is_dir():
        _remove(path)  # a link: nothing to wait for
        return
    trash = stopping.temporary_folder(OLD_SITE, path.parent)
    os.replace(path, trash / path.name)  # the name is free at once
    stopping.delete_in_background(trash)


def _remove(path: Path) -> None:
    """A folder and all it holds; only the link where it is a symbolic link (a host's choice)."""
    if path.is_symlink() or not path.is_dir():
        path.unlink()
    else:
        shutil.rmtree(path)
