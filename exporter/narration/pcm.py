"""Mono 16-bit PCM in milliseconds: silence, slices and trimming.

The narration is assembled from one PCM clip per sentence. Silence, slices and lengths are
pydub's (``AudioSegment`` wraps the bytes without copying them); only the search for the
first sound is done here with numpy, keeping pydub's arithmetic exactly (silence measured
per 5 ms chunk by its integer RMS, chunks past the end padded): pydub's own
``detect_leading_silence`` makes one object per 5 ms chunk, most of a narration's own CPU.
"""

from __future__ import annotations

import functools
import math
from typing import TYPE_CHECKING

from exporter.narration._pydub import AudioSegment

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Samples = npt.NDArray[np.int16]

#: 16-bit samples: the largest magnitude, as pydub's ``max_possible_amplitude``.
_FULL_SCALE = 32768.0


def _segment(pcm: bytes, rate: int) -> AudioSegment:
    return AudioSegment(data=pcm, sample_width=2, frame_rate=rate, channels=1)


def length_ms(frame_count: int, rate: int) -> int:
    """The length of ``frame_count`` frames in milliseconds (rounded, as pydub's ``len``)."""
    return round(1000 * (float(frame_count) / rate))


def silence(ms: int, rate: int) -> bytes:
    """``ms`` milliseconds of silence."""
    return bytes(AudioSegment.silent(duration=ms, frame_rate=rate).raw_data)


def samples(pcm: bytes) -> Samples:
    """The PCM's samples, sharing its memory (read-only)."""
    import numpy as np

    return np.frombuffer(pcm, dtype="<i2")


@functools.cache
def _loudest_silent_rms(threshold_dbfs: float) -> int:
    """The largest integer RMS whose level is under ``threshold_dbfs``."""
    rms = max(0, int(_FULL_SCALE * 10.0 ** (threshold_dbfs / 20.0)) + 2)
    while rms > 0 and 20 * math.log(rms / _FULL_SCALE, 10) >= threshold_dbfs:
        rms -= 1
    return rms


#: Chunks examined at first when looking for the first sound (then twice as many each
#: time): an engine's silence before or after a sentence lasts a fraction of a second, so
#: the search rarely reads more than the first few hundred milliseconds of a clip.
_FIRST_CHUNKS = 64


def leading_silence_ms(
    audio: Samples, rate: int, *, threshold_dbfs: float, chunk_ms: int = 5
) -> int:
    """Where the first ``chunk_ms`` chunk at or above ``threshold_dbfs`` starts, in ms
    (the whole length if there is none); pydub's ``detect_leading_silence``."""
    import numpy as np

    total = length_ms(len(audio), rate)
    if total <= 0:
        return 0
    starts = np.arange(0, total, chunk_ms)
    first = np.floor(np.minimum(starts, total) * (rate / 1000.0)).astype(np.int64)
    last = np.floor(np.minimum(starts + chunk_ms, total) * (rate / 1000.0)).astype(np.int64)
    count = len(audio)
    sizes = last - first  # frames past the end count as silence, as pydub pads them
    first, last = np.minimum(first, count), np.minimum(last, count)
    loudest = _loudest_silent_rms(threshold_dbfs)
    begin, size = 0, _FIRST_CHUNKS
    while begin < len(starts):
        end = min(len(starts), begin + size)
        low, high = int(first[begin]), int(last[end - 1])
        squares = np.empty(high - low + 1, dtype=np.int64)
        squares[0] = 0
        np.cumsum(np.square(audio[low:high], dtype=np.int64), out=squares[1:])
        sums = squares[last[begin:end] - low] - squares[first[begin:end] - low]
        chunk_sizes = sizes[begin:end]
        with np.errstate(divide="ignore", invalid="ignore"):
            rms = np.where(chunk_sizes > 0, np.floor(np.sqrt(sums / np.maximum(chunk_sizes, 1))), 0)
        loud = np.flatnonzero(rms > loudest)
        if len(loud):
            return int(starts[begin + loud[0]])
        begin, size = end, 2 * size
    return total


def slice_ms(pcm: bytes, rate: int, start_ms: int, end_ms: int) -> bytes:
    """``pcm`` from ``start_ms`` to ``end_ms`` (pydub pads with silence a slice that
    rounding ran past the end)."""
    return bytes(_segment(pcm, rate)[start_ms:end_ms].raw_data)


def trim(pcm: bytes, rate: int, threshold_dbfs: float = -45.0) -> bytes:
    """``pcm`` without its silence at either end (5 ms chunks under ``threshold_dbfs``);
    unchanged if nothing would be left."""
    audio = samples(pcm)
    start = leading_silence_ms(audio, rate, threshold_dbfs=threshold_dbfs)
    end = leading_silence_ms(audio[::-1], rate, threshold_dbfs=threshold_dbfs)
    trimmed = slice_ms(pcm, rate, start, length_ms(len(audio), rate) - end)
    return trimmed if length_ms(len(trimmed) // 2, rate) > 0 else pcm
