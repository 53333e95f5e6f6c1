"""Introduce people and keep one name per actor, from the parse.

- A person's first mention in the summary carries who they are, from the apposition the
  article gives ("Wu Zhaohui, vice-ministre chinois des Sciences et de la Technologie");
  later mentions lose it.
- A sentence opening with "Il"/"Elle" gets the subject of the article sentence before it
  (when the pronoun agrees with it in gender and number); one the parse cannot resolve
  is left out of the summary rather than guessed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from exporter.summary.compression import Compressed
from exporter.text.analysis import AnalysedSentence, Analysis

_PRONOUNS = {"il": ("Masc", "Sing"), "elle": ("Fem", "Sing"), "ils": ("Masc", "Plur"),
             "elles": ("Fem", "Plur")}  # fmt: skip


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
                if described not in text:
                    result[index] = _insert_after(text, name, f", {description},")
            else:
                result[index] = text.replace(f"{described},", name).replace(described, name)
    return result


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
