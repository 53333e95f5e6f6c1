"""One batch at a time per build folder: an advisory lock on ``build/.lock``.

The lock is ``fcntl.flock`` on an open file, so the kernel releases it when the holder
exits, however it exits (SIGKILL included): there is never a stale lock to delete by hand.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
from collections.abc import Iterator
from pathlib import Path

from exporter.errors import BuildFolderBusyError, ExportError

log = logging.getLogger(__name__)

LOCK_NAME = ".lock"


def _holder(lock_file: Path) -> str:
    try:
        pid = lock_file.read_text(encoding="ascii").strip()
    except OSError:
        pid = ""
    return f" (process {pid})" if pid else ""


@contextlib.contextmanager
def build_lock(out_dir: Path, *, wait: bool) -> Iterator[int]:
    """Hold the build folder's lock; yield its file descriptor.

    Without ``wait``, raise :class:`BuildFolderBusyError` at once when it is taken.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    lock_file = out_dir / LOCK_NAME
    try:
        # O_NOFOLLOW: a symbolic link planted at build/.lock must not make us write our
        # process id into whatever it points to.
        fd = os.open(lock_file, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    except OSError as error:
        raise ExportError(
            f"{lock_file}: cannot take the batch lock ({error.strerror})",
            hint="Remove it if it is a symbolic link or not a regular file; "
            "exporter creates it itself.",
        ) from error
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not wait:
                raise BuildFolderBusyError(
                    f"{out_dir}: another batch is converting into this folder{_holder(lock_file)}"
                ) from None
            log.info("%s: waiting for the batch%s to finish", out_dir, _holder(lock_file))
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
        yield fd
    finally:
        os.close(fd)  # closing releases the lock
