"""Loudness: whatever the voice's level, the files play at -16 LUFS and never clip."""

from __future__ import annotations

import dataclasses
import logging
import math
import re
import struct
import subprocess
from pathlib import Path

import imageio_ffmpeg
import numpy as np
import pyloudnorm
import pytest
from mutagen.mp4 import MP4, MP4Info

from exporter.audio.encoding import encode_mp3
from exporter.audio.ffmpeg import decode_pcm
from exporter.narration.engines import create_engine
from exporter.narration.loudness import (
    moving_average,
    normalize_loudness,
    peak_envelope,
    running_min,
    true_peak_dbfs,
)
from exporter.narration.model import Narration
from exporter.narration.narrator import Narrator
from exporter.options import BuildOptions
from exporter.pipeline import build
from tests.conftest import FakeEngine
from tests.test_narration import DOC

TARGET = -16.0
TOLERANCE = 0.5
#: The limiter's ceiling (dBTP), and how far FFmpeg's meter may read above it: true-peak
#: meters differ in their interpolation filter, most on clicks near the Nyquist frequency
#: (FFmpeg upsamples to 192 kHz; the limiter oversamples 4×). Measured: FFmpeg reads
#: -0.6 dBTP on the clicks below where the limiter's own meter reads -1.0.
CEILING = -1.0
METER_TOLERANCE = 0.5


def _info(audio: MP4) -> MP4Info:
    assert audio.info is not None
    return audio.info


def _signal(pcm: bytes) -> np.ndarray:
    return np.frombuffer(pcm, dtype="<i2").astype(np.float64) / 32768


def _lufs(pcm: bytes, rate: int) -> float:
    return float(pyloudnorm.Meter(rate).integrated_loudness(_signal(pcm)))


def _peak_dbfs(pcm: bytes) -> float:
    return 20 * math.log10(float(np.abs(_signal(pcm)).max()))


