"""Issue 13: where a Pico mp3-only article's CPU goes, ours against the bare script's.

``benchmarks/lean.py`` gives the per-article ratio from whole processes (CPU(20) - CPU(5));
on a shared machine its noise (±5 %) hides changes of a few percent. Here each side runs
in its own process over the same Wikinews articles, after a first article (start-up left
out), and its CPU is split by who spent it: our process (parsing and section titles,
normalisation, loudness, cover, tags), the Pico child, ffmpeg; the bare script (sentences
-> NanoTTS -> ffmpeg, ``lean.BARE_SCRIPT``) spends its Pico time in its own process. The
two sides are interleaved, medians of ``--repeat`` runs.

    .venv/bin/python benchmarks/pico_split.py [--articles 15] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks._corpus import corpus_root  # noqa: E402
from benchmarks.lean import BARE_SCRIPT  # noqa: E402

#: Our side: one converter, a first article, then the measured ones; ffmpeg's CPU is read
#: around each of its runs, the Pico child's when it is closed (and waited for).
OURS = r"""
import json, resource, shutil, sys, tempfile
from pathlib import Path
import exporter.audio.ffmpeg as ffmpeg
from exporter.options import BuildOptions
from exporter.pipeline import ArticleConverter

def usage():
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime

spent = [0.0]
run = ffmpeg.run_ffmpeg_unchecked
def counted(*args, **kwargs):
    before = usage()[1]
    try:
        return run(*args, **kwargs)
    finally:
        spent[0] += usage()[1] - before
ffmpeg.run_ffmpeg_unchecked = counted

first, *sources = map(Path, sys.argv[1:])
options = BuildOptions(engine="pico", formats=("mp3",), use_cache=False,
                       out_dir=Path(tempfile.mkdtemp(prefix="exporter-split-")))
converter = ArticleConverter(options, None)
converter.convert(first)
converter.close()  # the Pico child of the first article: started again below
spent[0] = 0.0
own, kids = usage()
for source in sources:
    assert converter.convert(source).error is None
converter.close()
own_after, kids_after = usage()
shutil.rmtree(options.out_dir)
print(json.dumps({"ours": own_after - own, "ffmpeg": spent[0],
                  "pico": kids_after - kids - spent[0]}))
"""

#: The bare side: the first article, then the measured ones, its own CPU and ffmpeg's.
BARE = r"""
import json, resource, shutil, sys, tempfile
def usage():
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime
script, first, *rest = sys.argv[1:]
out = tempfile.mkdtemp(prefix="exporter-split-")
sys.argv = ["bare", out, first]
exec(script)
own, kids = usage()
sys.argv = ["bare", out, *rest]
exec(script)
own_after, kids_after = usage()
shutil.rmtree(out)
print(json.dumps({"pico": own_after - own, "ffmpeg": kids_after - kids}))
"""


def _run(code: str, *arguments: str, tree: Path = ROOT) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", code, *arguments],
        env={**os.environ, "PYTHONPATH": str(tree)},
        capture_output=True,
        check=True,
        text=True,
    )
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def ours(paths: Sequence[Path], tree: Path = ROOT) -> dict[str, float]:
    return _run(OURS, *map(str, paths), tree=tree)


def bare(paths: Sequence[Path]) -> dict[str, float]:
    return _run(BARE, BARE_SCRIPT, *map(str, paths))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=15, help="measured, after a first")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--baseline", type=Path, help="another checkout (e.g. main's) measured the same way"
    )
    args = parser.parse_args(argv)
    corpus = sorted((corpus_root() / "wikinews-fr" / "text").glob("*.txt"))
    paths = [corpus[-1], *corpus[: args.articles]]
    count = len(paths) - 1
    print(f"load average before: {os.getloadavg()[0]:.1f}", flush=True)
    runs: dict[str, list[dict[str, float]]] = {"ours": [], "bare": []}
    if args.baseline:
        runs["baseline"] = []
    for _ in range(args.repeat):
        runs["ours"].append(ours(paths))
        runs["bare"].append(bare(paths))
        if args.baseline:
            runs["baseline"].append(ours(paths, args.baseline.resolve()))
    median = {
        side: {part: statistics.median(r[part] for r in results) / count for part in results[0]}
        for side, results in runs.items()
    }
    total = {side: sum(parts.values()) for side, parts in median.items()}
    for side, parts in median.items():
        split = ", ".join(f"{part} {seconds:.3f}" for part, seconds in parts.items())
        print(f"{side}: {total[side]:.3f} CPU-s per article ({split})")
    engine = median["ours"]["pico"] + median["ours"]["ffmpeg"]
    print(
        f"ours / bare: {total['ours'] / total['bare']:.2f}x; Pico and ffmpeg alone "
        f"{engine:.3f} / {total['bare']:.3f} = {engine / total['bare']:.2f}x "
        f"({count} Wikinews articles after a first, medians of {args.repeat}); "
        f"load average after: {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
