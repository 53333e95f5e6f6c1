"""Extractive, rule-simplified summaries in easy-to-read French, offline and deterministic.

The summary starts from the lead (news put the essential first), adds the sentences most
central to the article, and simplifies each by rules that only remove or split text:
parentheses and incidental clauses go, long sentences are split where both parts keep a
subject and a verb, datelines disappear. Nothing is ever added except a subject repeated
from the same sentence and the article's own expansion of an acronym, so every number,
date and name in the summary comes from the article.
"""

from __future__ import annotations

import functools
import logging
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from exporter.model import Document, Section
from exporter.summary.french_words import (
    ANAPHORIC_OPENINGS,
    FINITE_ENDINGS,
    FINITE_VERBS,
    INCIDENTAL_OPENERS,
    INFINITIVE_ENDINGS,
    NOT_VERBS,
    RELATIVE_PRONOUNS,
    STOPWORDS,
)
from exporter.summary.glossary import build_glossary, expansions_in
from exporter.summary.model import PlainSummary, SectionBrief
from exporter.summary.readability import readability, words

logger = logging.getLogger(__name__)

MIN_SENTENCES = 3
MAX_SENTENCES = 5
#: Word limits tried in turn: short sentences first, longer ones only if needed.
WORD_LIMITS = (15, 20, 28, 1000)
#: The lead is the article's essential: kept even when longer than the others.
LEAD_WORD_LIMIT = 30
BRIEF_WORD_LIMIT = 20
MAX_SUBJECT_WORDS = 6

_DATELINE = re.compile(
    r"^\s*\d{1,2}(?:er)?\s+[^\W\d_]+\s+\d{4}(?:\s*,\s*[^.,]{1,40})?\s*\.\s*(?:[-–—]\s*)?"
)
_PARENTHESIS = re.compile(r"\s*\([^()]*\)")
_TOKEN = re.compile(r"[\w'’-]+")
_QUOTE = re.compile(r"[«»\"“”]")
_SPACES = re.compile(r"\s+")


# --- small pure text steps -------------------------------------------------------------


def strip_dateline(sentence: str) -> str:
    """'22 mai 2012. - Le lancement …' -> 'Le lancement …'; a bare dateline -> ''."""
    return _DATELINE.sub("", sentence).strip()


def drop_parentheses(sentence: str) -> str:
    return _PARENTHESIS.sub("", sentence)


def _tidy(sentence: str) -> str:
    sentence = sentence.replace("\u00ad", "")  # soft hyphens from web pages
    sentence = _SPACES.sub(" ", sentence).strip(" ,;:")
    sentence = re.sub(r"\s+([,.;:])", r"\1", sentence)
    sentence = re.sub(r",\s*,", ",", sentence)
    sentence = re.sub(r"[,;:]\s*\.$", ".", sentence)
    if not sentence:
        return ""
    if sentence[-1] not in ".!?":
        sentence = sentence.rstrip(".…") + "."
    return sentence[0].upper() + sentence[1:]


def _lemma(word: str) -> str:
    return _cached_lemma(word.casefold())


@functools.cache
def _cached_lemma(word: str) -> str:
    import simplemma

    return str(simplemma.lemmatize(word, lang="fr"))


def is_finite_verb(token: str) -> bool:
    """Whether a token looks like a conjugated verb (no part-of-speech tagger needed)."""
    word = re.sub(r"^(?:[cdjlmnst]|qu)['’]", "", token.casefold())
    if word in FINITE_VERBS:
        return True
    if word in NOT_VERBS or len(word) < 3 or not word.isalpha():
        return False
    lemma = _lemma(word)
    return lemma != word and lemma.endswith(INFINITIVE_ENDINGS) and word.endswith(FINITE_ENDINGS)


def has_verb(sentence: str) -> bool:
    return any(is_finite_verb(token) for token in _TOKEN.findall(sentence))


def _first_verb_index(tokens: Sequence[str]) -> int | None:
    for index, token in enumerate(tokens):
        if is_finite_verb(token):
            return index
    return None


def has_subject(sentence: str) -> bool:
    """A subject before the first verb: a name, a pronoun or a noun group."""
    tokens = sentence.split()
    index = _first_verb_index(tokens)
    if index is None:
        return False
    return index > 0 or tokens[0].casefold().startswith(("s'", "s’", "n'", "n’"))


