"""The parts of a cut sentence (:mod:`exporter.summary.splitting`) as sentences: how one
is written out, and whether it reads as a sentence on its own.

A part is a set of tokens of the parsed sentence, with what opens it ("Mais") and what
it says again (a subject or an antecedent). Written out, it keeps the tokens' order and
spacing, a capital and a final point. It is a sentence when it has a subject and a finite
verb, at least MIN_WORDS words, no dangling "et" or "qui" at either end; a cut is refused
when a part holds a pronoun whose noun would only come in a later part.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from exporter.summary.compression import tidy, word_count
from exporter.summary.splitting_data import PERSONAL_PRONOUNS, SUBJECT_RELATIVES
from exporter.text.analysis import AnalysedSentence, Token, analyse_sentence

#: A part shorter than this is no sentence a reader can follow alone.
MIN_WORDS = 3
SUBJECTS = frozenset({"nsubj", "nsubj:pass", "expl:subj", "csubj"})
_DANGLING = frozenset({"CCONJ", "SCONJ", "ADP", "DET"})


@dataclass(frozen=True, kw_only=True, slots=True)
class Part:
    """One sentence of a cut: tokens of the parsed sentence, in order, and its opener."""

    tokens: frozenset[int]
    opener: str = ""
    #: The tokens said again (a repeated subject or antecedent), not the part's own.
    repeated: frozenset[int] = frozenset()


def render(sentence: AnalysedSentence, part: Part) -> str:
    """A part as a sentence: its tokens in order, its opener first, a final point."""
    indexes = sorted(part.tokens)
    pieces = [f"{part.opener} "] if part.opener else []
    for position, index in enumerate(indexes):
        token = sentence.tokens[index]
        text = token.text
        if index == 0 and (position or part.opener) and not _proper(token):
            text = text[:1].lower() + text[1:]  # "Le ministre" after "Mais"
        following = indexes[position + 1] if position + 1 < len(indexes) else None
        glue = " " if token.space or (following is not None and following != index + 1) else ""
        pieces.append(text + glue)
    return tidy("".join(pieces))


def _proper(token: Token) -> bool:
    return token.pos == "PROPN" or bool(token.ent_type) or token.text.isupper()


def orphans(sentence: AnalysedSentence, parts: Sequence[Part]) -> bool:
    """Whether a part holds a pronoun whose noun would only come in a later part:
    "Alors qu'ils encourent 94 ans, les Turpin ont plaidé" cannot start with "Ils …"."""
    for number, part in enumerate(parts):
        for index in part.tokens - part.repeated:
            token = sentence.tokens[index]
            if token.pos != "PRON" or token.text.casefold() not in PERSONAL_PRONOUNS:
                continue
            said = set().union(*(p.tokens for p in parts[: number + 1]))
            earlier = [t for t in sentence.tokens[:index] if t.i in said and agrees(t, token)]
            later = [
                sentence.tokens[i]
                for p in parts[number + 1 :]
                for i in p.tokens - p.repeated
                if sentence.tokens[i].dep in SUBJECTS and agrees(sentence.tokens[i], token)
            ]
            if later and not earlier:
                return True
    return False


def agrees(noun: Token, pronoun: Token) -> bool:
    if noun.pos not in {"NOUN", "PROPN"}:
        return False
    # The tagger guesses a first name's gender ("Jean": Fem): only a noun's is trusted.
    for feature in ("Gender", "Number") if noun.pos == "NOUN" else ("Number",):
        mine, theirs = noun.feature(feature), pronoun.feature(feature)
        if mine and theirs and mine != theirs:
            return False
    return True


def has_subject(sentence: AnalysedSentence, part: Part) -> bool:
    """Whether the part says who or what: a subject it repeats, or one of its own
    whose verb it holds."""
    return bool(part.repeated) or any(
        sentence.tokens[i].dep in SUBJECTS and sentence.tokens[i].head in part.tokens
        for i in part.tokens
    )


def sentence_like(text: str) -> bool:
    """Whether a text reads as a sentence on its own: a capital, a final point, a subject
    and a finite verb, at least MIN_WORDS words, and no dangling word at either end."""
    if word_count(text) < MIN_WORDS or not text[:1].isupper() or not text.endswith("."):
        return False
    parsed = analyse_sentence(text)
    words = [t for t in parsed.tokens if t.pos != "PUNCT"]
    if not words or words[-1].pos in _DANGLING or words[-1].text.casefold() in {"qui", "que"}:
        return False
    if words[0].text.casefold() in SUBJECT_RELATIVES | {"que", "et", "ou", "ni"}:
        return False
    if words[0].pos in {"VERB", "AUX"}:
        return False  # "Avait souffert …": its subject left in the other part
    subject = any(t.dep in SUBJECTS for t in parsed.tokens)
    finite = any(
        "VerbForm=Fin" in t.morph and t.feature("Mood") in {"Ind", "Cnd"} for t in parsed.tokens
    )
    return subject and finite
