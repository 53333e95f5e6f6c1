"""French words: lemmas, frequencies and participles (word tables: :mod:`exporter.text.fr_words`).

Lemmas come from simplemma, frequencies from wordfreq (Zipf scale: 7 for "de", 1 for a
word met once in a billion) read from a memory-mapped table (:mod:`exporter.text.frequencies`);
both are cached, as the same words come back in every article. simplemma's French
dictionary is a table built once per machine and memory-mapped (:mod:`exporter.text.mapped`)
under simplemma's own lemmatizer: opening its packaged file took ~0.16 CPU-s in every
process (decompressing it and indexing its 250,000 entries).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any

from exporter.text import frequencies


def word_set(text: str) -> frozenset[str]:
    """A table written as a block of words separated by spaces."""
    return frozenset(text.split())


#: French vowels, accented ones included.
VOWELS = "aeiouyàâäéèêëîïôöùûüÿœæ"
#: A word with its hyphens and apostrophes ("aujourd'hui", "vice-ministre", "l'IA").
WORD_TOKEN = re.compile(r"[\w'’-]+")
#: An elided article or pronoun at a word's start ("l'", "qu'", "d’").
ELISION = re.compile(r"^(?:[cdjlmnst]|qu)['’]", re.IGNORECASE)
#: Past participle endings ("organisé", "choisies", "venus").
_PAST_PARTICIPLE_ENDINGS = ("é", "ée", "és", "ées", "i", "ie", "is", "ies", "u", "ue", "us", "ues")
#: A form shaped like a participle, present or past, of a first-group verb.
PARTICIPLE_SHAPE = re.compile(r"\w{3,}(?:ant|ants|é|ée|és|ées)$")
_VERB_ENDINGS = ("er", "ir", "re", "oir")
#: The feminine or plural ending of a first-group past participle ("disposées").
_FIRST_GROUP_PARTICIPLE_AGREEMENT = re.compile(r"(?<=\w\w)é(?:es|e|s)$")


def lemma(word: str) -> str:
    """The dictionary form, lower-cased: "progressent" -> "progresser"."""
    return _lemma(word.casefold())


@lru_cache(maxsize=65536)
def _lemma(word: str) -> str:
    return str(_lemmatizer().lemmatize(word, "fr")).casefold()


_LEMMAS_MAGIC = b"exporter lemmas 1\n"


@functools.cache
def _lemmatizer() -> Any:
    """simplemma's lemmatizer (its strategies, as ``simplemma.lemmatize``) over its French
    dictionary mapped from the cache folder."""
    import importlib.util
    from importlib.metadata import version
    from pathlib import Path

    from simplemma import Lemmatizer
    from simplemma.strategies import DefaultStrategy
    from simplemma.strategies.dictionaries.dictionary_factory import (
        CachingDictionaryFactory,
        DecodedStrMapping,
    )

    from exporter.text.mapped import WordStrings, source_key, word_strings

    spec = importlib.util.find_spec("simplemma")
    folder = Path(next(iter(spec.submodule_search_locations or ()))) if spec else Path()
    source = folder / "strategies" / "dictionaries" / "data" / "fr.plzma"

    def entries() -> dict[bytes, bytes]:
        from simplemma.strategies.dictionaries import DefaultDictionaryFactory

        french = DefaultDictionaryFactory().get_dictionary("fr")
        return {key.encode("utf-8"): french[key].encode("utf-8") for key in french}

    class MappedFrench(DecodedStrMapping):
        __slots__ = ("_table",)

        def __init__(self, table: WordStrings) -> None:
            self._table = table

        def _lookup(self, key: str) -> str | None:
            return self._table.get(key)

        def __iter__(self) -> Iterator[str]:
            return iter(self._table.words())

        def __len__(self) -> int:
            return len(self._table)

    class MappedFactory(CachingDictionaryFactory):
        __slots__ = ()

        def _get_dictionary_uncached(self, lang: str) -> Mapping[str, str]:
            if lang != "fr":
                raise ValueError(f"only French is mapped, not {lang!r}")
            name = f"simplemma-fr-{version('simplemma')}-{source_key(source)}.bin"
            return MappedFrench(word_strings(name, _LEMMAS_MAGIC, entries))

    return Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=MappedFactory()))


def masculine_participle(word: str) -> str:
    """A first-group past participle's masculine singular: "disposées" -> "disposé";
    other words as they are ("-ie", "-ue" are left: "parties" is not "parti")."""
    return _FIRST_GROUP_PARTICIPLE_AGREEMENT.sub("é", word)


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """How common a French word is, on the Zipf scale (0 when wordfreq does not know it)."""
    return frequencies.zipf_frequency(word)


def preload() -> None:
    """Load the French lemma and frequency tables now (a batch shares them with workers)."""
    lemma("maisons")
    frequencies.preload()


def rarity(word: str) -> float:
    """How informative a word is, from 1 (common) to 7 (rare words and names)."""
    return min(7.0, max(1.0, 7.5 - zipf(word)))


def has_words(text: str) -> bool:
    """Whether there is anything to say: a letter or a digit."""
    return any(char.isalnum() for char in text)


def is_past_participle(word: str) -> bool:
    """A past participle of a verb the lemmatiser knows: "organisés", "choisie", "venu"."""
    base = lemma(word)
    return word.endswith(_PAST_PARTICIPLE_ENDINGS) and base != word and base.endswith(_VERB_ENDINGS)


def is_participle(word: str) -> bool:
    """A past or present participle: "organisé", "luttant", "survenu", "construit"."""
    if PARTICIPLE_SHAPE.match(word):
        return True
    if not word.endswith(("u", "ue", "us", "ues", "is", "ise", "it", "ite")) or len(word) < 5:
        return False
    base = lemma(word)
    return base != word and base.endswith(("ir", "re", "oir"))
