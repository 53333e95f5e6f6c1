"""Content selection: the sentences that carry the article's point.

Every article sentence is compressed (:mod:`exporter.summary.compression`); each
candidate is scored by a linear model over what it says and where, fitted on news with
journalists' abstracts (OrangeSum, articles 1–150: ``benchmarks/summary_quality.py --fit``
prints the weights below; a candidate's fitted score estimates its ROUGE-L against the
abstract). Its features:

- **position**: second and third sentence, 1 / (1 + index), relative place — news put
  what matters early (the first sentence gets no mark of its own: in OrangeSum it is
  often a hook, "Les images sont impressionnantes.", elsewhere the lead; the fit on the
  tune half is better without one);
- **title**: the share of the title's content words (lemmas) and words it repeats, and the
  cosine of its vector with the title's;
- **centrality**: the cosine of its vector with the article's, and its rank among them;
- **salience**: its content words weighed by how many sentences repeat them;
- **facts**: named entities, numbers, days and months, a compound tense ("a annoncé");
- **form**: length, share of the source sentence kept, a split half, an opening that needs
  context ("Cette", "Il", "Selon"), first person, quotation marks, the whole sentence;
- **lead**: the share of its words that the first three sentences hold.

A candidate that only repeats the title never opens the summary, and one that says what
the chosen ones already say is skipped (its content words mostly covered).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from exporter.summary.compression import Compressed, word_count
from exporter.text.analysis import AnalysedSentence, Analysis, cosine

_CONTENT = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})
#: Weight of a word the title names, against one more sentence repeating it.
TITLE_WEIGHT = 2
LENGTH_EXPONENT = 0.6
#: Candidates are measured against this many words (the essentiel's budget).
LENGTH_SCALE = 40
#: A candidate sharing this share of its words with those chosen adds nothing.
REDUNDANT_SHARE = 0.6
#: A candidate whose content words are this much the title's only repeats it.
TITLE_REPEAT_SHARE = 0.75
_TIME_WORDS = frozenset(
    {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "janvier",
     "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
     "novembre", "décembre", "hier", "aujourd'hui"}
)  # fmt: skip
_CONTEXT_OPENERS = frozenset(
    {"ce", "cette", "ces", "cet", "il", "elle", "ils", "elles", "on", "selon"}
)
#: Nouns naming an event (a speech, a meeting) rather than what was said or decided.
EVENT_NOUNS = frozenset(
    {"allocution", "discours", "séance", "discussion", "réunion", "rencontre", "entretien",
     "conférence", "débat", "session", "sommet", "visite", "intervention", "cérémonie",
     "audience", "exposé", "présentation"}
)  # fmt: skip
#: A main verb's complements that state content (a clause, an infinitive).
_CONTENT_CLAUSES = frozenset({"ccomp", "xcomp", "csubj"})
_EVENT_OBJECTS = frozenset({"obj", "obl:arg", "obl"})
_FIRST_PERSON = frozenset({"je", "j", "nous", "mon", "ma", "notre", "vous"})
_QUOTES = re.compile(r"[«»\"“”]")
_WORD = re.compile(r"[^\W_]+")

#: Fitted by ``benchmarks/summary_quality.py --fit`` (ridge regression of each candidate's
#: ROUGE-L F1 against the abstract, OrangeSum articles 1–150), in FEATURES order.
FEATURES = (
    "bias", "second", "third", "early", "relative", "title_words",
    "title_cosine", "centrality", "salience", "entities", "numbers", "length", "length2",
    "kept", "split", "time", "context_opener", "first_person", "compound_tense", "quote",
    "whole", "title_tokens", "lead_tokens", "most_central", "central_rank",
)  # fmt: skip
WEIGHTS: tuple[float, ...] = (
    +0.0009,  # bias
    +0.0134,  # second
    -0.0231,  # third
    -0.0363,  # early
    +0.0002,  # relative
    +0.0330,  # title_words
    +0.0340,  # title_cosine
    +0.0365,  # centrality
    -0.0030,  # salience
    +0.0092,  # entities
    +0.0132,  # numbers
    +0.0845,  # length
    -0.0383,  # length2
    +0.0047,  # kept
    -0.0110,  # split
    -0.0055,  # time
    -0.0059,  # context_opener
    -0.0042,  # first_person
    +0.0094,  # compound_tense
    -0.0067,  # quote
    -0.0052,  # whole
    +0.0758,  # title_tokens
    +0.0494,  # lead_tokens
    -0.0139,  # most_central
    +0.0405,  # central_rank
)


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


def _tokens(text: str) -> set[str]:
    return set(_WORD.findall(text.casefold()))


def features(analysis: Analysis, candidates: Sequence[Compressed]) -> list[list[float]]:
    """Each candidate's features, in FEATURES order."""
    weights = word_weights(analysis)
    vectors = [s.vector for s in analysis.sentences if np.any(s.vector)]
    centroid: Any = np.mean(vectors, axis=0) if vectors else None
    title = analysis.title
    title_words = content_words(title)
    title_tokens = _tokens(title.text)
    lead = set().union(*(_tokens(s.text) for s in analysis.sentences[:3]))
    count = max(len(analysis.sentences), 1)
    central = [
        cosine(analysis.sentences[c.source].vector, centroid) if centroid is not None else 0.0
        for c in candidates
    ]
    order = sorted(central, reverse=True)
    rows: list[list[float]] = []
    for candidate, centrality in zip(candidates, central, strict=True):
        sentence = analysis.sentences[candidate.source]
        index = candidate.source
        words = _words_of(candidate.text, sentence)
        size = max(word_count(candidate.text), 1)
        kept = candidate.text.casefold()
        tokens = _tokens(candidate.text)
        rank = order.index(centrality)
        opener = candidate.text.split(maxsplit=1)[0].casefold() if candidate.text else ""
        rows.append(
            [
                1.0,
                index == 1,
                index == 2,
                1 / (1 + index),
                index / count,
                len(words & title_words) / max(len(title_words), 1),
                cosine(sentence.vector, title.vector) if np.any(title.vector) else 0.0,
                centrality,
                sum(math.log1p(weights[w]) for w in words) / size**LENGTH_EXPONENT / 10,
                min(sum(1 for e in sentence.entities if e.text.casefold() in kept), 4) / 4,
                min(sum(1 for t in sentence.tokens if t.pos == "NUM" and t.text in kept), 3) / 3,
                size / LENGTH_SCALE,
                (size / LENGTH_SCALE) ** 2,
                size / max(word_count(sentence.text), 1),
                candidate.split,
                bool(tokens & _TIME_WORDS),
                opener in _CONTEXT_OPENERS,
                bool(tokens & _FIRST_PERSON),
                any(t.dep.startswith("aux") and t.text.casefold() in kept for t in sentence.tokens),
                bool(_QUOTES.search(candidate.text)),
                candidate.text == sentence.text,
                len(tokens & title_tokens) / max(len(title_tokens), 1),
                len(tokens & lead) / max(len(tokens), 1),
                rank == 0,
                1 / (1 + rank),
            ]
        )
    return rows


