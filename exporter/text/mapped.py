"""Read-only tables built once per machine, then memory-mapped by every process.

A table derived from packaged data (the Wiktionary's index) is built on first use and kept
in the cache folder under a name that says what it was built from; later processes map the
file instead of building the table again. A mapped file costs no memory until read, only
the pages a process reads count, and every process (batch workers included) shares them.
When the cache folder cannot be written, the table is simply kept in memory.
"""

from __future__ import annotations

import logging
import mmap
from collections.abc import Callable
from pathlib import Path

from exporter.fsutil import atomic_write_bytes

log = logging.getLogger(__name__)

_FOLDER = "tables"


def source_key(path: Path) -> str:
    """A name part that changes whenever ``path`` does (size and modification time)."""
    stat = path.stat()
    return f"{stat.st_size}-{stat.st_mtime_ns}"


def _cache_folder() -> Path:
    from exporter.narration.cache import default_cache_dir

    return default_cache_dir() / _FOLDER


def _map(path: Path) -> mmap.mmap:
    with path.open("rb") as stream:
        return mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ)


def mapped_table(name: str, build: Callable[[], bytes]) -> mmap.mmap | bytes:
    """The bytes of table ``name`` (a file name that says what it was built from): mapped
    from the cache folder, built there by ``build`` the first time."""
    path = _cache_folder() / name
    try:
        return _map(path)
    except (FileNotFoundError, ValueError):  # not built yet, or empty
        pass
    except OSError as error:
        log.info("%s: cannot map it (%s), building it again", path, error)
    data = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(path, data)
        return _map(path)
    except (OSError, ValueError) as error:  # a read-only cache folder: keep it in memory
        log.info("cannot keep %s in %s: %s", name, path.parent, error)
        return data