def drop_incidental_clauses(sentence: str) -> str:
    """Drop clauses set off by commas that add detail, not the main idea."""
    openers = "|".join(re.escape(opener) for opener in INCIDENTAL_OPENERS)
    sentence = re.sub(rf",\s+(?:{openers})\b[^,]*,", ",", sentence, flags=re.IGNORECASE)
    sentence = re.sub(rf"^(?:{openers})\b[^,]*,\s*", "", sentence, flags=re.IGNORECASE)
    relatives = "|".join(RELATIVE_PRONOUNS)
    sentence = re.sub(rf",\s+(?:{relatives})\b[^,;]*,\s*", " ", sentence)
    sentence = re.sub(rf",\s+(?:{relatives})\b[^,;]*(?=\.$)", "", sentence)
    return _drop_apposition(sentence)


def _drop_apposition(sentence: str) -> str:
    """'Wu Zhaohui, vice-ministre …, a prononcé' -> 'Wu Zhaohui a prononcé'."""
    match = re.match(r"^((?:[A-ZÀ-Ý][\w’'-]*\s?){1,4}),\s+([^,]{1,120}),\s+(.*)$", sentence)
    if not match or has_verb(match.group(2)) or not has_verb(match.group(3).split(",")[0]):
        return sentence
    return f"{match.group(1).strip()} {match.group(3)}"


def _subject_of(sentence: str) -> str | None:
    """The words before the first verb, when they are a short, self-standing subject."""
    tokens = sentence.split()
    index = _first_verb_index(tokens)
    if not index or index > MAX_SUBJECT_WORDS:
        return None
    # "s'est", "n'a": the clitic belongs to the verb group, not to the subject.
    while index > 0 and tokens[index - 1].casefold() in {"ne", "se", "s'", "n'", "y", "en"}:
        index -= 1
    subject = " ".join(tokens[:index])
    if not subject or "," in subject or subject.casefold() in ANAPHORIC_OPENINGS:
        return subject or None
    return subject


def split_sentence(sentence: str) -> list[str]:
    """Split at '; ' and at 'et' before a verb, repeating the subject where needed."""
    pieces: list[str] = []
    for part in re.split(r"\s*;\s+", sentence):
        pieces.extend(_split_at_and(part))
    complete = [_tidy(piece) for piece in pieces]
    if len(complete) > 1 and not all(has_verb(piece) and has_subject(piece) for piece in complete):
        return [_tidy(sentence)]
    return complete


def _split_at_and(clause: str) -> list[str]:
    tokens = clause.split()
    for index in range(1, len(tokens) - 1):
        if tokens[index] != "et" or not is_finite_verb(tokens[index + 1]):
            continue
        first = " ".join(tokens[:index]).rstrip(",")
        subject = _subject_of(first)
        if subject is None or not has_verb(first):
            continue
        second = f"{subject} {' '.join(tokens[index + 1 :])}"
        return [first, *_split_at_and(second)]
    return [clause]


def simplify(sentence: str) -> list[str]:
    """One article sentence -> zero or more short, complete plain sentences."""
    sentence = strip_dateline(sentence)
    if not sentence:
        return []
    sentence = _tidy(drop_incidental_clauses(_tidy(drop_parentheses(sentence))))
    return [piece for piece in split_sentence(sentence) if piece and has_verb(piece)]


# --- choosing sentences ----------------------------------------------------------------


@dataclass(frozen=True, kw_only=True, slots=True)
class _Candidate:
    position: int
    section_index: int
    text: str


def _content_lemmas(text: str) -> set[str]:
    return {
        _lemma(word)
        for word in words(text)
        if len(word) > 3 and word.casefold() not in STOPWORDS and not word[0].isdigit()
    }


def _centrality(candidates: Sequence[_Candidate], title: str) -> dict[int, float]:
    """Score each sentence by how many of its ideas recur elsewhere in the article."""
    bags = {candidate.position: _content_lemmas(candidate.text) for candidate in candidates}
    document_frequency: Counter[str] = Counter()
    for bag in bags.values():
        document_frequency.update(bag)
    title_lemmas = _content_lemmas(title)
    scores: dict[int, float] = {}
    for position, bag in bags.items():
        shared = sum(document_frequency[lemma] - 1 for lemma in bag) + 2 * len(bag & title_lemmas)
        scores[position] = shared / math.sqrt(len(bag) + 1)
    return scores


def _candidates(document: Document) -> list[_Candidate]:
    found: list[_Candidate] = []
    for section_index, section in enumerate(document.sections):
        for sentence in section.sentences():
            text = strip_dateline(sentence.text)
            if text:
                found.append(
                    _Candidate(position=len(found), section_index=section_index, text=text)
                )
    return found


