"""How well :mod:`exporter.segmentation` finds sections, and what titles it gives them.

Run: ``.venv/bin/python benchmarks/segmentation.py`` (corpus: ``$EXPORTER_CORPUS``, by
default ../shared/corpus). The Wikinews articles are split by file name (even positions
in name order: the half the planner may be tuned on; odd positions: held out, the
figures to quote); parts 1 and 2 are printed for each half, held out first. It prints:

1. Pk and WindowDiff (lower is better; k = half the mean reference section length, per
   article) on the Wikinews articles whose ``<h2>`` headings give sections, with the
   headings hidden. An ``<h2>`` before the first paragraph is a subtitle, not a boundary.
   Our planner (lead paragraph joining the first section, the default; and lead standing
   alone) is compared with two baselines: one section, and equal-size sections.
2. The same scores on articles made by joining slices of 2 to 5 paragraphs taken from
   different Wikinews articles (Choi's classic test): the boundaries are known exactly,
   though they are easier to find than a topic shift inside one article.
3. The titles inferred for the seed article and a few Wikinews texts, to judge by eye.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from bs4 import BeautifulSoup, Tag

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._corpus import (
    CorpusMissing,
    corpus_path,
    describe_split,
    seed_texts,
    split_tune_report,
    wikinews_texts,
)
from exporter.parsers.sections import infer_sections
from exporter.parsers.sections.boundaries import section_starts
from exporter.parsers.sections.evaluation import pk, window_diff

TITLED_ARTICLES = ("43971", "44974", "45197", "45614")
TITLE_SAMPLES = ("43971", "44372", "45467", "45614", "45635", "45766")
SLICE_SIZES = (3, 5, 2, 4)

Planner = Callable[[Sequence[str]], list[int]]


def sizes_from_starts(starts: Sequence[int], total: int) -> list[int]:
    ends = [*starts[1:], total]
    return [end - start for start, end in zip(starts, ends, strict=True)]


def equal_starts(count: int, sections: int) -> list[int]:
    sections = max(1, min(sections, count))
    return sorted({round(index * count / sections) for index in range(sections)})


def read_html_article(path: Path) -> tuple[str, list[str], list[int]]:
    """Title, paragraphs and reference section lengths of one Wikinews HTML page."""
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
    heading = soup.find("h1")
    title = heading.get_text(" ", strip=True) if isinstance(heading, Tag) else path.stem
    paragraphs: list[str] = []
    starts: list[int] = []
    for element in soup.find_all(["h2", "p"]):
        if not isinstance(element, Tag):
            continue
        if element.name == "h2":
            if paragraphs:  # a heading before any paragraph is the subtitle
                starts.append(len(paragraphs))
            continue
        text = " ".join(element.get_text(" ", strip=True).split())
        if text:
            paragraphs.append(text)
    starts = sorted({0, *(start for start in starts if start < len(paragraphs))})
    return title, paragraphs, sizes_from_starts(starts, len(paragraphs))


def read_text_article(path: Path) -> tuple[str, list[str]]:
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    lines = [line for line in lines if line]
    return lines[0], lines[1:]


def planners(reference_sections: Callable[[Sequence[str]], int]) -> dict[str, Planner]:
    def equal_as_planner(paragraphs: Sequence[str]) -> list[int]:
        return equal_starts(len(paragraphs), len(section_starts(paragraphs)))

    def equal_true_count(paragraphs: Sequence[str]) -> list[int]:
        return equal_starts(len(paragraphs), reference_sections(paragraphs))

    return {
        "planner (lead joins)": lambda paragraphs: section_starts(paragraphs),
        "planner (lead alone)": lambda paragraphs: section_starts(paragraphs, lead_alone=True),
        "one section": lambda paragraphs: [0],
        "equal, planner's count": equal_as_planner,
        "equal, true count": equal_true_count,
    }


def score_table(
    articles: Sequence[tuple[str, Sequence[str], Sequence[int]]], methods: dict[str, Planner]
) -> None:
    print(
        f"{'method':24} {'article':>8} {'paras':>5} {'reference':>14} {'hypothesis':>14}"
        f" {'Pk':>6} {'WD':>6}"
    )
    for name, plan in methods.items():
        pks, wds = [], []
        for label, paragraphs, reference in articles:
            hypothesis = sizes_from_starts(plan(paragraphs), len(paragraphs))
            pks.append(pk(reference, hypothesis))
            wds.append(window_diff(reference, hypothesis))
            print(
                f"{name:24} {label:>8} {len(paragraphs):>5} {reference!s:>14} "
                f"{hypothesis!s:>14} {pks[-1]:6.3f} {wds[-1]:6.3f}"
            )
        print(
            f"{name:24} {'MEAN':>8} {'':>5} {'':>14} {'':>14} "
            f"{statistics.mean(pks):6.3f} {statistics.mean(wds):6.3f}\n"
        )


def synthetic_articles(paths: Sequence[Path]) -> list[tuple[str, list[str], list[int]]]:
    """Articles made of 3 slices from 3 different texts; the lead of each is skipped."""
    texts = [read_text_article(path)[1] for path in paths]
    texts = [paragraphs[1:] for paragraphs in texts if len(paragraphs) >= 4]
    articles = []
    turn = 0
    for first in range(0, len(texts) - 2, 3):
        paragraphs: list[str] = []
        sizes: list[int] = []
        for text in texts[first : first + 3]:
            size = min(len(text), SLICE_SIZES[turn % len(SLICE_SIZES)])
            turn += 1
            paragraphs.extend(text[:size])
            sizes.append(size)
        articles.append((f"mix{first // 3 + 1}", paragraphs, sizes))
    return articles


def show_titles(label: str, title: str, paragraphs: Sequence[str]) -> None:
    print(f"{label}: {title}")
    for plan in infer_sections(paragraphs, document_title=title):
        print(f"  [{plan.start}-{plan.end - 1}] {plan.title}")


def score_half(label: str, texts: Sequence[Path]) -> None:
    names = {path.stem for path in texts}
    print(f"== 1. {label}: Wikinews articles with <h2> sections (headings hidden)\n")
    titled = []
    for article in (name for name in TITLED_ARTICLES if name in names):
        path = corpus_path("wikinews-fr", "html", f"{article}.html")
        _, paragraphs, reference = read_html_article(path)
        titled.append((article, paragraphs, reference))
    reference_counts = {tuple(p): len(r) for _, p, r in titled}
    score_table(titled, planners(lambda paragraphs: reference_counts[tuple(paragraphs)]))

    print(f"== 2. {label}: synthetic articles, slices of different Wikinews texts joined\n")
    mixed = synthetic_articles(texts)
    mixed_counts = {tuple(p): len(r) for _, p, r in mixed}
    score_table(mixed, planners(lambda paragraphs: mixed_counts[tuple(paragraphs)]))


def main(argv: Sequence[str] | None = None) -> int:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args(argv)
    try:
        tune, report = split_tune_report(wikinews_texts())
        seeds = seed_texts()
    except CorpusMissing as error:
        print(error, file=sys.stderr)
        return 2
    print(describe_split("section planner", tune, report) + "\n")
    score_half("HELD OUT (odd positions)", report)
    score_half("tuning half (even positions)", tune)

    print("== 3. Inferred titles\n")
    for seed in seeds:
        show_titles(seed.name, *read_text_article(seed))
    by_name = {path.stem: path for path in [*tune, *report]}
    for article in TITLE_SAMPLES:
        if article in by_name:
            show_titles(article, *read_text_article(by_name[article]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
