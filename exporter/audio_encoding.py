"""Encoding narration to MP3 with ffmpeg (from the ``imageio-ffmpeg`` wheel) and tagging it.

pydub only warns at import when ffmpeg is missing; we point it at the ffmpeg binary the
``imageio-ffmpeg`` wheel ships (or ``EXPORTER_FFMPEG``) and raise a clear error when there
is none. ffmpeg writes a LAME/Xing header carrying the encoder delay, so players start the
audio where our timings say it starts.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import shutil
from pathlib import Path

from mutagen.id3 import (
    CHAP,
    COMM,
    CTOC,
    ID3,
    TALB,
    TCON,
    TDRC,
    TIT2,
    TLAN,
    TPE1,
    TSSE,
    CTOCFlags,
)
from exporter._pydub import AudioSegment

from exporter import __version__
from exporter.errors import ExportError
from exporter.model import Document
from exporter.narration_model import Narration

#: Mono speech: 64 kbit/s is transparent for a 16–24 kHz voice.
MP3_BITRATE = "64k"


@functools.cache
def ffmpeg_executable() -> str:
    explicit = os.environ.get("EXPORTER_FFMPEG")
    if explicit:
        return explicit
    try:
        import imageio_ffmpeg

        return str(imageio_ffmpeg.get_ffmpeg_exe())
    except (ImportError, RuntimeError):
        found = shutil.which("ffmpeg")
        if found:
            return found
    raise ExportError("no ffmpeg found to encode MP3",
                      hint="pip install imageio-ffmpeg, or set EXPORTER_FFMPEG to an ffmpeg binary")


def encode_mp3(narration: Narration, target: Path, *, bitrate: str = MP3_BITRATE) -> None:
    """Encode the narration's PCM to an MP3 file at ``target``."""
    AudioSegment.converter = ffmpeg_executable()
    segment = AudioSegment(data=narration.pcm, sample_width=2, frame_rate=narration.sample_rate,
                           channels=1)
    try:
        segment.export(str(target), format="mp3", bitrate=bitrate,
                       parameters=["-ac", "1", "-write_xing", "1"])
    except Exception as error:  # pydub raises CouldntEncodeError or OSError
        raise ExportError(f"MP3 encoding failed: {error}") from error


def write_id3(target: Path, document: Document, narration: Narration, *, engine: str) -> None:
    """ID3v2.4 tags and one chapter (CHAP) per section, listed by a table of contents (CTOC)."""
    tags = ID3()
    meta = document.metadata
    tags.add(TIT2(encoding=3, text=document.title))
    tags.add(TPE1(encoding=3, text=meta.author or meta.publisher or "exporter"))
    tags.add(TALB(encoding=3, text=meta.publisher or meta.source or document.title))
    tags.add(TLAN(encoding=3, text="fre"))
    tags.add(TDRC(encoding=3, text=meta.date or dt.date.today().isoformat()))
    tags.add(TCON(encoding=3, text="Speech"))
    tags.add(TSSE(encoding=3, text=f"exporter {__version__}, voice engine {engine}"))
    if meta.description:
        tags.add(COMM(encoding=3, lang="fre", desc="", text=meta.description))
    chapter_ids = [f"chp{index}" for index in range(1, len(narration.chapters) + 1)]
    tags.add(CTOC(element_id="toc", flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
                  child_element_ids=chapter_ids,
                  sub_frames=[TIT2(encoding=3, text=document.title)]))
    for element_id, chapter in zip(chapter_ids, narration.chapters, strict=True):
        tags.add(CHAP(element_id=element_id, start_time=chapter.start_ms, end_time=chapter.end_ms,
                      sub_frames=[TIT2(encoding=3, text=chapter.title)]))
    tags.save(str(target), v2_version=4)
