"""spaCy's French lemmatizer, its tables packed in one memory-mapped file.

The model's lemmatizer reads 575,000 forms into Python dictionaries and lists: 142 MiB and
~1 CPU-s, the largest part of the loaded model. This component is spaCy's own
``FrenchLemmatizer`` (the same rules, the same code) given the same tables packed: each
table's entries sorted in one run of bytes, found by binary search. The packed file is
built once per machine in the cache folder (reading the model's file as a stream, so that
no full dictionary exists even then) and mapped by every process (:mod:`exporter.text.mapped`):
a process holds only the pages it reads, shared with the others.
"""

from __future__ import annotations

import json
import mmap
import struct
import zlib
from array import array
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from spacy.lang.fr.lemmatizer import FrenchLemmatizer
from spacy.strings import get_string_id
from srsly.msgpack import Unpacker

#: The name this component is registered under (spaCy factories are global).
FACTORY = "exporter_lean_french_lemmatizer"
#: The mapped file: this line, the header's length, the header (JSON), the packed tables.
_MAGIC = b"exporter lemmas 1\n"
Buffer = mmap.mmap | bytes
_END = "\x1f"  # after each form in a packed value (forms never hold control characters)


class PackedTable:
    """Immutable ``bytes`` keys -> ``bytes`` values, sorted, in a buffer (a mapped file).

    ``starts[i]`` and ``ends[i]`` bound the ``i``-th key (from ``base`` in the buffer); its
    value runs from ``ends[i]`` to ``starts[i + 1]``.
    """

    __slots__ = ("_base", "_buffer", "_ends", "_starts")

    def __init__(self, buffer: Buffer, base: int, starts: Sequence[int], ends: Sequence[int]):
        self._buffer, self._base, self._starts, self._ends = buffer, base, starts, ends

    def __len__(self) -> int:
        return len(self._ends)

    def _key(self, index: int) -> bytes:
        return bytes(
            self._buffer[self._base + self._starts[index] : self._base + self._ends[index]]
        )

    def get(self, key: bytes) -> bytes | None:
        index = bisect_left(range(len(self)), key, key=self._key)
        if index < len(self) and self._key(index) == key:
            start, end = self._base + self._ends[index], self._base + self._starts[index + 1]
            return bytes(self._buffer[start:end])
        return None


def _pack(value: object) -> bytes:
    """A table's value (a form, or a list of forms) as bytes; :func:`_unpack` reverses it."""
    if isinstance(value, str):
        return b"s" + (value + _END).encode("utf-8")
    forms = list(value)  # type: ignore[call-overload]
    if any(not isinstance(form, str) or _END in form for form in forms):
        raise ValueError(f"unexpected lemma table value: {value!r:.80}")
    return b"l" + "".join(form + _END for form in forms).encode("utf-8")


def _unpack(data: bytes) -> str | list[str]:
    forms = data[1:].decode("utf-8").split(_END)[:-1]
    return forms[0] if data[:1] == b"s" else forms


def _hash_key(key: str | int) -> bytes:
    return int(get_string_id(key)).to_bytes(8, "big")


class _ByHash:
    """A table keyed by the hash of a string (spaCy's ``Table``): ``get`` as it answers."""

    def __init__(self, table: PackedTable) -> None:
        self._table = table

    def get(self, key: str | int, default: Any = None) -> Any:
        found = self._table.get(_hash_key(key))
        return default if found is None else _unpack(found)


class _ByString:
    """One part of speech's exceptions: form -> lemmas."""

    def __init__(self, table: PackedTable) -> None:
        self._table = table

    def get(self, key: str, default: Any = None) -> Any:
        found = self._table.get(key.encode("utf-8"))
        return default if found is None else _unpack(found)


class _PerPartOfSpeech:
    """A table keyed by part of speech ("noun", "verb" …), whose values are tables."""

    def __init__(self, values: dict[int, Any]) -> None:
        self._values = values

    def get(self, key: str | int, default: Any = None) -> Any:
        return self._values.get(int(get_string_id(key)), default)


class PackedLookups:
    """What the lemmatizer asks of spaCy's ``Lookups``: tables by name."""

    def __init__(self, tables: dict[str, Any]) -> None:
        self._tables = tables

    @property
    def tables(self) -> list[str]:
        return list(self._tables)

    def __contains__(self, name: str) -> bool:
        return name in self._tables

    def get_table(self, name: str, default: Any = None) -> Any:
        return self._tables.get(name, default)


def _entries(unpacker: Unpacker) -> Iterator[Any]:
    for _ in range(unpacker.read_map_header()):
        yield unpacker.unpack()


def _pairs(unpacker: Unpacker) -> Iterator[tuple[Any, Any]]:
    for _ in range(unpacker.read_map_header()):
        key = unpacker.unpack()
        yield key, unpacker.unpack()


