"""``exporter check`` fails audio files whose chapters players would list out of order
or whose M4B chapter track is not French, and warns about suspected typos."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mutagen.id3 import CHAP, ID3, TIT2

from exporter.audio.tags import set_chapter_track_language
from exporter.check.report import CheckOptions, check_outputs, format_table
from tests.conftest import SEED
from tests.test_audio_order import build_with_fake_voice
from tests.test_m4b import _ffmpeg_report

FAST = CheckOptions(validators=False)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("tags")
    return build_with_fake_voice(root, SEED, ("mp3", "m4b", "transcript"))


@pytest.fixture
def folder(built: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(built, tmp_path / built.name))


def _by_check(folder: Path, name: str) -> dict[str, str]:
    return {c.file: c.status for c in check_outputs([folder], FAST) if c.check == name}


def test_a_fresh_build_passes_the_tag_checks(folder: Path) -> None:
    assert _by_check(folder, "tags") == {f"{folder.name}.mp3": "pass", f"{folder.name}.m4b": "pass"}


def test_chapter_frames_out_of_time_order_fail(folder: Path) -> None:
    mp3 = folder / f"{folder.name}.mp3"
    tags = ID3(mp3)
    chapters = sorted(tags.getall("CHAP"), key=lambda frame: frame.start_time)
    tags.delall("CHAP")
    # Plain mutagen stores frames of one kind shortest first: the last chapter, given the
    # shortest title, is stored first.
    for index, chapter in enumerate(chapters):
        title = "x" * (10 * (len(chapters) - index))
        tags.add(
            CHAP(
                element_id=chapter.element_id,
                start_time=chapter.start_time,
                end_time=chapter.end_time,
                sub_frames=[TIT2(encoding=3, text=title)],
            )
        )
    tags.save(mp3, v2_version=4)
    assert [frame.start_time for frame in ID3(mp3).getall("CHAP")] != sorted(
        frame.start_time for frame in chapters
    )
    assert _by_check(folder, "tags")[mp3.name] == "fail"


def test_an_english_chapter_track_fails(folder: Path) -> None:
    m4b = folder / f"{folder.name}.m4b"
    set_chapter_track_language(m4b, "eng")
    assert "(eng): Data" in _ffmpeg_report(m4b)
    assert _by_check(folder, "tags")[m4b.name] == "fail"


def test_suspected_typos_are_warnings(folder: Path) -> None:
    checks = [c for c in check_outputs([folder], FAST) if c.check == "typos"]
    assert [c.status for c in checks] == ["warn"]
    assert "paragé" in checks[0].detail and "partagé" in checks[0].detail
    assert "1 warnings" in format_table(checks)
