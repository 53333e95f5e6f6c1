"""Read-only tables built once per machine, then memory-mapped by every process.

A table derived from packaged data (the Wiktionary's index) is built on first use and kept
in the cache folder under a name that says what it was built from; later processes map the
file instead of building the table again. A mapped file costs no memory until read, only
the pages a process reads count, and every process (batch workers included) shares them.
When the cache folder cannot be written, the table is simply kept in memory.
"""

from __future__ import annotations

import bisect
import logging
import mmap
import struct
from collections.abc import Callable, Mapping
from dataclasses import dataclass
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


@dataclass(frozen=True, slots=True)
class WordValues:
    """A mapped table of words, each with a number below 65,536: the words sorted by their
    UTF-8 bytes (a sequence ``bisect`` can search), their offsets and their values. A
    look-up is a binary search that reads a few pages."""

    data: mmap.mmap | bytes
    #: Offset of each word in ``data``, and one past the last.
    offsets: memoryview
    values: memoryview

    def __len__(self) -> int:
        return len(self.values)

    def __getitem__(self, index: int) -> bytes:
        return self.data[self.offsets[index] : self.offsets[index + 1]]

    def get(self, word: str) -> int | None:
        key = word.encode("utf-8")
        index = bisect.bisect_left(self, key)
        if index < len(self) and self[index] == key:
            return int(self.values[index])
        return None


def pack_word_values(magic: bytes, values: Mapping[bytes, int]) -> bytes:
    """The bytes of a :class:`WordValues` table: ``magic``, the count of words, their
    offsets, their values, the words."""
    words = sorted(values)
    count = len(words)
    text_start = len(magic) + 8 + 4 * (count + 1) + 2 * count
    offsets = [text_start]
    for word in words:
        offsets.append(offsets[-1] + len(word))
    return b"".join(
        (
            magic,
            struct.pack("<q", count),
            struct.pack(f"<{count + 1}I", *offsets),
            struct.pack(f"<{count}H", *(values[word] for word in words)),
            *words,
        )
    )


def word_values(name: str, magic: bytes, build: Callable[[], Mapping[bytes, int]]) -> WordValues:
    """Table ``name`` (see :func:`mapped_table`) of the words and values ``build`` gives."""

    def packed() -> bytes:
        return pack_word_values(magic, build())

    data = mapped_table(name, packed)
    if data[: len(magic)] != magic:  # pragma: no cover - the name says what it holds
        data = packed()
    (count,) = struct.unpack_from("<q", data, len(magic))
    start = len(magic) + 8
    view = memoryview(data)
    offsets = view[start : start + 4 * (count + 1)].cast("I")
    values = view[start + 4 * (count + 1) : start + 4 * (count + 1) + 2 * count].cast("H")
    return WordValues(data, offsets, values)


@dataclass(frozen=True, slots=True)
class WordStrings:
    """A mapped table of words, each with a string: the words sorted by their UTF-8 bytes,
    their offsets, the strings' offsets, then the words and the strings."""

    data: mmap.mmap | bytes
    #: Offset of each word in ``data``, and one past the last; the same for the strings.
    offsets: memoryview
    string_offsets: memoryview

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def __getitem__(self, index: int) -> bytes:
        return self.data[self.offsets[index] : self.offsets[index + 1]]

    def get(self, word: str) -> str | None:
        key = word.encode("utf-8")
        index = bisect.bisect_left(self, key)
        if index < len(self) and self[index] == key:
            start, end = self.string_offsets[index], self.string_offsets[index + 1]
            return self.data[start:end].decode("utf-8")
        return None

    def words(self) -> list[str]:
        return [self[index].decode("utf-8") for index in range(len(self))]


def pack_word_strings(magic: bytes, strings: Mapping[bytes, bytes]) -> bytes:
    """The bytes of a :class:`WordStrings` table."""
    words = sorted(strings)
    count = len(words)
    start = len(magic) + 8 + 8 * (count + 1)
    offsets = [start]
    for word in words:
        offsets.append(offsets[-1] + len(word))
    string_offsets = [offsets[-1]]
    for word in words:
        string_offsets.append(string_offsets[-1] + len(strings[word]))
    return b"".join(
        (
            magic,
            struct.pack("<q", count),
            struct.pack(f"<{count + 1}I", *offsets),
            struct.pack(f"<{count + 1}I", *string_offsets),
            *words,
            *(strings[word] for word in words),
        )
    )


def word_strings(
    name: str, magic: bytes, build: Callable[[], Mapping[bytes, bytes]]
) -> WordStrings:
    """Table ``name`` (see :func:`mapped_table`) of the words and strings ``build`` gives."""

    def packed() -> bytes:
        return pack_word_strings(magic, build())

    data = mapped_table(name, packed)
    if data[: len(magic)] != magic:  # pragma: no cover - the name says what it holds
        data = packed()
    (count,) = struct.unpack_from("<q", data, len(magic))
    start = len(magic) + 8
    view = memoryview(data)
    offsets = view[start : start + 4 * (count + 1)].cast("I")
    strings = view[start + 4 * (count + 1) : start + 8 * (count + 1)].cast("I")
    return WordStrings(data, offsets, strings)
