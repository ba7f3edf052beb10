"""However a build or a check stops, it leaves nothing running and, by its next start, nothing lying around.

- Ctrl-C (SIGINT) raises KeyboardInterrupt: every `finally` and MkDocs' `on_shutdown` run, the
  workers are stopped, temporary files and the staging folder removed. SIGTERM (CI cancelling a
  job, `timeout`, a service manager) killed the process at once instead; `stop_on_sigterm` makes
  it unwind the same way, with the exit status of a process ended by SIGTERM (143).
- SIGKILL (or a crash) cannot be caught. Forked workers ask the kernel to kill them when their
  parent dies (`die_with`, Linux; elsewhere a thread watches the parent), and temporary folders
  carry their owner's process id, so that the next start removes those whose owner is gone
  (`remove_leftovers`). The staging folder of the site is handled by publishing.recover.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Iterator

PREFIX = "deffinov-"
_OWNED = re.compile(re.escape(PREFIX) + r"(\d+)-")  # deffinov-<owner pid>-<kind>-<random>
PR_SET_PDEATHSIG = 1  # linux/prctl.h
PARENT_POLL = 0.5  # seconds between two looks at the parent where the kernel cannot watch it


class Terminated(SystemExit):
    """SIGTERM, raised where the process stands so that it unwinds as from Ctrl-C."""

    def __init__(self, signum: int):
        super().__init__(128 + signum)


def _raise_terminated(signum, frame):
    # A second SIGTERM while cleaning up ends the process at once, as it used to.
    signal.signal(signum, signal.SIG_DFL)
    raise Terminated(signum)


def install_sigterm() -> bool:
    """From now on SIGTERM unwinds the main thread like Ctrl-C. Nothing is changed where the
    process already handles SIGTERM, or outside the main thread (where Python allows no
    handler): False then. Undone by `uninstall_sigterm`."""
    if (threading.current_thread() is not threading.main_thread()
            or signal.getsignal(signal.SIGTERM) != signal.SIG_DFL):
        return False
    signal.signal(signal.SIGTERM, _raise_terminated)
    return True


def uninstall_sigterm() -> None:
    if (threading.current_thread() is threading.main_thread()
            and signal.getsignal(signal.SIGTERM) is _raise_terminated):
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


@contextlib.contextmanager
def stop_on_sigterm() -> Iterator[None]:
    """`install_sigterm` for the time of a `with`."""
    installed = install_sigterm()
    try:
        yield
    finally:
        if installed:
            uninstall_sigterm()


def die_with(parent: int) -> None:
    """In a forked worker, first thing: end when `parent` (its creator) ends, however it ends.

    On Linux the kernel sends SIGKILL at the parent's death (prctl PR_SET_PDEATHSIG; "parent"
    there is the thread that forked, so workers must be forked by a thread that outlives them:
    the pools are made by the thread that uses them). The parent may have died before the call:
    then the worker already has another parent and ends now. A SIGTERM sent to a worker ends it
    at once: the parent's handler (`stop_on_sigterm`), inherited by the fork, is not for it."""
    if signal.getsignal(signal.SIGTERM) is _raise_terminated:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
    watched_by_kernel = _kill_at_parent_death()
    if os.getppid() != parent:
        os._exit(1)
    if not watched_by_kernel:
        threading.Thread(target=_watch_parent, args=(parent,), name="deffinov-parent", daemon=True).start()


def _kill_at_parent_death() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return False
    unused = ctypes.c_ulong(0)
    return prctl(PR_SET_PDEATHSIG, ctypes.c_ulong(signal.SIGKILL), unused, unused, unused) == 0


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_POLL)
    os._exit(1)


def temporary_folder(kind: str, within: Path | str | None = None) -> Path:
    """A new temporary folder named after this process (`deffinov-<pid>-<kind>-…`), so that a
    later start can tell it was left behind (`remove_leftovers`)."""
    return Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-{kind}-", dir=within))


def delete_in_background(folder: Path) -> None:
    """Delete `folder` (a `temporary_folder`, so that `remove_leftovers` finishes the job of a
    remover that was killed) by another process, which outlives this one: tens of thousands of
    folders take seconds to delete."""
    try:
        subprocess.Popen([sys.executable, "-I", "-S", "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)",
                          str(folder)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True)  # Ctrl-C in the terminal stops the build, not the removal
    except OSError:  # no process to spare: deleted here
        shutil.rmtree(folder, ignore_errors=True)


def remove_leftovers(within: Path | str | None = None) -> list[Path]:
    """Remove the temporary folders (`temporary_folder`) of processes that are gone: killed
    before they could. Those of running processes, and other users', stay. The removed ones go back."""
    folder = Path(within or tempfile.gettempdir())
    removed = []
    try:
        candidates = [entry for entry in os.scandir(folder) if entry.name.startswith(PREFIX)]
    except OSError:
        return removed
    for entry in candidates:
        owner = _OWNED.match(entry.name)
        try:
            if (not owner or not entry.is_dir(follow_symlinks=False)
                    or entry.stat(follow_symlinks=False).st_uid != _uid() or _alive(int(owner.group(1)))):
                continue
        except OSError:
            continue
        shutil.rmtree(entry.path, ignore_errors=True)
        removed.append(Path(entry.path))
    return removed


def _uid() -> int | None:
    return os.getuid() if hasattr(os, "getuid") else None


def _alive(pid: int) -> bool:
    """Whether a process `pid` exists (of any user). A reused number keeps a folder until that
    process ends too: a folder is never removed from under a living owner."""
    if pid == os.getpid() or os.name != "posix":  # Windows' os.kill would end the process
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError as exc:
        return exc.errno != errno.ESRCH
    return True