def _true_peak_dbfs(pcm: bytes, rate: int) -> float:
    """The true peak as FFmpeg's EBU R128 meter measures it (4× oversampled): an oracle
    independent of the limiter's own peak detector."""
    command = [imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-nostats"]
    command += ["-f", "s16le", "-ar", str(rate), "-ac", "1", "-i", "pipe:0"]
    command += ["-af", "ebur128=peak=true", "-f", "null", "-"]
    run = subprocess.run(command, input=pcm, capture_output=True, check=True)
    summary = run.stderr.decode("utf-8", "replace").rpartition("True peak:")[2]
    match = re.search(r"Peak:\s+(-?[\d.]+|-inf) dBFS", summary)
    assert match is not None, summary
    return float(match.group(1))


def _scaled(narration: Narration, gain_db: float) -> Narration:
    samples = np.frombuffer(narration.pcm, dtype="<i2").astype(np.float64)
    scaled = np.clip(np.round(samples * 10 ** (gain_db / 20)), -32768, 32767).astype("<i2")
    return dataclasses.replace(narration, pcm=scaled.tobytes())


def _decoded_mp3(narration: Narration, tmp_path: Path) -> bytes:
    path = tmp_path / "narration.mp3"
    encode_mp3(narration, path)
    return decode_pcm(path, sample_rate=narration.sample_rate)


@pytest.fixture(scope="module")
def tone_narration() -> Narration:
    return Narrator(FakeEngine()).narrate(DOC)


@pytest.fixture(scope="module")
def pico_narration() -> Narration:
    return Narrator(create_engine("pico")).narrate(DOC)


@pytest.mark.parametrize("gain_db", [-30.0, -6.0, 0.0, 4.0])
@pytest.mark.parametrize("voice", ["tone_narration", "pico_narration"])
def test_mp3_plays_at_target_loudness_whatever_the_voice_level(
    voice: str, gain_db: float, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    narration = _scaled(request.getfixturevalue(voice), gain_db)
    decoded = _decoded_mp3(normalize_loudness(narration), tmp_path)
    assert abs(_lufs(decoded, narration.sample_rate) - TARGET) <= TOLERANCE
    assert _peak_dbfs(decoded) < -0.5  # no sample near full scale, let alone clipped


def test_timings_and_length_are_unchanged(pico_narration: Narration) -> None:
    louder = normalize_loudness(_scaled(pico_narration, -20.0))
    assert louder.clips == pico_narration.clips
    assert louder.chapters == pico_narration.chapters
    assert len(louder.pcm) == len(pico_narration.pcm)
    assert louder.pcm != pico_narration.pcm


def _spiky_tone(rate: int, seconds: float, level: float, spike_every_s: float) -> Narration:
    """A quiet tone with short loud clicks: its peaks sit far above its loudness."""
    count = int(rate * seconds)
    tone = [level * math.sin(2 * math.pi * 200 * i / rate) for i in range(count)]
    for start in range(0, count, int(rate * spike_every_s)):
        for offset in range(8):
            if start + offset < count:
                tone[start + offset] = 0.95 * (1 if offset % 2 else -1)
    pcm = struct.pack(f"<{count}h", *(round(sample * 32767) for sample in tone))
    return Narration(pcm=pcm, sample_rate=rate, clips=(), chapters=(), engine="test")


def test_peaks_above_the_ceiling_are_limited_not_clipped(tmp_path: Path) -> None:
    # Reaching -16 LUFS needs ~+2 dB of gain, which would push the clicks past full scale.
    narration = _spiky_tone(16_000, 4.0, level=0.2, spike_every_s=0.5)
    assert _true_peak_dbfs(narration.pcm, 16_000) > 0.0  # the clicks overshoot already
    normalised = normalize_loudness(narration)
    assert abs(_lufs(normalised.pcm, 16_000) - TARGET) <= TOLERANCE
    assert _true_peak_dbfs(normalised.pcm, 16_000) <= CEILING + METER_TOLERANCE
    decoded = _decoded_mp3(normalised, tmp_path)
    assert abs(_lufs(decoded, 16_000) - TARGET) <= TOLERANCE
    assert _peak_dbfs(decoded) < 0.0


def test_extreme_peaks_give_a_quieter_file_rather_than_distortion(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # A whisper with full-scale clicks: -16 LUFS would need ~20 dB of limiting.
    narration = _spiky_tone(16_000, 4.0, level=0.01, spike_every_s=1.0)
    with caplog.at_level(logging.WARNING, logger="exporter.narration.loudness"):
        normalised = normalize_loudness(narration)
    loudness = _lufs(normalised.pcm, 16_000)
    assert loudness < TARGET - TOLERANCE
    assert loudness > _lufs(narration.pcm, 16_000)  # still made louder, as far as it can
    assert _true_peak_dbfs(normalised.pcm, 16_000) <= CEILING + METER_TOLERANCE
    assert "LUFS" in caplog.text


def test_too_short_or_silent_narration_is_left_alone() -> None:
    short = Narration(
        pcm=b"\x10\x00" * 1600, sample_rate=16_000, clips=(), chapters=(), engine="test"
    )
    silent = Narration(
        pcm=b"\x00\x00" * 32_000, sample_rate=16_000, clips=(), chapters=(), engine="test"
    )
    assert normalize_loudness(short) == short
    assert normalize_loudness(silent) == silent


def test_built_audio_files_share_the_normalised_narration(
    tmp_path: Path, fake_engine: FakeEngine
) -> None:
    article = tmp_path / "article.txt"
    article.write_text(
        "Le conseil municipal vote le budget\n"
        "Le budget de la ville a été adopté lundi soir après trois heures.\n"
        "L'opposition a voté contre. Les travaux commenceront en mars.\n",
        encoding="utf-8",
    )
    report = build(
        [article], BuildOptions(out_dir=tmp_path / "build", engine="fake", formats=("mp3", "m4b"))
    )
    [result] = report.results
    assert result.error is None
    decoded = {path.suffix: decode_pcm(path, sample_rate=16_000) for path in result.outputs}
    assert set(decoded) == {".mp3", ".m4b"}
    for pcm in decoded.values():
        assert abs(_lufs(pcm, 16_000) - TARGET) <= TOLERANCE
        assert _peak_dbfs(pcm) < -0.5
    [m4b] = [path for path in result.outputs if path.suffix == ".m4b"]
    assert _info(MP4(m4b)).length * 16_000 == pytest.approx(len(decoded[".mp3"]) / 2, rel=0.01)


def _oversampled_peak_dbfs(signal: np.ndarray) -> float:
    """Independent oracle: the whole signal oversampled 4× by scipy."""
    from scipy.signal import resample_poly

    peak = max(float(np.abs(signal).max()), float(np.abs(resample_poly(signal, 4, 1)).max()))
    return 20 * math.log10(peak)


@pytest.mark.parametrize("gain_db", [-6.0, 0.0])
def test_true_peak_estimate_matches_full_oversampling(
    pico_narration: Narration, gain_db: float
) -> None:
    signal = _signal(_scaled(pico_narration, gain_db).pcm)
    envelope = peak_envelope(signal, floor=float(np.abs(signal).max()))
    estimate = 20 * math.log10(float(envelope.max()))
    assert abs(estimate - _oversampled_peak_dbfs(signal)) < 0.05
    assert abs(true_peak_dbfs(signal, pico_narration.sample_rate) - estimate) < 0.1


@pytest.mark.parametrize("size", [1, 2, 3, 241, 481])
def test_limiter_filters_match_scipys(size: int) -> None:
    from scipy.ndimage import minimum_filter1d, uniform_filter1d

    signal = np.random.default_rng(size).random(5000)
    assert np.array_equal(
        running_min(signal, size), minimum_filter1d(signal, size=size, mode="nearest")
    )
    expected = uniform_filter1d(signal, size=size, mode="nearest")
    assert np.allclose(moving_average(signal, size), expected, atol=1e-9)
