"""Foreign names said the French way: exonyms, English names, romanised Chinese.

Three pure steps for the speech normaliser, applied to what is *spoken* only (the EPUB,
transcript and summary keep the article's spelling):

- :func:`speak_exonyms`: "Beijing" -> "Pékin", "Mumbai" -> "Bombay";
- :func:`speak_english_names`: "Google" -> "Gougueule", "Joe Biden" -> "Djo Baïdène";
- :func:`speak_pinyin_names`: Chinese names in pinyin respelled for French letters
  ("Wu Zhaohui" -> "Ou Djaohoueï", "Xi Jinping" -> "Chi Djinepingue").

A run of capitalised words is taken for Chinese only when every word splits into pinyin
syllables and one of them has a letter group French does not use (``zh``, ``q``, ``x``,
``ao``, ``ui``, ``ong``…): "Chine" or "Lima" stay as they are.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

from exporter.text import names_data
from exporter.text.speech_marks import outside_kept
from exporter.text.words import zipf

_UPPER = "A-ZÀ-ÖØ-ÞŒ"
_WORD_CHARS = "A-Za-zÀ-ÖØ-öø-ÿŒœ"


def _word_table(table: Mapping[str, str]) -> re.Pattern[str]:
    words = sorted(table, key=len, reverse=True)
    return re.compile(
        rf"(?<![{_WORD_CHARS}-])(?:{'|'.join(map(re.escape, words))})(?![{_WORD_CHARS}])"
    )


_EXONYM = _word_table(names_data.EXONYMS)
_ENGLISH = _word_table(names_data.ENGLISH_NAMES)


def speak_exonyms(text: str) -> str:
    """Places French says in French: "à Beijing" -> "à Pékin"."""
    return outside_kept(
        text, lambda part: _EXONYM.sub(lambda m: names_data.EXONYMS[m.group()], part)
    )


def speak_english_names(text: str, *, read_right: frozenset[str] = frozenset()) -> str:
    """English names and brands of French news respelled for French letters, except
    those the engine reads right as written (``read_right``)."""

    def respell(match: re.Match[str]) -> str:
        name = match.group()
        return name if name in read_right else names_data.ENGLISH_NAMES[name]

    return outside_kept(text, lambda part: _ENGLISH.sub(respell, part))


_INITIALS = sorted(names_data.PINYIN_INITIALS, key=len, reverse=True)
_FINALS = sorted(names_data.PINYIN_FINALS, key=len, reverse=True)


def _valid_syllable(initial: str, final: str) -> bool:
    """Pinyin's main combination rules (not its full table)."""
    if initial in ("j", "q", "x"):
        return final in names_data.PINYIN_PALATAL_FINALS
    if initial in names_data.PINYIN_NO_I_FINALS_INITIALS and final.startswith("i"):
        return final == "i"
    if final == "o":
        return initial in names_data.PINYIN_O_INITIALS
    return True


@functools.cache
def pinyin_syllables(word: str, *, first: bool = True) -> tuple[tuple[str, str], ...] | None:
    """Split a lower-case word into pinyin (initial, final) pairs, fewest syllables first;
    None when it is not pinyin ("zhaohui" -> (("zh", "ao"), ("h", "ui"))). Only the first
    syllable may start with a vowel (pinyin writes "Xi'an", never "Xian" for two)."""
    if not word:
        return ()
    best: tuple[tuple[str, str], ...] | None = None
    for initial in _INITIALS:
        if not word.startswith(initial) or (not initial and not first):
            continue
        rest = word[len(initial) :]
        for final in _FINALS:
            if not rest.startswith(final):
                continue
            if not _valid_syllable(initial, final):
                continue
            tail = pinyin_syllables(rest[len(final) :], first=False)
            if tail is None:
                continue
            candidate = ((initial, final), *tail)
            if best is None or len(candidate) < len(best):
                best = candidate
    return best


