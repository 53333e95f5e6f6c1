"""Regular-expression building blocks shared by the French speech steps."""

from __future__ import annotations

import re
from collections.abc import Iterable

UPPER = "A-ZÀ-ÖØ-ÞŒ"
LOWER = "a-zß-öø-ÿœ"
VOWELS_UPPER = frozenset("AEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜŒ")


def alternation(words: Iterable[str]) -> str:
    """A regex alternative of literal words, longest first so "Mmes" wins over "Mme"."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


def bounded_alternation(words: Iterable[str]) -> str:
    """Like :func:`alternation`, each word followed by a word boundary when it ends with
    a letter (so "etc" does not match in "etcetera", but "n°" matches in "n°5")."""
    parts = []
    for word in sorted(words, key=len, reverse=True):
        boundary = r"(?!\w)" if word[-1].isalnum() else ""
        parts.append(re.escape(word) + boundary)
    return "|".join(parts)


def sentence_period(text: str, end: int) -> str:
    """Keep an abbreviation's period when it also ended the sentence."""
    rest = text[end:]
    if not rest.strip() or re.match(rf"\s+[{UPPER}]", rest):
        return "."
    return ""
