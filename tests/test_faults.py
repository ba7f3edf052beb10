"""Faults leave nothing behind: a stopped build (SIGTERM, SIGKILL) leaves no worker running, no
temporary file past the next start and the previous site as it was; the new site replaces the old
one in one step."""

from __future__ import annotations

import ctypes
import errno
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from helpers import MKDOCS, copy_project, write_test_catalog
from generator.build import publishing, stopping, workers

LINUX = sys.platform.startswith("linux")


def _site(folder: Path, text: str) -> Path:
    (folder / "appels").mkdir(parents=True)
    (folder / "index.html").write_text(text, encoding="utf-8")
    (folder / "appels/index.html").write_text(text, encoding="utf-8")
    return folder


# --- The new site replaces the old one in one step ------------------------------------------------

def _exchanges(folder: Path) -> bool:
    """Whether the file system of `folder` exchanges two names in one step."""
    first, second = folder / "un", folder / "deux"
    first.mkdir()
    second.mkdir()
    try:
        return publishing.exchange(first, second)
    finally:
        first.rmdir()
        second.rmdir()


def test_publish_exchanges_the_two_sites_in_one_step(tmp_path):
    assert LINUX == (publishing._renameat2() is not None)  # glibc 2.28 and later: the one-step path
    if LINUX and not _exchanges(tmp_path):
        pytest.skip("ce système de fichiers ne sait pas échanger deux noms (renameat2)")
    site = _site(tmp_path / "site", "ancien")
    staging = _site(publishing.staging_dir(site), "nouveau")
    new_inode = staging.stat().st_ino
    publishing.publish(staging, site)
    assert (site / "index.html").read_text(encoding="utf-8") == "nouveau"
    if LINUX:
        assert site.stat().st_ino == new_inode  # the staging folder itself took the name
    assert not staging.exists() and not publishing.previous_dir(site).exists()


@pytest.mark.skipif(not LINUX, reason="renameat2 : Linux")
def test_a_server_reading_the_site_never_finds_it_missing(tmp_path):
    if not _exchanges(tmp_path):
        pytest.skip("ce système de fichiers ne sait pas échanger deux noms (renameat2)")
    site = _site(tmp_path / "site", "0")
    staging = publishing.staging_dir(site)
    misses, reads, done = [], [0], threading.Event()

    def serve():  # what a web server serving site/ directly does, as fast as it can
        while not done.is_set():
            try:
                (site / "appels/index.html").read_text(encoding="utf-8")
                reads[0] += 1
            except FileNotFoundError:
                misses.append(time.monotonic())

    reader = threading.Thread(target=serve)
    reader.start()
    try:
        for build in range(1, 300):
            publishing.publish(_site(staging, str(build)), site)
    finally:
        done.set()
        reader.join()
    assert reads[0] > 0 and misses == []
    assert (site / "index.html").read_text(encoding="utf-8") == "299"


def _refusing(code: int):
    def renameat2(*args):
        ctypes.set_errno(code)
        return -1
    return renameat2


@pytest.mark.parametrize("system", ["no renameat2", "EINVAL", "ENOSYS"])
def test_where_the_system_cannot_exchange_two_renames_still_publish(tmp_path, monkeypatch, system):
    fake = None if system == "no renameat2" else _refusing(getattr(errno, system))
    monkeypatch.setattr(publishing, "_renameat2", lambda: fake)
    site = _site(tmp_path / "site", "ancien")
    staging = _site(publishing.staging_dir(site), "nouveau")
    assert publishing.exchange(staging, site) is False
    publishing.publish(staging, site)
    assert (site / "index.html").read_text(encoding="utf-8") == "nouveau"
    assert not staging.exists() and not publishing.previous_dir(site).exists()
    publishing.publish(_site(staging, "premier"), tmp_path / "vide")  # nothing to replace
    assert (tmp_path / "vide/index.html").read_text(encoding="utf-8") == "premier"


def test_another_error_of_the_exchange_is_not_hidden(tmp_path, monkeypatch):
    monkeypatch.setattr(publishing, "_renameat2", lambda: _refusing(errno.EACCES))
    site = _site(tmp_path / "site", "ancien")
    with pytest.raises(PermissionError):
        publishing.publish(_site(publishing.staging_dir(site), "nouveau"), site)
    assert (site / "index.html").read_text(encoding="utf-8") == "ancien"


