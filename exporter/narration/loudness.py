"""Loudness normalisation of the narration (ITU-R BS.1770 / EBU R128 gated loudness).

Every audio output (MP3, M4B, the EPUB's Media Overlays) plays the same normalised
narration, so listeners don't have to reach for the volume between articles or engines.
The target, -16 LUFS integrated, is the usual level for spoken-word podcasts and
audiobooks on phones; peaks are kept under -1 dBFS (measured on a 4× oversampled signal,
so peaks between samples count too) so that lossy encoders do not make them clip.

A plain gain does not move time, and neither does the limiter below (it looks ahead
instead of delaying the signal): every clip and chapter timing stays valid.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import math
from typing import TYPE_CHECKING, Any

from exporter.narration.model import Narration

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Signal = npt.NDArray[np.floating[Any]]

log = logging.getLogger(__name__)

DEFAULT_TARGET_LUFS = -16.0
DEFAULT_PEAK_DBFS = -1.0
#: BS.1770 gates loudness over 400 ms blocks: shorter audio cannot be measured.
MIN_MEASURABLE_MS = 400
#: How close to the target we stop correcting (the tolerance promised is ±0.5 LU).
_TOLERANCE_LU = 0.1
_GAIN_STEP_DB = 0.05
_MAX_PASSES = 4
#: Never pull a peak down by more than this: deeper limiting is audible distortion, so
#: past it we accept a quieter result instead.
MAX_LIMITING_DB = 6.0
#: Limiter look-ahead (and as long a release): short enough to touch only the plosive or
#: sibilant that peaks, long enough not to distort a voice's lowest fundamental (~80 Hz).
_LIMITER_WINDOW_MS = 15
_OVERSAMPLING = 4
#: The interpolation filter: 10 samples either side, Kaiser window (beta 5), as scipy's
#: resample_poly designs it for 4× oversampling.
_HALF_TAPS = 10
_KAISER_BETA = 5.0
_ENVELOPE_CHUNK = 1 << 16
#: Samples per chunk of the limiter's gain computation (about a minute at 16 kHz).
_LIMITER_CHUNK = 1 << 20
_FULL_SCALE = 32768.0


def _db_to_gain(db: float) -> float:
    return float(10.0 ** (db / 20.0))


def _samples(pcm: bytes) -> Signal:
    import numpy as np

    # float32 holds 16-bit samples exactly, in half the memory of float64.
    signal = np.frombuffer(pcm, dtype="<i2").astype(np.float32)
    signal *= 1.0 / _FULL_SCALE
    return signal


def _pcm(signal: Signal) -> bytes:
    """The signal as 16-bit PCM (``signal`` is overwritten)."""
    import numpy as np

    signal *= _FULL_SCALE  # in place: the signal is not needed any more
    np.round(signal, out=signal)
    np.clip(signal, -_FULL_SCALE, _FULL_SCALE - 1, out=signal)
    return signal.astype("<i2").tobytes()


def _meter(signal: Signal, sample_rate: int, mode: int) -> Any:
    import pyebur128

    state = pyebur128.R128State(1, sample_rate, mode)
    state.add_frames(signal, len(signal))
    return state


def integrated_loudness(signal: Signal, sample_rate: int) -> float:
    """Gated integrated loudness in LUFS (-inf for silence), by libebur128."""
    import pyebur128

    if len(signal) == 0:
        return -math.inf
    state = _meter(signal, sample_rate, pyebur128.MeasurementMode.MODE_I)
    return float(pyebur128.get_loudness_global(state))


def true_peak_dbfs(signal: Signal, sample_rate: int = 16_000) -> float:
    """The true peak (libebur128's oversampled measurement), in dBFS."""
    import pyebur128

    if len(signal) == 0:
        return -math.inf
    state = _meter(signal, sample_rate, pyebur128.MeasurementMode.MODE_TRUE_PEAK)
    peak = float(pyebur128.get_true_peak(state, 0))
    return 20.0 * math.log10(peak) if peak > 0 else -math.inf


def preload() -> None:
    """Import the meter and build the interpolation filter (a batch's parent, before it
    forks its workers)."""
    import pyebur128  # noqa: F401

    _interpolators()


@functools.cache
def _interpolators() -> npt.NDArray[np.float64]:
    """Per fractional position k/4 (k = 1..3), the taps that reconstruct the wave there
    from the samples around it (a Kaiser-windowed sinc, as scipy's resample_poly uses)."""
    import numpy as np

    taps = np.arange(-_HALF_TAPS + 1, _HALF_TAPS + 1, dtype=np.float64)
    rows = []
    for k in range(1, _OVERSAMPLING):
        t = k / _OVERSAMPLING - taps  # distance from each tap to the wanted position
        window = np.i0(_KAISER_BETA * np.sqrt(1 - (t / _HALF_TAPS) ** 2)) / np.i0(_KAISER_BETA)
        rows.append(np.sinc(t) * window)
    return np.array(rows)


def peak_envelope(signal: Signal, floor: float = 0.0) -> Signal:
    """Per sample, the largest magnitude the reconstructed wave reaches between it and the
    next sample (4× oversampling, as true-peak meters do).

    Only the samples where the wave comes near ``floor`` (a neighbour at least half as
    high) are interpolated; elsewhere the envelope is the sample's magnitude. Speech
    overshoots its samples by a fraction of a dB, never 6 dB, so every peak above
    ``floor`` is found at a fraction of the cost of oversampling the whole signal.
    """
    import numpy as np

    envelope: Signal = np.abs(signal)
    if len(signal) == 0:
        return envelope
    near = envelope >= floor / 2
    near[:-1] |= near[1:]
    candidates = np.flatnonzero(near)
    filters = _interpolators().astype(signal.dtype)
    last = len(signal) - 1
    for chunk in np.array_split(candidates, max(1, len(candidates) // _ENVELOPE_CHUNK)):
        if not len(chunk):
            continue
        # The three in-between positions of every candidate, one tap at a time: vectors
        # as long as the candidates, never a (candidates x taps) matrix.
        between = np.zeros((len(filters), len(chunk)), dtype=signal.dtype)
        for tap, offset in enumerate(range(-_HALF_TAPS + 1, _HALF_TAPS + 1)):
            where = chunk + offset
            around = signal.take(where, mode="clip")
            if chunk[0] + offset < 0 or chunk[-1] + offset > last:
                around[(where < 0) | (where > last)] = 0  # beyond either end: silence
            between += filters[:, tap, None] * around
        envelope[chunk] = np.maximum(envelope[chunk], np.abs(between).max(axis=0))
    return envelope


def running_min(signal: Signal, size: int) -> Signal:
    """The minimum of the ``size`` samples centred on each sample (edges repeated), in
    O(n) whatever the size (van Herk / Gil-Werman: prefix and suffix minima per block)."""
    import numpy as np

    half = size // 2
    padded = np.pad(signal, (half, size - 1 - half), mode="edge")
    blocks = -(-len(padded) // size)
    tail = np.full(blocks * size - len(padded), np.inf, dtype=padded.dtype)
    grid = np.concatenate([padded, tail]).reshape(blocks, size)
    prefix = np.minimum.accumulate(grid, axis=1).ravel()
    suffix = np.minimum.accumulate(grid[:, ::-1], axis=1)[:, ::-1].ravel()
    count = len(signal)
    result: Signal = np.minimum(suffix[:count], prefix[size - 1 : size - 1 + count])
    return result


def moving_average(signal: Signal, size: int) -> Signal:
    """The mean of the ``size`` samples around each sample (edges repeated)."""
    import numpy as np

    left = size // 2
    padded = np.pad(signal.astype(np.float64), (left, size - 1 - left), mode="edge")
    sums = np.concatenate([[0.0], np.cumsum(padded)])
    result: Signal = (sums[size:] - sums[:-size]) / size
    return result


def _limit(signal: Signal, envelope: Signal, ceiling: float, sample_rate: int) -> Signal:
    """Pull every peak above ``ceiling`` down to it with a smooth, look-ahead gain curve.

    The gain each sample needs is held over a window (a running minimum) and then
    smoothed with a moving average half as long: the smoothed curve is never above the
    gain a peak needs, yet changes over milliseconds, not from one sample to the next.
    """
    import numpy as np

    window = max(3, sample_rate * _LIMITER_WINDOW_MS // 1000)
    # The gain at a sample depends on the samples within 1.5 windows of it: it is 1 farther
    # than that from every peak over the ceiling, and computed only near them, in chunks
    # with that margin (the result is the same, and the working arrays stay small: over a
    # whole two-hour narration they took gigabytes).
    margin = 2 * window + 2
    limited: Signal = signal.copy()
    for start, stop in _spans_near(np.flatnonzero(envelope > ceiling), margin, len(signal)):
        low, high = max(0, start - margin), min(len(signal), stop + margin)
        needed = np.minimum(1.0, ceiling / np.maximum(envelope[low:high], 1e-12))
        held = running_min(needed, 2 * window + 1)
        gain = moving_average(held, window + 1)[start - low : stop - low]
        limited[start:stop] = signal[start:stop] * gain.astype(signal.dtype)
    return limited


def _spans_near(samples: npt.NDArray[np.intp], margin: int, length: int) -> list[tuple[int, int]]:
    """The ranges within ``margin`` of the given sample indexes (sorted), merged, and cut
    into pieces of at most :data:`_LIMITER_CHUNK` samples."""
    import numpy as np

    spans: list[tuple[int, int]] = []
    if not len(samples):
        return spans
    breaks = np.flatnonzero(np.diff(samples) > 2 * margin)
    firsts = np.concatenate([samples[:1], samples[breaks + 1]])
    lasts = np.concatenate([samples[breaks], samples[-1:]])
    for first, last in zip(firsts.tolist(), lasts.tolist(), strict=True):
        start, stop = max(0, first - margin), min(length, last + 1 + margin)
        spans += [(at, min(stop, at + _LIMITER_CHUNK)) for at in range(start, stop, _LIMITER_CHUNK)]
    return spans


def normalize_loudness(
    narration: Narration,
    *,
    target_lufs: float = DEFAULT_TARGET_LUFS,
    peak_dbfs: float = DEFAULT_PEAK_DBFS,
) -> Narration:
    """The same narration brought to ``target_lufs``, its peaks at most ``peak_dbfs``.

    A gain reaches the target; a gentle limiter takes down the few peaks that gain would
    push past the ceiling. If reaching the target would need more than
    :data:`MAX_LIMITING_DB` of limiting, the result stays quieter and that is logged.
    Audio too short to measure (under 400 ms) or silent is returned unchanged.
    """
    if narration.duration_ms < MIN_MEASURABLE_MS:
        log.debug("narration too short to measure loudness (%d ms)", narration.duration_ms)
        return narration

    signal = _samples(narration.pcm)
    rate = narration.sample_rate
    before = integrated_loudness(signal, rate)
    if not math.isfinite(before):
        log.debug("narration is silent: loudness left as is")
        return narration

    ceiling = _db_to_gain(peak_dbfs)
    envelope = peak_envelope(signal, floor=max(float(signal.max()), -float(signal.min())))
    peak_before = 20.0 * math.log10(float(envelope.max()))
    # Loudest level reachable with at most MAX_LIMITING_DB of limiting on the highest peak.
    goal = min(target_lufs, before + peak_dbfs + MAX_LIMITING_DB - peak_before)
    if goal < target_lufs - 0.5:
        log.warning(
            "narration normalised to %.1f LUFS, not %.1f: louder would distort its peaks",
            goal,
            target_lufs,
        )

    result, loudness = signal, before
    for _ in range(_MAX_PASSES):
        # In steps of 0.05 dB (inaudible): an edit elsewhere in the article then rarely
        # changes a page's samples, and its encoded audio is found in the cache.
        gain = _db_to_gain(round((goal - loudness) / _GAIN_STEP_DB) * _GAIN_STEP_DB)
        if gain * float(envelope.max()) > ceiling:
            # Limiting ahead: every peak that the gain pushes past the ceiling is needed.
            envelope = peak_envelope(result, floor=ceiling / gain)
        result *= gain  # in place: the unscaled signal is not needed any more
        envelope *= gain
        if float(envelope.max()) <= ceiling:
            # Gated loudness scales exactly with a gain: no need to measure again.
            loudness = goal
            break
        result = _limit(result, envelope, ceiling, rate)
        envelope = peak_envelope(result, floor=ceiling)
        loudness = integrated_loudness(result, rate)
        if abs(loudness - goal) <= _TOLERANCE_LU:
            break
    if float(envelope.max()) > ceiling:
        # The limiter's gain curve can leave a peak a hair above the ceiling: trim it.
        trim = ceiling / float(envelope.max())
        result *= trim
        envelope *= trim
        loudness += 20.0 * math.log10(trim)
    peak_after = 20.0 * math.log10(float(envelope.max()))
    log.info(
        "loudness %.1f -> %.1f LUFS, true peak %.1f -> %.1f dBFS",
        before,
        loudness,
        peak_before,
        peak_after,
    )
    return dataclasses.replace(narration, pcm=_pcm(result))
