"""Introduce people and keep one name per actor, from the parse.

- A person's first mention in the summary carries who they are, from the apposition the
  article gives ("Wu Zhaohui, vice-ministre chinois des Sciences et de la Technologie");
  later mentions lose it.
- A sentence opening with "Il"/"Elle" gets the subject of the article sentence before it
  (when the pronoun agrees with it in gender and number); one the parse cannot resolve
  is left out of the summary rather than guessed.
- One name per actor: a later subject naming an actor already named ("La délégation"
  after "La délégation chinoise"; "La partie chinoise", another collective noun with the
  same adjective, of the same gender and number) is written as the first name used.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from exporter.summary.compression import Compressed
from exporter.text.analysis import AnalysedSentence, Analysis, Token, analyse_many

_PRONOUNS = {"il": ("Masc", "Sing"), "elle": ("Fem", "Sing"), "ils": ("Masc", "Plur"),
             "elles": ("Fem", "Plur")}  # fmt: skip
#: Nouns naming a group acting as one (a country's delegation, "la partie chinoise").
COLLECTIVE_NOUNS = frozenset(
    {"délégation", "partie", "gouvernement", "camp", "côté", "diplomatie", "exécutif",
     "équipe", "administration", "autorités", "délégations", "parties"}
)  # fmt: skip


def introductions(analysis: Analysis) -> dict[str, str]:
    """Person's name -> the article's description of them (its first apposition)."""
    found: dict[str, str] = {}
    for sentence in analysis.sentences:
        for entity in sentence.entities:
            if entity.label != "PER" or entity.text in found:
                continue
            for token in sentence.tokens:
                if token.dep == "appos" and entity.start <= token.head < entity.end:
                    span = sentence.subtree(token.i)
                    text = "".join(t.text_with_ws for t in span).strip(" ,")
                    if 1 <= len(text.split()) <= 14:
                        found[entity.text] = text
                    break
    return found


def introduce(sentences: Sequence[str], descriptions: dict[str, str]) -> list[str]:
    """Each described person introduced at their first mention, and only there."""
    result = list(sentences)
    for name, description in descriptions.items():
        first = next((i for i, s in enumerate(result) if name in s), None)
        if first is None:
            continue
        described = f"{name}, {description}"
        for index in range(len(result)):
            text = result[index]
            if index == first:
                # Not where the sentence already says who they are ("Le président de la
                # République, Emmanuel Macron, ..."), nor a description naming them again.
                if not _says(text, description) and name not in description:
                    result[index] = _insert_after(text, name, f", {description},")
            else:
                result[index] = text.replace(f"{described},", name).replace(described, name)
    return result


_DETERMINER = re.compile(r"^(?:le|la|les|l['’]|un|une|des)\s*", re.IGNORECASE)


def _says(text: str, description: str) -> bool:
    """Whether ``text`` already holds the description (its determiner aside)."""
    core = _DETERMINER.sub("", description.strip()).casefold()
    return bool(core) and core in text.casefold()


def _insert_after(text: str, name: str, insert: str) -> str:
    start = text.index(name) + len(name)
    rest = text[start:]
    if rest.startswith((",", ".")):
        insert = insert.rstrip(",")
    return re.sub(r",\s*,", ",", text[:start] + insert + rest)


def _subject_phrase(sentence: AnalysedSentence) -> tuple[str, str, str] | None:
    """The main subject as a short noun phrase, with its gender and number."""
    root = sentence.root
    if root is None:
        return None
    for child in sentence.children(root.i):
        if child.dep not in {"nsubj", "nsubj:pass"} or child.pos not in {"NOUN", "PROPN"}:
            continue
        kept = [
            t
            for t in sentence.subtree(child.i)
            if t.i == child.i
            or (t.head == child.i and t.dep in {"det", "amod", "flat:name"} and t.i > child.i - 3)
        ]
        text = "".join(t.text_with_ws for t in kept).strip()
        return text, child.feature("Gender"), child.feature("Number")
    return None


def resolve_pronouns(analysis: Analysis, candidates: Sequence[Compressed]) -> list[Compressed]:
    """Candidates opening with a subject pronoun get the earlier subject, or are dropped."""
    result: list[Compressed] = []
    for candidate in candidates:
        first, _, rest = candidate.text.partition(" ")
        features = _PRONOUNS.get(first.casefold())
        if features is None:
            result.append(candidate)
            continue
        referent = None
        if candidate.source > 0:
            referent = _subject_phrase(analysis.sentences[candidate.source - 1])
        if referent is None:
            continue
        text, gender, number = referent
        if (gender and gender != features[0]) or (number and number != features[1]):
            continue
        result.append(
            Compressed(
                text=f"{text[0].upper()}{text[1:]} {rest}",
                source=candidate.source,
                split=candidate.split,
            )
        )
    return result


@dataclass(frozen=True, kw_only=True, slots=True)
class Actor:
    """A sentence's main subject when it is a plain noun phrase: determiner, noun and
    adjectives ("La délégation chinoise")."""

    phrase: str
    head: str
    adjectives: frozenset[str]
    gender: str
    number: str

    def same_as(self, earlier: Actor) -> bool:
        """Whether this later mention names the ``earlier`` actor another way."""
        if (self.gender, self.number) != (earlier.gender, earlier.number):
            return False
        if self.head == earlier.head:
            return self.adjectives < earlier.adjectives
        return (
            self.head in COLLECTIVE_NOUNS
            and earlier.head in COLLECTIVE_NOUNS
            and bool(self.adjectives)
            and self.adjectives <= earlier.adjectives
        )


def actor(sentence: AnalysedSentence) -> Actor | None:
    """The main subject as an :class:`Actor`, when it is only a determiner, a common noun
    and adjectives, side by side."""
    root = sentence.root
    if root is None:
        return None
    subject = next((c for c in sentence.children(root.i) if c.dep in {"nsubj", "nsubj:pass"}), None)
    if subject is None or subject.pos != "NOUN":
        return None
    span = sentence.subtree(subject.i)
    modifiers = [t for t in span if t.i != subject.i]
    if any(t.head != subject.i or t.dep not in {"det", "amod"} for t in modifiers):
        return None
    if span[-1].i - span[0].i + 1 != len(span):  # not side by side
        return None
    if _adjective_taken_for_the_verb(sentence, root, span[-1].i):
        # "La partie chinoise s'est déclarée prête": the parser made "chinoise" the
        # sentence's root and "La partie" its subject; the actor is "La partie chinoise".
        span = [*span, root]
    return Actor(
        phrase="".join(t.text_with_ws for t in span).strip(),
        head=subject.text.casefold(),
        adjectives=frozenset(t.text.casefold() for t in span if t.dep == "amod" or t is root),
        gender=subject.feature("Gender"),
        number=subject.feature("Number"),
    )


def _adjective_taken_for_the_verb(sentence: AnalysedSentence, root: Token, last: int) -> bool:
    """Whether the root is an adjective right after the subject, with no copula, whose
    verb the parser hung on it as a conjunct."""
    if root.pos != "ADJ" or root.i != last + 1:
        return False
    children = sentence.children(root.i)
    return not any(c.dep == "cop" for c in children) and any(
        c.dep == "conj" and c.pos == "VERB" for c in children
    )


def one_name(sentences: Sequence[str], *, before: Sequence[str] = ()) -> list[str]:
    """``sentences`` with each subject that names an actor already named (in ``before``
    or an earlier sentence) another way written as its first name."""
    parsed = analyse_many([*before, *sentences])
    named: list[Actor] = []
    result: list[str] = []
    for index, sentence in enumerate(parsed):
        text = sentence.text
        found = actor(sentence)
        if found is not None:
            first = next((a for a in named if found.same_as(a)), None)
            if first is None:
                named.append(found)
            else:
                text = _rename(text, found.phrase, first.phrase)
        if index >= len(before):
            result.append(text)
    return result


def _rename(text: str, old: str, new: str) -> str:
    start = text.find(old)
    if start < 0:
        return text
    new = new[:1].upper() + new[1:] if start == 0 else new[:1].lower() + new[1:]
    return text[:start] + new + text[start + len(old) :]
