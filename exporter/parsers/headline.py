"""A title for an article that comes without one: its lead sentence, compressed.

The first sentence of a news article usually says what happened; its parse (spaCy, via
:mod:`exporter.text.analysis`) keeps the clause's core (subject, verb, objects and their
complements) and drops what a headline leaves out: incidental and adverbial clauses,
appositions, relative clauses, punctuation. On OrangeSum's real titles this beats the
first sentence cut to the title's length (``benchmarks/titles.py``). Without the language
model, the title is the section-title noun phrase (:func:`infer_title`).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from exporter.parsers.sections import infer_title
from exporter.text.analysis import (
    AnalysedSentence,
    AnalysisUnavailableError,
    Token,
    analyse_sentence,
)
from exporter.text.sentences import split_sentences

logger = logging.getLogger(__name__)

#: A generated title's longest length, in words (OrangeSum titles average 11).
MAX_WORDS = 11
#: Relations whose whole subtree a headline drops (chosen on OrangeSum's first 150).
DROPPED_RELATIONS = frozenset({"acl:relcl", "advcl", "appos", "dislocated", "parataxis", "punct"})
#: Parts of speech a title does not end on ("... plaque de").
_NO_END = frozenset({"ADP", "CCONJ", "DET", "PRON", "SCONJ", "AUX", "PUNCT"})


def compress(sentence: AnalysedSentence, *, max_words: int = MAX_WORDS) -> str:
    """The core of ``sentence``: every token whose path to the root crosses no dropped
    relation, in order, cut to ``max_words`` words."""
    root = sentence.root
    if root is None:
        return " ".join(sentence.text.split()[:max_words])
    kept: list[Token] = []
    for token in sentence.tokens:
        current = token
        while current.head != current.i and current.dep not in DROPPED_RELATIONS:
            current = sentence.tokens[current.head]
        if current.i == root.i:
            kept.append(token)
    while len("".join(token.text_with_ws for token in kept).split()) > max_words:
        kept.pop()
    while kept and kept[-1].pos in _NO_END:
        kept.pop()
    return "".join(token.text_with_ws for token in kept).strip(" ,;:")


def generate_title(paragraphs: Sequence[str]) -> str:
    """A title for an article whose ``paragraphs`` came without one."""
    sentences = split_sentences(paragraphs[0]) if paragraphs else []
    if not sentences:
        return infer_title(paragraphs)
    try:
        core = compress(analyse_sentence(sentences[0]))
    except AnalysisUnavailableError as error:
        logger.info("no language model (%s): the title is a noun phrase", error)
        return infer_title(paragraphs)
    if len(core.split()) < 2:
        return infer_title(paragraphs)
    return core[0].upper() + core[1:]
