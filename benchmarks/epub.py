"""EPUB benchmark: size and build time with and without Media Overlays, timing accuracy,
and both validators over the whole shared corpus.

For every article (the seed, the 33 Wikinews texts and the 33 Wikinews HTML pages) it
builds a text-only EPUB and a narrated one (Media Overlays; cold sentence cache, then a
rebuild with a warm cache), then reports:

- EPUB size per minute of narration (and the size of the text-only book);
- build times: text only, with overlays from a cold cache (synthesis included), with
  overlays from a warm cache (cutting, encoding and packaging only);
- the timing error of every overlay clip against its decoded audio (mean, 95th
  percentile, worst; the promise is at most 50 ms);
- EPUBCheck (one JVM for all books) and Ace by DAISY (``--ace-jobs`` at a time) results
  for every book, with and without narration.

    .venv/bin/python benchmarks/epub.py [--engine pico] [--limit N] [--no-ace] [--json FILE]

Nothing is tuned here: the figures are over every article of the corpus
($EXPORTER_CORPUS, by default ../shared/corpus).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks._corpus import (  # noqa: E402
    CorpusMissing,
    seed_texts,
    wikinews_html,
    wikinews_texts,
)
from exporter.check.audio import overlay_timing_errors  # noqa: E402
from exporter.check.validators import (  # noqa: E402
    ValidatorResult,
    ace_status,
    epubcheck_status,
    run_ace,
    run_epubcheck_many,
)
from exporter.options import BuildOptions  # noqa: E402
from exporter.pipeline import ArticleConverter  # noqa: E402


@dataclass
class Row:
    article: str
    narration_s: float
    text_bytes: int
    overlay_bytes: int
    text_build_s: float
    cold_build_s: float
    warm_build_s: float
    worst_error_ms: int
    mean_error_ms: float
    clips: int


def articles(limit: int | None) -> list[Path]:
    try:
        found = [*seed_texts(), *wikinews_texts(), *wikinews_html()]
    except CorpusMissing as error:
        raise SystemExit(f"error: {error}") from error
    return found[:limit] if limit else found


def narration_seconds(epub: Path) -> float:
    with zipfile.ZipFile(epub) as archive:
        opf = next(name for name in archive.namelist() if name.endswith(".opf"))
        text = archive.read(opf).decode("utf-8")
    match = re.search(r'<meta property="media:duration">(\d+):(\d\d):(\d\d\.\d+)</meta>', text)
    if not match:
        return 0.0
    hours, minutes, seconds = match.groups()
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


def timed_build(converter: ArticleConverter, source: Path) -> tuple[Path, float]:
    start = time.perf_counter()
    result = converter.convert(source)
    elapsed = time.perf_counter() - start
    if result.error is not None:
        raise SystemExit(f"{source}: {result.error}")
    (epub,) = [path for path in result.outputs if path.suffix == ".epub"]
    return epub, elapsed


def label(source: Path) -> str:
    return f"{source.parent.name}/{source.name}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", default="pico")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--no-ace", action="store_true", help="skip Ace (about 15 s a book)")
    parser.add_argument("--ace-jobs", type=int, default=2)
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = parser.parse_args()

    sources = articles(args.limit)
    print(f"corpus: {len(sources)} articles; nothing tuned, all reported")
    with tempfile.TemporaryDirectory(prefix="bench-epub-") as scratch:
        root = Path(scratch)

        def converter(name: str, *, overlays: bool, cache: str) -> ArticleConverter:
            options = BuildOptions(
                out_dir=root / name,
                engine=args.engine,
                formats=("epub",),
                overlays=overlays,
                cache_dir=root / cache,
            )
            return ArticleConverter(options)

        # Load the summariser's data and the voice once, outside the timings.
        timed_build(converter("warm-up", overlays=True, cache="warm-up-cache"), sources[0])
        text_only = converter("text", overlays=False, cache="cache")
        narrated = converter("narrated", overlays=True, cache="cache")
        rows: list[Row] = []
        books: list[tuple[str, str, Path]] = []
        for source in sources:
            text_epub, text_s = timed_build(text_only, source)
            _, cold_s = timed_build(narrated, source)
            overlay_epub, warm_s = timed_build(narrated, source)
            errors = overlay_timing_errors(overlay_epub)
            rows.append(
                Row(
                    article=label(source),
                    narration_s=narration_seconds(overlay_epub),
                    text_bytes=text_epub.stat().st_size,
                    overlay_bytes=overlay_epub.stat().st_size,
                    text_build_s=text_s,
                    cold_build_s=cold_s,
                    warm_build_s=warm_s,
                    worst_error_ms=max(errors),
                    mean_error_ms=statistics.fmean(errors),
                    clips=len(errors) // 2,
                )
            )
            books += [(label(source), "text", text_epub), (label(source), "narrated", overlay_epub)]
            print(f"{rows[-1].article}: {rows[-1].narration_s:.0f} s narrated, "
                  f"{rows[-1].overlay_bytes / 1e6:.2f} MB, worst error {max(errors)} ms",
                  file=sys.stderr)  # fmt: skip
        validation = validate(books, ace=not args.no_ace, ace_jobs=args.ace_jobs)
        report(rows, validation)
        if args.json:
            args.json.write_text(
                json.dumps({"articles": [asdict(row) for row in rows], "validation": validation},
                           ensure_ascii=False, indent=2),
                encoding="utf-8",
            )  # fmt: skip


def _summary(result: ValidatorResult) -> dict[str, object]:
    return {"outcome": result.outcome, "fatal": result.fatal, "errors": result.errors,
            "warnings": result.warnings,
            "first": result.messages[0].message if result.messages else ""}  # fmt: skip


def validate(
    books: list[tuple[str, str, Path]], *, ace: bool, ace_jobs: int
) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = [{"article": a, "kind": k} for a, k, _ in books]
    if epubcheck_status().installed:
        started = time.perf_counter()
        for row, result in zip(rows, run_epubcheck_many([p for _, _, p in books]), strict=True):
            row["epubcheck"] = _summary(result)
        print(f"EPUBCheck: {len(books)} books in {time.perf_counter() - started:.0f} s",
              file=sys.stderr)  # fmt: skip
    if ace and ace_status().installed:
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=ace_jobs) as pool:
            for row, result in zip(rows, pool.map(run_ace, [p for _, _, p in books]), strict=True):
                row["ace"] = _summary(result)
        print(f"Ace: {len(books)} books in {time.perf_counter() - started:.0f} s",
              file=sys.stderr)  # fmt: skip
    return rows


def report(rows: list[Row], validation: list[dict[str, object]]) -> None:
    minutes = sum(row.narration_s for row in rows) / 60
    audio_bytes = sum(row.overlay_bytes - row.text_bytes for row in rows)
    errors = sorted(row.worst_error_ms for row in rows)
    print(f"articles: {len(rows)}, narration: {minutes:.1f} min")
    print(
        f"EPUB with overlays: {sum(r.overlay_bytes for r in rows) / 1e6:.1f} MB in all, "
        f"{audio_bytes / 1e6 / minutes:.2f} MB of audio+SMIL per minute of narration; "
        f"text-only median {statistics.median(r.text_bytes for r in rows) / 1e3:.0f} KB"
    )
    for name, pick in (
        ("text only", "text_build_s"),
        ("overlays, cold cache", "cold_build_s"),
        ("overlays, warm cache", "warm_build_s"),
    ):
        values = [float(getattr(row, pick)) for row in rows]
        print(
            f"build time {name}: median {statistics.median(values):.2f} s, "
            f"total {sum(values):.0f} s"
        )
    print(
        f"timing error: worst {errors[-1]} ms, per-article worst median "
        f"{statistics.median(errors)} ms, mean over all clips "
        f"{statistics.fmean(r.mean_error_ms for r in rows):.1f} ms, "
        f"clips {sum(r.clips for r in rows)}"
    )
    for validator in ("epubcheck", "ace"):
        results = [row[validator] for row in validation if validator in row]
        if not results:
            print(f"{validator}: not run")
            continue
        clean = [r for r in results
                 if isinstance(r, dict) and r["outcome"] == "pass"
                 and r["fatal"] == r["errors"] == r["warnings"] == 0]  # fmt: skip
        print(f"{validator}: {len(clean)}/{len(results)} books pass with 0 problems")
        for row in validation:
            result = row.get(validator)
            if isinstance(result, dict) and result not in clean:
                print(f"  {row['article']} ({row['kind']}): {result}")


if __name__ == "__main__":
    main()
