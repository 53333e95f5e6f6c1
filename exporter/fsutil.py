"""Atomic file writing: an output is either complete or absent, never half-written.

Outputs are written under temporary names (``.NAME.*.part`` files, ``.SLUG.PID-*.partial``
staging folders) and renamed into place; a run that is killed leaves them behind, and the
next run into the same folder removes them (:func:`remove_leftovers`).
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

log = logging.getLogger(__name__)

STAGING_SUFFIX = ".partial"
TEMPORARY_SUFFIX = ".part"
_OWNER = re.compile(r"\.(\d+)-[^.]*" + re.escape(STAGING_SUFFIX) + "$")


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; rename it onto ``path`` on success.

    The temporary file lives in the same directory so the final ``os.replace`` is atomic
    on POSIX file systems; on error it is removed and ``path`` is left untouched.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def staging_dir(parent: Path, name: str) -> Path:
    """A new private folder in ``parent`` where ``name``'s files are written before being
    moved into place. Its name carries this process's id, so that another run can tell
    a leftover of a killed run from a folder still being written."""
    parent.mkdir(parents=True, exist_ok=True)
    prefix = f".{name}.{os.getpid()}-"
    return Path(tempfile.mkdtemp(prefix=prefix, suffix=STAGING_SUFFIX, dir=parent))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    # A killed worker whose parent died too may stay a zombie (in containers nobody reaps
    # it): it answers signals but will never write again.
    try:
        state = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rpartition(")")[2].split()
    except OSError:
        return True  # no /proc (macOS): trust the signal
    return not state or state[0] not in ("Z", "X")


def remove_leftovers(folder: Path, *, started: float, keep_live: bool = True) -> list[Path]:
    """Delete the staging folders and temporary files that killed runs left in ``folder``.

    Only what was last modified before ``started`` (the current run's start, from
    :func:`time.time`) goes, and, with ``keep_live``, never a staging folder whose process
    is still running (another run writing into the same folder). A caller that holds the
    folder's lock passes ``keep_live=False``: a live writer can only be an orphaned worker
    of a killed run. Symbolic links are removed, never followed. Returns what was removed.
    """
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    for path in [*folder.glob(f".*{STAGING_SUFFIX}"), *folder.glob(f".*{TEMPORARY_SUFFIX}")]:
        try:
            info = path.lstat()
        except FileNotFoundError:
            continue
        if info.st_mtime >= started:
            continue
        owner = _OWNER.search(path.name)
        pid = int(owner.group(1)) if owner else None
        if keep_live and pid is not None and pid != os.getpid() and _alive(pid):
            continue
        log.info("removing %s, left by an interrupted run", path)
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed.append(path)
    return removed
