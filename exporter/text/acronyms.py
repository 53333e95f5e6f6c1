"""Acronyms read aloud: one policy per acronym, said as a word or spelled.

"ONU", "OTAN", "UNESCO" are said as words; "OCDE", "IA", "UE", "SNCF" are spelled. The
tables of :mod:`exporter.text.acronyms_data` decide for the common ones; the rest follow
a vowel/consonant rule (:func:`reads_as_word`). A spelled acronym is written so that the
engine says each letter: with French letter names ("IA" -> "i a"; an engine that reads
"i-a" or "ia" glides them into one syllable; a glide written out, "i ya", did no better
by round trip), or as capitals apart ("I A") for engines that spell capitals themselves
(Pico; it reads a hyphen aloud as "trait d'union").

An acronym given in parentheses after its expansion is said with the article of the
expansion, as a newsreader does ("l'intelligence artificielle (IA)" -> "l'intelligence
artificielle, l'IA,"): two letters alone between pauses are heard as a word ("il a",
"et"), while "l'I A" is heard as the acronym (round trip, both engines).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

from exporter.text import acronyms_data, fr_data
from exporter.text.speech_marks import outside_kept

#: "names": French letter names ("èsse ène cé èfe"); "capitals": "S N C F".
SpellingStyle = Literal["names", "capitals"]

_UPPER = "A-ZÀ-ÖØ-ÞŒ"
_VOWELS = frozenset("AEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜŒ")
_DIGIT_NAMES = ("zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf")


def _letter_name(character: str) -> str:
    upper = character.upper()
    if upper in fr_data.LETTER_NAMES:
        return fr_data.LETTER_NAMES[upper]
    base = unicodedata.normalize("NFD", upper)[:1]
    return fr_data.LETTER_NAMES.get(base, "")


def spell_acronym(word: str, style: SpellingStyle = "names") -> str:
    """Spell a word letter by letter: "SNCF" -> "èsse ène cé èfe" (or "S N C F")."""
    if style == "capitals":
        letters = [c.upper() for c in word if c.isalnum()]
        # Pico draws out a capital A after other letters ("l'I A," heard "l'IAA"); a small
        # "a" is said short, as the letter ("l'I a," heard "l'IA"): round trip, seed.
        letters = [c.lower() if c == "A" and index else c for index, c in enumerate(letters)]
        return " ".join(_DIGIT_NAMES[int(c)] if c.isdigit() and c.isascii() else c for c in letters)
    names: list[str] = []
    for character in word:
        if character.isdigit() and character.isascii():
            names.append(_DIGIT_NAMES[int(character)])
        elif name := _letter_name(character):
            names.append(name)
    return " ".join(names)


def reads_as_word(word: str) -> bool:
    """Whether an acronym outside the tables is said as a word: four letters or more, and
    consonants that French words group ("GIEC", "OTAN") or enough vowels ("SYRIZA")."""
    if word in acronyms_data.WORD_ACRONYMS:
        return True
    if word in acronyms_data.SPELLED_ACRONYMS or len(word) < 4:
        return False
    consonant_runs = re.findall(rf"[^{''.join(_VOWELS)}]+", word)
    if all(len(run) == 1 or run in fr_data.PRONOUNCEABLE_CLUSTERS for run in consonant_runs):
        return True
    vowel_count = sum(letter in _VOWELS for letter in word)
    return len(word) >= 6 and 3 * vowel_count >= len(word)


def speak_acronym(word: str, style: SpellingStyle = "names") -> str:
    """How one capitalised word is said: "ONU" -> "Onu", "OCDE" -> "o cé dé e"."""
    if word in acronyms_data.WORD_ACRONYMS:
        return acronyms_data.WORD_ACRONYMS[word]
    if reads_as_word(word):
        return word.capitalize()
    return spell_acronym(word, style)


_APPOSITIVE_ACRONYM = re.compile(rf", ([{_UPPER}]{{2,}})(?=[,.;:!?]|$)")
_EXPANSION_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*'?")


def _article_of_expansion(before: str, acronym: str) -> str | None:
    """The article before the words whose initials spell ``acronym``, ending ``before``:
    "de l'intelligence artificielle", "IA" -> "l'"; None when they do not spell it."""
    words = _EXPANSION_WORD.findall(before)
    letters = list(acronym)
    while letters and words:
        word = words.pop()
        if word[0].upper() == letters[-1] and word.lower() not in ("l'", "d'"):
            letters.pop()
        elif word.lower() not in acronyms_data.EXPANSION_LINK_WORDS:
            return None
    if letters or not words:
        return None
    return acronyms_data.ARTICLE_FROM_EXPANSION.get(words[-1].lower())


def _say_with_article(match: re.Match[str]) -> str:
    acronym = match.group(1)
    article = _article_of_expansion(match.string[: match.start()], acronym)
    if article is None:
        return match.group()
    starts_with_vowel = acronym[0] in _VOWELS
    if article in ("le", "la") and starts_with_vowel:
        article = "l'"
    elif article == "l'" and not starts_with_vowel:
        return match.group()  # "l'Union des…" then a consonant: the gender is unknown
    return f", {article}{acronym}" if article == "l'" else f", {article} {acronym}"


def add_articles_to_acronyms(text: str) -> str:
    """An acronym given after its expansion takes the expansion's article: "les petites
    et moyennes entreprises, PME," -> "les petites et moyennes entreprises, les PME,"
    (parentheses are commas by then)."""
    return _APPOSITIVE_ACRONYM.sub(_say_with_article, text)


_CAPITALISED_WORD = re.compile(rf"\b[{_UPPER}]{{2,}}\b")
_HEADLINE = re.compile(rf"\b[{_UPPER}]+\b(?:[\s,'-]+\b[{_UPPER}]+\b){{2,}}")


def _speak_capitalised(word: str, *, in_headline: bool, style: SpellingStyle) -> str:
    if in_headline and word in fr_data.CAPITALISED_FUNCTION_WORDS:
        return word.lower()
    if in_headline and word not in acronyms_data.SPELLED_ACRONYMS and reads_as_word(word):
        return word.capitalize()
    return speak_acronym(word, style)


#: A spelled acronym of this many letters or more is followed by a short pause (a
#: comma) before the next word: run into it, its last letter is heard as the word's
#: first syllable ("pé i bé recule" heard "PI Bérocule", "la R a T P annoncent" heard
#: "il a hératé piano"). Two letters are heard no better with a pause ("l'i a, et" heard
#: "Lisa"). Round trip, both engines.
PAUSED_SPELLING_LETTERS = 3
_NEXT_IS_WORD = re.compile(r" (?=[^\W\d_])")


def _speak_capitalised_match(
    match: re.Match[str], *, in_headline: bool, style: SpellingStyle
) -> str:
    word = match.group()
    spoken = _speak_capitalised(word, in_headline=in_headline, style=style)
    spelled = len(word) >= PAUSED_SPELLING_LETTERS and spoken == spell_acronym(word, style)
    if spelled and not in_headline and _NEXT_IS_WORD.match(match.string, match.end()):
        return spoken + ","
    return spoken


def _speak_capitalised_run(text: str, *, in_headline: bool, style: SpellingStyle) -> str:
    return _CAPITALISED_WORD.sub(
        lambda m: _speak_capitalised_match(m, in_headline=in_headline, style=style), text
    )


def _expand(text: str, style: SpellingStyle) -> str:
    pieces: list[str] = []
    position = 0
    for headline in _HEADLINE.finditer(text):
        before = text[position : headline.start()]
        pieces.append(_speak_capitalised_run(before, in_headline=False, style=style))
        pieces.append(_speak_capitalised_run(headline.group(), in_headline=True, style=style))
        position = headline.end()
    pieces.append(_speak_capitalised_run(text[position:], in_headline=False, style=style))
    return "".join(pieces)


def expand_acronyms(text: str, style: SpellingStyle = "names") -> str:
    """Acronyms: word-like ones stay words ("OTAN" -> "Otan"), others are spelled
    ("SNCF" -> "èsse ène cé èfe", "l'IA" -> "l'i a"). Capitalised headlines stay words."""
    return outside_kept(text, lambda part: _expand(add_articles_to_acronyms(part), style))


def expand_acronyms_as_capitals(text: str) -> str:
    """:func:`expand_acronyms` for engines that spell capitals: "l'IA" -> "l'I A"."""
    return expand_acronyms(text, "capitals")


__all__ = [
    "SpellingStyle",
    "add_articles_to_acronyms",
    "expand_acronyms",
    "expand_acronyms_as_capitals",
    "reads_as_word",
    "speak_acronym",
    "spell_acronym",
]
