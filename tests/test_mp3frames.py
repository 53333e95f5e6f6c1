"""Cutting an encoded stream into pages: each cut, decoded by ffmpeg, plays the PCM it claims."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from exporter.audio.encoding import mp3_stream
from exporter.audio.ffmpeg import decode_pcm
from exporter.audio.mp3frames import Mp3FormatError, cut, split_frames


def _tones(rate: int, seconds: float) -> bytes:
    """A gliding tone whose pitch and level change all the time: any misplaced cut shows."""
    t = np.arange(int(rate * seconds)) / rate
    pitch = 300 + 200 * np.sin(2 * math.pi * 0.7 * t)
    phase = 2 * math.pi * np.cumsum(pitch) / rate
    level = 0.2 + 0.15 * np.sin(2 * math.pi * 1.3 * t)
    return (np.sin(phase) * level * 32767).astype("<i2").tobytes()


def _best_offset(source: np.ndarray, decoded: np.ndarray, start: int) -> tuple[int, float]:
    """Where in ``source`` (near ``start``) the decoded audio matches best, and how well
    (noise-to-signal ratio in dB, the frame's edges left out)."""
    inner = decoded[600:-600]
    best = (0, math.inf)
    for offset in range(-1500, 1501, 1):
        at = start + offset + 600
        if at < 0 or at + len(inner) > len(source):
            continue
        reference = source[at : at + len(inner)]
        noise = float(((reference - inner) ** 2).sum())
        if noise < best[1]:
            best = (offset, noise)
    signal = float((source[start + 600 : start + 600 + len(inner)] ** 2).sum())
    return best[0], 10 * math.log10(best[1] / signal)


@pytest.mark.parametrize("rate", [16_000, 24_000])
def test_every_cut_plays_exactly_the_samples_it_claims(rate: int, tmp_path: Path) -> None:
    pcm = _tones(rate, 6.0)
    frames = split_frames(mp3_stream(pcm, rate))
    source = np.frombuffer(pcm, dtype="<i2").astype(np.float64)
    for start_s, end_s in ((0.0, 1.5), (1.234, 2.0), (2.5, 5.9)):
        start, end = int(start_s * rate), int(end_s * rate)
        piece = cut(frames, start, end)
        # Whole frames inside the span, at most one frame short at either end.
        assert start <= max(0, piece.start_sample) < start + frames.samples_per_frame + 1
        assert end - frames.samples_per_frame < piece.start_sample + piece.samples <= end
        page = tmp_path / "page.mp3"
        page.write_bytes(piece.audio)
        decoded = np.frombuffer(decode_pcm(page), dtype="<i2").astype(np.float64)
        assert len(decoded) == piece.samples
        offset, noise_db = _best_offset(source, decoded, piece.start_sample)
        assert offset == 0, f"the cut plays {offset} samples away from where it claims"
        assert noise_db < -15, noise_db


def test_the_frames_cover_the_whole_stream() -> None:
    stream = mp3_stream(_tones(16_000, 2.0), 16_000)
    frames = split_frames(stream)
    assert frames.sample_rate == 16_000 and frames.samples_per_frame == 576
    assert frames.offsets[-1] == len(stream)
    # Every sample of the PCM is played by some frame.
    assert frames.first_sample(0) <= 0
    assert frames.first_sample(frames.count) >= 2 * 16_000


def test_what_is_not_an_ffmpeg_mp3_stream_is_refused() -> None:
    with pytest.raises(Mp3FormatError):
        split_frames(b"ID3\x04\x00" + bytes(200))
    stream = mp3_stream(_tones(16_000, 1.0), 16_000)
    with pytest.raises(Mp3FormatError):
        split_frames(stream[:-7])  # ends inside a frame
    first_audio = split_frames(stream).offsets[0]
    with pytest.raises(Mp3FormatError):
        split_frames(stream[first_audio:])  # no Info frame: no known delay
    with pytest.raises(Mp3FormatError):
        split_frames(stream[:first_audio])  # an Info frame and nothing to play
