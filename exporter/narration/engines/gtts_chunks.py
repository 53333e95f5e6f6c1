"""French chunking for gTTS: text cut into pieces Google accepts, at French boundaries.

gTTS's default pre-processors and tokenizer are English (they drop the period of "de
Brest. Il", whose "st" looks like "St.", and cut "M. Dupont" in two); we give it a
pre-processor and a tokenizer that cut at French sentence, then clause, then word
boundaries.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from exporter.text.sentences import ABBREVIATIONS, split_sentences

#: gTTS's own limit (``gTTS.GOOGLE_TTS_MAX_CHARS``): longer text is refused by Google.
MAX_CHUNK_CHARS = 100

# Clause boundaries, for a sentence longer than a chunk: after , ; : … ? ! and closing
# brackets or quotes, or before an opening bracket, quote or dash (French incises).
_CLAUSE_BREAK = re.compile(r"(?<=[,;:…?!)\]»])[ ]+|[ ]+(?=[(\[«—–])")
# Words a French reader takes a breath before, when a clause has no punctuation to cut at.
BREATH_WORDS = frozenset(
    {"et", "ou", "mais", "donc", "car", "ni", "qui", "que", "qu'", "qu’", "dont", "où",
     "lorsque", "lorsqu'", "lorsqu’", "puisque", "quand", "comme", "si", "parce", "afin",
     "tandis", "alors", "selon", "après", "avant", "depuis", "pendant", "contre", "malgré"}
)  # fmt: skip
_BREATH_BREAK = re.compile(
    r"[ ]+(?=(?:"
    + "|".join(sorted(map(re.escape, BREATH_WORDS), key=len, reverse=True))
    + r")(?:[ ]|(?<='|’)))"
)
# Regular spaces only: French no-break spaces before ; : ! ? » keep the sign attached.
_WORD_BREAK = re.compile(r"[ ]+")
_RUNS_OF_WHITESPACE = re.compile(r"[ \t\r\n\f\v]+")


def collapse_whitespace(text: str) -> str:
    """gTTS pre-processor: one regular space between words, no line breaks.

    Unlike gTTS's ``end_of_line``, never glue a hyphen to the next line: in French the
    hyphen at the end of a line is as often part of a compound ("porte-monnaie").
    """
    return _RUNS_OF_WHITESPACE.sub(" ", text).strip()


def _hard_cut(text: str, max_chars: int) -> list[str]:
    return [text[start : start + max_chars] for start in range(0, len(text), max_chars)]


def _pack(pieces: Sequence[str], max_chars: int) -> list[str]:
    """Join consecutive pieces with spaces into chunks as long as allowed."""
    chunks: list[str] = []
    for piece in pieces:
        if chunks and len(chunks[-1]) + 1 + len(piece) <= max_chars:
            chunks[-1] = f"{chunks[-1]} {piece}"
        else:
            chunks.append(piece)
    return chunks


def _split_clauses(text: str) -> list[str]:
    return [piece for piece in _CLAUSE_BREAK.split(text) if piece]


def _split_breath_groups(text: str) -> list[str]:
    return [piece for piece in _BREATH_BREAK.split(text) if piece]


def _introduces_a_name(word: str) -> bool:
    """ "M.", "Mme", "Dr." …: a reader never pauses between these and what follows."""
    stem = word.removesuffix(".").lower()
    return stem in ABBREVIATIONS and (word.endswith(".") or word[:1].isupper())


def _split_words(text: str) -> list[str]:
    words: list[str] = []
    for word in _WORD_BREAK.split(text):
        if not word:
            continue
        if words and _introduces_a_name(words[-1]):
            words[-1] = f"{words[-1]} {word}"
        else:
            words.append(word)
    return words


def _split_to_fit(
    text: str, max_chars: int, splitters: Sequence[Callable[[str], list[str]]]
) -> list[str]:
    """Cut ``text`` at the coarsest boundary that makes every piece fit, then re-pack."""
    if len(text) <= max_chars:
        return [text]
    if not splitters:
        return _hard_cut(text, max_chars)
    pieces = splitters[0](text)
    fitted = [part for piece in pieces for part in _split_to_fit(piece, max_chars, splitters[1:])]
    return _pack(fitted, max_chars)


def french_chunks(text: str, max_chars: int = MAX_CHUNK_CHARS) -> list[str]:
    """gTTS tokenizer: cut French text into chunks of at most ``max_chars`` characters.

    Cuts fall between sentences when possible, else between clauses, else before a
    conjunction or relative pronoun, else between words; punctuation stays with its
    words, so Google still hears where sentences end.
    """
    sentences = split_sentences(text)
    fitted = [
        part
        for sentence in sentences
        for part in _split_to_fit(
            sentence, max_chars, (_split_clauses, _split_breath_groups, _split_words)
        )
    ]
    return _pack(fitted, max_chars)
