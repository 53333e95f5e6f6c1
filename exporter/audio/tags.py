"""What audio files say about themselves: ID3 tags and chapters (MP3), FFMETADATA (M4B).

MP3 tags are ID3v2.4 written with mutagen: one chapter (CHAP) per section listed by a
table of contents (CTOC), and the cover (APIC). CHAP frames are stored in time order:
players and ffmpeg that ignore the CTOC list chapters in file order. The recording date
(TDRC) is the article's publication date, and only when it is known; the build date is the
encoding time (TDEN). M4B files get their tags and chapters from ffmpeg itself, through an
FFMETADATA document (see :mod:`exporter.audio.encoding`); their chapter track is then
marked French (:func:`set_chapter_track_language`), as ffmpeg leaves it English.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mutagen.id3 import (
    APIC,
    CHAP,
    COMM,
    CTOC,
    ID3,
    TALB,
    TCON,
    TDEN,
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
from exporter.model import Document
from exporter.narration.model import Chapter, Narration

GENRE = "Speech"
#: The artist named when the article has neither author nor publisher.
SYNTHETIC_VOICE_ARTIST = "Voix de synthèse"
#: ISO 639-2 codes: ID3 (TLAN) and MP4 track languages use the bibliographic form.
LANGUAGE_CODES = {"fr": "fre"}


@dataclass(frozen=True, kw_only=True, slots=True)
class AudioTags:
    """What every audio file says about itself, whatever its container."""

    title: str
    artist: str
    album: str
    #: The article's publication date (ISO 8601), "" when unknown.
    date: str
    #: When the file was made (ISO 8601 date).
    encoded: str
    language: str
    comment: str
    encoder: str

    @classmethod
    def of(cls, document: Document, *, engine: str) -> AudioTags:
        meta = document.metadata
        origin = meta.origin
        return cls(
            title=document.title,
            artist=meta.author or origin or SYNTHETIC_VOICE_ARTIST,
            album=origin or document.title,
            date=meta.date or "",
            encoded=dt.date.today().isoformat(),
            language=LANGUAGE_CODES.get(document.language, document.language),
            comment=meta.description,
            encoder=f"exporter {__version__}, voice engine {engine}",
        )


class _TimeOrderedID3(ID3):
    """mutagen stores frames by importance, then by size: chapters would come out of order
    (chp1, chp3, chp2). This keeps its order for the other frames and writes the CHAP
    frames in time order, after them."""

    def __init__(self) -> None:
        base: Any = super()
        base.__init__()

    def _write(self, config: Any) -> bytearray:
        from mutagen.id3._tags import save_frame

        tags: Any = self
        base: Any = super()
        chapters = sorted(tags.getall("CHAP"), key=lambda frame: (frame.start_time, frame.end_time))
        tags.delall("CHAP")
        try:
            head = bytearray(base._write(config))
        finally:
            for chapter in chapters:
                tags.add(chapter)
        return head + b"".join(save_frame(chapter, config=config) for chapter in chapters)


def _id3_common(tags: AudioTags, *, cover: bytes | None, cover_mime: str) -> ID3:
    id3: ID3 = _TimeOrderedID3()
    id3.add(TIT2(encoding=3, text=tags.title))
    id3.add(TPE1(encoding=3, text=tags.artist))
    id3.add(TALB(encoding=3, text=tags.album))
    id3.add(TLAN(encoding=3, text=tags.language))
    if tags.date:
        id3.add(TDRC(encoding=3, text=tags.date))
    id3.add(TDEN(encoding=3, text=tags.encoded))
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


# --- MP4 track languages -------------------------------------------------------------

_MP4_CONTAINERS = frozenset({b"moov", b"trak", b"mdia"})


def _mp4_boxes(data: bytes | bytearray, start: int, end: int) -> list[tuple[bytes, int, int]]:
    """(type, payload start, box end) of the boxes between ``start`` and ``end``."""
    boxes = []
    position = start
    while position + 8 <= end:
        size = int.from_bytes(data[position : position + 4], "big")
        kind = bytes(data[position + 4 : position + 8])
        header = 8
        if size == 1:
            size = int.from_bytes(data[position + 8 : position + 16], "big")
            header = 16
        elif size == 0:
            size = end - position
        if size < header or position + size > end:
            break
        boxes.append((kind, position + header, position + size))
        position += size
    return boxes


def _mdhd_language_offset(data: bytes | bytearray, mdhd: int) -> int:
    version = data[mdhd]
    return mdhd + 4 + (28 if version == 1 else 16)


def mp4_track_languages(data: bytes | bytearray) -> list[tuple[str, str, int]]:
    """(handler type, ISO 639-2 language, offset of the language) of each track."""
    tracks = []
    for kind, start, end in _mp4_boxes(data, 0, len(data)):
        if kind != b"moov":
            continue
        for trak_kind, trak_start, trak_end in _mp4_boxes(data, start, end):
            if trak_kind != b"trak":
                continue
            for mdia_kind, mdia_start, mdia_end in _mp4_boxes(data, trak_start, trak_end):
                if mdia_kind != b"mdia":
                    continue
                inner = {k: s for k, s, _ in _mp4_boxes(data, mdia_start, mdia_end)}
                if b"mdhd" not in inner or b"hdlr" not in inner:
                    continue
                handler = bytes(data[inner[b"hdlr"] + 8 : inner[b"hdlr"] + 12]).decode("latin-1")
                offset = _mdhd_language_offset(data, inner[b"mdhd"])
                packed = int.from_bytes(data[offset : offset + 2], "big")
                language = "".join(chr(((packed >> shift) & 0x1F) + 0x60) for shift in (10, 5, 0))
                tracks.append((handler, language, offset))
    return tracks


def set_chapter_track_language(target: Path, language: str) -> None:
    """Mark the M4B's chapter track (a text track) with ``language`` (ISO 639-2), in place:
    ffmpeg writes it with the QuickTime code 0, which players read as English."""
    data = bytearray(target.read_bytes())
    packed = 0
    for letter in language:
        packed = (packed << 5) | (ord(letter) - 0x60)
    for handler, _, offset in mp4_track_languages(data):
        if handler in ("text", "sbtl"):
            data[offset : offset + 2] = packed.to_bytes(2, "big")
    target.write_bytes(bytes(data))
