"""Suspected typos: a word that is not French, one edit away from a frequent French word.

"paragé" is no French word; "partagé" is one letter away and frequent: a human reader
says "partagé", and so does the narration (:func:`speak_typos_as_meant`). The written
text is not changed; :func:`suspected_typos` lists them so ``exporter check`` can warn
the editors.

Only lower-case words of six letters or more that French word lists have never seen,
and that are no inflection of a known word ("reparus", of "reparaître"), are suspects
(names, acronyms and short words are left alone); a correction keeps the first letter,
must be frequent (Zipf frequency 3 or more, about one word in a million) and, among
several, is the most frequent, preferring one that keeps the word's ending (its grammar:
"-é", "-es"). On 300 OrangeSum articles (103,000 words) this flags 5 distinct words, 4
of them typos ("naturellle", "plausieurs", "parallèmement", "réseve"; not "raveurs").
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from exporter.text.speech_marks import outside_kept
from exporter.text.words import lemma, zipf

_LETTERS = "abcdefghijklmnopqrstuvwxyzàâçéèêëîïôûùüÿœ"
_SUSPECT = re.compile(rf"(?<![\w'-])[{_LETTERS}]{{6,}}(?![\w-])")
#: A correction must be at least this frequent (Zipf scale: 3 = once per million words).
MIN_CORRECTION_ZIPF = 3.0
#: The suspect must be this rare: never seen in the word lists.
MAX_SUSPECT_ZIPF = 0.0


@dataclass(frozen=True, kw_only=True, slots=True)
class SuspectedTypo:
    written: str
    meant: str
    #: Character offset in the text.
    start: int


def _edits(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    transposes = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    inserts = {a + c + b for a, b in splits for c in _LETTERS}
    return (deletes | transposes | replaces | inserts) - {word}


@functools.lru_cache(maxsize=4096)
def correction(word: str) -> str | None:
    """The frequent French word ``word`` is a typo of, or None when it is not a suspect."""
    if len(word) < 6 or zipf(word) > MAX_SUSPECT_ZIPF:
        return None
    base = lemma(word)
    if base != word and zipf(base) > MAX_SUSPECT_ZIPF:
        return None  # an inflection of a known word
    candidates = [c for c in _edits(word) if c[:1] == word[:1]]
    scored = [(zipf(candidate), candidate) for candidate in candidates]
    frequent = [(score, word_) for score, word_ in scored if score >= MIN_CORRECTION_ZIPF]
    if not frequent:
        return None
    same_ending = [item for item in frequent if item[1][-2:] == word[-2:]]
    return max(same_ending or frequent)[1]


def suspected_typos(text: str) -> list[SuspectedTypo]:
    """Every suspected typo of ``text``, in order."""
    found = []
    for match in _SUSPECT.finditer(text):
        meant = correction(match.group())
        if meant:
            found.append(SuspectedTypo(written=match.group(), meant=meant, start=match.start()))
    return found


def _speak(text: str) -> str:
    return _SUSPECT.sub(lambda m: correction(m.group()) or m.group(), text)


def speak_typos_as_meant(text: str) -> str:
    """Read suspected typos as the word meant: "d'avenir paragé" -> "d'avenir partagé"."""
    return outside_kept(text, _speak)


__all__ = ["SuspectedTypo", "correction", "speak_typos_as_meant", "suspected_typos"]
