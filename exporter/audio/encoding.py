"""Encoding narration to MP3 and M4B with ffmpeg (from the ``imageio-ffmpeg`` wheel), and tagging.

We use the ffmpeg binary the ``imageio-ffmpeg`` wheel ships (or ``EXPORTER_FFMPEG``) and
raise a clear error when there is none. The PCM goes to ffmpeg through a pipe. ffmpeg
writes a LAME/Xing header carrying the MP3 encoder delay, and an edit list for the AAC
priming samples, so players start the audio where our timings say it starts.

MP3 tags are ID3v2.4 written with mutagen: one chapter (CHAP) per section listed by a
table of contents (CTOC), and the cover (APIC). M4B files get their tags, chapters and
cover from ffmpeg itself (an FFMETADATA file and an attached picture).
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from mutagen.id3 import (
    APIC,
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
    TRCK,
    TSSE,
    CTOCFlags,
    PictureType,
)

from exporter import __version__
from exporter.audio.cover import document_origin
from exporter.errors import ExportError
from exporter.model import Document
from exporter.narration.model import Chapter, Narration

#: Mono speech: 64 kbit/s is transparent for a 16–24 kHz voice, in MP3 and in AAC-LC.
MP3_BITRATE = "64k"
AAC_BITRATE = "64k"
GENRE = "Speech"
#: The artist named when the article has neither author nor publisher.
SYNTHETIC_VOICE_ARTIST = "Voix de synthèse"
#: ISO 639-2 codes: ID3 (TLAN) and MP4 track languages use the bibliographic form.
LANGUAGE_CODES = {"fr": "fre"}
_FFMPEG_TIMEOUT_S = 600
#: LAME's presets scale the input by 0.95 (-0.45 dB) below 320 kbit/s to spare decoders
#: from clipping (measured: -0.44 dB at 32–256k, 0 at 320k). Our narration is already
#: normalised with 1 dB of headroom, so we undo it: the MP3 plays at the loudness we set.
_LAME_PRESET_SCALE = 0.95
_LAME_UNSCALED_KBPS = 320


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
    raise ExportError(
        "no ffmpeg found to encode audio",
        hint="pip install imageio-ffmpeg, or set EXPORTER_FFMPEG to an ffmpeg binary",
    )


def run_ffmpeg(arguments: Sequence[str], *, stdin: bytes = b"", what: str) -> bytes:
    """Run ffmpeg quietly; its stdout, or an :class:`ExportError` quoting its last words."""
    command = [ffmpeg_executable(), "-hide_banner", "-loglevel", "error", "-y"]
    if not stdin:
        command.append("-nostdin")
    command += arguments
    try:
        done = subprocess.run(
            command, input=stdin, capture_output=True, check=False, timeout=_FFMPEG_TIMEOUT_S
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise ExportError(f"{what} failed: {error}") from error
    if done.returncode != 0:
        last = done.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
        raise ExportError(f"{what} failed: ffmpeg said: {' / '.join(last) or 'nothing'}")
    return done.stdout


def _pcm_input(sample_rate: int) -> list[str]:
    return ["-f", "s16le", "-ar", str(sample_rate), "-ac", "1", "-i", "pipe:0"]


def section_pcm(narration: Narration, chapter: Chapter) -> bytes:
    """The part of the narration's PCM that one chapter spans."""
    bytes_per_ms = 2 * narration.sample_rate / 1000
    start = int(chapter.start_ms * bytes_per_ms) // 2 * 2
    end = int(chapter.end_ms * bytes_per_ms) // 2 * 2
    return narration.pcm[start:end]


def _lame_makeup_gain(bitrate: str) -> float:
    kbps = int(bitrate.lower().removesuffix("k"))
    return 1.0 if kbps >= _LAME_UNSCALED_KBPS else 1.0 / _LAME_PRESET_SCALE


def encode_mp3_pcm(
    pcm: bytes, sample_rate: int, target: Path, *, bitrate: str = MP3_BITRATE
) -> None:
    """Encode mono 16-bit PCM to an MP3 file at ``target`` (overwritten)."""
    makeup = f"volume={_lame_makeup_gain(bitrate):.6f}"
    run_ffmpeg(
        [
            *_pcm_input(sample_rate),
            "-af",
            makeup,
            "-c:a",
            "libmp3lame",
            "-b:a",
            bitrate,
            "-ac",
            "1",
            "-write_xing",
            "1",
            "-id3v2_version",
            "0",
            "-f",
            "mp3",
            str(target),
        ],
        stdin=pcm,
        what="MP3 encoding",
    )


def encode_mp3(narration: Narration, target: Path, *, bitrate: str = MP3_BITRATE) -> None:
    """Encode the narration's PCM to an MP3 file at ``target``."""
    encode_mp3_pcm(narration.pcm, narration.sample_rate, target, bitrate=bitrate)


def decode_pcm(source: Path, *, sample_rate: int | None = None) -> bytes:
    """Decode any audio file ffmpeg reads to mono 16-bit PCM (at ``sample_rate`` if given)."""
    resample = ["-ar", str(sample_rate)] if sample_rate else []
    return run_ffmpeg(
        [
            "-i",
            str(source),
            "-map",
            "0:a:0",
            "-ac",
            "1",
            *resample,
            "-f",
            "s16le",
            "-c:a",
            "pcm_s16le",
            "pipe:1",
        ],
        what="audio decoding",
    )


