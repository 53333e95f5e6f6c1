"""Audio files players trust: chapters stored in time order (as ffmpeg and players that
ignore the table of contents list them), the publication date only when known, and the
M4B's chapter track in French. Read back with ffmpeg, not with our own readers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mutagen.id3 import ID3

from exporter.options import BuildOptions
from exporter.parsers import parse_file
from exporter.pipeline import build
from tests.conftest import SEED, FakeEngine, registered_engine
from tests.test_m4b import _ffmpeg_report

_CHAPTER_TITLE = re.compile(r"^\s+Chapter #\d+:\d+:.*\n\s+Metadata:\n\s+title\s+: (.*)$", re.M)


def build_with_fake_voice(
    tmp_path: Path, article: Path, formats: tuple[str, ...] = ("mp3", "m4b", "mp3-sections")
) -> Path:
    """Build ``article`` with the fake voice; its output folder."""
    options = BuildOptions(
        out_dir=tmp_path / "out", engine="fake-order", formats=formats, use_cache=False
    )
    with registered_engine("fake-order", FakeEngine):
        report = build([article], options)
    assert not report.failed, report.failed[0].error
    return tmp_path / "out" / report.results[0].slug


@pytest.fixture(scope="module")
def seed_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_with_fake_voice(tmp_path_factory.mktemp("seed"), SEED)


def test_ffmpeg_lists_the_mp3_chapters_in_reading_order(seed_folder: Path) -> None:
    titles = [section.title for section in parse_file(SEED).sections]
    assert len(titles) >= 3
    listing = _ffmpeg_report(seed_folder / f"{seed_folder.name}.mp3")
    assert _CHAPTER_TITLE.findall(listing) == titles


def test_chapter_frames_are_stored_in_time_order(seed_folder: Path) -> None:
    frames = ID3(seed_folder / f"{seed_folder.name}.mp3").getall("CHAP")  # file order
    starts = [frame.start_time for frame in frames]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)


def test_the_m4b_chapter_track_is_french(seed_folder: Path) -> None:
    listing = _ffmpeg_report(seed_folder / f"{seed_folder.name}.m4b")
    tracks = re.findall(r"Stream #0:\d+\[0x[0-9a-f]+\]\((\w+)\): (\w+)", listing)
    assert ("fre", "Audio") in tracks and ("fre", "Data") in tracks
    assert not any(language == "eng" for language, _ in tracks)


def test_no_recording_date_when_the_article_has_none(seed_folder: Path) -> None:
    files = [seed_folder / f"{seed_folder.name}.mp3", *sorted(seed_folder.rglob("*/*.mp3"))]
    assert len(files) > 1
    for mp3 in files:
        tags = ID3(mp3)
        assert "TDRC" not in tags, mp3
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(tags["TDEN"]))
    assert "date " not in _ffmpeg_report(seed_folder / f"{seed_folder.name}.m4b")


def test_the_recording_date_is_the_publication_date(tmp_path: Path) -> None:
    article = tmp_path / "dated.md"
    article.write_text(
        "---\ntitle: Un article daté\ndate: 2023-11-02\n---\n\n## Première partie\n\n"
        "Une phrase.\n\n## Seconde partie\n\nUne autre phrase.\n",
        encoding="utf-8",
    )
    folder = build_with_fake_voice(tmp_path, article)
    assert str(ID3(folder / f"{folder.name}.mp3")["TDRC"]) == "2023-11-02"
    assert re.search(r"date\s+: 2023-11-02", _ffmpeg_report(folder / f"{folder.name}.m4b"))