def _opens_with_reference(sentence: str) -> bool:
    first = _TOKEN.match(sentence)
    if first is None:
        return False
    return re.split(r"['’]", first.group(0).casefold())[0] in ANAPHORIC_OPENINGS


def _usable(candidate: _Candidate) -> bool:
    # Quotations are hard to follow out of context and often span several sentences.
    return not _QUOTE.search(candidate.text) and not re.search(r"[?!]", candidate.text)


def _select(candidates: Sequence[_Candidate], scores: dict[int, float]) -> list[tuple[int, str]]:
    """Lead first, then the most central sentences; short ones first, longer only to reach 3."""
    by_score = sorted(candidates, key=lambda c: (-scores[c.position], c.position))
    lead = [c for c in candidates if _usable(c)][:1]
    chosen: dict[int, list[str]] = {}

    def count() -> int:
        return sum(len(pieces) for pieces in chosen.values())

    for pass_index, limit in enumerate(WORD_LIMITS):
        target = MAX_SENTENCES if pass_index == 0 else MIN_SENTENCES
        for candidate in [*lead, *by_score]:
            if count() >= target:
                break
            if candidate.position in chosen or not _usable(candidate):
                continue
            follows_chosen = candidate.position - 1 in chosen
            if _opens_with_reference(candidate.text) and not follows_chosen:
                continue
            allowed = max(limit, LEAD_WORD_LIMIT) if candidate in lead else limit
            pieces = [p for p in simplify(candidate.text) if len(words(p)) <= allowed]
            if pieces and (follows_chosen or not _opens_with_reference(pieces[0])):
                chosen[candidate.position] = pieces[: target - count()]
    return [(position, piece) for position in sorted(chosen) for piece in chosen[position]]


def expand_acronyms(sentences: Sequence[str], expansions: dict[str, str]) -> list[str]:
    """Give each acronym its expansion (from the article) at its first use in the summary."""
    result = list(sentences)
    for acronym, expansion in sorted(expansions.items()):
        pattern = re.compile(rf"\b{re.escape(acronym)}\b")
        spelled = re.compile(re.escape(expansion), re.IGNORECASE)
        for index, sentence in enumerate(result):
            expanded = spelled.search(sentence)
            bare = pattern.search(sentence)
            if expanded and (not bare or expanded.start() < bare.start()):
                if any(pattern.search(s) for s in result[index:]):
                    end = expanded.end()
                    result[index] = f"{sentence[:end]} ({acronym}){sentence[end:]}"
                break
            if bare:
                result[index] = f"{sentence[: bare.end()]} ({expansion}){sentence[bare.end() :]}"
                break
    return result


def _brief(
    section: Section, scores: dict[int, float], candidates: Sequence[_Candidate], index: int
) -> SectionBrief | None:
    own = [
        c
        for c in candidates
        if c.section_index == index and _usable(c) and not _opens_with_reference(c.text)
    ]
    ranked = (
        sorted(own, key=lambda c: (c.position != own[0].position, -scores[c.position], c.position))
        if own
        else []
    )
    fallback: str | None = None
    for candidate in ranked:
        pieces = simplify(candidate.text)
        if not pieces or _opens_with_reference(pieces[0]):
            continue
        if len(words(pieces[0])) <= BRIEF_WORD_LIMIT:
            return SectionBrief(section_id=section.id, title=section.title, sentence=pieces[0])
        fallback = fallback or pieces[0]
    if fallback is None:
        return None
    return SectionBrief(section_id=section.id, title=section.title, sentence=fallback)


def summarize(document: Document) -> PlainSummary:
    """A 3–5 sentence plain-language summary, one brief per section, glossary, readability."""
    candidates = _candidates(document)
    scores = _centrality(candidates, document.title)
    expansions = expansions_in(document.text)
    chosen = [sentence for _, sentence in _select(candidates, scores)]
    sentences = tuple(expand_acronyms(chosen, expansions))
    briefs = tuple(
        brief
        for index, section in enumerate(document.sections)
        if (brief := _brief(section, scores, candidates, index)) is not None
    )
    logger.debug(
        "summary of %r: %d sentences, %d briefs", document.title, len(sentences), len(briefs)
    )
    return PlainSummary(
        sentences=sentences,
        briefs=briefs,
        glossary=build_glossary(document.text),
        original=readability([sentence.text for sentence in document.sentences()]),
        simplified=readability(sentences),
    )