@dataclass(frozen=True, kw_only=True, slots=True)
class AudioTags:
    """What every audio file says about itself, whatever its container."""

    title: str
    artist: str
    album: str
    date: str
    language: str
    comment: str
    encoder: str

    @classmethod
    def of(cls, document: Document, *, engine: str) -> AudioTags:
        meta = document.metadata
        origin = document_origin(document)
        return cls(
            title=document.title,
            artist=meta.author or origin or SYNTHETIC_VOICE_ARTIST,
            album=origin or document.title,
            date=meta.date or dt.date.today().isoformat(),
            language=LANGUAGE_CODES.get(document.language, document.language),
            comment=meta.description,
            encoder=f"exporter {__version__}, voice engine {engine}",
        )


def _id3_common(tags: AudioTags, *, cover: bytes | None, cover_mime: str) -> ID3:
    id3 = ID3()
    id3.add(TIT2(encoding=3, text=tags.title))
    id3.add(TPE1(encoding=3, text=tags.artist))
    id3.add(TALB(encoding=3, text=tags.album))
    id3.add(TLAN(encoding=3, text=tags.language))
    id3.add(TDRC(encoding=3, text=tags.date))
    id3.add(TCON(encoding=3, text=GENRE))
    id3.add(TSSE(encoding=3, text=tags.encoder))
    if tags.comment:
        id3.add(COMM(encoding=3, lang=tags.language, desc="", text=tags.comment))
    if cover:
        id3.add(
            APIC(
                encoding=3,
                mime=cover_mime,
                type=PictureType.COVER_FRONT,
                desc="Couverture",
                data=cover,
            )
        )
    return id3


def write_id3(
    target: Path,
    document: Document,
    narration: Narration,
    *,
    engine: str,
    cover: bytes | None = None,
    cover_mime: str = "image/jpeg",
) -> None:
    """ID3v2.4 tags, the cover, and one chapter (CHAP) per section listed by a CTOC."""
    id3 = _id3_common(AudioTags.of(document, engine=engine), cover=cover, cover_mime=cover_mime)
    chapter_ids = [f"chp{index}" for index in range(1, len(narration.chapters) + 1)]
    id3.add(
        CTOC(
            element_id="toc",
            flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
            child_element_ids=chapter_ids,
            sub_frames=[TIT2(encoding=3, text=document.title)],
        )
    )
    for element_id, chapter in zip(chapter_ids, narration.chapters, strict=True):
        id3.add(
            CHAP(
                element_id=element_id,
                start_time=chapter.start_ms,
                end_time=chapter.end_ms,
                sub_frames=[TIT2(encoding=3, text=chapter.title)],
            )
        )
    id3.save(str(target), v2_version=4)


def write_section_id3(
    target: Path,
    document: Document,
    *,
    section_title: str,
    track: int,
    total: int,
    engine: str,
    cover: bytes | None = None,
    cover_mime: str = "image/jpeg",
) -> None:
    """Tags of one section's file: its own title, the article as album, track n/N."""
    tags = AudioTags.of(document, engine=engine)
    id3 = _id3_common(tags, cover=cover, cover_mime=cover_mime)
    id3.setall("TIT2", [TIT2(encoding=3, text=section_title)])
    id3.setall("TALB", [TALB(encoding=3, text=document.title)])
    id3.add(TRCK(encoding=3, text=f"{track}/{total}"))
    id3.save(str(target), v2_version=4)


def _ffmetadata_escape(value: str) -> str:
    # FFMETADATA gives '=', ';', '#', '\' and line breaks a meaning: escape them.
    escaped = "".join(f"\\{char}" if char in "=;#\\" else char for char in value)
    return escaped.replace("\n", "\\\n")


def ffmetadata(tags: AudioTags, chapters: Sequence[Chapter]) -> str:
    """An FFMETADATA1 document: the file's tags, then one [CHAPTER] per section (in ms)."""
    fields = {
        "title": tags.title,
        "artist": tags.artist,
        "album_artist": tags.artist,
        "album": tags.album,
        "genre": GENRE,
        "date": tags.date,
        "comment": tags.comment,
    }
    lines = [";FFMETADATA1"]
    lines += [f"{key}={_ffmetadata_escape(value)}" for key, value in fields.items() if value]
    for chapter in chapters:
        lines += [
            "[CHAPTER]",
            "TIMEBASE=1/1000",
            f"START={chapter.start_ms}",
            f"END={chapter.end_ms}",
            f"title={_ffmetadata_escape(chapter.title)}",
        ]
    return "\n".join(lines) + "\n"


def encode_m4b(
    narration: Narration,
    document: Document,
    target: Path,
    *,
    cover: bytes | None = None,
    bitrate: str = AAC_BITRATE,
) -> None:
    """An audiobook: mono AAC-LC in MP4 with chapters, tags and the cover as attached picture."""
    tags = AudioTags.of(document, engine=narration.engine)
    with tempfile.TemporaryDirectory(prefix="exporter-m4b-") as scratch:
        metadata_file = Path(scratch) / "metadata.txt"
        metadata_file.write_text(ffmetadata(tags, narration.chapters), encoding="utf-8")
        inputs = [*_pcm_input(narration.sample_rate), "-f", "ffmetadata", "-i", str(metadata_file)]
        maps = ["-map", "0:a", "-map_metadata", "1", "-map_chapters", "1"]
        if cover:
            cover_file = Path(scratch) / "cover.jpg"
            cover_file.write_bytes(cover)
            inputs += ["-i", str(cover_file)]
            maps += ["-map", "2:v", "-c:v", "copy", "-disposition:v:0", "attached_pic"]
        run_ffmpeg(
            [
                *inputs,
                *maps,
                "-c:a",
                "aac",
                "-profile:a",
                "aac_low",
                "-b:a",
                bitrate,
                "-ac",
                "1",
                "-metadata:s:a:0",
                f"language={tags.language}",
                "-movflags",
                "+faststart",
                "-f",
                "ipod",
                "-brand",
                "M4B ",
                str(target),
            ],
            stdin=narration.pcm,
            what="M4B encoding",
        )
