"""The MP3 file: decodable, as long as the narration, tagged, one chapter per section."""

from __future__ import annotations

from pathlib import Path

from mutagen.id3 import ID3
from mutagen.mp3 import MP3

from exporter.exporters import ExportContext
from exporter.exporters.mp3 import Mp3Exporter
from exporter.model import Document, Metadata
from exporter.narration import Narrator
from exporter.summary.model import PlainSummary
from tests.conftest import FakeEngine
from tests.test_narration import DOC


def _no_summary(document: Document) -> PlainSummary:
    raise AssertionError("the MP3 exporter must not need the summary")


def _export(tmp_path: Path, document: Document) -> tuple[Path, int]:
    narrator = Narrator(FakeEngine())
    context = ExportContext(
        document=document,
        slug="article",
        out_dir=tmp_path,
        narrate=narrator.narrate,
        summarize=_no_summary,
    )
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
    assert abs(audio.info.length * 1000 - duration_ms) < 120
    assert audio.info.channels == 1

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
