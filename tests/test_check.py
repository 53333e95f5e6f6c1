"""``exporter check``: it passes sound outputs and catches each kind of broken one."""

from __future__ import annotations

import json
import math
import re
import shutil
import struct
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from exporter.audio.encoding import encode_mp3_pcm
from exporter.check import Check, CheckOptions, check_outputs, failed
from exporter.check.readers import (
    OverlayClip,
    VttCue,
    epub_section_titles,
    overlay_clips,
    spoken_text,
    vtt_cues,
)
from exporter.check.validators import ace_status, epubcheck_status
from exporter.cli import cli
from exporter.errors import InputError
from exporter.options import BuildOptions
from exporter.pipeline import build
from exporter.status import ExitStatus
from tests.conftest import FakeEngine, registered_engine
from tests.epub_helpers import require

ARTICLE = """# Budget voté à Brest

## Le vote

Le conseil municipal a voté le budget mardi soir. Il prévoit trois nouvelles écoles.

## Les réactions

La maire a salué un vote large. L'opposition s'est abstenue sur les investissements.
"""
FAST = CheckOptions(validators=False)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One article built with the fake voice into every checked format."""
    root = tmp_path_factory.mktemp("check")
    article = root / "budget.md"
    article.write_text(ARTICLE, encoding="utf-8")
    options = BuildOptions(
        out_dir=root / "build",
        engine="fake-check",
        formats=("mp3", "m4b", "epub", "transcript"),
        use_cache=False,
    )
    with registered_engine("fake-check", FakeEngine):
        report = build([article], options)
    assert not report.failed, report.failed[0].error
    return root / "build" / "budget"


@pytest.fixture
def copy(built: Path, tmp_path: Path) -> Path:
    """A copy of the build folder, free to break."""
    return Path(shutil.copytree(built, tmp_path / "build" / built.name))


def only(checks: list[Check], name: str) -> list[Check]:
    return [check for check in checks if check.check == name]


def test_sound_outputs_pass_every_check(built: Path) -> None:
    checks = check_outputs([built], FAST)
    assert failed(checks) == []
    names = {check.check for check in checks if check.status == "pass"}
    assert {"decode", "chapters", "duration", "silence", "overlays"} <= names
    (chapters,) = only(checks, "chapters")
    assert "2 chapters in MP3, M4B, EPUB, VTT" in chapters.detail
    assert {check.file for check in only(checks, "decode")} == {"budget.mp3", "budget.m4b"}


def test_a_folder_of_builds_is_checked_article_by_article(built: Path) -> None:
    checks = check_outputs([built.parent], FAST)
    assert {check.article for check in checks} == {"budget"}


def test_a_corrupt_mp3_fails_to_decode(copy: Path) -> None:
    mp3 = copy / "budget.mp3"
    data = bytearray(mp3.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 4000] = bytes(range(256)) * 15 + bytes(160)
    mp3.write_bytes(bytes(data))
    (decode,) = [c for c in only(check_outputs([copy], FAST), "decode") if c.file == "budget.mp3"]
    assert decode.status == "fail"
    assert decode.detail


def test_chapters_that_disagree_are_reported(copy: Path) -> None:
    vtt = copy / "budget.vtt"
    blocks = vtt.read_text(encoding="utf-8").split("\n\n")
    vtt.write_text(
        "\n\n".join(block for block in blocks if not block.startswith("sec2-title")),
        encoding="utf-8",
    )
    (chapters,) = only(check_outputs([copy], FAST), "chapters")
    assert chapters.status == "fail"
    assert "VTT 1" in chapters.detail and "MP3 2" in chapters.detail


def test_a_renamed_chapter_is_reported(copy: Path) -> None:
    vtt = copy / "budget.vtt"
    vtt.write_text(
        vtt.read_text(encoding="utf-8").replace("Les réactions", "Les suites"), encoding="utf-8"
    )
    (chapters,) = only(check_outputs([copy], FAST), "chapters")
    assert chapters.status == "fail"
    assert "Les suites" in chapters.detail and "Les réactions" in chapters.detail


def test_overlays_out_of_sync_with_their_audio_are_reported(copy: Path) -> None:
    epub = copy / "budget.epub"
    late = copy / "late.epub"
    with zipfile.ZipFile(epub) as source, zipfile.ZipFile(late, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename.endswith(".smil"):
                # Every clip 200 ms late: the highlight would trail the voice.
                data = re.sub(
                    rb'clip(Begin|End)="([^"]+)"',
                    lambda m: b'clip%s="%.3fs"' % (m[1], clock_seconds(m[2].decode()) + 0.2),
                    data,
                )
            target.writestr(info, data)
    late.replace(epub)
    (overlays,) = only(check_outputs([copy], FAST), "overlays")
    assert overlays.status == "fail"
    assert "worst timing error" in overlays.detail


def clock_seconds(value: str) -> float:
    hours, minutes, seconds = value.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


def tone_with_a_gap(gap_s: float, rate: int = 16_000) -> bytes:
    tone = struct.pack(
        f"<{rate}h", *(int(8000 * math.sin(2 * math.pi * 220 * i / rate)) for i in range(rate))
    )
    return tone * 2 + bytes(int(gap_s * rate) * 2) + tone * 2


def test_a_long_silence_and_an_implausible_duration_are_reported(copy: Path) -> None:
    encode_mp3_pcm(tone_with_a_gap(4.5), 16_000, copy / "budget.mp3")
    checks = [c for c in check_outputs([copy], FAST) if c.file == "budget.mp3"]
    (silence,) = only(checks, "silence")
    assert silence.status == "fail" and "4." in silence.detail
    (duration,) = only(checks, "duration")
    assert duration.status == "fail"  # 8.5 s of audio for the whole article's text


def test_missing_validators_are_skipped_with_the_way_to_install_them(
    built: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no java, no node, no chromium
    monkeypatch.setenv("EXPORTER_ACE", str(tmp_path / "no-ace"))
    checks = check_outputs([built])
    validators = only(checks, "epubcheck") + only(checks, "ace")
    assert [check.status for check in validators] == ["skip", "skip"]
    assert any("install-validators.sh" in check.detail for check in validators)
    assert failed(checks) == []


def test_the_command_prints_one_table_and_fails_on_any_failure(copy: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(cli, ["check", "--no-validators", str(copy)], catch_exceptions=False)
    assert ok.exit_code == 0, ok.output
    assert "chapters" in ok.output and "PASS" in ok.output and "FAIL" not in ok.output
    (copy / "budget.vtt").write_text("WEBVTT\n\n", encoding="utf-8")
    bad = runner.invoke(cli, ["check", "--no-validators", "--json", str(copy)])
    assert bad.exit_code == ExitStatus.PARTIAL_FAILURE
    report = json.loads(bad.output)
    assert report["ok"] is False
    assert {c["check"] for c in report["checks"] if c["status"] == "fail"} >= {"chapters"}


def test_a_folder_without_outputs_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        check_outputs([tmp_path], FAST)
    result = CliRunner().invoke(cli, ["check", str(tmp_path)])
    assert result.exit_code == ExitStatus.INPUT_ERROR
    assert "exporter build" in result.output


@pytest.mark.validators
def test_validators_pass_the_narrated_epub(built: Path) -> None:
    require(epubcheck_status())
    require(ace_status())
    checks = check_outputs([built])
    for name in ("epubcheck", "ace"):
        (check,) = only(checks, name)
        assert check.status == "pass", check.detail


def test_the_default_outputs_with_a_narrated_summary_pass(
    tmp_path: Path, fake_engine: FakeEngine
) -> None:
    """summary.mp3 has chapters and a length of its own: it is not the article's narration.
    The article is named so that its files sort after "summary" (as most slugs do)."""
    article = tmp_path / "vote.md"
    article.write_text(ARTICLE, encoding="utf-8")
    report = build([article], BuildOptions(out_dir=tmp_path / "build", engine="fake"))
    assert not report.failed, report.failed[0].error
    folder = tmp_path / "build" / "vote"
    assert (folder / "summary.mp3").exists()
    checks = check_outputs([folder], FAST)
    assert failed(checks) == []
    (chapters,) = only(checks, "chapters")
    assert "2 chapters in MP3, EPUB, VTT" in chapters.detail
    (duration,) = [c for c in only(checks, "duration") if c.file == "vote.mp3"]
    assert duration.status == "pass"


def test_a_short_article_mostly_pauses_is_not_called_implausible(
    tmp_path: Path, fake_engine: FakeEngine
) -> None:
    """Pauses dominate a 2-sentence article: the rate is measured on speech alone."""
    article = tmp_path / "bref.md"
    article.write_text("# Bref\n\n## Fait\n\nIl pleut.\n\n## Suite\n\nIl vente.\n", "utf-8")
    options = BuildOptions(out_dir=tmp_path / "build", engine="fake", formats=("mp3", "transcript"))
    assert not build([article], options).failed
    (duration,) = only(check_outputs([tmp_path / "build" / "bref"], FAST), "duration")
    assert duration.status == "pass", duration.detail


def test_a_transcript_is_read_cue_by_cue(tmp_path: Path) -> None:
    """Windows line ends, a note, a cue without id, a cue on two lines, short clocks."""
    folder = tmp_path / "bref"
    folder.mkdir()
    vtt = folder / "bref.vtt"
    vtt.write_bytes(
        b"WEBVTT\r\n\r\nNOTE written by hand\r\n\r\n"
        b"title\r\n00:00:00.250 --> 00:00:01.000\r\nBref\r\n\r\n"
        b"00:01.500 --> 00:03.000 align:start\r\nIl pleut\r\nsur Brest.\r\n"
    )
    assert vtt_cues(vtt) == [
        VttCue(id="title", start_ms=250, end_ms=1000, text="Bref"),
        VttCue(id="", start_ms=1500, end_ms=3000, text="Il pleut sur Brest."),
    ]
    spoken = spoken_text(folder)
    assert spoken is not None
    assert spoken.characters == len("Bref") + len("Il pleut sur Brest.")
    assert spoken.speech_s == pytest.approx(0.75 + 1.5)
    assert spoken.last_end_s == pytest.approx(3.0)
    assert spoken_text(tmp_path) is None  # no tmp_path.name + ".vtt" there


@pytest.mark.parametrize("folder", ["", "OEBPS/"])
def test_an_epub_is_read_wherever_its_package_lies(tmp_path: Path, folder: str) -> None:
    """The table of contents and the overlays are found from META-INF/container.xml,
    the package at the top of the zip or in a folder."""
    epub = tmp_path / "book.epub"
    with zipfile.ZipFile(epub, "w") as archive:
        archive.writestr("mimetype", "application/epub+zip")
        archive.writestr(
            "META-INF/container.xml",
            '<container xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
            f'<rootfile full-path="{folder}book.opf"/></rootfiles></container>',
        )
        archive.writestr(
            f"{folder}book.opf",
            '<package xmlns="http://www.idpf.org/2007/opf"><manifest>'
            '<item id="nav" href="text/nav.xhtml" properties="nav"/>'
            '<item id="mo" href="text/s1.smil" media-type="application/smil+xml"/>'
            "</manifest></package>",
        )
        archive.writestr(
            f"{folder}text/nav.xhtml",
            '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">'
            '<body><nav epub:type="toc"><ol>'
            '<li><a href="summary.xhtml">En bref</a></li>'
            '<li><a href="section-001.xhtml#s1">Le  vote</a></li>'
            '</ol></nav><nav epub:type="landmarks"><ol>'
            '<li><a href="section-001.xhtml">Début</a></li></ol></nav></body></html>',
        )
        archive.writestr(
            f"{folder}text/s1.smil",
            '<smil xmlns="http://www.w3.org/ns/SMIL"><body><seq>'
            '<par><text src="section-001.xhtml#s1-title"/>'
            '<audio src="../audio/s1.mp3" clipBegin="0:00:01.250" clipEnd="2.5s"/></par>'
            "</seq></body></smil>",
        )
    assert epub_section_titles(epub) == ["Le vote"]
    with zipfile.ZipFile(epub) as archive:
        assert overlay_clips(archive) == {
            f"{folder}text/s1.smil": [
                OverlayClip(
                    element="s1-title",
                    audio=f"{folder}audio/s1.mp3",
                    begin_ms=1250,
                    end_ms=2500,
                )
            ]
        }


@pytest.mark.parametrize(
    ("band_ms", "pace"),
    [((20, 28), "too fast"), ((180, 220), "too slow")],
    ids=["fast", "slow"],
)
def test_a_narration_too_fast_or_too_slow_fails_the_duration_check(
    tmp_path: Path, band_ms: tuple[int, int], pace: str
) -> None:
    """A voice at 36–50 characters a second (gabbling) or 4.5–5.6 (dragging) is not a
    plausible narration of its text: the check fails it and says the rate it measured."""
    article = tmp_path / "budget.md"
    article.write_text(ARTICLE, encoding="utf-8")
    options = BuildOptions(
        out_dir=tmp_path / "build", engine="fake-pace", formats=("mp3", "transcript")
    )
    with registered_engine("fake-pace", lambda: FakeEngine(band_ms=band_ms)):
        assert not build([article], options).failed
    (duration,) = only(check_outputs([tmp_path / "build" / "budget"], FAST), "duration")
    assert duration.status == "fail", (pace, duration.detail)
    rate = float(re.search(r"([\d.]+) characters/s", duration.detail).group(1))  # type: ignore[union-attr]
    fastest, slowest = 1000 / band_ms[0], 1000 / band_ms[1]
    assert slowest * 0.9 <= rate <= fastest * 1.1, duration.detail
