"""spaCy's French lemmatizer, its tables held in a few ``bytes`` objects.

The model's lemmatizer reads 575,000 forms into Python dictionaries and lists: 142 MiB,
the largest part of the loaded model. This component is spaCy's own ``FrenchLemmatizer``
(the same rules, the same code) given the same tables packed: each table's entries sorted
in one ``bytes`` object, found by binary search (14 MiB). The tables are read from the
model's own file as a stream, so that no full dictionary exists even while loading.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from spacy.lang.fr.lemmatizer import FrenchLemmatizer
from spacy.strings import get_string_id
from srsly.msgpack import Unpacker

#: The name this component is registered under (spaCy factories are global).
FACTORY = "exporter_lean_french_lemmatizer"
_END = "\x1f"  # after each form in a packed value (forms never hold control characters)


class PackedTable:
    """Immutable ``bytes`` keys -> ``bytes`` values, sorted in one ``bytes`` object."""

    __slots__ = ("_blob", "_ends", "_starts")

    def __init__(self, items: list[tuple[bytes, bytes]]) -> None:
        items.sort()
        blob = bytearray()
        self._starts = array("I")
        self._ends = array("I")
        for key, value in items:
            self._starts.append(len(blob))
            blob += key
            self._ends.append(len(blob))
            blob += value
        self._starts.append(len(blob))  # where the last value ends
        self._blob = bytes(blob)

    def __len__(self) -> int:
        return len(self._ends)

    def _key(self, index: int) -> bytes:
        return self._blob[self._starts[index] : self._ends[index]]

    def get(self, key: bytes) -> bytes | None:
        index = bisect_left(range(len(self)), key, key=self._key)
        if index < len(self) and self._key(index) == key:
            return self._blob[self._ends[index] : self._starts[index + 1]]
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


def read_lookups(path: Path) -> PackedLookups:
    """The tables of a lemmatizer's ``lookups.bin`` (spaCy's ``Lookups.to_disk``), packed."""
    tables: dict[str, Any] = {}
    with path.open("rb") as stream:
        unpacker = Unpacker(stream, raw=False, strict_map_key=False, max_buffer_size=2**31 - 1)
        for name in _entries(unpacker):
            if name == "lemma_lookup":  # hash of a form -> its lemma(s)
                items = [(int(key).to_bytes(8, "big"), _pack(v)) for key, v in _pairs(unpacker)]
                tables[name] = _ByHash(PackedTable(items))
            elif name == "lemma_exc":  # part of speech -> {form: lemmas}
                exceptions = {}
                for key in _entries(unpacker):
                    pairs = [(form.encode("utf-8"), _pack(v)) for form, v in _pairs(unpacker)]
                    exceptions[int(key)] = _ByString(PackedTable(pairs))
                tables[name] = _PerPartOfSpeech(exceptions)
            elif name == "lemma_index":  # part of speech -> the forms that are lemmas
                index = {}
                for key in _entries(unpacker):
                    count = unpacker.read_array_header()
                    index[int(key)] = frozenset(unpacker.unpack() for _ in range(count))
                tables[name] = _PerPartOfSpeech(index)
            else:  # the rules, and any small table: as they are
                tables[name] = _PerPartOfSpeech(
                    {int(key): unpacker.unpack() for key in _entries(unpacker)}
                )
    return PackedLookups(tables)


def _pairs(unpacker: Unpacker) -> Iterator[tuple[Any, Any]]:
    for _ in range(unpacker.read_map_header()):
        key = unpacker.unpack()
        yield key, unpacker.unpack()


class LeanFrenchLemmatizer(FrenchLemmatizer):
    """spaCy's French rule lemmatizer over packed tables."""

    def load_tables(self, path: Path) -> None:
        self.lookups = read_lookups(path)  # type: ignore[assignment]  # what it reads of Lookups
        self._validate_tables()


def make_lemmatizer(nlp: Any, name: str) -> LeanFrenchLemmatizer:
    return LeanFrenchLemmatizer(nlp.vocab, None, name, mode="rule", overwrite=False, scorer=None)
