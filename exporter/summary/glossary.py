"""The glossary of a plain-language summary: acronyms and hard words, each explained.

Acronyms are explained from the article itself when it spells them out
("intelligence artificielle (IA)", "IA (intelligence artificielle)"), else from the
French Wiktionary. Hard words are rare content words (low wordfreq frequency) that the
Wiktionary defines; a word the dictionary does not know is left out rather than given an
invented definition.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence

from exporter.summary.glossary_data import ACRONYM_LINK_WORDS
from exporter.summary.model import GlossaryEntry
from exporter.summary.senses import (
    best_sense,
    plain_definition,
    sense_words,
)
from exporter.text import dictionary
from exporter.text.roman import ROMAN_NUMERAL
from exporter.text.words import ELISION, WORD_TOKEN, lemma, masculine_participle, zipf

#: Below this Zipf frequency (occurrences per billion words, log10) a word is rare.
RARE_ZIPF = 4.0
MAX_HARD_WORDS = 8
MIN_HARD_WORD_LENGTH = 5

_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]*[A-Z][A-Z0-9]*\b")
_PARENTHESIS = re.compile(r"\(([^()]{1,120})\)")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_LOWER_WORD = re.compile(
    r"(?<![\w'’-])(?:[a-zàâäéèêëîïôöùûüÿçœæ]+(?:-[a-zàâäéèêëîïôöùûüÿçœæ]+)*)(?![\w-])"
)


def _fold(letter: str) -> str:
    return unicodedata.normalize("NFD", letter)[0].upper()


def acronyms_in(text: str) -> list[str]:
    """Acronyms in order of first appearance (roman numerals are not acronyms)."""
    seen: dict[str, None] = {}
    for match in _ACRONYM.finditer(text):
        token = match.group(0)
        if sum(char.isalpha() for char in token) >= 2 and not ROMAN_NUMERAL.fullmatch(token):
            seen.setdefault(token, None)
    return list(seen)


def _matches(words: Sequence[str], acronym: str) -> bool:
    """Whether the words' initials spell the acronym; link words may be skipped."""
    letters = [char for char in acronym if char.isalpha()]

    @functools.cache
    def match(word_index: int, letter_index: int) -> bool:
        if letter_index == len(letters):
            return word_index == len(words)
        if word_index == len(words):
            return False
        word = words[word_index]
        if _fold(word[0]) == letters[letter_index] and match(word_index + 1, letter_index + 1):
            return True
        return (
            word.casefold() in ACRONYM_LINK_WORDS
            and word_index > 0
            and match(word_index + 1, letter_index)
        )

    return bool(words) and bool(letters) and match(0, 0)


def _split_words(text: str) -> list[str]:
    return [ELISION.sub("", word) for word in WORD_TOKEN.findall(text)]


def _expansion_before(text_before: str, acronym: str) -> str | None:
    """The shortest run of words just before "(ACR)" whose initials spell ACR."""
    words = _split_words(text_before)
    longest = 2 * len(acronym) + 3
    for count in range(1, min(longest, len(words)) + 1):
        candidate = words[-count:]
        if _matches(candidate, acronym):
            return " ".join(candidate)
    return None


#: Characters per word allowed for when looking back from a parenthesis.
_LONGEST_WORD = 40


def _before(text: str, end: int) -> str:
    """The text before ``end``, as far back as an acronym's expansion may reach (a
    bounded tail keeps the work linear in the article)."""
    start = end - 30 * _LONGEST_WORD
    if start <= 0:
        return text[:end]
    tail = text[start:end]
    return tail.split(maxsplit=1)[-1] if " " in tail else tail  # its first word may be cut


def expansions_in(text: str) -> dict[str, str]:
    """Acronym -> expansion, for acronyms the text itself spells out (first one wins)."""
    found: dict[str, str] = {}
    for match in _PARENTHESIS.finditer(text):
        inside = match.group(1).strip()
        if _ACRONYM.fullmatch(inside):
            expansion = _expansion_before(_before(text, match.start()), inside)
            if expansion:
                found.setdefault(inside, expansion)
            continue
        before = re.search(r"\b([A-Z][A-Z0-9]+)\s*$", _before(text, match.start())[-100:])
        if before and _matches(_split_words(inside), before.group(1)):
            found.setdefault(before.group(1), inside)
    return found


def _content_words(text: str) -> set[str]:
    return {word.casefold() for word in _WORD.findall(text) if len(word) >= MIN_HARD_WORD_LENGTH}


