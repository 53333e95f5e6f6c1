"""Narration benchmark: where the time goes when articles are read aloud.

For each installed offline engine, over the shared corpus (the seed + 33 Wikinews texts),
prints: engine-only synthesis time, loudness normalisation time alone (every build runs
it), MP3 encoding time alone, end-to-end narration time (normalise text + synthesise +
assemble + loudness + encode, as a build does), the pipeline's own overhead (end-to-end
minus synthesis and encoding, loudness included, as a share of the total; target at most
15 %), the time of a rebuild with a warm sentence cache, and peak memory. Each engine runs
in its own process so that its memory figure is its own. Nothing is tuned here: the
figures are over every article (the corpus is $EXPORTER_CORPUS, by default
../shared/corpus). "CPU/s" is CPU-seconds per second of speech, the figure that stays
comparable when other jobs share the machine (printed with the load average); --repeat
runs each engine N times, interleaved, and prints the median run.

    .venv/bin/python benchmarks/narration.py [--engines pico,kokoro] [--limit N] [--repeat N]

The seed alone with Kokoro, cold cache (issue targets: <= 0.4 x RT, <= 1 GiB):

    .venv/bin/python benchmarks/narration.py --engines kokoro --limit 1 --repeat 3
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks._corpus import SEED_ARTICLE, CorpusMissing, wikinews_texts  # noqa: E402
from exporter.audio.encoding import encode_mp3  # noqa: E402
from exporter.model import Document  # noqa: E402
from exporter.narration.cache import AudioCache  # noqa: E402
from exporter.narration.engines import create_engine, engine_infos  # noqa: E402
from exporter.narration.loudness import normalize_loudness  # noqa: E402
from exporter.narration.model import Narration  # noqa: E402
from exporter.narration.narrator import Narrator  # noqa: E402
from exporter.parsers import parse_file  # noqa: E402


class TimedEngine:
    """Wraps an engine to add up the time spent inside ``synthesize``."""

    def __init__(self, engine: object) -> None:
        self._engine = engine
        self.seconds = 0.0
        self.calls = 0

    def __getattr__(self, name: str) -> object:
        return getattr(self._engine, name)

    def synthesize(self, text: str) -> bytes:
        start = time.perf_counter()
        pcm: bytes = self._engine.synthesize(text)  # type: ignore[attr-defined]
        self.seconds += time.perf_counter() - start
        self.calls += 1
        return pcm


def cpu_seconds() -> float:
    """CPU time of this process and of the children it waited for (ffmpeg)."""
    usages = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    return sum(usage.ru_utime + usage.ru_stime for usage in usages)


def corpus(limit: int | None) -> list[Document]:
    paths = [SEED_ARTICLE, *wikinews_texts()]
    return [parse_file(path) for path in paths[:limit]]


def measure(engine_name: str, limit: int | None, queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    documents = corpus(limit)
    engine = TimedEngine(create_engine(engine_name))
    with tempfile.TemporaryDirectory() as cache_dir, tempfile.TemporaryDirectory() as out:
        cache = AudioCache(Path(cache_dir))
        narrator = Narrator(engine, cache=cache)  # type: ignore[arg-type]
        encode_seconds = loudness_seconds = audio_seconds = 0.0

        def loud(narration: Narration) -> Narration:
            nonlocal loudness_seconds
            loudness_start = time.perf_counter()
            normalised = normalize_loudness(narration)
            loudness_seconds += time.perf_counter() - loudness_start
            return normalised

        cpu_start = cpu_seconds()
        start = time.perf_counter()
        for index, document in enumerate(documents):
            narration = loud(narrator.narrate(document))
            audio_seconds += narration.duration_ms / 1000
            encode_start = time.perf_counter()
            encode_mp3(narration, Path(out) / f"{index}.mp3")
            encode_seconds += time.perf_counter() - encode_start
        total = time.perf_counter() - start
        cpu = cpu_seconds() - cpu_start
        synth_calls = engine.calls
        cold_loudness = loudness_seconds
        warm_start = time.perf_counter()
        for index, document in enumerate(documents):
            encode_mp3(loud(narrator.narrate(document)), Path(out) / f"{index}.mp3")
        warm = time.perf_counter() - warm_start
    overhead = total - engine.seconds - encode_seconds
    queue.put(
        {
            "engine": engine_name,
            "articles": len(documents),
            "audio_s": audio_seconds,
            "synth_s": engine.seconds,
            "synth_calls": synth_calls,
            "encode_s": encode_seconds,
            "loudness_s": cold_loudness,
            "total_s": total,
            "cpu_s": cpu,
            "load": os.getloadavg()[0],
            "overhead_s": overhead,
            "overhead_share": overhead / total,
            "warm_s": warm,
            "warm_calls": engine.calls - synth_calls,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        }
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", help="comma-separated (default: every usable offline engine)")
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--repeat", type=int, default=1, help="runs per engine (median shown)")
    args = parser.parse_args()
    names = (
        args.engines.split(",")
        if args.engines
        else [info.name for info in engine_infos() if info.offline and info.probe().usable]
    )
    try:
        articles = len(wikinews_texts()) + 1
    except CorpusMissing as error:
        raise SystemExit(f"error: {error}") from error
    print(f"corpus: the seed + {articles - 1} Wikinews texts; nothing tuned, all reported")
    context = multiprocessing.get_context("spawn")
    print(
        f"{'engine':8} {'articles':>8} {'audio':>8} {'synth':>8} {'loudness':>9} {'encode':>8} "
        f"{'total':>8} "
        f"{'overhead':>9} {'warm':>7} {'x RT':>6} {'CPU/s':>6} {'peak MB':>8}"
    )
    rows: dict[str, list[dict[str, float | str]]] = {name: [] for name in names}
    for run in range(args.repeat):
        for name in names:  # interleaved, so that a change of load hits every engine
            queue = context.Queue()
            process = context.Process(target=measure, args=(name, args.limit, queue))
            process.start()
            row = queue.get()
            process.join()
            rows[name].append(row)
            if args.repeat > 1:
                print(
                    f"  run {run + 1} {name}: {row['total_s'] / row['audio_s']:.3f} x RT, "
                    f"{row['cpu_s'] / row['audio_s']:.3f} CPU/s, {row['peak_mb']:.0f} MB, "
                    f"load {row['load']:.1f}"
                )
    for name in names:
        runs = sorted(rows[name], key=lambda row: row["total_s"])
        row = runs[len(runs) // 2]
        print(
            f"{row['engine']:8} {row['articles']:>8} {row['audio_s']:>7.0f}s "
            f"{row['synth_s']:>7.1f}s {row['loudness_s']:>8.1f}s {row['encode_s']:>7.1f}s "
            f"{row['total_s']:>7.1f}s "
            f"{row['overhead_share']:>8.1%} {row['warm_s']:>6.1f}s "
            f"{row['total_s'] / row['audio_s']:>6.3f} {row['cpu_s'] / row['audio_s']:>6.3f} "
            f"{statistics.median(float(run['peak_mb']) for run in runs):>8.0f}"
        )
        print(
            f"         sentences synthesised: {row['synth_calls']} cold, "
            f"{row['warm_calls']} on the warm rebuild; pipeline overhead "
            f"{row['overhead_s']:.1f}s (target: at most 15 % of the total); "
            f"load average {row['load']:.1f}"
        )


if __name__ == "__main__":
    main()
