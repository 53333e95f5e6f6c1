"""Scaling benchmark: does the work grow linearly with the article?

Synthetic French articles are made of sentences of the shared corpus (EXPORTER_CORPUS,
default ../shared/corpus: the Wikinews texts), in paragraphs of 1 to 4 sentences, at
10 KB, 100 KB, 1 MB and 5 MB (just under the 5,000,000-byte input limit); a second case
has no punctuation and no line break at all (one 5 MB "sentence"). For each size, in a
fresh process (warmed up on a small article first, so that loading dictionaries is not
counted), it times four stages and reads the process's peak memory after each:

- parse: read the file and turn it into blocks (parser only);
- segment: sentences and sections (``build_document``: section inference and titles);
- summarise: the offline plain-language summary (selection, rewriting, glossary);
- narrate: Pico reads the document (``Narrator.narrate``, no cache) and the MP3 is
  encoded. A narration is limited to MAX_NARRATED_CHARS (about two hours of audio,
  held in memory): larger articles are refused at once, which is timed too, and the
  narration is measured instead at sizes up to the limit.

Then it fits ``time ~ size ** k`` on each stage (least squares in log-log; target k <=
1.15) and says whether the largest size stayed under 10 minutes and 1 GB.

    .venv/bin/python benchmarks/scaling.py            # everything (about 10 minutes)
    .venv/bin/python benchmarks/scaling.py --quick    # 10 KB to 1 MB, short narrations
"""

from __future__ import annotations

import argparse
import math
import multiprocessing
import random
import resource
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks._corpus import corpus_root, wikinews_texts  # noqa: E402
from exporter.audio.encoding import encode_mp3  # noqa: E402
from exporter.errors import InputTooLargeError  # noqa: E402
from exporter.narration.engines import create_engine  # noqa: E402
from exporter.narration.narrator import MAX_NARRATED_CHARS, Narrator  # noqa: E402
from exporter.parsers import detect_format, get_parser  # noqa: E402
from exporter.parsers.reading import DEFAULT_MAX_BYTES, read_article_text  # noqa: E402
from exporter.parsers.structure import build_document  # noqa: E402
from exporter.summary.summarize import summarize  # noqa: E402
from exporter.text.sentences import split_sentences  # noqa: E402

CORPUS = corpus_root()
KB = 1000
SIZES = (10 * KB, 100 * KB, 1000 * KB, DEFAULT_MAX_BYTES - 100 * KB)
QUICK_SIZES = SIZES[:3]
#: Narration sizes (bytes of text), below MAX_NARRATED_CHARS.
NARRATION_SIZES = (10 * KB, 30 * KB, 90 * KB)
QUICK_NARRATION_SIZES = (5 * KB, 15 * KB)
TARGET_EXPONENT = 1.15
TIME_LIMIT_S = 600
MEMORY_LIMIT_MB = 1000


def corpus_sentences() -> list[str]:
    sentences: list[str] = []
    for path in wikinews_texts():
        for line in path.read_text(encoding="utf-8").splitlines()[1:]:
            sentences.extend(split_sentences(line))
    if not sentences:
        sys.exit(f"no corpus sentences under {CORPUS} (set EXPORTER_CORPUS)")
    return sentences


def synthetic_article(size: int, *, punctuation: bool = True, seed: int = 1) -> str:
    """About ``size`` bytes of French: a title line, then paragraphs of corpus sentences."""
    rng = random.Random(seed)
    sentences = corpus_sentences()
    title = "Un article synthétique fait de phrases de Wikinews"
    paragraphs: list[str] = []
    length = len(title.encode()) + 1
    while length < size:
        paragraph = " ".join(rng.choice(sentences) for _ in range(rng.randint(1, 4)))
        if not punctuation:
            paragraph = "".join(c for c in paragraph if c.isalnum() or c.isspace())
        paragraphs.append(paragraph)
        length += len(paragraph.encode()) + 1
    body = "\n".join(paragraphs) if punctuation else " ".join(paragraphs)
    return f"{title}\n{body}\n"


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _warm_up() -> None:
    """Load every dictionary and model once, so that the stages time only their work."""
    text = synthetic_article(3 * KB, seed=99)
    summarize(build_document(get_parser("text").parse(text)))


