"""Timed narration: the audio of a document and where each unit sits in it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True, slots=True)
class Clip:
    """Where one narrated unit (a sentence, or a heading) sits in the audio."""

    id: str
    start_ms: int
    end_ms: int


@dataclass(frozen=True, kw_only=True, slots=True)
class Chapter:
    section_id: str
    title: str
    start_ms: int
    end_ms: int


@dataclass(frozen=True, kw_only=True, slots=True)
class Narration:
    """Mono 16-bit little-endian PCM with the timing of every narrated unit."""

    pcm: bytes
    sample_rate: int
    clips: tuple[Clip, ...]
    chapters: tuple[Chapter, ...]
    engine: str

    @property
    def duration_ms(self) -> int:
        return len(self.pcm) * 1000 // (2 * self.sample_rate)
