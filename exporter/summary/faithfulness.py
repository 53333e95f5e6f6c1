"""Automatic faithfulness checks of a summary against its article.

A summary is faithful when every number, date and name it holds comes from the article,
every sentence has a verb and ends where a thought ends, and no subject pronoun points
at something the summary does not say. The offline summarizer is built so that these
hold; the checks prove it (benchmark, tests) and guard the LLM backend, whose replies
are rejected when they fail.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from exporter.summary.readability import words
from exporter.summary.rules_data import DANGLING_ENDINGS, IMPERSONAL_AFTER_IL, UNRESOLVABLE_OPENINGS
from exporter.text.fr_words import AUXILIARY_ENDINGS, OBJECT_CLITICS, SUBJECT_PRONOUNS
from exporter.text.grammar import has_verb, is_finite_verb, is_plain_verb, is_verb_at
from exporter.text.words import WORD_TOKEN, lemma

#: Words after which "que" compares instead of opening a clause ("plus que", "ainsi que").
COMPARATIVES = frozenset(
    {
        "plus",
        "moins",
        "ainsi",
        "autant",
        "tel",
        "telle",
        "tels",
        "telles",
        "aussi",
        "même",
        "bien",
        "avant",
        "après",
        "alors",
        "tandis",
        "autre",
        "autres",
        "davantage",
        "parce",
    }
)

#: Words a rewritten sentence may start with though the article never wrote them.
SENTENCE_OPENERS = frozenset({"selon", "le", "la", "les", "l", "un", "une", "des", "mais"})

_NUMBER = re.compile(r"\d+(?:[,.\u202f\u00a0 ]\d+)*")
_NAME = re.compile(r"[A-ZÀ-Ý][\w’'-]*")


@dataclass(frozen=True, kw_only=True, slots=True)
class Problem:
    sentence: str
    kind: str
    detail: str


def _normalise(text: str) -> str:
    text = text.replace("\u00ad", "").replace("’", "'")
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


def _digits(text: str) -> set[str]:
    return {re.sub(r"\D", "", number) for number in _NUMBER.findall(text)}


def unsupported_facts(sentence: str, article: str) -> list[Problem]:
    """Numbers and names of ``sentence`` that the article does not contain."""
    article = _normalise(article)
    sentence = _normalise(sentence)
    problems: list[Problem] = []
    article_numbers = _digits(article)
    for number in _NUMBER.findall(sentence):
        if re.sub(r"\D", "", number) not in article_numbers:
            problems.append(Problem(sentence=sentence, kind="number", detail=number))
    folded_article = article.casefold()
    for position, match in enumerate(_NAME.finditer(sentence)):
        name = match.group(0).rstrip("'-")
        bare = re.sub(r"^(?:[A-Z]|Qu)'", "", name)
        # At the start of a sentence a capital proves nothing: the word must only exist.
        sentence_start = match.start() == 0 or sentence[: match.start()].rstrip().endswith(
            (".", ":", "«")
        )
        if sentence_start or position == 0:
            found = bare.casefold() in folded_article or bare.casefold() in SENTENCE_OPENERS
        else:
            found = bare in article
        if not found:
            problems.append(Problem(sentence=sentence, kind="name", detail=name))
    return problems


def incomplete(sentence: str) -> list[Problem]:
    """A sentence without a verb, or cut mid-thought."""
    problems: list[Problem] = []
    if not has_verb(sentence):
        problems.append(Problem(sentence=sentence, kind="no verb", detail=""))
    tokens = WORD_TOKEN.findall(sentence)
    # "l'informatique" ends on "informatique"; a bare "qu'" ends on "qu".
    last = (
        next((part for part in reversed(re.split(r"['’]", tokens[-1].casefold())) if part), "")
        if tokens
        else ""
    )
    if not sentence.rstrip().endswith((".", "!", "?", "»")):
        problems.append(Problem(sentence=sentence, kind="cut", detail="no final stop"))
    elif (
        last in DANGLING_ENDINGS
        or last in AUXILIARY_ENDINGS
        or _present_participle(last)
        or sentence.rstrip(" .").endswith((",", ";", ":"))
    ):
        problems.append(Problem(sentence=sentence, kind="cut", detail=f"ends on '{last}'"))
    if _clause_without_verb(sentence):
        problems.append(Problem(sentence=sentence, kind="cut", detail="'que'/'qui' without verb"))
    for opening, closing in (("(", ")"), ("«", "»"), ("[", "]")):
        if sentence.count(opening) != sentence.count(closing):
            problems.append(Problem(sentence=sentence, kind="cut", detail=f"unbalanced {opening}"))
    return problems


def _present_participle(word: str) -> bool:
    """'consistant', 'luttant': a participle that announces a complement."""
    if not word.endswith("ant") or len(word) < 6:
        return False
    return lemma(word[:-3] + "ent").endswith(("er", "ir", "re"))


def _clause_without_verb(sentence: str) -> bool:
    """A 'que', 'qui' or 'dont' clause with no verb after it: the thought was cut."""
    tokens = WORD_TOKEN.findall(sentence)
    for index, token in enumerate(tokens):
        word = re.split(r"['’]", token.casefold())[0]
        before = tokens[index - 1].casefold() if index else ""
        if word in {"que", "qu", "qui", "dont", "quand", "lorsque", "lorsqu"} and (
            before not in COMPARATIVES
        ):
            later = tokens[index + 1 :]
            if not any(is_verb_at(later, position) for position in range(len(later))) and not (
                word == "qu" and is_finite_verb(token)
            ):
                return True
    return False


def dangling_pronoun(sentence: str) -> Problem | None:
    """A subject pronoun opening the sentence (its referent is then not in it).

    Summary sentences are read on their own (lists, briefs, audio): a sentence that
    opens on "il", "elle", "cela"… depends on another one. Impersonal "il y a",
    "il faut" refer to nothing and are fine.
    """
    tokens = WORD_TOKEN.findall(sentence)
    if not tokens:
        return None
    inverted = re.search(r"\w-t?-(?:il|elle|ils|elles)\b", sentence)
    if inverted:  # "a-t-il précisé": who is "il"?
        return Problem(sentence=sentence, kind="pronoun", detail=inverted.group(0))
    first = tokens[0].casefold()
    rest = sentence[len(tokens[0]) :].lstrip().casefold()
    if first == "il" and rest.startswith(IMPERSONAL_AFTER_IL):
        return None
    if first in SUBJECT_PRONOUNS or first in UNRESOLVABLE_OPENINGS:
        return Problem(sentence=sentence, kind="pronoun", detail=tokens[0])
    if first == "ce" and len(tokens) > 1 and tokens[1].casefold() in {"dernier", "dernière"}:
        return Problem(sentence=sentence, kind="pronoun", detail="ce dernier")
    return object_pronoun(sentence)


def object_pronoun(sentence: str) -> Problem | None:
    """An object pronoun before a verb ("l'investira", "les réutiliser", "lui a dit")."""
    tokens = WORD_TOKEN.findall(sentence)
    for index, token in enumerate(tokens[1:], start=1):
        lowered = token.casefold()
        elided = re.match(r"^l['’](\w+)$", lowered)
        if elided and is_plain_verb(elided.group(1)):
            return Problem(sentence=sentence, kind="pronoun", detail=token)
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        clitic = lowered in OBJECT_CLITICS and bool(following) and is_plain_verb(following)
        # "pour la suite", "de la mer": after a preposition "la" is an article.
        if clitic and tokens[index - 1].casefold() not in {"de", "à", "par", "pour", "sur", "dans"}:
            return Problem(sentence=sentence, kind="pronoun", detail=token)
    return None


def problems(sentences: Sequence[str], article: str) -> list[Problem]:
    """Every faithfulness problem of a summary's sentences; empty when it is faithful."""
    found: list[Problem] = []
    for sentence in sentences:
        if not words(sentence):
            found.append(Problem(sentence=sentence, kind="empty", detail=""))
            continue
        found.extend(unsupported_facts(sentence, article))
        found.extend(incomplete(sentence))
        pronoun = dangling_pronoun(sentence)
        if pronoun is not None:
            found.append(pronoun)
    return found