def score_candidates(analysis: Analysis, candidates: Sequence[Compressed]) -> list[Scored]:
    """Each candidate with its fitted score (higher tells more of the story)."""
    weights = np.asarray(WEIGHTS)
    return [
        Scored(
            candidate=candidate,
            score=float(np.dot(weights, np.asarray(row, dtype=float))),
            words=_words_of(candidate.text, analysis.sentences[candidate.source]),
        )
        for candidate, row in zip(candidates, features(analysis, candidates), strict=True)
    ]


def procedural(sentence: AnalysedSentence) -> bool:
    """Whether the sentence only tells that something took place ("a prononcé une
    allocution", "a participé à des discussions"): its main verb's object is an event
    noun and it has no clause or infinitive saying what was said or decided."""
    root = sentence.root
    if root is None or root.pos not in {"VERB", "AUX"}:
        return False
    children = sentence.children(root.i)
    if any(child.dep in _CONTENT_CLAUSES for child in children):
        return False
    return any(
        child.dep in _EVENT_OBJECTS and child.lemma.casefold() in EVENT_NOUNS for child in children
    )


def repeats_title(scored: Scored, analysis: Analysis) -> bool:
    title = content_words(analysis.title)
    if not scored.words or not title:
        return False
    return len(scored.words & title) >= TITLE_REPEAT_SHARE * len(scored.words)


def select(
    analysis: Analysis,
    candidates: Sequence[Compressed],
    *,
    count: int,
    max_words: int = 0,
    best_first: bool = False,
) -> list[Compressed]:
    """The ``count`` best candidates (or as many as fit in ``max_words``), in the
    article's order (the best first with ``best_first``), none repeating the title or
    one another."""
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
    ordered = [s.candidate for s in sorted(chosen, key=lambda s: order[id(s.candidate)])]
    if best_first and chosen:
        ordered.remove(chosen[0].candidate)
        ordered.insert(0, chosen[0].candidate)
    return ordered
