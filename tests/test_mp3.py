"""The MP3 file: decodable, as long as the narration, tagged, one chapter per section."""

from __future__ import annotations

from pathlib import Path

import pytest
from mutagen.id3 import ID3, PictureType
from mutagen.mp3 import MP3, MPEGInfo

from exporter.audio.cover import render_cover
from exporter.audio.encoding import encode_mp3_pcm
from exporter.audio.ffmpeg import ffmpeg_executable
from exporter.errors import ExportError
from exporter.exporters import ExportContext, get_exporter
from exporter.exporters.mp3 import Mp3Exporter
from exporter.model import Document, Metadata
from exporter.narration.cache import AudioCache
from exporter.narration.narrator import Narrator
from exporter.summary.model import PlainSummary
from tests.conftest import FakeEngine
from tests.test_narration import DOC


def _info(audio: MP3) -> MPEGInfo:
    assert audio.info is not None
    return audio.info


def _no_summary(document: Document) -> PlainSummary:
    raise AssertionError("the MP3 exporter must not need the summary")


def _context(tmp_path: Path, document: Document) -> ExportContext:
    return ExportContext(
        document=document,
        slug="article",
        out_dir=tmp_path,
        narrate=Narrator(FakeEngine()).narrate,
        summarize=_no_summary,
    )


def _export(tmp_path: Path, document: Document) -> tuple[Path, int]:
    context = _context(tmp_path, document)
    [path] = Mp3Exporter().export(context)
    return path, context.narration.duration_ms


def test_mp3_is_tagged_and_chaptered(tmp_path: Path) -> None:
    document = Document(
        title="Un titre",
        sections=DOC.sections,
        metadata=Metadata(publisher="Wikinews", date="2012-05-22"),
    )
    path, duration_ms = _export(tmp_path, document)
    assert path == tmp_path / "article.mp3"
    assert [p.name for p in tmp_path.iterdir()] == ["article.mp3"]  # no temporary file left

    audio = MP3(path)
    assert abs(_info(audio).length * 1000 - duration_ms) < 120
    assert _info(audio).channels == 1  # type: ignore[attr-defined]  # set dynamically by mutagen

    tags = ID3(path)
    assert str(tags["TIT2"]) == "Un titre"
    assert str(tags["TCON"]) == "Speech"
    assert str(tags["TLAN"]) == "fre"
    assert str(tags["TDRC"]) == "2012-05-22"
    assert str(tags["TALB"]) == "Wikinews"
    chapters = sorted(tags.getall("CHAP"), key=lambda chap: chap.start_time)
    assert [str(chap.sub_frames["TIT2"]) for chap in chapters] == ["Partie 1", "Partie 2"]
    assert chapters[0].start_time == 0
    assert chapters[0].end_time == chapters[1].start_time
    assert abs(chapters[-1].end_time - duration_ms) <= 1
    [toc] = tags.getall("CTOC")
    assert list(toc.child_element_ids) == [chap.element_id for chap in chapters]


def test_mp3_carries_the_cover(tmp_path: Path) -> None:
    document = Document(title="Un titre", sections=DOC.sections)
    path, _ = _export(tmp_path, document)
    [picture] = ID3(path).getall("APIC")
    assert picture.type == PictureType.COVER_FRONT
    assert picture.mime == "image/jpeg"
    assert picture.data == render_cover(document)


def test_one_tagged_mp3_per_section_on_request(tmp_path: Path) -> None:
    document = Document(
        title="Un titre",
        sections=DOC.sections,
        metadata=Metadata(publisher="Wikinews", date="2012-05-22"),
    )
    context = _context(tmp_path, document)
    paths = get_exporter("mp3-sections").export(context)
    assert [p.relative_to(tmp_path).as_posix() for p in paths] == [
        "sections/01-partie-1.mp3",
        "sections/02-partie-2.mp3",
    ]
    assert sorted(p.name for p in (tmp_path / "sections").iterdir()) == [p.name for p in paths]
    for number, (path, chapter) in enumerate(
        zip(paths, context.narration.chapters, strict=True), start=1
    ):
        audio = MP3(path)
        assert abs(_info(audio).length * 1000 - (chapter.end_ms - chapter.start_ms)) < 120
        tags = ID3(path)
        assert str(tags["TIT2"]) == chapter.title
        assert str(tags["TALB"]) == "Un titre"
        assert str(tags["TRCK"]) == f"{number}/2"
        assert str(tags["TDRC"]) == "2012-05-22"
        assert not tags.getall("CHAP")
        [picture] = tags.getall("APIC")
        assert picture.data == render_cover(document)


def test_an_article_from_the_web_is_credited_to_its_site(tmp_path: Path) -> None:
    document = Document(
        title="Un titre",
        sections=DOC.sections,
        metadata=Metadata(source="https://www.example-news.fr/2012/05/article.html"),
    )
    path, _ = _export(tmp_path, document)
    tags = ID3(path)
    assert str(tags["TPE1"]) == "example-news.fr"
    assert str(tags["TALB"]) == "example-news.fr"


def test_an_article_from_a_file_without_publisher_is_credited_to_the_voice(
    tmp_path: Path,
) -> None:
    document = Document(
        title="Un titre", sections=DOC.sections, metadata=Metadata(source="article.txt")
    )
    path, _ = _export(tmp_path, document)
    tags = ID3(path)
    assert str(tags["TPE1"]) == "Voix de synthèse"
    assert str(tags["TALB"]) == "Un titre"


def test_cached_encoding_needs_no_second_encoder_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pcm = (b"\x00\x10\x00\xf0" * 8000) + bytes(range(256)) * 50
    cache = AudioCache(tmp_path / "cache")
    first, second = tmp_path / "first.mp3", tmp_path / "second.mp3"
    encode_mp3_pcm(pcm, 16_000, first, cache=cache)
    # Without any ffmpeg, the same PCM still "encodes": it is copied from the cache.
    monkeypatch.setenv("EXPORTER_FFMPEG", str(tmp_path / "no-such-ffmpeg"))
    ffmpeg_executable.cache_clear()
    try:
        encode_mp3_pcm(pcm, 16_000, second, cache=cache)
        assert second.read_bytes() == first.read_bytes()
        with pytest.raises(ExportError):  # other PCM does need the (missing) encoder
            encode_mp3_pcm(pcm[:-2], 16_000, tmp_path / "third.mp3", cache=cache)
    finally:
        monkeypatch.undo()
        ffmpeg_executable.cache_clear()
