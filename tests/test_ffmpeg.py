"""The one ffmpeg runner: decoding from files and from bytes, and errors that say why."""

from __future__ import annotations

import math
import struct
from collections.abc import Iterator
from pathlib import Path

import pytest

from exporter.audio.encoding import encode_mp3_pcm
from exporter.audio.ffmpeg import decode_pcm, ffmpeg_executable, run_ffmpeg, run_ffmpeg_unchecked
from exporter.errors import ExportError

RATE = 16_000


def _tone(seconds: float) -> bytes:
    count = int(RATE * seconds)
    return struct.pack(
        f"<{count}h", *(int(9000 * math.sin(2 * math.pi * 440 * i / RATE)) for i in range(count))
    )


@pytest.fixture
def tone_mp3(tmp_path: Path) -> Path:
    path = tmp_path / "tone.mp3"
    encode_mp3_pcm(_tone(1.0), RATE, path)
    return path


def test_decoding_a_file_and_its_bytes_gives_the_same_sound(tone_mp3: Path) -> None:
    from_file = decode_pcm(tone_mp3, sample_rate=RATE)
    from_bytes = decode_pcm(tone_mp3.read_bytes(), sample_rate=RATE, input_format="mp3")
    assert len(from_file) == len(_tone(1.0))  # the encoder's delay and padding removed
    # Through a pipe ffmpeg cannot seek to the end: it keeps the last frame's padding.
    assert from_bytes[: len(from_file)] == from_file
    assert 0 <= len(from_bytes) - len(from_file) <= 2 * RATE * 30 // 1000


def test_a_file_that_is_not_audio_is_an_export_error_quoting_ffmpeg(tmp_path: Path) -> None:
    junk = tmp_path / "junk.mp3"
    junk.write_bytes(b"this is no audio at all" * 10)
    with pytest.raises(ExportError, match=r"^audio decoding failed: ffmpeg said: \S"):
        decode_pcm(junk)
    done = run_ffmpeg_unchecked(["-i", str(junk), "-f", "null", "-"])
    assert done.returncode != 0 and done.last_words


@pytest.fixture
def missing_ffmpeg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("EXPORTER_FFMPEG", str(tmp_path / "no-ffmpeg-here"))
    ffmpeg_executable.cache_clear()
    yield
    monkeypatch.undo()
    ffmpeg_executable.cache_clear()


def test_a_missing_ffmpeg_is_an_error_naming_the_step(missing_ffmpeg: None) -> None:
    with pytest.raises(ExportError, match=r"^MP3 encoding failed: .*no-ffmpeg-here"):
        run_ffmpeg(["-version"], what="MP3 encoding")
