"""A content-addressed cache of synthesised sentences.

The key is a hash of what the engine is asked to say (the normalised text), the engine,
its voice and settings: the same sentence is never synthesised twice, across articles and
runs, and a changed paragraph only costs its own sentences. Entries are written
atomically, so a killed run leaves no truncated audio behind.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
from pathlib import Path

from platformdirs import user_cache_path

from exporter.fsutil import atomic_write_bytes

log = logging.getLogger(__name__)


def default_cache_dir() -> Path:
    """Where cached audio lives, following platform conventions (override: EXPORTER_CACHE_DIR)."""
    override = os.environ.get("EXPORTER_CACHE_DIR")
    return Path(override) if override else user_cache_path("exporter", appauthor=False)


class AudioCache:
    def __init__(self, root: Path | None = None) -> None:
        self.root = (root or default_cache_dir()) / "audio"

    @staticmethod
    def key(*, engine: str, settings: str, sample_rate: int, text: str) -> str:
        material = "\x00".join((engine, settings, str(sample_rate), text))
        return hashlib.sha256(material.encode("utf-8")).hexdigest()

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.pcm"

    # The cache only saves time: a cache folder that is full, read-only or not a folder
    # must never fail a conversion. It is skipped, once, with a warning.
    _broken = False

    def get(self, key: str) -> bytes | None:
        try:
            return self._path(key).read_bytes()
        except OSError:
            return None

    def put(self, key: str, pcm: bytes) -> None:
        if self._broken:
            return
        try:
            atomic_write_bytes(self._path(key), pcm)
        except OSError as error:
            self._broken = True
            log.warning(
                "%s: cannot write the audio cache (%s); going on without it",
                self.root,
                error.strerror or error,
            )

    def size(self) -> tuple[int, int]:
        """Number of entries and total bytes."""
        files = list(self.root.glob("*/*.pcm")) if self.root.exists() else []
        return len(files), sum(f.stat().st_size for f in files)

    def clear(self) -> int:
        """Remove every entry; return how many there were."""
        count, _ = self.size()
        shutil.rmtree(self.root, ignore_errors=True)
        return count
