"""Choosing the summary's sentences: pronouns resolved, then the lead and the pieces that
add the most ideas (content lemmas weighted by how often the article repeats them).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from exporter.model import Document
from exporter.summary.compress import WORD_LIMIT, simplify
from exporter.summary.faithfulness import dangling_pronoun
from exporter.summary.readability import words
from exporter.summary.rewrite import (
    attribute_reported_speech,
    definite_opening,
    drop_apposition,
    drop_parentheses,
    head_of,
    strip_dateline,
    subject_of,
    tidy,
)
from exporter.text.fr_words import SUBJECT_PRONOUNS, SUMMARY_STOP_WORDS
from exporter.text.grammar import noun_phrase_features
from exporter.text.words import WORD_TOKEN, lemma

MIN_SENTENCES = 3
MAX_SENTENCES = 6
#: Weight of a word shared with the title, against one shared with another sentence.
TITLE_WEIGHT = 6
#: Bonus of the first sentence after the lead (halved for the next, and so on).
EARLY_BONUS = 1.0
#: Longer sentences must bring more: gain is divided by length to this power.
LENGTH_EXPONENT = 1.0
#: A sentence sharing this share of its ideas with those already chosen adds nothing.
REDUNDANT_SHARE = 0.6


def resolve_pronoun(sentence: str, referents: Sequence[str]) -> str | None:
    """'Elle a demandé …' -> 'La délégation chinoise a demandé …', or None if unknown.

    Only the subjects of the sentence just before are tried, and only one whose
    determiner agrees with the pronoun: a wrong referent is worse than none.
    """
    first = WORD_TOKEN.match(sentence)
    if first is None:
        return None
    pronoun = first.group(0).casefold()
    if dangling_pronoun(sentence) is None:
        return sentence
    accepted = SUBJECT_PRONOUNS.get(pronoun)
    if accepted is None:
        return None
    for referent in referents:
        if noun_phrase_features(referent) in accepted:
            rest = sentence[first.end() :]
            return referent[0].upper() + referent[1:] + rest
    return None


@dataclass(frozen=True, kw_only=True, slots=True)
class Piece:
    """A short plain sentence made from one sentence of the article."""

    position: int
    section_index: int
    text: str
    #: Order among all pieces: a sentence's own pieces keep the order rules gave them.
    rank: int = 0


def content_lemmas(text: str) -> set[str]:
    return {
        lemma(word)
        for word in words(text)
        if len(word) > 3 and word.casefold() not in SUMMARY_STOP_WORDS and not word[0].isdigit()
    }


def article_pieces(document: Document, limit: int = WORD_LIMIT) -> list[Piece]:
    """Every article sentence simplified, pronoun subjects replaced by their referent."""
    found: list[Piece] = []
    referents: list[str] = []
    position = 0
    for section_index, section in enumerate(document.sections):
        for sentence in section.sentences():
            text = strip_dateline(sentence.text)
            if not text:
                continue
            current: list[str] = []
            for piece in simplify(text, limit):
                resolved = resolve_pronoun(piece, referents)
                if resolved is None:
                    continue
                resolved = definite_opening(resolved)
                if dangling_pronoun(resolved) is not None:
                    continue
                found.append(
                    Piece(
                        position=position,
                        section_index=section_index,
                        text=resolved,
                        rank=len(found),
                    )
                )
                subject = subject_of(resolved)
                if subject:
                    current.append(head_of(subject))
            speaker = re.match(r"^Selon ([^,]+),", attribute_reported_speech(tidy(text)))
            if speaker:
                current.insert(0, speaker.group(1))
            referents = current or _raw_subjects(text)
            if _names_outside(text, referents):
                referents = []  # "il" could as well be someone else the sentence names
            position += 1
    return found


_PLACE_MARKERS = frozenset(
    {"la", "le", "les", "l", "du", "des", "au", "aux", "en", "de", "d", "à", "sur", "dans"}
)


def _names_outside(sentence: str, referents: Sequence[str]) -> bool:
    """Whether the sentence names a person-like someone besides its subjects."""
    taken = " ".join(referents)
    tokens = sentence.split()
    for index, token in enumerate(tokens[1:], start=1):
        bare = re.sub(r"^[dlDL]['’]", "", token).strip(".,;:()«»")
        if not bare[:1].isupper() or bare in taken:
            continue
        before = re.split(r"['’]", tokens[index - 1].casefold())[0]
        if token[:2].casefold() in {"d'", "d’", "l'", "l’"} or before in _PLACE_MARKERS:
            continue
        if tokens[index - 1][:1].isupper():
            continue  # the second word of a name already seen
        return True
    return False


def _raw_subjects(sentence: str) -> list[str]:
    subject = subject_of(drop_apposition(drop_parentheses(sentence)))
    return [head_of(subject)] if subject and dangling_pronoun(subject + " a.") is None else []


def idea_weights(pieces: Sequence[Piece], title: str) -> Counter[str]:
    """How much each idea (content lemma) matters: how many sentences repeat it, more
    when the title names it."""
    weights: Counter[str] = Counter()
    for bag in {piece.text: content_lemmas(piece.text) for piece in pieces}.values():
        weights.update(bag)
    for item in content_lemmas(title):
        weights[item] += TITLE_WEIGHT
    return weights


def _gain(piece: Piece, covered: set[str], weights: Counter[str]) -> float:
    """New ideas per word, plus a bonus for coming early: news put what matters first."""
    fresh = content_lemmas(piece.text) - covered
    value = float(sum(weights[item] for item in fresh))
    early = EARLY_BONUS / (1 + max(piece.position, 0))
    length: float = math.pow(max(len(words(piece.text)), 1), LENGTH_EXPONENT)
    return value / length + early


def select_pieces(pieces: Sequence[Piece], title: str) -> list[Piece]:
    """The headline and the lead's pieces first, then the pieces adding the most ideas."""
    if not pieces:
        return []
    lead_position = pieces[0].position
    chosen = [*_headline(title), *(p for p in pieces if p.position == lead_position)][:2]
    return fill_pieces(chosen, pieces, idea_weights(pieces, title), MAX_SENTENCES)


def fill_pieces(
    chosen: Sequence[Piece], candidates: Sequence[Piece], weights: Counter[str], target: int
) -> list[Piece]:
    """Add, one at a time, the candidate that says the most not yet said, up to ``target``;
    the result in the article's order."""
    result = list(chosen)
    covered: set[str] = set().union(*(content_lemmas(piece.text) for piece in result))
    used = {piece.position for piece in result}
    remaining = [piece for piece in candidates if piece.position not in used]
    while len(result) < target and remaining:
        best = max(remaining, key=lambda piece: (_gain(piece, covered, weights), -piece.position))
        remaining.remove(best)
        bag = content_lemmas(best.text)
        if not bag - covered or len(bag & covered) >= REDUNDANT_SHARE * len(bag):
            continue
        result.append(best)
        covered |= bag
    result.sort(key=lambda piece: (piece.position, piece.rank))
    return result


def _headline(title: str) -> list[Piece]:
    """The title, when it is a sentence ("Le SMIC augmentera de 2 %"): the author's own
    summary of the article, said first. A label before a colon ("France : …") goes."""
    _, colon, statement = title.rpartition(" : ")
    pieces = simplify(statement if colon else title)
    if len(pieces) != 1 or dangling_pronoun(pieces[0]) is not None:
        return []
    return [Piece(position=-1, section_index=0, text=pieces[0])]
