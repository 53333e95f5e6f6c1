"""Narration: a document read aloud, sentence by sentence, with timings.

The title, each section heading and each sentence are synthesised separately (through the
cache), trimmed of the engine's own leading and trailing silence, and joined with pauses
whose length says where we are: longer between sections than between paragraphs, longer
between paragraphs than between sentences. Every unit's start and end is recorded: MP3
chapters, transcripts and EPUB Media Overlays are all derived from these timings.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from exporter.errors import EngineError, InputTooLargeError, SynthesisError
from exporter.model import TITLE_ID, Document
from exporter.narration.cache import AudioCache
from exporter.narration.engines import Engine
from exporter.narration.model import Chapter, Clip, Narration
from exporter.narration.pcm import length_ms, silence, trim
from exporter.narration.speakable import speakable_chunks
from exporter.progress import NullReporter, Reporter
from exporter.text.lexicon import Lexicon
from exporter.text.speech_marks import strip_marks

log = logging.getLogger(__name__)

#: Most text read aloud in one narration: about two hours of speech. The narration is
#: held in memory (16-bit PCM, ~115 MB an hour at 16 kHz, ~170 MB at 24 kHz) and encoded
#: in one piece, so a longer text is refused before any synthesis rather than streamed.
MAX_NARRATED_CHARS = 100_000


@dataclass(frozen=True, kw_only=True, slots=True)
class Pauses:
    """Silences in milliseconds, inserted after each kind of unit."""

    after_title: int = 1200
    after_heading: int = 800
    between_sentences: int = 400
    between_paragraphs: int = 800
    between_sections: int = 1600
    #: Silence kept at either end of the file, so players don't clip the first word.
    edge: int = 250


@dataclass(frozen=True, kw_only=True, slots=True)
class _Unit:
    id: str
    text: str
    pause_after: int
    section_id: str


def _units(document: Document, pauses: Pauses) -> Iterator[_Unit]:
    first = document.sections[0].id if document.sections else ""
    yield _Unit(id=TITLE_ID, text=document.title, pause_after=pauses.after_title, section_id=first)
    for s_index, section in enumerate(document.sections):
        yield _Unit(
            id=section.title_id,
            text=section.title,
            pause_after=pauses.after_heading,
            section_id=section.id,
        )
        for p_index, paragraph in enumerate(section.paragraphs):
            for index, sentence in enumerate(paragraph.sentences):
                if index < len(paragraph.sentences) - 1:
                    pause = pauses.between_sentences
                elif p_index < len(section.paragraphs) - 1:
                    pause = pauses.between_paragraphs
                elif s_index < len(document.sections) - 1:
                    pause = pauses.between_sections
                else:
                    pause = pauses.edge
                yield _Unit(
                    id=sentence.id, text=sentence.text, pause_after=pause, section_id=section.id
                )


class Narrator:
    """Reads documents aloud with one engine, reusing cached sentences."""

    def __init__(
        self,
        engine: Engine,
        *,
        cache: AudioCache | None = None,
        pauses: Pauses | None = None,
        reporter: Reporter | None = None,
        lexicon: Lexicon | None = None,
    ) -> None:
        self.engine = engine
        self.lexicon = lexicon or Lexicon()
        self.cache = cache
        self.pauses = pauses or Pauses()
        self.reporter = reporter or NullReporter()

    def _synthesise(self, spoken: str) -> bytes:
        return b"".join(self._synthesise_chunk(chunk) for chunk in speakable_chunks(spoken))

    def _synthesise_chunk(self, spoken: str) -> bytes:
        engine = self.engine
        key = AudioCache.key(
            engine=engine.name,
            settings=engine.settings_key(),
            sample_rate=engine.sample_rate,
            text=spoken,
        )
        if self.cache is not None:
            cached = self.cache.get(key)
            if cached is not None:
                return cached
        try:
            pcm = engine.synthesize(spoken)
        except EngineError:
            raise
        except Exception as error:
            raise SynthesisError(
                engine.name,
                f"failed to synthesise {spoken[:60]!r}: {error}",
                hint="Try again; if it persists, use another engine (--engine pico works offline).",
            ) from error
        if len(pcm) % 2:
            raise SynthesisError(
                engine.name,
                f"returned {len(pcm)} bytes for {spoken[:60]!r}, which is not 16-bit audio",
                hint="The engine is broken: try another one (exporter engines).",
            )
        if self.cache is not None:
            self.cache.put(key, pcm)
        return pcm

    def narrate(self, document: Document, *, label: str = "") -> Narration:
        """The document read aloud; InputTooLargeError when it exceeds MAX_NARRATED_CHARS."""
        units = list(_units(document, self.pauses))
        length = sum(len(unit.text) for unit in units)
        if length > MAX_NARRATED_CHARS:
            raise InputTooLargeError(
                label or document.metadata.source or document.title,
                f"{length:,} characters to read aloud, above the narration limit of "
                f"{MAX_NARRATED_CHARS:,} (about two hours of audio)",
                hint="Split the article into several, or write only the outputs without "
                "narration: --formats epub-text,summary.",
            )
        # The user's lexicon first: its readings, marked, survive the engine's normalisation
        # (the marks are gone before synthesis, whatever the engine's preparation).
        spoken = [
            strip_marks(self.engine.prepare(self.lexicon.apply(unit.text, mark=True)))
            for unit in units
        ]
        distinct = list(dict.fromkeys(spoken))
        audio: dict[str, bytes] = {}
        workers = max(1, self.engine.max_parallel)
        with ThreadPoolExecutor(max_workers=workers) as pool:
            # One at a time in this thread when the engine allows no more: Ctrl-C then
            # reaches the wait for the engine at once.
            results = (
                pool.map(self._synthesise, distinct)
                if workers > 1
                else (map(self._synthesise, distinct))
            )
            for done, (text, pcm) in enumerate(zip(distinct, results, strict=True), start=1):
                audio[text] = pcm
                self.reporter.advance(label, done, len(distinct))
        return self._assemble(document, units, [audio[text] for text in spoken])

    def _assemble(self, document: Document, units: list[_Unit], pcms: list[bytes]) -> Narration:
        rate = self.engine.sample_rate
        parts: list[bytes] = [silence(self.pauses.edge, rate)]
        position = self.pauses.edge
        clips: list[Clip] = []
        section_starts: dict[str, int] = {}
        for unit, pcm in zip(units, pcms, strict=True):
            # The engine's own silence cut at both ends, so clip timings match the sound.
            spoken = trim(pcm, rate)
            duration = length_ms(len(spoken) // 2, rate)
            section_starts.setdefault(unit.section_id, 0 if unit.id == TITLE_ID else position)
            clips.append(Clip(id=unit.id, start_ms=position, end_ms=position + duration))
            parts.append(spoken)
            parts.append(silence(unit.pause_after, rate))
            position += duration + unit.pause_after
        pcm = b"".join(parts)
        total_ms = len(pcm) * 1000 // (2 * rate)
        chapters = []
        for index, section in enumerate(document.sections):
            start = section_starts.get(section.id, 0)
            following = (
                document.sections[index + 1].id if index + 1 < len(document.sections) else None
            )
            end = section_starts.get(following, total_ms) if following else total_ms
            chapters.append(
                Chapter(section_id=section.id, title=section.title, start_ms=start, end_ms=end)
            )
        return Narration(
            pcm=pcm,
            sample_rate=rate,
            clips=tuple(clips),
            chapters=tuple(chapters),
            engine=self.engine.name,
        )
