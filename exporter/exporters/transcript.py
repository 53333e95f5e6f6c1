"""Timed transcripts: WebVTT and SRT, one cue per sentence (and per heading).

The cues come from the same clip timings as the MP3 chapters and the EPUB Media Overlays,
so a player showing captions highlights exactly what is being read.
"""

from __future__ import annotations

from pathlib import Path

from exporter.escaping import srt_cue_text, vtt_cue_text
from exporter.exporters import ExportContext, register_exporter
from exporter.fsutil import atomic_write_text
from exporter.model import TITLE_ID, Document
from exporter.narration.model import Narration
from exporter.text.dates import clock


def unit_texts(document: Document) -> dict[str, str]:
    """The written text of every narrated unit, by id."""
    texts = {TITLE_ID: document.title}
    for section in document.sections:
        texts[section.title_id] = section.title
        for sentence in section.sentences():
            texts[sentence.id] = sentence.text
    return texts


def render_vtt(document: Document, narration: Narration) -> str:
    texts = unit_texts(document)
    lines = ["WEBVTT", "Kind: captions", "Language: fr", ""]
    for clip in narration.clips:
        lines += [
            clip.id,
            " --> ".join(
                clock(ms, separator=".", hour_digits=2) for ms in (clip.start_ms, clip.end_ms)
            ),
            vtt_cue_text(texts[clip.id]),
            "",
        ]
    return "\n".join(lines)


def render_srt(document: Document, narration: Narration) -> str:
    texts = unit_texts(document)
    lines: list[str] = []
    for number, clip in enumerate(narration.clips, start=1):
        lines += [
            str(number),
            " --> ".join(
                clock(ms, separator=",", hour_digits=2) for ms in (clip.start_ms, clip.end_ms)
            ),
            srt_cue_text(texts[clip.id]),
            "",
        ]
    return "\n".join(lines)


class TranscriptExporter:
    name = "transcript"
    description = "timed transcript, WebVTT and SRT (one cue per sentence)"

    def export(self, context: ExportContext) -> list[Path]:
        narration = context.narration
        vtt = context.out_dir / f"{context.slug}.vtt"
        srt = context.out_dir / f"{context.slug}.srt"
        atomic_write_text(vtt, render_vtt(context.document, narration))
        atomic_write_text(srt, render_srt(context.document, narration))
        return [vtt, srt]


register_exporter("transcript", TranscriptExporter, narrated=True)
