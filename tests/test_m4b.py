"""The M4B audiobook: AAC in MP4, one chapter per section, tagged, with its cover."""

from __future__ import annotations

import subprocess
from pathlib import Path

from mutagen.mp4 import MP4, MP4Info

from exporter.audio.cover import render_cover
from exporter.audio.ffmpeg import ffmpeg_executable
from exporter.exporters import ExportContext, get_exporter
from exporter.model import Document, Metadata, Section
from exporter.narration.model import Narration
from exporter.narration.narrator import Narrator
from exporter.summary.model import PlainSummary
from tests.conftest import FakeEngine
from tests.test_narration import DOC


def _info(audio: MP4) -> MP4Info:
    assert audio.info is not None
    return audio.info


def _no_summary(document: Document) -> PlainSummary:
    raise AssertionError("the M4B exporter must not need the summary")


def _export(tmp_path: Path, document: Document) -> tuple[Path, Narration]:
    context = ExportContext(
        document=document,
        slug="article",
        out_dir=tmp_path,
        narrate=Narrator(FakeEngine()).narrate,
        summarize=_no_summary,
    )
    [path] = get_exporter("m4b").export(context)
    return path, context.narration


def _ffmpeg_report(path: Path) -> str:
    """What ffmpeg says about a file (imageio-ffmpeg ships no ffprobe)."""
    done = subprocess.run(
        [ffmpeg_executable(), "-hide_banner", "-i", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stderr


def test_m4b_has_chapters_tags_and_cover(tmp_path: Path) -> None:
    document = Document(
        title="Un titre",
        sections=DOC.sections,
        metadata=Metadata(publisher="Wikinews", date="2012-05-22", author="Jeanne Martin"),
    )
    path, narration = _export(tmp_path, document)
    assert path == tmp_path / "article.m4b"
    assert [p.name for p in tmp_path.iterdir()] == ["article.m4b"]  # no temporary file left
    assert path.read_bytes()[4:12] == b"ftypM4B "  # players file it as an audiobook

    audio = MP4(path)
    assert abs(_info(audio).length * 1000 - narration.duration_ms) < 100
    assert _info(audio).channels == 1
    assert _info(audio).codec == "mp4a.40.2"  # AAC-LC
    assert _info(audio).bitrate < 80_000  # a speech bitrate, not music

    assert audio.chapters is not None
    chapters = list(audio.chapters)
    assert [chapter.title for chapter in chapters] == [s.title for s in document.sections]
    starts_ms = [round(chapter.start * 1000) for chapter in chapters]
    assert starts_ms == [chapter.start_ms for chapter in narration.chapters]

    tags = audio.tags
    assert tags is not None
    assert tags["©nam"] == ["Un titre"]
    assert tags["©ART"] == ["Jeanne Martin"]
    assert tags["©alb"] == ["Wikinews"]
    assert tags["©gen"] == ["Speech"]
    assert tags["©day"] == ["2012-05-22"]
    [cover] = tags["covr"]
    assert bytes(cover) == render_cover(document)
    assert "(fre): Audio: aac (LC)" in _ffmpeg_report(path)


def test_titles_with_metadata_syntax_survive(tmp_path: Path) -> None:
    tricky = "Prix = 3 € ; #1 \\ fin"
    sections = (
        Section(id="s1", title=tricky, paragraphs=DOC.sections[0].paragraphs),
        DOC.sections[1],
    )
    path, _ = _export(tmp_path, Document(title=f"Titre {tricky}", sections=sections))
    audio = MP4(path)
    assert audio.tags is not None
    assert audio.tags["©nam"] == [f"Titre {tricky}"]
    assert audio.chapters is not None
    assert [chapter.title for chapter in audio.chapters] == [tricky, "Partie 2"]
