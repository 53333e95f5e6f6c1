"""Segmentation scores against a reference: Pk and WindowDiff."""

from __future__ import annotations

import math
from collections.abc import Sequence


def _segment_labels(sizes: Sequence[int]) -> list[int]:
    """Each paragraph's section number, from the sections' lengths: [2, 1] -> [0, 0, 1]."""
    return [section for section, size in enumerate(sizes) for _ in range(size)]


def default_window(reference: Sequence[int]) -> int:
    """Pk's usual window: half the mean reference section length, at least 1."""
    mean = sum(reference) / len(reference)
    return max(1, math.floor(mean / 2 + 0.5))


def _windows(reference: Sequence[int], hypothesis: Sequence[int], k: int) -> range:
    if sum(reference) != sum(hypothesis) or any(size <= 0 for size in (*reference, *hypothesis)):
        raise ValueError("both segmentations must cover the same paragraphs")
    return range(sum(reference) - k)


def pk(reference: Sequence[int], hypothesis: Sequence[int], k: int | None = None) -> float:
    """Beeferman's Pk: share of k-wide windows whose ends the two segmentations disagree on
    (same section or not). Segmentations are given as section lengths; 0 is perfect."""
    k = default_window(reference) if k is None else k
    windows = _windows(reference, hypothesis, k)
    if not windows:
        return 0.0
    ref, hyp = _segment_labels(reference), _segment_labels(hypothesis)
    errors = sum((ref[i] == ref[i + k]) != (hyp[i] == hyp[i + k]) for i in windows)
    return errors / len(windows)


def window_diff(reference: Sequence[int], hypothesis: Sequence[int], k: int | None = None) -> float:
    """Pevzner and Hearst's WindowDiff: share of k-wide windows holding a different number
    of boundaries in the two segmentations (given as section lengths); 0 is perfect."""
    k = default_window(reference) if k is None else k
    windows = _windows(reference, hypothesis, k)
    if not windows:
        return 0.0
    ref, hyp = _segment_labels(reference), _segment_labels(hypothesis)
    errors = sum(ref[i + k] - ref[i] != hyp[i + k] - hyp[i] for i in windows)
    return errors / len(windows)
