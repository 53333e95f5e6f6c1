"""Narration benchmark: where the time goes when articles are read aloud.

For each installed offline engine, over the shared corpus (the seed + 33 Wikinews texts),
prints: engine-only synthesis time, loudness normalisation time alone (every build runs
it), MP3 encoding time alone, end-to-end narration time (normalise text + synthesise +
assemble + loudness + encode, as a build does), the pipeline's own overhead (end-to-end
minus synthesis and encoding, loudness included, as a share of the total; target at most
15 %), the time of a rebuild with a warm sentence cache, and peak memory. Each engine runs
in its own process so that its memory figure is its own. Nothing is tuned here: the
figures are over every article (the corpus is $EXPORTER_CORPUS, by default
../shared/corpus).

    .venv/bin/python benchmarks/narration.py [--engines pico,kokoro] [--limit N]
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
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

        start = time.perf_counter()
        for index, document in enumerate(documents):
            narration = loud(narrator.narrate(document))
            audio_seconds += narration.duration_ms / 1000
            encode_start = time.perf_counter()
            encode_mp3(narration, Path(out) / f"{index}.mp3")
            encode_seconds += time.perf_counter() - encode_start
        total = time.perf_counter() - start
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
        f"{'overhead':>9} {'warm':>7} {'x RT':>6} {'peak MB':>8}"
    )
    for name in names:
        queue = context.Queue()
        process = context.Process(target=measure, args=(name, args.limit, queue))
        process.start()
        row = queue.get()
        process.join()
        print(
            f"{row['engine']:8} {row['articles']:>8} {row['audio_s']:>7.0f}s "
            f"{row['synth_s']:>7.1f}s {row['loudness_s']:>8.1f}s {row['encode_s']:>7.1f}s "
            f"{row['total_s']:>7.1f}s "
            f"{row['overhead_share']:>8.1%} {row['warm_s']:>6.1f}s "
            f"{row['total_s'] / row['audio_s']:>6.3f} {row['peak_mb']:>8.0f}"
        )
        print(
            f"         sentences synthesised: {row['synth_calls']} cold, "
            f"{row['warm_calls']} on the warm rebuild; pipeline overhead "
            f"{row['overhead_s']:.1f}s (target: at most 15 % of the total)"
        )


if __name__ == "__main__":
    main()
