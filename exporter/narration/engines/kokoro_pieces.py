"""Long sentences cut into clause-sized pieces for Kokoro, on espeak-ng's phonemes.

Kokoro's working memory grows with its input (~1.4 MB per phoneme), so two long sentences
cannot be synthesised side by side within 1 GiB: under the phoneme budget a long sentence
ran alone, on one of the two cores, and the seed's long sentences (44 words) kept the
machine half idle. Cut into pieces of at most :data:`PIECE_PHONEMES`, any two pieces fit
the budget together, and the pieces of one sentence can run on both cores at once.

A cut costs some naturalness (the model lengthens the end of every input a little), so a
sentence is cut only when it is longer than the limit, into as few pieces as it needs,
balanced in length, and only where a reader pauses anyway: after a comma, semicolon or
colon, and, for a clause still too long, before "et", "qui", "que" or "mais". A clause
with none of these stays whole (the budget still lets it run, alone if it must).

These are pure functions of phoneme strings; the engine joins the pieces' audio with the
pause a reader makes there (:func:`pause_after`).
"""

from __future__ import annotations

import re

#: Longest piece, in phonemes: two pieces fit in the engine's phoneme budget together.
PIECE_PHONEMES = 200
#: Where a clause ends in espeak-ng's phonemes (the mark stays with the text before it).
_CLAUSE_END = re.compile(r"(?<=[,;:])\s+")
#: "et", "qui", "que", "mais" as espeak-ng writes them: a long clause is cut before one.
CONJUNCTIONS = frozenset({"e", "ki", "kə", "mɛ"})
#: Marks that end a clause, and the pause (seconds) Kokoro makes after one mid-sentence
#: (measured on the seed: 0.20-0.36 s, median 0.31 s).
CLAUSE_MARKS = ",;:"
CLAUSE_PAUSE = 0.3
#: The breath before a conjunction where a clause was cut without punctuation.
CONJUNCTION_PAUSE = 0.1


def _before_conjunction(clause: str, limit: int) -> list[str]:
    """``clause`` cut before conjunctions, as few times as needed, or whole if it has none."""
    if len(clause) <= limit:
        return [clause]
    words = clause.split(" ")
    cuts = [index for index, word in enumerate(words) if index > 0 and word in CONJUNCTIONS]
    if not cuts:
        return [clause]
    middle = len(clause) / 2

    def distance(index: int) -> float:
        return abs(len(" ".join(words[:index])) - middle)

    best = min(cuts, key=distance)
    return [
        *_before_conjunction(" ".join(words[:best]), limit),
        *_before_conjunction(" ".join(words[best:]), limit),
    ]


def _pack(lengths: list[int], limit: int) -> list[int]:
    """How many atoms go in each piece, filling pieces in order up to ``limit``."""
    counts: list[int] = []
    size = 0
    for length in lengths:
        if counts and size + 1 + length <= limit:
            counts[-1] += 1
            size += 1 + length
        else:
            counts.append(1)
            size = length
    return counts


def pieces(phonemes: str, limit: int = PIECE_PHONEMES) -> list[str]:
    """``phonemes`` (words separated by single spaces) cut into pieces of at most ``limit``
    where a reader pauses; joined with single spaces, the pieces are ``phonemes`` again.

    As few pieces as the cuts allow, each as short as that number allows (so no short
    remainder is spoken on its own); a clause that cannot be cut stays longer than ``limit``.
    """
    if len(phonemes) <= limit:
        return [phonemes] if phonemes else []
    atoms = [
        part
        for clause in _CLAUSE_END.split(phonemes)
        for part in _before_conjunction(clause, limit)
    ]
    lengths = [len(atom) for atom in atoms]
    fewest = len(_pack(lengths, max(limit, *lengths)))
    # The smallest limit that needs no more pieces: the pieces come out even.
    low, high = max(lengths), max(limit, *lengths)
    while low < high:
        middle = (low + high) // 2
        if len(_pack(lengths, middle)) <= fewest:
            high = middle
        else:
            low = middle + 1
    result = []
    start = 0
    for count in _pack(lengths, low):
        result.append(" ".join(atoms[start : start + count]))
        start += count
    return result


def pause_after(piece: str) -> float:
    """Seconds of silence between ``piece`` and the next piece of the same sentence."""
    return CLAUSE_PAUSE if piece.rstrip()[-1:] in CLAUSE_MARKS else CONJUNCTION_PAUSE