class _Body:
    """The packed tables' bytes, after the file's header (offsets from its start)."""

    def __init__(self) -> None:
        self.data = bytearray()

    def table(self, items: list[tuple[bytes, bytes]]) -> list[int]:
        """Append one packed table; [entries, where its starts are, where its ends are]."""
        items.sort()
        starts, ends = array("I"), array("I")
        for key, value in items:
            starts.append(len(self.data))
            self.data += key
            ends.append(len(self.data))
            self.data += value
        starts.append(len(self.data))
        self.data += b"\0" * (-len(self.data) % 4)  # the offsets' arrays stay aligned
        starts_at = len(self.data)
        self.data += starts.tobytes()
        ends_at = len(self.data)
        self.data += ends.tobytes()
        return [len(items), starts_at, ends_at]


def build_tables(path: Path) -> bytes:
    """The mapped file of a lemmatizer's ``lookups.bin`` (spaCy's ``Lookups.to_disk``),
    read as a stream: a header (JSON) and the packed tables."""
    header: dict[str, Any] = {}
    body = _Body()
    with path.open("rb") as stream:
        unpacker = Unpacker(stream, raw=False, strict_map_key=False, max_buffer_size=2**31 - 1)
        for name in _entries(unpacker):
            if name == "lemma_lookup":  # hash of a form -> its lemma(s)
                items = [(int(key).to_bytes(8, "big"), _pack(v)) for key, v in _pairs(unpacker)]
                header[name] = {"hashed": body.table(items)}
            elif name == "lemma_exc":  # part of speech -> {form: lemmas}
                header[name] = {
                    "by_pos": {
                        str(int(pos)): body.table(
                            [(form.encode("utf-8"), _pack(v)) for form, v in _pairs(unpacker)]
                        )
                        for pos in _entries(unpacker)
                    }
                }
            else:  # the index (forms that are lemmas), the rules, any small table: as is
                header[name] = {
                    "values": {str(int(pos)): unpacker.unpack() for pos in _entries(unpacker)}
                }
    encoded = json.dumps(header, ensure_ascii=False).encode("utf-8")
    encoded += b" " * (-(len(_MAGIC) + 8 + len(encoded)) % 4)
    return b"".join((_MAGIC, struct.pack("<q", len(encoded)), encoded, bytes(body.data)))


def _table(buffer: Buffer, base: int, place: list[int]) -> PackedTable:
    count, starts_at, ends_at = place
    view = memoryview(buffer)
    starts = view[base + starts_at : base + starts_at + 4 * (count + 1)].cast("I")
    ends = view[base + ends_at : base + ends_at + 4 * count].cast("I")
    return PackedTable(buffer, base, starts, ends)


def read_lookups(path: Path) -> PackedLookups:
    """The lemmatizer's tables from ``lookups.bin``, packed and mapped (built once)."""
    from exporter.text.mapped import mapped_table, source_key

    buffer = mapped_table(
        f"lemmas-{source_key(path)}-{zlib.crc32(_MAGIC)}.bin", lambda: build_tables(path)
    )
    if buffer[: len(_MAGIC)] != _MAGIC:  # pragma: no cover - the name says what it holds
        buffer = build_tables(path)
    (length,) = struct.unpack_from("<q", buffer, len(_MAGIC))
    start = len(_MAGIC) + 8
    header = json.loads(bytes(buffer[start : start + length]).decode("utf-8"))
    base = start + length
    tables: dict[str, Any] = {}
    for name, stored in header.items():
        if "hashed" in stored:
            tables[name] = _ByHash(_table(buffer, base, stored["hashed"]))
        elif "by_pos" in stored:
            tables[name] = _PerPartOfSpeech(
                {
                    int(pos): _ByString(_table(buffer, base, place))
                    for pos, place in stored["by_pos"].items()
                }
            )
        elif name == "lemma_index":  # membership tests: sets
            tables[name] = _PerPartOfSpeech(
                {int(pos): frozenset(forms) for pos, forms in stored["values"].items()}
            )
        else:
            tables[name] = _PerPartOfSpeech(
                {int(pos): value for pos, value in stored["values"].items()}
            )
    return PackedLookups(tables)


class LeanFrenchLemmatizer(FrenchLemmatizer):
    """spaCy's French rule lemmatizer over packed tables."""

    def load_tables(self, path: Path) -> None:
        self.lookups = read_lookups(path)  # type: ignore[assignment]  # what it reads of Lookups
        self._validate_tables()


def make_lemmatizer(nlp: Any, name: str) -> LeanFrenchLemmatizer:
    return LeanFrenchLemmatizer(nlp.vocab, None, name, mode="rule", overwrite=False, scorer=None)
