"""Benchmark ``exporter batch`` on the shared corpus (33 Wikinews articles + the seed).

Measures, with 1 and 2 worker processes, the wall time and articles per minute with a cold
audio cache (every sentence synthesised) and a warm one (every sentence cached, outputs
rebuilt); the no-op run (nothing changed) on the corpus and on 102 articles, in the library
and as a whole ``exporter batch`` process; where the time goes per stage; and the peak
memory of each worker process.

    .venv/bin/python benchmarks/batch.py [--formats summary,mp3,epub] [--engine pico]

The formats are run in the order given: with "summary" first, the summary's language
analysis is timed in its own stage rather than inside the EPUB's (which reuses it).
Nothing is tuned here: the figures are over every article of the corpus
($EXPORTER_CORPUS, by default ../shared/corpus).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks._corpus import CorpusMissing, seed_texts, wikinews_texts  # noqa: E402
from exporter.batch.run import BatchOptions, BatchReport, Status, run_batch  # noqa: E402
from exporter.options import BuildOptions  # noqa: E402


def corpus_articles() -> list[Path]:
    try:
        return [*wikinews_texts(), *seed_texts()]
    except CorpusMissing as error:
        raise SystemExit(f"error: {error}") from error


def _timed(input_dir: Path, options: BatchOptions) -> tuple[BatchReport, float]:
    started = time.perf_counter()
    report = run_batch(input_dir, options)
    return report, time.perf_counter() - started


def _stage_table(report: BatchReport) -> list[str]:
    totals: dict[str, list[float]] = defaultdict(list)
    per_article: dict[str, int] = defaultdict(int)
    for item in report.converted:
        assert item.outcome is not None
        seen: dict[str, int] = defaultdict(int)
        for stage, seconds in item.outcome.stage_seconds:
            totals[stage].append(seconds)
            seen[stage] += 1
        for stage, count in seen.items():
            per_article[stage] = max(per_article[stage], count)
    grand = sum(sum(values) for values in totals.values()) or 1.0
    lines = [
        "| stage | total s | share | median s/article | max runs per article |",
        "|---|---|---|---|---|",
    ]
    for stage, values in sorted(totals.items(), key=lambda item: -sum(item[1])):
        lines.append(
            f"| {stage} | {sum(values):.1f} | {sum(values) / grand:.0%} | "
            f"{statistics.median(values):.2f} | {per_article[stage]} |"
        )
    return lines


def _workers(report: BatchReport) -> list[str]:
    peaks: dict[str, int] = {}
    articles: dict[str, int] = defaultdict(int)
    first_narrate: dict[str, float] = {}
    for item in report.converted:
        outcome = item.outcome
        assert outcome is not None
        peaks[outcome.worker] = max(peaks.get(outcome.worker, 0), outcome.peak_rss_kb)
        articles[outcome.worker] += 1
        narrate = dict(outcome.stage_seconds).get("narrate")
        if narrate is not None and outcome.worker not in first_narrate:
            first_narrate[outcome.worker] = narrate
    return [
        f"{worker}: {articles[worker]} articles, peak RSS {peaks[worker] / 1024:.0f} MB"
        for worker in sorted(peaks)
    ]


def _check(report: BatchReport, label: str) -> None:
    for item in report.failed:
        print(f"  FAILED in {label}: {item.message}", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--formats", default="summary,mp3,epub")
    parser.add_argument("--engine", default="pico")
    parser.add_argument("--jobs", default="1,2")
    args = parser.parse_args()
    formats = tuple(args.formats.split(","))
    work = Path(tempfile.mkdtemp(prefix="exporter-bench-"))
    input_dir = work / "input"
    input_dir.mkdir()
    for article in corpus_articles():
        shutil.copy(article, input_dir / article.name)
    count = len(list(input_dir.iterdir()))
    print(f"corpus: {count} articles (Wikinews texts + seed); nothing tuned, all reported")
    print(
        f"# exporter batch benchmark: {count} articles, formats {','.join(formats)}, "
        f"engine {args.engine}, {os.cpu_count()} cores\n"
    )

    rows = [
        "| run | jobs | wall s | articles/min | converted | failed |",
        "|---|---|---|---|---|---|",
    ]
    details: list[str] = []
    walls: dict[tuple[str, int], float] = {}
    for jobs in (int(value) for value in args.jobs.split(",")):
        cache = work / f"cache-{jobs}"
        for run in ("cold", "warm"):
            out = work / f"build-{jobs}-{run}"
            options = BatchOptions(
                build=BuildOptions(
                    out_dir=out, engine=args.engine, formats=formats, cache_dir=cache
                ),
                jobs=jobs,
            )
            report, wall = _timed(input_dir, options)
            _check(report, f"{run} x{jobs}")
            walls[(run, jobs)] = wall
            converted = len(report.converted)
            rows.append(
                f"| {run} cache | {jobs} | {wall:.1f} | {converted / wall * 60:.1f} | "
                f"{converted} | {len(report.failed)} |"
            )
            details += [
                f"\n## Stages, {run} cache, {jobs} job(s) (seconds summed over articles)\n",
                *_stage_table(report),
                "",
                "Workers:",
                *_workers(report),
            ]
    print("\n".join(rows))
    for run in ("cold", "warm"):
        if (run, 1) in walls and (run, 2) in walls:
            print(
                f"\n{run} cache: 2 jobs take {walls[(run, 2)] / walls[(run, 1)]:.2f} x the time "
                "of 1 job (target <= 0.60)"
            )

    # The no-op run: the last build again, nothing changed.
    last = work / f"build-{jobs}-warm"
    options = BatchOptions(
        build=BuildOptions(
            out_dir=last, engine=args.engine, formats=formats, cache_dir=work / f"cache-{jobs}"
        ),
        jobs=jobs,
    )
    report, wall = _timed(input_dir, options)
    up_to_date = len(report.with_status(Status.UP_TO_DATE))
    print(
        f"\nNo-op run, {count} articles: {wall * 1000:.0f} ms in the library "
        f"({up_to_date} up to date, {len(report.converted)} converted)"
    )

    # 102 articles: three copies of each (same text, so the narration comes from the cache).
    many = work / "input-102"
    many.mkdir()
    for article in sorted(input_dir.iterdir()):
        for copy in range(3):
            shutil.copy(article, many / f"{article.stem}-{copy}{article.suffix}")
    many_out = work / "build-102"
    many_options = BatchOptions(
        build=replace(options.build, out_dir=many_out, formats=("transcript",)), jobs=jobs
    )
    run_batch(many, many_options)
    report, wall = _timed(many, many_options)
    print(
        f"No-op run, {len(report.items)} articles: {wall * 1000:.0f} ms in the library "
        f"({len(report.with_status(Status.UP_TO_DATE))} up to date)"
    )
    command = [
        str(Path(sys.executable).parent / "exporter"),
        "batch",
        str(many),
        "--out",
        str(many_out),
        "--formats",
        "transcript",
        "--engine",
        args.engine,
    ]
    started = time.perf_counter()
    subprocess.run(
        command,
        check=True,
        capture_output=True,
        cwd=work,
        env=os.environ | {"EXPORTER_CACHE_DIR": str(work / f"cache-{jobs}")},
    )
    print(
        f"No-op run, {len(report.items)} articles: {time.perf_counter() - started:.2f} s for "
        "the whole 'exporter batch' process (Python start-up and imports included)"
    )
    print("\n".join(details))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
