"""Section boundaries by lexical cohesion (TextTiling).

Each paragraph becomes a bag of lemmas (stop words removed) weighted by rarity, the
similarity of the paragraphs either side of every gap is measured, and a small dynamic
programme places a few boundaries where that similarity dips most, keeping sections 2 to
5 paragraphs long.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Iterable, Sequence

from exporter.parsers.sections.tokens import content_lemmas, tokenize
from exporter.text.words import rarity

#: Paragraphs per section the planner aims at, on average.
TARGET_SECTION_LENGTH = 3.5
MIN_SECTION_LENGTH = 2
MAX_SECTION_LENGTH = 5
#: Longest run of paragraphs planned at once (longer articles are planned window by window).
MAX_PLANNED_ITEMS = 64
#: Paragraphs on each side of a gap when comparing vocabulary.
COHESION_WINDOW = 2


def _vector(lemmas: Iterable[str]) -> Counter[str]:
    counts = Counter(lemmas)
    return Counter({lemma: count * rarity(lemma) for lemma, count in counts.items()})


def _cosine(left: Counter[str], right: Counter[str]) -> float:
    dot = sum(weight * right[lemma] for lemma, weight in left.items() if lemma in right)
    norm = math.sqrt(sum(w * w for w in left.values()) * sum(w * w for w in right.values()))
    return dot / norm if norm else 0.0


def gap_similarities(
    paragraphs: Sequence[str], lemmas: Sequence[Sequence[str]] | None = None
) -> list[float]:
    """Vocabulary shared across each gap: item ``g - 1`` is the gap before paragraph ``g``.

    ``lemmas``, when given, are the paragraphs' content lemmas already computed."""
    if lemmas is None:
        lemmas = [content_lemmas(tokenize(text)) for text in paragraphs]
    vectors = [_vector(items) for items in lemmas]
    similarities = []
    for gap in range(1, len(vectors)):
        left: Counter[str] = Counter()
        for vector in vectors[max(0, gap - COHESION_WINDOW) : gap]:
            left.update(vector)
        right: Counter[str] = Counter()
        for vector in vectors[gap : gap + COHESION_WINDOW]:
            right.update(vector)
        similarities.append(_cosine(left, right))
    return similarities


def _depths(similarities: Sequence[float]) -> list[float]:
    """TextTiling depth: how far each gap sits below the highest points on either side."""
    left_peaks = list(itertools.accumulate(similarities, max))
    right_peaks = list(itertools.accumulate(reversed(similarities), max))[::-1]
    return [
        left + right - 2 * value
        for left, right, value in zip(left_peaks, right_peaks, similarities, strict=True)
    ]


def _section_count(paragraph_count: int) -> int:
    return max(1, math.floor(paragraph_count / TARGET_SECTION_LENGTH + 0.5))


def _best_starts(costs: Sequence[float], length: int, sections: int) -> list[int]:
    """Starts of ``sections`` sections over ``length`` items, minimising the cut costs.

    ``costs[g - 1]`` is the price of starting a section at item ``g``. Sections keep
    between MIN_SECTION_LENGTH and a maximum that grows only when the article is long.
    """
    longest = max(MAX_SECTION_LENGTH, math.ceil(length / sections) + 1)
    shortest = min(MIN_SECTION_LENGTH, length // sections)
    infinity = math.inf
    # best[s][i]: lowest cost of covering items [0, i) with s sections.
    best = [[infinity] * (length + 1) for _ in range(sections + 1)]
    back = [[0] * (length + 1) for _ in range(sections + 1)]
    best[0][0] = 0.0
    for count in range(1, sections + 1):
        for end in range(1, length + 1):
            for size in range(shortest, longest + 1):
                start = end - size
                if start < 0 or best[count - 1][start] == infinity:
                    continue
                cut = costs[start - 1] if start > 0 else 0.0
                total = best[count - 1][start] + cut
                if total < best[count][end] - 1e-12:
                    best[count][end] = total
                    back[count][end] = start
    if best[sections][length] == infinity:
        return [0]
    starts = []
    end = length
    for count in range(sections, 0, -1):
        start = back[count][end]
        starts.append(start)
        end = start
    return sorted(starts)


def _windowed_starts(costs: Sequence[float], length: int) -> list[int]:
    """Section starts over ``length`` items, the programme run on windows of at most
    MAX_PLANNED_ITEMS items (cut at the cheapest gap near each window's end), so that
    its work grows linearly with the article instead of with its square."""
    starts: list[int] = []
    offset = 0
    while offset < length:
        end = length
        if length - offset > MAX_PLANNED_ITEMS * 5 // 4:  # else plan the rest at once
            # The cheapest gap in the last quarter of the window starts the next one.
            low = offset + MAX_PLANNED_ITEMS * 3 // 4
            high = offset + MAX_PLANNED_ITEMS
            end = min(range(low, high + 1), key=lambda gap: (costs[gap - 1], gap))
        size = end - offset
        window_costs = [costs[offset + gap - 1] for gap in range(1, size)]
        window = _best_starts(window_costs, size, _section_count(size))
        starts.extend(offset + start for start in window)
        offset = end
    return starts


def section_starts(
    paragraphs: Sequence[str],
    *,
    lead_alone: bool = False,
    lemmas: Sequence[Sequence[str]] | None = None,
) -> list[int]:
    """Index of each section's first paragraph; the first is always 0 (the lead).

    With ``lead_alone`` the lead paragraph is a section of its own and the rest is
    grouped after it (kept for the benchmark's comparison). ``lemmas`` are the
    paragraphs' content lemmas, when the caller has them already.
    """
    count = len(paragraphs)
    if count == 0:
        return []
    if lead_alone and count > MIN_SECTION_LENGTH:
        rest = section_starts(paragraphs[1:])
        return [0, *(start + 1 for start in rest)]
    sections = _section_count(count)
    if sections <= 1:
        return [0]
    costs = [-depth for depth in _depths(gap_similarities(paragraphs, lemmas))]
    if count <= MAX_PLANNED_ITEMS:
        return _best_starts(costs, count, sections)
    return _windowed_starts(costs, count)