def test_the_next_start_puts_right_what_a_killed_swap_left(tmp_path):
    # Killed between the two renames of the fallback: the old site is back, the staging folder gone.
    site = tmp_path / "site"
    _site(publishing.previous_dir(site), "ancien")
    _site(publishing.staging_dir(site), "à moitié")
    publishing.recover(site)
    assert (site / "index.html").read_text(encoding="utf-8") == "ancien"
    assert not publishing.previous_dir(site).exists() and not publishing.staging_dir(site).exists()
    # Killed while removing the old site: the site stays, the rest goes.
    _site(publishing.previous_dir(site), "plus ancien")
    publishing.recover(site)
    assert (site / "index.html").read_text(encoding="utf-8") == "ancien"
    assert not publishing.previous_dir(site).exists()


def _old_sites(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"{stopping.PREFIX}*-{publishing.OLD_SITE}-*"))


def test_the_old_site_is_deleted_once_the_new_one_is_in_place_without_waiting_for_it(tmp_path, monkeypatch):
    """25,000 folders take seconds to delete: the build ends once the new site is in place, the old
    one goes by another process, which a stopped build leaves finishing (or the next start)."""
    site = _site(tmp_path / "site", "ancien")
    for number in range(200):
        _site(site / "catalogue" / str(number), "ancien")
    handed_over = []

    def delete_in_background(folder, delete=stopping.delete_in_background):
        [old_site] = folder.iterdir()
        handed_over.append((folder.name, (old_site / "index.html").read_text(encoding="utf-8"),
                            (site / "index.html").read_text(encoding="utf-8")))
        delete(folder)

    monkeypatch.setattr(stopping, "delete_in_background", delete_in_background)
    publishing.publish(_site(publishing.staging_dir(site), "nouveau"), site)
    # Handed over whole, once the new site was in place.
    assert [(name.startswith(f"{stopping.PREFIX}{os.getpid()}-{publishing.OLD_SITE}-"), old, new)
            for name, old, new in handed_over] == [(True, "ancien", "nouveau")]
    assert (site / "index.html").read_text(encoding="utf-8") == "nouveau"
    assert not publishing.staging_dir(site).exists()
    assert _wait(lambda: not _old_sites(tmp_path), 30), _old_sites(tmp_path)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"]


def test_an_old_site_whose_deletion_was_stopped_goes_at_the_next_start(tmp_path):
    dead = int(subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                              text=True).stdout)
    stopped = _site(tmp_path / f"{stopping.PREFIX}{dead}-{publishing.OLD_SITE}-x1" / "site", "ancien").parent
    site = _site(tmp_path / "site", "en ligne")
    publishing.recover(site)
    assert not stopped.exists() and (site / "index.html").read_text(encoding="utf-8") == "en ligne"


def test_without_a_process_to_spare_the_old_site_is_deleted_here(tmp_path, monkeypatch):
    def no_process(*args, **kwargs):
        raise OSError(errno.EAGAIN, "Resource temporarily unavailable")

    monkeypatch.setattr(stopping.subprocess, "Popen", no_process)
    site = _site(tmp_path / "site", "ancien")
    publishing.publish(_site(publishing.staging_dir(site), "nouveau"), site)
    assert (site / "index.html").read_text(encoding="utf-8") == "nouveau"
    assert not _old_sites(tmp_path)  # deleted before publish returned


def _wait(condition, timeout: float) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


# --- Temporary folders ----------------------------------------------------------------------------