def acronym_dictionary_definition(acronym: str, text: str | set[str]) -> str | None:
    """The dictionary's expansion of an acronym, only when it plausibly fits the article.

    Acronyms are ambiguous (AFP is a press agency and a protein): only a sense that
    shares a word with the article is trusted. Only the upper-case headword is looked
    up, so "SUD" is never read as "sud".
    """
    senses = dictionary.senses(acronym)
    usable = [definition for definition in map(plain_definition, senses) if definition]
    article_words = _content_words(text) if isinstance(text, str) else text
    for definition in usable:
        if _content_words(definition) & article_words:
            return definition
    return None


def _sentence_case(text: str) -> str:
    text = text.strip()
    return text[0].upper() + text[1:] + ("" if text.endswith(".") else ".")


def acronym_entries(text: str) -> list[GlossaryEntry]:
    """Every acronym of the text, explained by the text or else by the dictionary."""
    expansions = expansions_in(text)
    article_words = _content_words(text)
    entries: list[GlossaryEntry] = []
    for acronym in acronyms_in(text):
        if acronym in expansions:
            entries.append(
                GlossaryEntry(
                    term=acronym,
                    definition=_sentence_case(expansions[acronym]),
                    kind="acronym",
                    source="article",
                )
            )
            continue
        definition = acronym_dictionary_definition(acronym, article_words)
        if definition:
            entries.append(
                GlossaryEntry(
                    term=acronym, definition=definition, kind="acronym", source="dictionary"
                )
            )
    return entries


def headwords_of(word: str) -> list[str]:
    """Dictionary entries a word form may belong to: itself, its lemma, and for a
    present participle ("incombant") its verb ("incomber").

    A feminine or plural past participle with no entry of its own ("disposée",
    "engagés") is tried as its masculine singular before its verb: used as an adjective
    ("était disposée à") it means what the adjective's entry says ("Prêt à faire quelque
    chose"), not the verb's first sense ("Arranger, mettre dans l'ordre").
    """
    candidates = [word]
    participle = masculine_participle(word)
    if participle != word and not dictionary.look_up(word):
        candidates.append(participle)
    candidates.append(lemma(word))
    if word.endswith("ant") and len(word) > 5:
        candidates.extend(word[:-3] + ending for ending in ("er", "ir", "re"))
    return [c for c in dict.fromkeys(candidates) if dictionary.look_up(c)]


#: How far the sentence around a word is looked for, either side (text without periods).
_CONTEXT = 2000


def _sentence_around(text: str, start: int) -> str:
    low = max(0, start - _CONTEXT)
    high = min(len(text), start + _CONTEXT)
    before = max(text.rfind(". ", low, start), text.rfind("\n", low, start), low - 1) + 1
    after = min(
        position
        for position in (text.find(". ", start, high), text.find("\n", start, high), high)
        if position != -1
    )
    return text[before:after]


def hard_word_entries(
    text: str,
    *,
    limit: int = MAX_HARD_WORDS,
    context: str | None = None,
    explained: frozenset[str] = frozenset(),
) -> list[GlossaryEntry]:
    """The rarest content words the dictionary defines well, in order of first appearance;
    not the lemmas ``explained`` already (an acronym's expansion: "artificielle" in
    "IA: intelligence artificielle")."""
    candidates: dict[str, tuple[float, int, str]] = {}
    seen: set[str] = set()
    article_words = sense_words(text if context is None else context)
    for position, match in enumerate(_LOWER_WORD.finditer(text)):
        word = match.group(0)
        if len(word) < MIN_HARD_WORD_LENGTH or word in seen:
            continue
        seen.add(word)
        base = lemma(word)
        frequency = max(zipf(word), zipf(base))
        if frequency >= RARE_ZIPF or base in candidates or base in explained:
            continue
        headwords = headwords_of(word)
        if not headwords:
            continue
        chosen = best_sense(
            headwords, _sentence_around(text, match.start()), article_words, word=word
        )
        if chosen is None:
            continue
        headword, definition = chosen
        if headword not in candidates:
            candidates[headword] = (frequency, position, definition)
    rarest = sorted(candidates.items(), key=lambda item: (item[1][0], item[1][1], item[0]))[:limit]
    rarest.sort(key=lambda item: item[1][1])
    return [
        GlossaryEntry(term=headword, definition=definition, kind="word", source="dictionary")
        for headword, (_, _, definition) in rarest
    ]


def build_glossary(text: str, *, context: str | None = None) -> tuple[GlossaryEntry, ...]:
    """Acronyms first (order of appearance), then hard words (order of appearance) of
    ``text``; senses are chosen against ``context`` (the whole article) when given."""
    acronyms = acronym_entries(text)
    explained = frozenset(
        lemma(word.casefold()) for entry in acronyms for word in _WORD.findall(entry.definition)
    )
    return (*acronyms, *hard_word_entries(text, context=context, explained=explained))
