"""French words: lemmas, frequencies and participles (word tables: :mod:`exporter.text.fr_words`).

Lemmas come from simplemma, frequencies from wordfreq (Zipf scale: 7 for "de", 1 for a
word met once in a billion) read from a memory-mapped table (:mod:`exporter.text.frequencies`);
both are cached, as the same words come back in every article.
"""

from __future__ import annotations

import re
from functools import lru_cache

import simplemma

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
    # simplemma's frugal backend: the same dictionary read in place (4 MiB and 0.17 CPU-s
    # to open instead of 23 MiB and 0.33), a lookup slower by microseconds.
    return str(simplemma.lemmatize(word, lang="fr", low_memory=True)).casefold()


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