def test_temporary_folders_of_dead_processes_go_at_the_next_start(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(dead.stdout)
    left = tmp_path / f"deffinov-{dead_pid}-pages-abc123"
    (left / "sub").mkdir(parents=True)
    (left / "sub/0.pickle").write_bytes(b"x")
    mine = stopping.temporary_folder("pages", tmp_path)
    unrelated = [tmp_path / "deffinov-surveillance-x1", tmp_path / "deffinov-benchmark-y2", tmp_path / "autre-123-x"]
    for folder in unrelated:
        folder.mkdir()
    assert mine.name.startswith(f"deffinov-{os.getpid()}-pages-")
    assert stopping.remove_leftovers(tmp_path) == [left]
    assert not left.exists() and mine.is_dir() and all(folder.is_dir() for folder in unrelated)


# --- Workers ------------------------------------------------------------------------------------

def _worker_start(parent: int, answers) -> None:
    stopping.die_with(parent)
    on_parent_death = ctypes.c_int(0)
    ctypes.CDLL(None).prctl(2, ctypes.byref(on_parent_death), 0, 0, 0)  # PR_GET_PDEATHSIG
    answers.put((on_parent_death.value, signal.getsignal(signal.SIGTERM) == signal.SIG_DFL))


@pytest.mark.skipif(not LINUX, reason="PR_SET_PDEATHSIG : Linux")
def test_a_worker_is_killed_with_its_parent_and_ends_at_once_if_it_is_already_gone():
    import multiprocessing

    fork = multiprocessing.get_context("fork")
    answers = fork.SimpleQueue()
    with stopping.stop_on_sigterm():  # the parent's handler, inherited by the fork, is not for the worker
        worker = fork.Process(target=_worker_start, args=(os.getpid(), answers))
        worker.start()
        worker.join(30)
    assert worker.exitcode == 0 and answers.get() == (signal.SIGKILL, True)
    orphan = fork.Process(target=_worker_start, args=(os.getpid() + 1_000_000, answers))  # not its parent
    orphan.start()
    orphan.join(30)
    assert orphan.exitcode == 1 and answers.empty()


# --- A build stopped by a signal ------------------------------------------------------------------

# A real build of a small catalog whose bulk pages are rendered by forked workers (the threshold
# lowered for it), held at the moment the workers are running: the signal comes then.
HELD_BUILD = """
import sys, time
from pathlib import Path
from generator.build import workers
from generator.mkdocs import plugin

workers.THRESHOLD = 1
write_bulk_pages = plugin.DeffinovPlugin.on_post_build

def held(self, *, config):
    assert self.ahead.pool is not None, "no workers"
    Path(sys.argv[2]).write_text("workers running", encoding="utf-8")
    time.sleep(600)
    return write_bulk_pages(self, config=config)

plugin.DeffinovPlugin.on_post_build = held
from mkdocs.__main__ import cli
cli(["build", "-f", sys.argv[1]])
"""


def _process(pid: int) -> tuple[int, str, int] | None:
    """(parent pid, state, start time) of a process, None if there is none."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    fields = stat.rsplit(")", 1)[1].split()
    return int(fields[1]), fields[0], int(fields[19])


def _children(pid: int) -> dict[int, int]:
    """The running children of `pid`: their start time, by pid."""
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (process := _process(int(entry.name))) and process[0] == pid:
            found[int(entry.name)] = process[2]
    return found


def _still_running(processes: dict[int, int]) -> list[int]:
    """Which of these processes still run (a zombie has ended; a reused pid is another process)."""
    running = []
    for pid, started in processes.items():
        process = _process(pid)
        if process and process[2] == started and process[1] != "Z":
            running.append(pid)
    return running


def _leftovers(temporary: Path) -> list[str]:
    return sorted(path.name for path in temporary.iterdir() if path.name.startswith("deffinov-"))


@pytest.mark.skipif(not LINUX, reason="processus lus dans /proc, PR_SET_PDEATHSIG : Linux")
@pytest.mark.skipif(workers.workers() < 2, reason="un seul cœur : pas de processus de rendu")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
def test_a_stopped_build_leaves_no_worker_and_nothing_past_the_next_start(tmp_path, signum):
    content = tmp_path / "content"
    write_test_catalog(content / "regions")
    project = copy_project(tmp_path / "project", content / "regions")
    previous = _site(project / "site", "le site d'avant")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", TMPDIR=str(temporary))
    ready = tmp_path / "ready"
    build = subprocess.Popen([sys.executable, "-c", HELD_BUILD, str(project / "mkdocs.yml"), str(ready)],
                             cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 300
        while not ready.exists() and build.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert ready.exists(), build.communicate(timeout=60)[0].decode()
        children = _children(build.pid)
        assert len(children) >= 2
        assert [name for name in _leftovers(temporary) if f"deffinov-{build.pid}-pages-" in name]
        assert publishing.staging_dir(previous).is_dir()

        build.send_signal(signum)
        output = build.communicate(timeout=120)[0].decode()
    finally:
        if build.poll() is None:
            build.kill()
    deadline = time.monotonic() + 10  # the kernel's SIGKILL to orphans is immediate; margin for a busy machine
    while _still_running(children) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _still_running(children) == []
    assert (previous / "index.html").read_text(encoding="utf-8") == "le site d'avant"
    assert (previous / "appels/index.html").read_text(encoding="utf-8") == "le site d'avant"

    if signum == signal.SIGTERM:  # cleaned up on its way out, as on Ctrl-C
        assert build.returncode == 128 + signal.SIGTERM, output
        assert "Traceback" not in output
        assert "Le site précédent est conservé tel quel" in output
        assert _leftovers(temporary) == []
        assert not publishing.staging_dir(previous).exists()
        return
    assert build.returncode == -signal.SIGKILL
    # Nothing could be cleaned up: the next start does it, and builds the site.
    result = subprocess.run([*MKDOCS, "build", "-f", str(project / "mkdocs.yml")], cwd=project, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert _leftovers(temporary) == []
    assert not publishing.staging_dir(previous).exists()
    assert (previous / "index.html").read_text(encoding="utf-8").lstrip().startswith("<!doctype html>")
