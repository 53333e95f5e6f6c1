"""The article's narration encoded once, for every exporter that plays it."""

from __future__ import annotations

from exporter.audio.encoding import mp3_stream
from exporter.exporters import ExportContext


def narration_mp3(context: ExportContext) -> bytes:
    """The article's narration as an MP3 stream, encoded once per article (and found in
    the audio cache when the same narration was encoded before): the MP3 file is this
    stream, and the EPUB's per-page audio is cut from it."""
    narration = context.narration
    return context.shared(
        "narration-mp3",
        lambda: mp3_stream(narration.pcm, narration.sample_rate, cache=context.audio_cache),
    )
