"""wordfreq's French Zipf frequencies, read lean (used through :func:`exporter.text.words.zipf`).

``wordfreq.zipf_frequency`` builds a dict of 311,000 French words on first use: 35 MiB and
~0.2 CPU-s in every process, and another 11 MiB for the language matching that finds the
list, although an article looks up a few thousand words. Here the list is one file, built
once per machine in the cache folder and memory-mapped (:mod:`exporter.text.mapped`): the
words sorted by their UTF-8 bytes, their offsets and their frequency buckets. A look-up is a
binary search that reads a few pages, shared by every process.

The answers are wordfreq's own: the same tokens (wordfreq's tokenizer), digits smashed and
weighted as wordfreq does, tokens combined as wordfreq does, the same rounding (tested
against ``wordfreq.zipf_frequency``). A plain word (French letters only, the common case)
is its own single token once case-folded, so it is looked up without importing wordfreq:
the import (with ftfy and langcodes, which it pulls in) costs ~0.2 CPU-s in every process.
"""

from __future__ import annotations

import functools
import importlib.util
import math
import re
import unicodedata
import zlib
from pathlib import Path

from exporter.text.mapped import WordValues, source_key, word_values

#: The mapped file: this line, the count of words, their offsets, their buckets, the words.
_MAGIC = b"exporter zipf 1\n"
_LANGUAGE = "fr"
#: The least frequency wordfreq returns for ``zipf_frequency(..., minimum=0)``: 1e-9.
_FLOOR = 10**0 / 1e9
#: A word wordfreq's French tokenizer leaves whole once case-folded: letters of French
#: (and its neighbours' accents) only, no digit, apostrophe, hyphen or mark to normalise.
_PLAIN_LETTERS = r"[a-zàáâäãåçéèêëíìîïñóòôöõúùûüýÿœæ]+"
_PLAIN_WORD = re.compile(rf"{_PLAIN_LETTERS}(?:-{_PLAIN_LETTERS})*")
_DIGITS = re.compile(r"[0-9]+")
#: wordfreq's estimates for numbers (``wordfreq/numbers.py``): first digits by Benford's
#: law, and years peaking around its reference year.
_FIRST_DIGIT_FREQUENCIES = (0.009, 0.300, 0.175, 0.124, 0.096, 0.078, 0.066, 0.057, 0.050, 0.045)
_YEAR_LOG_PEAK = -1.9185
_NOT_YEAR = 0.1
_REFERENCE_YEAR = 2019
_YEAR_PLATEAU = 20


def _source() -> Path:
    """wordfreq's French list (``available_languages("best")["fr"]``), found without
    importing wordfreq."""
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover
        raise ModuleNotFoundError("wordfreq")
    return (
        Path(next(iter(spec.submodule_search_locations))) / "data" / f"large_{_LANGUAGE}.msgpack.gz"
    )


def _buckets() -> dict[bytes, int]:
    """Each word of wordfreq's French list with its bucket (a later bucket wins, as in
    ``wordfreq.get_frequency_dict``): its frequency is 10 ** (-bucket / 100)."""
    from wordfreq import get_frequency_list

    buckets: dict[bytes, int] = {}
    for index, bucket in enumerate(get_frequency_list(_LANGUAGE)):
        for listed in bucket:
            buckets[listed.encode("utf-8")] = index
    return buckets


@functools.cache
def _words() -> WordValues:
    from importlib.metadata import version

    source = _source()
    name = f"zipf-{_LANGUAGE}-{version('wordfreq')}-{source_key(source)}-{zlib.crc32(_MAGIC)}"
    return word_values(f"{name}.bin", _MAGIC, _buckets)


def preload() -> None:
    """Map the table now (built the first time on this machine)."""
    _words()


def zipf_frequency(word: str) -> float:
    """``wordfreq.zipf_frequency(word, "fr")``, from the mapped table."""
    folded = word.casefold()
    if _PLAIN_WORD.fullmatch(folded) and unicodedata.is_normalized("NFC", word):
        # wordfreq's tokenizer splits at hyphens ("vice-ministre": "vice", "ministre").
        return _combined_zipf(folded.split("-"))
    if _DIGITS.fullmatch(word):
        # wordfreq looks a number up with its digits "smashed" to zeros, weighted by how
        # often such a number (a year, by Benford's law otherwise) is written.
        smashed = "0" * len(word) if len(word) > 1 else word
        if _words().get(smashed) is None:
            return 0.0  # before weighing it: a number of 400 digits has no float weight
        weight = _number_frequency(word) if smashed != word else 1.0
        return _combined_zipf([smashed], [weight])
    return _tokenized_zipf(word)


def _number_frequency(digits: str) -> float:
    """wordfreq's ``digit_freq`` for one run of ASCII digits."""
    if len(digits) == 4:  # a year, more often than not
        year = int(digits)
        if year <= _REFERENCE_YEAR:
            log_frequency = _YEAR_LOG_PEAK - 0.0083 * (_REFERENCE_YEAR - year)
        elif year <= _REFERENCE_YEAR + _YEAR_PLATEAU:
            log_frequency = _YEAR_LOG_PEAK
        else:
            log_frequency = _YEAR_LOG_PEAK - 0.2 * (year - (_REFERENCE_YEAR + _YEAR_PLATEAU))
        return float(10.0**log_frequency) + _NOT_YEAR * _benford(digits)
    return _benford(digits)


def _benford(digits: str) -> float:
    return _FIRST_DIGIT_FREQUENCIES[int(digits[0])] / float(10 ** (len(digits) - 1))


def _centibels_to_frequency(centibels: int) -> float:
    """wordfreq's ``cB_to_freq``: its buckets are centibels below a frequency of 1."""
    return float(10 ** (centibels / 100))


def _rounded_zipf(frequency: float) -> float:
    unrounded = max(frequency, _FLOOR)
    # wordfreq keeps 3 significant digits, then rounds the Zipf value to 2 decimals.
    rounded = round(unrounded, math.floor(-math.log(unrounded, 10)) + 3)
    return round(math.log(rounded, 10) + 9, 2)


def _tokenized_zipf(word: str) -> float:
    """Any other text, through wordfreq's tokenizer and its weighting of digits."""
    from wordfreq.numbers import digit_freq, smash_numbers
    from wordfreq.tokens import lossy_tokenize

    tokens = lossy_tokenize(word, _LANGUAGE)
    smashed = [smash_numbers(token) for token in tokens]
    weights = [digit_freq(t) if s != t else 1.0 for s, t in zip(smashed, tokens, strict=True)]
    return _combined_zipf(smashed, weights)


def _combined_zipf(tokens: list[str], weights: list[float] | None = None) -> float:
    """The Zipf value of tokens said together, as wordfreq combines them (each token's
    frequency times its weight for smashed digits; 0 when one is unknown)."""
    if not tokens:
        return 0.0
    words = _words()
    one_over_result = 0.0
    for index, token in enumerate(tokens):
        bucket = words.get(token)
        if bucket is None:
            return 0.0  # any word unknown: wordfreq's minimum
        freq = _centibels_to_frequency(-bucket)
        if weights is not None:
            freq *= weights[index]
        one_over_result += 1.0 / freq
    return _rounded_zipf(1.0 / one_over_result)
