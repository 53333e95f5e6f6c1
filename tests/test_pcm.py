"""Trimming a sentence's silence: the same cut, to the frame, as pydub's (the oracle)."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from exporter.narration.pcm import length_ms, silence, slice_ms, trim
from tests.pydub_oracle import AudioSegment, detect_leading_silence


def _pydub_trim(pcm: bytes, rate: int, threshold: float = -45.0) -> bytes:
    segment = AudioSegment(data=pcm, sample_width=2, frame_rate=rate, channels=1)
    start = detect_leading_silence(segment, silence_threshold=threshold, chunk_size=5)
    end = detect_leading_silence(segment.reverse(), silence_threshold=threshold, chunk_size=5)
    trimmed = segment[start : len(segment) - end]
    return (trimmed if len(trimmed) > 0 else segment).raw_data


def _sentence(seed: int, rate: int, pieces: list[tuple[int, int]]) -> bytes:
    """Runs of noise (``ms``, peak amplitude): 0 is silence, ~200 is at the -45 dB line."""
    noise = random.Random(seed)
    samples: list[int] = []
    for ms, amplitude in pieces:
        count = max(1, ms * rate // 1000 + noise.randrange(-3, 4))
        samples += [noise.randint(-amplitude, amplitude) for _ in range(count)]
    return b"".join(sample.to_bytes(2, "little", signed=True) for sample in samples)


RATES = st.sampled_from([16_000, 22_050, 24_000, 44_100, 8_000])
LEVELS = st.sampled_from([0, 1, 150, 300, 330, 340, 400, 2_000, 20_000])


@settings(max_examples=150, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    rate=RATES,
    pieces=st.lists(st.tuples(st.integers(0, 120), LEVELS), min_size=1, max_size=6),
)
def test_trim_cuts_where_pydub_cuts(seed: int, rate: int, pieces: list[tuple[int, int]]) -> None:
    pcm = _sentence(seed, rate, pieces)
    assert trim(pcm, rate) == _pydub_trim(pcm, rate)


def test_a_quiet_sentence_between_silences_keeps_only_its_sound() -> None:
    rate = 16_000
    voice = _sentence(1, rate, [(300, 8_000)])
    pcm = silence(120, rate) + voice + silence(80, rate)
    trimmed = trim(pcm, rate)
    # Within one 5 ms chunk of the voice at either end, never into the silence beyond.
    assert len(voice) <= len(trimmed) <= len(voice) + 2 * 2 * 80
    assert trimmed == _pydub_trim(pcm, rate)


def test_all_silence_is_left_as_it_is() -> None:
    pcm = silence(500, 24_000)
    assert trim(pcm, 24_000) == pcm
    assert trim(b"", 16_000) == b""


def test_lengths_slices_and_silence_match_pydub() -> None:
    for rate in (16_000, 22_050, 24_000):
        for frames in (0, 1, 136, 140, 22_051, 24_013):
            segment = AudioSegment(
                data=b"\1\0" * frames, sample_width=2, frame_rate=rate, channels=1
            )
            assert length_ms(frames, rate) == len(segment)
            for start, end in ((0, 3), (2, len(segment)), (5, len(segment) + 9)):
                assert slice_ms(segment.raw_data, rate, start, end) == segment[start:end].raw_data
        for ms in (0, 7, 250, 1_600):
            assert silence(ms, rate) == AudioSegment.silent(duration=ms, frame_rate=rate).raw_data


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    rate=RATES,
    lead=st.integers(0, 3_000),
    tail=st.integers(0, 3_000),
    level=LEVELS,
)
def test_long_silences_are_cut_where_pydub_cuts(
    seed: int, rate: int, lead: int, tail: int, level: int
) -> None:
    # Silence longer than the first chunks searched: the search goes on, to the frame.
    pcm = _sentence(seed, rate, [(lead, 100), (40, level), (200, 20_000), (tail, 120)])
    assert trim(pcm, rate) == _pydub_trim(pcm, rate)
