"""Compression: one article sentence -> short, complete plain sentences.

:func:`simplify` chains the rewriting rules of :mod:`exporter.summary.rewrite`;
:func:`shorten` then cuts a complement at the end (or a noun phrase's own complements)
when a sentence is still longer than :data:`WORD_LIMIT` words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from exporter.summary.faithfulness import incomplete, object_pronoun
from exporter.summary.readability import words
from exporter.summary.rewrite import (
    apposition_sentences,
    attribute_reported_speech,
    definite_opening,
    drop_connectives,
    drop_incidental_clauses,
    drop_leading_adverbial,
    drop_parentheses,
    drop_subject_relative,
    drop_trailing_details,
    head_of,
    opens_adverbial,
    relative_sentences,
    split_sentence,
    strip_dateline,
    tidy,
    uncleft,
)
from exporter.summary.rules_data import CUT_WORDS
from exporter.text.grammar import (
    first_verb_index,
    has_clean_subject,
    is_finite_verb,
    noun_phrase_features,
)
from exporter.text.words import PARTICIPLE_SHAPE

#: FALC: short sentences. Every summary sentence is cut to this many words at most.
WORD_LIMIT = 15
#: Fewer words than this after the verb and a cut would leave the verb without its object.
MIN_WORDS_AFTER_VERB = 3
_QUOTE = re.compile(r"[«»\"“”]")


def _cut_points(tokens: Sequence[str], start: int) -> list[int]:
    """Indexes where the sentence may end: before a complement, outside parentheses."""
    points: list[int] = []
    depth = 0
    for index, token in enumerate(tokens):
        if index >= start and depth == 0 and index > 0:
            word = re.split(r"['’]", token.casefold())[0]
            after_verb = is_finite_verb(tokens[index - 1])
            # "entre 2008 et 2009" is one complement: no cut at its "et".
            between = word == "et" and "entre" in (t.casefold() for t in tokens[index - 4 : index])
            boundary = word in CUT_WORDS or tokens[index - 1].endswith(",")
            if not after_verb and not between and (boundary or PARTICIPLE_SHAPE.match(word)):
                points.append(index)
        depth += token.count("(") - token.count(")")
    return points


#: "… et un adjudant": a second noun phrase joined to the first (both are the subject).
_COORDINATED_PHRASE = re.compile(
    r"\s(?:et|ou)\s+(?:le|la|les|l['’]|un|une|des|du|son|sa|ses|leur|leurs|[A-ZÀ-Ý\d])"
)


def _trimmable_phrase(tokens: Sequence[str], start: int, end: int) -> list[str] | None:
    """tokens[start:end], a noun phrase, reduced to its core, or None if it cannot be."""
    phrase = " ".join(tokens[start:end])
    comma = phrase.endswith(",")
    phrase = phrase.rstrip(",")
    head = head_of(phrase)
    # Only a plain noun phrase may lose its complements, and never a coordinated one.
    plain = noun_phrase_features(phrase) != "?-?" and "," not in phrase
    coordinated = _COORDINATED_PHRASE.search(phrase[len(head) :]) is not None
    if head == phrase or not plain or coordinated or opens_adverbial(phrase):
        return None
    return (head + ("," if comma else "")).split()


def _subject_spans(tokens: Sequence[str], verb: int) -> list[tuple[int, int]]:
    """Noun phrases that may lose their complements: 'Selon X,', the subject, and the
    subject of a 'que' clause."""
    spans: list[tuple[int, int]] = []
    subject_start = 0
    if tokens[0].casefold() in {"selon", "d'après", "d’après"}:
        comma = next((i for i, t in enumerate(tokens[:verb]) if t.endswith(",")), None)
        if comma is not None:
            spans.append((1, comma + 1))
            subject_start = comma + 1
    spans.append((subject_start, verb))
    for index in range(verb + 1, len(tokens) - 1):
        if tokens[index].casefold() == "que":
            inner = first_verb_index(tokens[index + 1 :])
            if inner:
                spans.append((index + 1, index + 1 + inner))
            break
    return spans


def _variants(tokens: Sequence[str], verb: int) -> list[list[str]]:
    """The sentence with every combination of its noun phrases reduced to their core."""
    variants: list[list[str]] = [list(tokens)]
    for start, end in reversed(_subject_spans(tokens, verb)):
        for variant in list(variants):
            trimmed = _trimmable_phrase(variant, start, end)
            if trimmed is not None:
                variants.append([*variant[:start], *trimmed, *variant[end:]])
    return variants


def shorten(sentence: str, limit: int = WORD_LIMIT) -> str | None:
    """The sentence cut to at most ``limit`` words, or None when no clean cut exists.

    Complements at the end go first; long noun phrases (subject, "Selon X", subject of a
    "que" clause) may lose their own complements ("La délégation chinoise au Sommet …"
    -> "La délégation chinoise"). The longest complete result wins.
    """
    if len(words(sentence)) <= limit:
        return sentence
    tokens = sentence.rstrip(".").split()
    verb = first_verb_index(tokens)
    if verb is None:
        return None
    best: str | None = None
    for kept in _variants(tokens, verb):
        kept_verb = first_verb_index(kept)
        if kept_verb is None:
            continue
        start = kept_verb + MIN_WORDS_AFTER_VERB + 1
        for end in [len(kept), *reversed(_cut_points(kept, start))]:
            candidate = tidy(" ".join(kept[:end]))
            if len(words(candidate)) > limit or _QUOTE.search(candidate):
                continue
            if not incomplete(candidate):
                if best is None or len(words(candidate)) > len(words(best)):
                    best = candidate
                break
    return best


_REMINDER = re.compile(
    r"^(?:Rappelons|Notons|Précisons|Soulignons|Signalons|Remarquons)\s+qu(?:e\s+|['’])"
)


def _clauses_before_colon(sentence: str) -> str:
    """'Wikipédia est en grève : quiconque …' -> 'Wikipédia est en grève.'"""
    head, colon, _ = sentence.partition(" : ")
    return tidy(head) if colon and has_clean_subject(head) else sentence


def simplify(sentence: str, limit: int = WORD_LIMIT) -> list[str]:
    """One article sentence -> zero or more short, complete plain sentences."""
    sentence = strip_dateline(sentence)
    if not sentence or re.search(r"[?!]", sentence):
        return []
    sentence = uncleft(_clauses_before_colon(_REMINDER.sub("", sentence)))
    if sentence.lstrip().startswith(("«", '"', "“")):
        return []  # a quotation: hard to follow out of context, often spans sentences
    sentence = drop_connectives(tidy(drop_parentheses(sentence)))
    sentence = attribute_reported_speech(sentence)
    # What an apposition or a relative clause says becomes a sentence of its own.
    extras = [*apposition_sentences(sentence), *relative_sentences(sentence)]
    sentence = tidy(drop_incidental_clauses(drop_subject_relative(sentence)))
    sentence = drop_leading_adverbial(sentence)
    pieces: list[str] = []
    for piece in [*split_sentence(sentence), *extras]:
        short = shorten(definite_opening(drop_trailing_details(piece)), limit)
        if not short or _QUOTE.search(short) or short in pieces:
            continue
        if has_clean_subject(short) and not incomplete(short) and not object_pronoun(short):
            pieces.append(short)
    return pieces
