"""Content selection: the sentences that carry the article's point.

Every article sentence is compressed (:mod:`exporter.summary.compression`); each
candidate is scored on what it says, not on who spoke when:

- **salience**: its content words (nouns, names, verbs, adjectives from the parse) weighed
  by how many sentences of the article repeat them and whether the title names them;
- **centrality**: the cosine of its word vector with the article's;
- **position**: news put what matters first, so earlier sentences get a bonus;
- **length**: a long candidate must bring more (value per word, to a power below one).

A candidate that only repeats the title never opens the summary, and one that says what
the chosen ones already say is skipped (its content words mostly covered).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from exporter.summary.compression import Compressed, word_count
from exporter.text.analysis import AnalysedSentence, Analysis, cosine

_CONTENT = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})
#: Weight of a word the title names, against one more sentence repeating it.
TITLE_WEIGHT = 2
#: The score of sentence *i* gains POSITION_WEIGHT / (1 + i) ** POSITION_DECAY.
POSITION_WEIGHT = 1.2
POSITION_DECAY = 0.8
CENTRALITY_WEIGHT = 1.0
LENGTH_EXPONENT = 0.6
#: A candidate sharing this share of its words with those chosen adds nothing.
REDUNDANT_SHARE = 0.6
#: A candidate whose content words are this much the title's only repeats it.
TITLE_REPEAT_SHARE = 0.75


@dataclass(frozen=True, kw_only=True, slots=True)
class Scored:
    candidate: Compressed
    score: float
    words: frozenset[str]


def content_words(sentence: AnalysedSentence) -> set[str]:
    return {
        token.lemma.casefold()
        for token in sentence.tokens
        if token.pos in _CONTENT and len(token.text) > 2 and token.lemma.casefold() != "être"
    }


def word_weights(analysis: Analysis) -> Counter[str]:
    """How much each content word matters: sentences repeating it, more if titled."""
    weights: Counter[str] = Counter()
    for sentence in analysis.sentences:
        weights.update(content_words(sentence))
    for word in content_words(analysis.title):
        weights[word] += TITLE_WEIGHT
    return weights


def _words_of(text: str, sentence: AnalysedSentence) -> frozenset[str]:
    """The source sentence's content words that the compressed text kept."""
    kept = text.casefold()
    return frozenset(
        token.lemma.casefold()
        for token in sentence.tokens
        if token.pos in _CONTENT and len(token.text) > 2 and token.text.casefold() in kept
    )


def score_candidates(analysis: Analysis, candidates: Sequence[Compressed]) -> list[Scored]:
    weights = word_weights(analysis)
    vectors = [s.vector for s in analysis.sentences if np.any(s.vector)]
    centroid = np.mean(vectors, axis=0) if vectors else None
    scored: list[Scored] = []
    for candidate in candidates:
        sentence = analysis.sentences[candidate.source]
        words = _words_of(candidate.text, sentence)
        value = sum(math.log1p(weights[word]) for word in words)
        length = max(word_count(candidate.text), 1) ** LENGTH_EXPONENT
        central = cosine(sentence.vector, centroid) if centroid is not None else 0.0
        position = POSITION_WEIGHT / (1 + candidate.source) ** POSITION_DECAY
        score = value / length + CENTRALITY_WEIGHT * central + position
        scored.append(Scored(candidate=candidate, score=score, words=words))
    return scored


def repeats_title(scored: Scored, analysis: Analysis) -> bool:
    title = content_words(analysis.title)
    if not scored.words or not title:
        return False
    return len(scored.words & title) >= TITLE_REPEAT_SHARE * len(scored.words)


def select(
    analysis: Analysis, candidates: Sequence[Compressed], *, count: int, max_words: int = 0
) -> list[Compressed]:
    """The ``count`` best candidates (or as many as fit in ``max_words``), in the
    article's order, none repeating the title or one another."""
    ranked = sorted(score_candidates(analysis, candidates), key=lambda s: -s.score)
    chosen: list[Scored] = []
    covered: set[str] = set()
    words = 0
    for scored in ranked:
        if len(chosen) >= count:
            break
        size = word_count(scored.candidate.text)
        if max_words and words + size > max_words:
            continue
        if repeats_title(scored, analysis):
            continue
        if scored.words and len(scored.words & covered) >= REDUNDANT_SHARE * len(scored.words):
            continue
        chosen.append(scored)
        covered |= scored.words
        words += size
    order = {id(c): i for i, c in enumerate(candidates)}
    return [s.candidate for s in sorted(chosen, key=lambda s: order[id(s.candidate)])]
