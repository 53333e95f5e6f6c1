"""Words of a section, for boundaries and titles: tokens, names, nouns and adjectives,
agreement, and the lemmas that carry a paragraph's topic."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from exporter.parsers.sections.data import (
    ADJECTIVE_SUFFIXES,
    EXTRA_ADJECTIVES,
    NOT_ADJECTIVES,
    PRENOMINAL_ADJECTIVES,
)
from exporter.text.fr_words import STOP_WORDS
from exporter.text.french_tables import known_words, noun_list
from exporter.text.words import lemma as lemma_of

_SENTENCE_END = frozenset(".!?:«»;")
_TOKEN = re.compile(
    r"(?P<elided>\b(?:jusqu|lorsqu|puisqu|quoiqu|qu|[ldnscjmt])['’](?=\w))"
    r"|(?P<word>[^\W_]+(?:[-'’][^\W_]+)*)"
    r"|(?P<punct>[^\w\s])",
    re.IGNORECASE,
)


@dataclass(frozen=True, kw_only=True, slots=True)
class Token:
    text: str  # as written, apostrophes made straight
    lower: str
    is_word: bool  # a word or an elided clitic ("l'"), not punctuation
    starts_sentence: bool


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    sentence_start = True
    for match in _TOKEN.finditer(text.replace("’", "'")):
        surface = match.group(0)
        if match.lastgroup == "punct":
            tokens.append(Token(text=surface, lower=surface, is_word=False, starts_sentence=False))
            sentence_start = sentence_start or surface in _SENTENCE_END
            continue
        tokens.append(
            Token(
                text=surface,
                lower=surface.lower(),
                is_word=True,
                starts_sentence=sentence_start,
            )
        )
        sentence_start = False
    return tokens


@lru_cache(maxsize=1)
def _nouns() -> frozenset[str]:
    return frozenset(noun_list())


def is_name(token: Token) -> bool:
    """A capitalised word that is not just a sentence's first word ("Chine", "NASA")."""
    if not token.is_word or not token.text[0].isupper() or token.lower in STOP_WORDS:
        return False
    if token.text.isupper() and len(token.text) > 1:
        return True
    return not token.starts_sentence or token.lower not in known_words()


def is_noun(token: Token) -> bool:
    lower = token.lower
    if not token.is_word or lower in STOP_WORDS or len(lower) < 2 or lower.endswith("'"):
        return False
    if token.text != lower and not token.starts_sentence:
        return False  # "Dragon" in mid-sentence is a name, handled apart
    return lower in _nouns() and not any(ch.isdigit() for ch in lower)


def is_adjective(token: Token) -> bool:
    lower = token.lower
    if not token.is_word or token.text != lower or lower in STOP_WORDS:
        return False
    if lower in NOT_ADJECTIVES or lower not in known_words():
        return False
    if lower in EXTRA_ADJECTIVES:
        return True
    if not any(lower.endswith(s) and len(lower) > len(s) + 2 for s in ADJECTIVE_SUFFIXES):
        return False
    lemma = lemma_of(lower)
    if lower.endswith(("ent", "ant", "ants", "ante", "antes")) and lemma != lower:
        # "progressent", "développant" are verb forms; "récentes" is an adjective's.
        return not lemma.endswith(("er", "ir", "re"))
    if lower.endswith(("ant", "ants")):
        # An adjective has a feminine ("importante"); a bare present participle has none.
        return lower.removesuffix("s") + "e" in known_words()
    return True


def _number(word: str) -> str:
    """ "p" plural, "s" singular, "?" when the form says nothing ("pays", "chinois")."""
    lower = word.lower()
    if not lower.endswith(("s", "x")):
        return "s"
    return "?" if lemma_of(lower) == lower else "p"


def _adjective_gender(word: str) -> str:
    base = word.removesuffix("s")
    if not base.endswith("e"):
        return "m"
    lemma = lemma_of(word)
    return "?" if lemma in (base, word) else "f"


def agrees(noun: str, gender: str, adjective: str) -> bool:
    numbers = {_number(noun), _number(adjective)}
    if numbers == {"s", "p"}:
        return False
    adjective_gender = _adjective_gender(adjective)
    return "?" in (gender, adjective_gender) or gender == adjective_gender


def is_prenominal(token: Token) -> bool:
    return token.is_word and (
        token.lower in PRENOMINAL_ADJECTIVES or token.lower.endswith(("ième", "ièmes"))
    )


def content_lemmas(tokens: Iterable[Token]) -> list[str]:
    """Lemmas that carry a paragraph's topic: no stop words, numbers or punctuation."""
    lemmas = []
    for token in tokens:
        lower = token.lower
        if not token.is_word or lower in STOP_WORDS or len(lower) < 3:
            continue
        if any(ch.isdigit() for ch in lower) or lower.endswith("'"):
            continue
        lemmas.append(lower if is_name(token) else lemma_of(lower))
    return [lemma for lemma in lemmas if lemma not in STOP_WORDS]
