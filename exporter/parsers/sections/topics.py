"""Section titles from the language analysis: what each section is about.

Each section's candidate titles are its noun phrases as the parse gives them: a noun with
its determiner, adjectives and "de" complements ("les principes de la gouvernance de
l'IA"), at each length. A candidate is scored by how specific its words are to this
section among the article's sections (tf-idf over sections: the actor every section
names, "la délégation chinoise", scores nothing), by how close its word vectors are to
the section's (centrality), and by whether it repeats. Never one item of a list
("la gestion et le contrôle des risques"), never a person, never the article title's
words again when others will do; each title differs from those before it. Without the
language model, :mod:`.titles` titles sections from its own tables.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from exporter.parsers.headline_data import TIME_WORDS
from exporter.parsers.sections.data import (
    EVALUATIVE_ADJECTIVES,
    GENERIC_HEADS,
    VAGUE_TITLE_HEADS,
)
from exporter.parsers.sections.titles import TakenTitles, starts_with_vowel_sound
from exporter.text.analysis import (
    AnalysedSentence,
    AnalysisUnavailableError,
    Token,
    analyse_many,
    cosine,
    word_vector,
)
from exporter.text.sentences import split_sentences
from exporter.text.words import zipf

MAX_WORDS = 8
#: A title's noun has letters only, at least this many ("h", "%" are units).
MIN_HEAD_LETTERS = 3
#: How much each content word beyond the head adds to a title's score.
COMPLEMENT_BONUS = 0.15
#: What a title whose head names no topic of its own (VAGUE_TITLE_HEADS) keeps of its
#: score: "l'incidence sur le sort de l'humanité" gives way to what the section says.
VAGUE_HEAD_FACTOR = 0.3
#: A title made of words this common only (Zipf) says nothing of its own ("le monde", "les
#: pays du monde"), nor a bare head this common ("la décision", "le public"): it keeps
#: VAGUE_HEAD_FACTOR of its score.
COMMON_ZIPF = 5.5
BARE_COMMON_ZIPF = 4.9
MIN_WORDS = 2
#: Relations that grow a noun phrase: determiner, adjectives, a noun complement, fixed
#: expressions and names ("la capsule Dragon").
_PHRASE_RELATIONS = frozenset({"det", "amod", "nmod", "case", "fixed", "flat:name", "nummod"})
#: Prepositions of a complement that belongs in a title ("de l'IA", "en développement").
_COMPLEMENT_CASES = frozenset({"de", "d'", "d’", "du", "des", "en", "pour", "contre", "sur"})
_CONTENT = frozenset({"NOUN", "PROPN", "ADJ"})
_SUBJECTS = frozenset({"nsubj", "nsubj:pass"})
#: A word a title may show: letters with inner hyphens or apostrophes, or a figure
#: ("neuf--" is a parse of broken punctuation).
_CLEAN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*['’]?|\d+(?:[.,]\d+|e|er|re|ème)?|%")
_DEFINITE = {("Masc", "Sing"): "le", ("Fem", "Sing"): "la"}


@dataclass(frozen=True, slots=True)
class _Candidate:
    words: tuple[str, ...]
    head: Token
    lemmas: tuple[str, ...]  # content lemmas, the head's first


def _complement_depth(sentence: AnalysedSentence, head: Token, token: Token) -> int:
    """How many noun complements lie between ``head`` and ``token`` (0 for its own
    determiner or adjective)."""
    depth = 0
    current = token
    while current.i != head.i:
        if current.dep == "nmod":
            depth += 1
        current = sentence.tokens[current.head]
    return depth


def _phrase(sentence: AnalysedSentence, head: Token) -> list[Token]:
    """The noun phrase headed by ``head``: determiner, adjectives, complements."""
    inside = {head.i}
    frontier = [head]
    while frontier:
        current = frontier.pop()
        for child in sentence.children(current.i):
            if child.dep not in _PHRASE_RELATIONS or child.pos == "PUNCT":
                continue
            if current.i == head.i and child.dep == "case":
                continue  # the head's own preposition belongs to the phrase above it
            if child.dep == "nmod":
                cases = [c.text.casefold() for c in sentence.children(child.i) if c.dep == "case"]
                if not cases or cases[0] not in _COMPLEMENT_CASES:
                    continue
                if any(c.dep == "conj" for c in sentence.children(child.i)):
                    continue  # "des risques et des menaces": a list
            inside.add(child.i)
            frontier.append(child)
    return [token for token in sentence.tokens if token.i in inside]


def _in_list(sentence: AnalysedSentence, token: Token) -> bool:
    """Whether a noun is, or belongs to, one item of a coordination ("la gestion et le
    contrôle des risques"): any noun from it up to its clause's verb is coordinated."""

    def coordinated(noun: Token) -> bool:
        return noun.dep == "conj" or any(c.dep == "conj" for c in sentence.children(noun.i))

    current = token
    while current.pos in ("NOUN", "PROPN", "ADJ", "NUM"):
        if coordinated(current):
            return True
        # "l'Initiative pour X, l'Initiative pour Y et l'Initiative pour Z", whatever the
        # parse made of the first ones: the same noun coordinated elsewhere in the sentence.
        if any(
            other.i != current.i and other.lemma == current.lemma and coordinated(other)
            for other in sentence.tokens
        ):
            return True
        if current.head == current.i:
            break
        current = sentence.tokens[current.head]
    return False


def _names_a_person(sentence: AnalysedSentence, head: Token) -> bool:
    """Whether a noun is a person's title or role with the name beside it ("le
    conservateur Dimitris Avramopoulos"): the section is not about that person."""
    return any(
        child.ent_type == "PER"
        and child.dep in ("flat:name", "appos", "nmod")
        and not any(c.dep == "case" for c in sentence.children(child.i))
        for child in sentence.children(head.i)
    )


def _in_compound_preposition(sentence: AnalysedSentence, head: Token) -> bool:
    """Whether a noun is the middle of a compound preposition ("une IA au service des
    personnes", "au cours de", "au sein de"): "au" + the noun, no determiner, and a "de"
    complement."""
    children = sentence.children(head.i)
    cases = [c.text.casefold() for c in children if c.dep == "case"]
    if not cases or cases[0] not in ("au", "aux") or any(c.dep == "det" for c in children):
        return False
    return any(
        c.dep == "nmod"
        and any(
            g.dep == "case" and g.text.casefold() in ("de", "d'", "d’", "du", "des")
            for g in sentence.children(c.i)
        )
        for c in children
    )


def _candidates(sentence: AnalysedSentence) -> list[_Candidate]:
    found = []
    for head in sentence.tokens:
        if (
            head.pos != "NOUN"
            or not head.text.isalpha()
            or len(head.text) < MIN_HEAD_LETTERS
            or head.lemma.casefold() in TIME_WORDS  # "les 8 premiers mois de l'année"
            or head.text.casefold() in GENERIC_HEADS  # "les ans", "la plupart"
            or head.ent_type == "PER"
            or _names_a_person(sentence, head)
            or _in_compound_preposition(sentence, head)
            or _in_list(sentence, head)
        ):
            continue
        phrase = _phrase(sentence, head)
        # A contiguous stretch around the head, cut at each complement depth.
        for depth in (0, 1, 2):
            tokens = [t for t in phrase if _complement_depth(sentence, head, t) <= depth]
            start = next(i for i, t in enumerate(tokens) if t.i == head.i)
            end = start
            while end + 1 < len(tokens) and tokens[end + 1].i == tokens[end].i + 1:
                end += 1
            while start > 0 and tokens[start - 1].i == tokens[start].i - 1:
                start -= 1
            tokens = tokens[start : end + 1]
            while tokens and tokens[-1].pos in ("ADP", "DET", "CCONJ"):
                tokens.pop()
            while tokens and tokens[0].i != head.i and tokens[0].pos == "NUM":
                tokens.pop(0)  # "36 % du territoire": a figure is no topic
            if tokens and all(_CLEAN.fullmatch(t.text) for t in tokens):
                found.append(_candidate(head, tokens))
    return found


def _candidate(head: Token, tokens: list[Token]) -> _Candidate:
    tokens = [
        t
        for t in tokens
        if t.i == head.i or not (t.pos == "ADJ" and t.lemma.casefold() in EVALUATIVE_ADJECTIVES)
    ]
    while (
        len(tokens) > 1
        and tokens[0].i != head.i
        and (tokens[0].pos == "DET" or tokens[0].lemma == "tout")
    ):
        tokens = tokens[1:]  # "toutes les questions" -> "questions"
    lemmas = [head.lemma.casefold()] + [
        t.lemma.casefold() for t in tokens if t.pos in _CONTENT and t.i != head.i
    ]
    return _Candidate(words=tuple(t.text for t in tokens), head=head, lemmas=tuple(lemmas))


def _render(candidate: _Candidate) -> str:
    """The phrase with a definite article agreeing with its head: "La gouvernance ..."."""
    head = candidate.head
    first = candidate.words[0]
    if head.feature("Number") == "Plur":
        article = "les"
    elif starts_with_vowel_sound(first):
        article = "l'"
    else:
        article = _DEFINITE.get((head.feature("Gender") or "Masc", "Sing"), "le")
    text = article + ("" if article.endswith("'") else " ") + " ".join(candidate.words)
    text = text.replace("' ", "'").replace("’ ", "’")
    return text[0].upper() + text[1:]


def _word_count(title: str) -> int:
    return len(title.replace("'", "' ").split())


def _vector(lemmas: Sequence[str]) -> np.ndarray | None:
    vectors = [v for v in map(word_vector, lemmas) if v is not None]
    return np.mean(vectors, axis=0) if vectors else None


class _Sections:
    """The analysed sentences of each section and their lemma counts."""

    def __init__(self, sections: Sequence[Sequence[str]]) -> None:
        texts = [[s for p in section for s in split_sentences(p)] for section in sections]
        analysed = analyse_many([s for section in texts for s in section])
        self.sentences: list[list[AnalysedSentence]] = []
        position = 0
        for section in texts:
            self.sentences.append(analysed[position : position + len(section)])
            position += len(section)
        self.counts = [
            Counter(
                t.lemma.casefold()
                for sentence in section
                for t in sentence.tokens
                if t.pos in _CONTENT
            )
            for section in self.sentences
        ]
        self.df = Counter(lemma for counts in self.counts for lemma in counts)
        self._centroids: dict[int, np.ndarray | None] = {}

    def idf(self, lemma: str) -> float:
        total = len(self.counts)
        return math.log((total + 1) / (self.df[lemma] + 0.5)) if total > 1 else 1.0

    def half_idf(self) -> float:
        """The idf of a word found in half the sections."""
        total = len(self.counts)
        return math.log((total + 1) / (total / 2 + 0.5)) if total > 1 else 1.0

    def centroid(self, index: int) -> np.ndarray | None:
        """The mean vector of the section's sentences (computed once: every candidate
        title of the section is compared with it)."""
        if index not in self._centroids:
            vectors = [s.vector for s in self.sentences[index] if np.any(s.vector)]
            self._centroids[index] = np.mean(vectors, axis=0) if vectors else None
        return self._centroids[index]

    def actors(self) -> set[str]:
        """Nouns that are the subject of a verb in most sections: who acts ("la
        délégation chinoise"), not what a section is about."""
        by_section = Counter(
            lemma
            for section in self.sentences
            for lemma in {
                t.lemma.casefold()
                for sentence in section
                for t in sentence.tokens
                if t.dep in _SUBJECTS and t.pos in ("NOUN", "PROPN")
            }
        )
        return {lemma for lemma, count in by_section.items() if 2 * count > len(self.sentences)}

    def claim(self, index: int, actors: set[str]) -> str:
        """The head noun of the section's main claim: the subject (else the object) of
        the main verb of its most central sentence (the closest to the section's mean)
        that has one that is not one of the article's actors; "" when none has."""
        centroid = self.centroid(index)
        sentences = [s for s in self.sentences[index] if np.any(s.vector)]
        if centroid is None or not sentences:
            return ""
        for central in sorted(sentences, key=lambda s: -cosine(s.vector, centroid)):
            for role in (_SUBJECTS, {"obj"}):
                for token in central.tokens:
                    head = central.tokens[token.head]
                    if (
                        token.dep in role
                        and token.pos == "NOUN"
                        and head.dep == "ROOT"
                        and token.lemma.casefold() not in actors
                    ):
                        return token.lemma.casefold()
        return ""


def _common_only(lemmas: Sequence[str]) -> bool:
    threshold = BARE_COMMON_ZIPF if len(lemmas) == 1 else COMMON_ZIPF
    return all(zipf(lemma) >= threshold for lemma in lemmas)


def _score(
    candidate: _Candidate,
    sections: _Sections,
    index: int,
    repeats: int,
    taken: TakenTitles,
    claim: str = "",
) -> float:
    counts = sections.counts[index]
    # The section's main claim may be about what every section mentions ("la
    # gouvernance de l'IA"): its words keep at least the weight of a word of half the
    # sections, unless the article's title says them already.
    own = candidate.lemmas[0] == claim and not set(candidate.lemmas) & taken.document_lemmas
    floor = sections.half_idf() if own else 0.0
    weights = [
        math.sqrt(counts[lemma] or 1)
        * max(sections.idf(lemma), floor)
        * (1 + max(0.0, 6 - zipf(lemma)) / 6)
        for lemma in candidate.lemmas
    ]
    score = weights[0] + 0.6 * sum(weights[1:])
    centroid, vector = sections.centroid(index), _vector(candidate.lemmas)
    if centroid is not None and vector is not None:
        score *= 0.5 + max(0.0, cosine(vector, centroid))
    score *= 1 + 0.2 * (repeats - 1)
    # "La sécurité" names less than "La sécurité de l'IA".
    score *= 1 + COMPLEMENT_BONUS * (len(candidate.lemmas) - 1)
    head = candidate.lemmas[0]
    if head in VAGUE_TITLE_HEADS or _common_only(candidate.lemmas):
        score *= VAGUE_HEAD_FACTOR
    if head in taken.document_lemmas:
        score *= 0.6
    if taken.uses_head(head):
        score *= 0.4
    if taken.covers(set(candidate.lemmas), head):
        score *= 0.3
    return score


def topic_titles(sections: Sequence[Sequence[str]], document_title: str = "") -> list[str]:
    """A title for each section (a list of paragraphs), "" where none is found.

    Raises :class:`AnalysisUnavailableError` without the language model."""
    analysed = _Sections(sections)
    taken = TakenTitles((), document_title)
    actors = analysed.actors()
    titles = []
    for index, sentences in enumerate(analysed.sentences):
        claim = analysed.claim(index, actors)
        candidates = [c for sentence in sentences for c in _candidates(sentence)]
        rendered: dict[str, _Candidate] = {}
        for candidate in candidates:
            title = _render(candidate)
            if (
                MIN_WORDS <= _word_count(title) <= MAX_WORDS
                and title.casefold() not in taken.casefolded
            ):
                rendered.setdefault(title, candidate)
        repeats = Counter(_render(c) for c in candidates)
        scored = {
            title: _score(candidate, analysed, index, repeats[title], taken, claim)
            for title, candidate in rendered.items()
        }
        best = min(scored, key=lambda title: (-scored[title], title)) if scored else ""
        taken.add(best)
        titles.append(best)
    return titles


__all__ = ["AnalysisUnavailableError", "topic_titles"]
