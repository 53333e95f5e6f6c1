"""French section titles: noun phrases taken from the section itself.

A pattern over tokens (determiner, noun, adjectives, one "de" complement) using Lexique's
noun list, scored by how specific their words are to the section compared with the rest of
the article and with French at large. The article keeps the determiner the text used,
turned into a definite or indefinite one ("du secteur" -> "Le secteur").
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Generator, Iterable, Sequence
from dataclasses import dataclass

from exporter.parsers.sections.data import (
    BARE_NOUN_CONTEXT,
    CLAUSE_OPENERS,
    COMPLEMENT_PREPOSITIONS,
    DETERMINERS,
    FALLBACK_TITLE,
    FEMININE_DETERMINERS,
    FEMININE_SUFFIXES,
    GENERIC_HEADS,
    MASCULINE_DETERMINERS,
    MASCULINE_SUFFIXES,
    PRONOUN_CONTEXT,
)
from exporter.parsers.sections.tokens import (
    Token,
    agrees,
    content_lemmas,
    is_adjective,
    is_name,
    is_noun,
    is_prenominal,
    tokenize,
)
from exporter.text.french_tables import h_aspire
from exporter.text.words import VOWELS, is_past_participle, rarity
from exporter.text.words import lemma as lemma_of

MAX_TITLE_WORDS = 8
MIN_TITLE_WORDS = 2


@dataclass(frozen=True, kw_only=True, slots=True)
class _Candidate:
    words: tuple[str, ...]  # the phrase after its determiner, as written
    determiner: str  # lower-cased determiner as written, "" when the text had none
    head: str  # lemma of the head noun
    modifiers: tuple[str, ...]  # lemmas of the other content words
    paragraph: int  # index, within the section, of the paragraph it comes from


def starts_with_vowel_sound(word: str) -> bool:
    lower = word.lower()
    if lower.startswith(tuple(VOWELS)):
        return True
    return lower.startswith("h") and lower not in h_aspire() and lemma_of(lower) not in h_aspire()


def _genders(tokens: Sequence[Token]) -> dict[str, str]:
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
        while following < len(tokens) - 1 and is_prenominal(tokens[following]):
            following += 1
        noun = tokens[following]
        if is_noun(noun):
            votes.setdefault(lemma_of(noun.lower), Counter())[gender] += 1
        elif is_name(noun):
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
    if starts_with_vowel_sound(first):
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


def _name_run(tokens: Sequence[Token], start: int) -> int:
    """End of the run of names starting at ``start`` ("New York", "Falcon 9")."""
    end = start
    while end < len(tokens) and (
        is_name(tokens[end]) or (end > start and tokens[end].text.isdigit())
    ):
        end += 1
    return end


def _noun_gender(lemma: str, genders: dict[str, str], *, is_name: bool = False) -> str:
    if lemma in genders:
        return genders[lemma]
    return "?" if is_name else _guess_gender(lemma, genders)


def _candidates_in(
    tokens: Sequence[Token], paragraph: int, genders: dict[str, str]
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
        elif is_noun(token) and previous in BARE_NOUN_CONTEXT:
            determiner, position = "", index  # "questions de sécurité"
        else:
            continue
        words: list[str] = []
        while position < count and is_prenominal(tokens[position]):
            words.append(tokens[position].text)
            position += 1
        if position >= count:
            continue
        head_token = tokens[position]
        modifiers: list[str] = []
        if is_noun(head_token):
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
        elif determiner and is_name(head_token):
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
        tokens: Sequence[Token],
        position: int,
        noun: str,
        gender: str,
        *,
        participles: bool,
        limit: int = 2,
    ) -> Generator[_Candidate, None, int]:
        """Add up to ``limit`` adjectives agreeing with ``noun``; return where they end."""
        for _ in range(limit):
            if position >= len(tokens) or not is_adjective(tokens[position]):
                break
            word = tokens[position].lower
            if not agrees(noun, gender, word):
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
    tokens: Sequence[Token], position: int, phrase: _Phrase, genders: dict[str, str]
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
    while position < count and is_prenominal(tokens[position]):
        linked.append(tokens[position].text)
        position += 1
    if position >= count:
        return
    token = tokens[position]
    if is_noun(token):
        linked.append(token.text)
        lemma = lemma_of(token.lower)
        gender = _noun_gender(lemma, genders)
        position += 1
    elif is_name(token):
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
    section: Counter[str], totals: Counter[str], section_size: int, rest_size: int
) -> dict[str, float]:
    """Weight of each lemma in the section: frequent here, rare elsewhere and in French.

    ``totals`` counts the whole article (the section included)."""
    weights = {}
    for lemma, count in section.items():
        weight = math.log1p(count) * rarity(lemma)
        if rest_size:
            here = (count + 0.5) / max(section_size, 1)
            there = (totals[lemma] - count + 0.5) / rest_size
            weight *= math.sqrt(min(3.0, max(0.5, here / there)))
        weights[lemma] = weight
    return weights


def _lemmas_of(text: str) -> set[str]:
    return set(content_lemmas(tokenize(text)))


@dataclass(frozen=True, kw_only=True, slots=True)
class ArticleWords:
    """Each paragraph's tokens and content lemmas, and the article's totals: computed once
    per article, so that titling every section costs time linear in the article."""

    tokens: tuple[tuple[Token, ...], ...]
    lemmas: tuple[tuple[str, ...], ...]
    totals: Counter[str]
    genders: dict[str, str]

    @classmethod
    def of(cls, paragraphs: Sequence[str]) -> ArticleWords:
        tokens = tuple(tuple(tokenize(text)) for text in paragraphs)
        lemmas = tuple(tuple(content_lemmas(paragraph)) for paragraph in tokens)
        totals = Counter(lemma for paragraph in lemmas for lemma in paragraph)
        genders = _genders([token for paragraph in tokens for token in paragraph])
        return cls(tokens=tokens, lemmas=lemmas, totals=totals, genders=genders)


class TakenTitles:
    """Titles already given (and the document's): a new title must differ from them, and
    is penalised for reusing their words. Indexed by lemma so that each check costs time
    independent of how many sections came before."""

    def __init__(self, avoid: Iterable[str], document_title: str) -> None:
        self.casefolded = {document_title.casefold()} if document_title else set()
        self.document_lemmas = _lemmas_of(document_title)
        #: The lowest number a numbered fallback title may have.
        self.fallback_number = 2
        self._by_lemma: dict[str, set[frozenset[str]]] = {}
        for title in avoid:
            self.add(title)

    def add(self, title: str) -> None:
        if not title:
            return
        self.casefolded.add(title.casefold())
        lemmas = frozenset(_lemmas_of(title))
        for lemma in lemmas:
            self._by_lemma.setdefault(lemma, set()).add(lemmas)

    def uses_head(self, head: str) -> bool:
        return head in self._by_lemma

    def covers(self, content: set[str], head: str) -> bool:
        """Whether one earlier title holds all of ``content`` (which includes ``head``)."""
        return any(content <= used for used in self._by_lemma.get(head, ()))


def choose_title(
    section: Sequence[str],
    rest: Sequence[str],
    avoid: Collection[str],
    document_title: str,
) -> str:
    """The best title for ``section`` against the ``rest`` of the article."""
    words = ArticleWords.of([*section, *rest])
    return title_section(words, 0, len(section), TakenTitles(avoid, document_title))


def title_section(words: ArticleWords, start: int, end: int, taken: TakenTitles) -> str:
    """The title of paragraphs ``start:end`` of the article ``words``, not one ``taken``."""
    section_tokens = words.tokens[start:end]
    all_tokens = [token for tokens in section_tokens for token in tokens]
    section_lemmas = Counter(lemma for lemmas in words.lemmas[start:end] for lemma in lemmas)
    section_size = sum(section_lemmas.values())
    rest_size = sum(words.totals.values()) - section_size
    weights = _salience(section_lemmas, words.totals, section_size, rest_size)
    genders = words.genders

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
        if title.casefold() in taken.casefolded:
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
        if candidate.head in taken.document_lemmas:
            score *= 0.7
        if taken.uses_head(candidate.head):
            score *= 0.5
        if taken.covers(content, candidate.head):
            score *= 0.3
        if score > scored.get(title, -math.inf):
            scored[title] = score
    if scored:
        return min(scored, key=lambda title: (-scored[title], title))
    return _fallback_title(all_tokens, taken)


def _fallback_title(tokens: Sequence[Token], taken: TakenTitles) -> str:
    """A title for a section with no noun phrase: its rarest word, else a numbered label."""
    lemmas = sorted(set(content_lemmas(tokens)), key=lambda lemma: (-rarity(lemma), lemma))
    first_forms: dict[str, str] = {}  # a word or lemma -> its first form in the section
    for token in tokens:
        first_forms.setdefault(token.lower, token.text)
        first_forms.setdefault(lemma_of(token.lower), token.text)
    for lemma in lemmas:
        title = f"{FALLBACK_TITLE} : {first_forms[lemma]}"
        if title.casefold() not in taken.casefolded:
            return title
    if not taken.casefolded:
        return FALLBACK_TITLE
    # Numbers only grow: those below were all taken already (linear over an article).
    while f"{FALLBACK_TITLE} ({taken.fallback_number})".casefold() in taken.casefolded:
        taken.fallback_number += 1
    return f"{FALLBACK_TITLE} ({taken.fallback_number})"


def infer_title(
    paragraphs: Sequence[str], *, avoid: Collection[str] = (), document_title: str = ""
) -> str:
    """A short French noun phrase naming what ``paragraphs`` are about.

    The title comes from the paragraphs' own words, differs from every title in
    ``avoid`` and from ``document_title``, and has between 2 and 8 words.
    """
    return choose_title(paragraphs, (), avoid, document_title)