def measure(path: Path, stages: Sequence[str], queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    _warm_up()
    rows: dict[str, tuple[float, float, str]] = {}
    start = time.perf_counter()
    text = read_article_text(path)
    raw = get_parser(detect_format(path, text)).parse(text)
    rows["parse"] = (time.perf_counter() - start, _peak_mb(), f"{len(raw.blocks)} blocks")
    start = time.perf_counter()
    document = build_document(raw, source=path.name)
    sentences = sum(1 for _ in document.sentences())
    rows["segment"] = (
        time.perf_counter() - start,
        _peak_mb(),
        f"{sentences} sentences, {len(document.sections)} sections",
    )
    if "summarise" in stages:
        start = time.perf_counter()
        summary = summarize(document)
        rows["summarise"] = (
            time.perf_counter() - start,
            _peak_mb(),
            f"{len(summary.sentences)} sentences, {len(summary.briefs)} briefs",
        )
    if "narrate" in stages:
        narrator = Narrator(create_engine("pico"))
        start = time.perf_counter()
        try:
            narration = narrator.narrate(document)
            with tempfile.TemporaryDirectory() as folder:
                encode_mp3(narration, Path(folder) / "a.mp3")
            note = f"{narration.duration_ms / 3_600_000:.2f} h of audio"
        except InputTooLargeError as error:
            note = f"refused: {error.cause}"
        rows["narrate"] = (time.perf_counter() - start, _peak_mb(), note)
    queue.put(rows)


def run_case(text: str, stages: Sequence[str]) -> dict[str, tuple[float, float, str]]:
    """Every stage on ``text``, in a fresh process."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "article.txt"
        path.write_text(text, encoding="utf-8")
        context = multiprocessing.get_context("spawn")
        queue = context.Queue()
        process = context.Process(target=measure, args=(path, stages, queue))
        process.start()
        rows: dict[str, tuple[float, float, str]] = queue.get()
        process.join()
    return rows


def exponent(sizes: Sequence[float], seconds: Sequence[float]) -> float:
    """Least-squares slope of log(time) against log(size)."""
    xs = [math.log(size) for size in sizes]
    ys = [math.log(max(value, 1e-4)) for value in seconds]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    num = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    den = sum((x - mean_x) ** 2 for x in xs)
    return num / den if den else float("nan")


def _report(
    label: str, sizes: Sequence[int], results: Sequence[dict[str, tuple[float, float, str]]]
) -> None:
    print(f"\n== {label}")
    print(f"{'size':>9} {'stage':10} {'seconds':>9} {'peak MB':>8}  notes")
    for size, rows in zip(sizes, results, strict=True):
        for stage, (seconds, peak, note) in rows.items():
            print(f"{size / KB:>7.0f}KB {stage:10} {seconds:>9.2f} {peak:>8.0f}  {note}")
        total = sum(seconds for seconds, _, _ in rows.values())
        peak = max(peak for _, peak, _ in rows.values())
        verdict = "ok" if total < TIME_LIMIT_S and peak < MEMORY_LIMIT_MB else "OVER"
        print(f"{size / KB:>7.0f}KB {'total':10} {total:>9.2f} {peak:>8.0f}  {verdict}")
    stages = [stage for stage in results[0] if all(stage in rows for rows in results)]
    for stage in stages:
        if len(sizes) < 2:
            break
        seconds = [rows[stage][0] for rows in results]
        k = exponent(sizes, seconds)
        flag = "ok" if k <= TARGET_EXPONENT else "ABOVE TARGET"
        print(f"exponent {stage:10} {k:5.2f}  (target <= {TARGET_EXPONENT}) {flag}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10 KB to 1 MB, short narrations")
    args = parser.parse_args()
    sizes = QUICK_SIZES if args.quick else SIZES
    narration_sizes = QUICK_NARRATION_SIZES if args.quick else NARRATION_SIZES
    print(f"corpus: {CORPUS}; narration limit: {MAX_NARRATED_CHARS:,} characters")

    texts = [synthetic_article(size) for size in sizes]
    _report(
        "French text, paragraphs of 1-4 sentences: parse, segment, summarise",
        sizes,
        [run_case(text, ("summarise",)) for text in texts],
    )
    _report(
        "the same, above the narration limit: narration refused before any synthesis",
        sizes[-1:],
        [run_case(texts[-1], ("narrate",))],
    )
    _report(
        "narration with Pico (parse, segment, narrate + MP3) up to the limit",
        narration_sizes,
        [run_case(synthetic_article(size), ("narrate",)) for size in narration_sizes],
    )
    flat = [synthetic_article(size, punctuation=False) for size in sizes]
    _report(
        "no punctuation and no line break: one paragraph, one sentence",
        sizes,
        [run_case(text, ("summarise",)) for text in flat],
    )


if __name__ == "__main__":
    main()
