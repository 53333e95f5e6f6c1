"""What a plain-language summary is made of."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, kw_only=True, slots=True)
class Readability:
    words: int
    sentences: int
    syllables: int
    words_per_sentence: float
    syllables_per_word: float
    #: Kandel & Moles (1958): 207 - 1.015 * words/sentence - 73.6 * syllables/word.
    kandel_moles: float


@dataclass(frozen=True, kw_only=True, slots=True)
class GlossaryEntry:
    term: str
    definition: str
    kind: Literal["acronym", "word"]
    #: Where the definition comes from: "article" (the text itself) or "dictionary".
    source: str


@dataclass(frozen=True, kw_only=True, slots=True)
class SectionBrief:
    section_id: str
    title: str
    sentence: str


@dataclass(frozen=True, kw_only=True, slots=True)
class PlainSummary:
    sentences: tuple[str, ...]
    briefs: tuple[SectionBrief, ...]
    glossary: tuple[GlossaryEntry, ...]
    original: Readability
    simplified: Readability
    #: "L'essentiel": one or two plain sentences (40 words at most) telling the story.
    essentiel: tuple[str, ...] = ()