def _respell_syllable(initial: str, final: str) -> str:
    if initial in names_data.PINYIN_FRONT_U_INITIALS and final.startswith("u"):
        vowel = names_data.PINYIN_FRONT_U_FINALS.get(final, names_data.PINYIN_FINALS[final])
    elif initial in names_data.PINYIN_BUZZED_I_INITIALS and final == "i":
        vowel = "eu"
    else:
        vowel = names_data.PINYIN_FINALS[final]
    # "wu", "wei": the "w" is already the French "ou"; "yi", "yin": the "y" is the "i".
    if (initial == "w" and final.startswith("u")) or (initial == "y" and final.startswith("i")):
        initial = ""
    spoken_initial = names_data.PINYIN_INITIALS[initial]
    if spoken_initial == "gu" and not vowel.startswith(("e", "i")):
        spoken_initial = "g"
    return spoken_initial + vowel


def respell_pinyin(word: str) -> str | None:
    """French respelling of one pinyin word ("Zhaohui" -> "Djaohoueï", "Xi'an" ->
    "Chiane"), or None."""
    if "'" in word:  # the apostrophe starts a syllable with a vowel: "Xi'an", "Huai'an"
        parts = [respell_pinyin(part) for part in word.split("'")]
        if any(part is None for part in parts):
            return None
        joined = "-".join(part.lower() for part in parts if part)
        return joined[:1].upper() + joined[1:] if word[:1].isupper() else joined
    syllables = pinyin_syllables(word.lower())
    if not syllables:
        return None
    spellings = [_respell_syllable(initial, final) for initial, final in syllables]
    # "-ngue" only ends a word: "Shanghai" -> "Changhaï", not "Changuehaï".
    spellings = [s.removesuffix("ue") if s.endswith("ngue") else s for s in spellings[:-1]] + [
        spellings[-1]
    ]
    spoken = "".join(spellings)
    return spoken[:1].upper() + spoken[1:] if word[:1].isupper() else spoken


def _has_pinyin_marker(word: str) -> bool:
    """Whether the word has a syllable French and English words (almost) never have."""
    if "'" in word:  # "Huai'an": pinyin's apostrophe before a syllable starting with a vowel
        return all(pinyin_syllables(part.lower()) for part in word.split("'"))
    syllables = pinyin_syllables(word.lower())
    if not syllables:
        return False
    last_initial, last_final = syllables[-1]
    if len(syllables) > 1 and last_initial and last_final in ("e", "ue"):
        return False  # a French mute "e" ending: "Dominique", "Maxime", "Mexique"
    return any(
        initial in names_data.PINYIN_MARKER_INITIALS or final in names_data.PINYIN_MARKER_FINALS
        for initial, final in syllables
    )


_NAME_RUN = re.compile(rf"[{_UPPER}][a-zü]+(?:(?: [{_UPPER}]|-[{_UPPER}a-z]|'[a-z])[a-zü]+)*")


#: A word French uses this often ("Le", "Longue") is French, even when it is also pinyin
#: (Chinese names that common in French news, "Li" or "Hong", stay below).
_FRENCH_WORD_ZIPF = 4.5


def _is_common_french(word: str) -> bool:
    return zipf(word.lower()) >= _FRENCH_WORD_ZIPF


def _speak_run(match: re.Match[str]) -> str:
    run = match.group()
    parts = re.split(r"([ -])", run)
    names, separators = parts[::2], parts[1::2]
    respelled = [None if _is_common_french(name) else respell_pinyin(name) for name in names]
    pairs = list(zip(respelled, names, strict=True))
    # "Wang Yi": a common surname before another pinyin word is Chinese without a marker.
    surname_first = len(names) > 1 and names[0] in names_data.CHINESE_SURNAMES
    if not (surname_first and all(respelled)) and not any(
        new and _has_pinyin_marker(name) for new, name in pairs
    ):
        return run
    spoken = [new or name for new, name in zip(respelled, names, strict=True)]
    # A hyphen joins the syllables of a given name ("Jin-ping"): said as one word.
    pieces = [spoken[0]]
    for separator, word, name in zip(separators, spoken[1:], names[1:], strict=True):
        joined = separator == "-" and word != name
        pieces.append(word.lower() if joined else separator + word)
    return "".join(pieces)


def speak_pinyin_names(text: str) -> str:
    """Chinese names in pinyin, respelled for French: "Wu Zhaohui" -> "Ou Djaohoueï"."""
    return outside_kept(text, lambda part: _NAME_RUN.sub(_speak_run, part))


__all__ = [
    "pinyin_syllables",
    "respell_pinyin",
    "speak_english_names",
    "speak_exonyms",
    "speak_pinyin_names",
]
