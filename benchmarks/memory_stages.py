"""Where a build's memory goes: RSS and Python allocations at each stage of one article.

The build runs in this process with a reporter that, at each stage the pipeline announces
(parse, then each format: mp3, m4b, epub, summary…), records the stage's peak resident set
(``VmHWM``, reset between stages through ``/proc/self/clear_refs``), the resident set at
its end, the peak of Python's own allocations (tracemalloc) and the lines that allocated
most of what the stage kept. Imports and the language model are their own rows: the first
stage pays for them.

    .venv/bin/python benchmarks/memory_stages.py                 # the seed, Pico, default formats
    .venv/bin/python benchmarks/memory_stages.py --no-tracemalloc  # RSS only (no tracing cost)
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import tracemalloc
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks._corpus import SEED_ARTICLE  # noqa: E402


def _status(name: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(name + ":"):
            return int(line.split()[1]) / 1024
    raise LookupError(name)


def _reset_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current RSS
    except OSError:
        return False
    return True


@dataclass(slots=True)
class StageMemory:
    """A recording reporter: one row per stage."""

    trace: bool
    rows: list[tuple[str, float, float, float, list[str]]] = field(default_factory=list)
    _stage: str = "start-up (imports)"
    _snapshot: tracemalloc.Snapshot | None = None

    def _close(self, next_stage: str) -> None:
        peak, now = _status("VmHWM"), _status("VmRSS")
        python_peak, top = 0.0, []
        if self.trace:
            python_peak = tracemalloc.get_traced_memory()[1] / 2**20
            snapshot = tracemalloc.take_snapshot()
            if self._snapshot is not None:
                growth = snapshot.compare_to(self._snapshot, "lineno")[:4]
                top = [f"{stat.size_diff / 2**20:+.1f} MiB {stat.traceback[0]}" for stat in growth]
            self._snapshot = snapshot
            tracemalloc.reset_peak()
        self.rows.append((self._stage, peak, now, python_peak, top))
        self._stage = next_stage
        _reset_peak()

    def stage(self, article: str, stage: str) -> None:
        self._close(stage)

    def advance(self, article: str, done: int, total: int) -> None:
        pass

    def finished(self, article: str, outputs: int) -> None:
        self._close("(done)")

    def failed(self, article: str, message: str) -> None:
        raise SystemExit(message)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", type=Path, default=SEED_ARTICLE)
    parser.add_argument("--engine", default="pico")
    parser.add_argument("--no-tracemalloc", dest="trace", action="store_false")
    args = parser.parse_args(argv)
    if args.trace:
        tracemalloc.start(1)
    recorder = StageMemory(trace=args.trace)
    if not _reset_peak():
        print("cannot reset the peak (/proc/self/clear_refs): peaks are cumulative")

    from exporter.options import BuildOptions
    from exporter.pipeline import build

    with tempfile.TemporaryDirectory(prefix="exporter-stages-") as out:
        options = BuildOptions(out_dir=Path(out), engine=args.engine)
        report = build([args.article], options, reporter=recorder)
    if report.failed:
        raise SystemExit("the build failed")
    print("| stage | peak RSS (MiB) | RSS at its end | Python peak (tracemalloc) |")
    print("|---|---|---|---|")
    for stage, peak, now, python_peak, _ in recorder.rows:
        traced = f"{python_peak:.0f}" if args.trace else "-"
        print(f"| {stage} | {peak:.0f} | {now:.0f} | {traced} |")
    if args.trace:
        for stage, _, _, _, top in recorder.rows:
            if top:
                print(f"\n{stage}: kept")
                print("\n".join(f"  {line}" for line in top))


if __name__ == "__main__":
    main()
