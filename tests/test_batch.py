"""``exporter batch`` as an editor and a newsroom use it: only what changed, safely."""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from mutagen.mp3 import MP3

from exporter.batch.lock import build_lock
from exporter.batch.progress import BarReporter, LineReporter
from exporter.batch.run import BatchOptions, BatchReport, Status, format_summary, run_batch
from exporter.cli import cli
from exporter.errors import BuildFolderBusyError
from exporter.options import BuildOptions
from exporter.status import ExitStatus
from tests.conftest import ROOT, FakeEngine, registered_engine

ARTICLE = (
    "{title}\n\n"
    "Le conseil municipal de Brest a voté mardi un nouveau budget pour les écoles. "
    "Les parents saluent une décision attendue.\n\n"
    "Le maire a annoncé que les travaux commenceront au printemps. {extra}\n"
)


@contextlib.contextmanager
def _logged(logger: str, fragment: str) -> Iterator[threading.Event]:
    """An event set once ``logger`` logs a message holding ``fragment``: the test waits
    for the library to reach that point instead of sleeping and hoping it did."""
    seen = threading.Event()

    class Handler(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if fragment in record.getMessage():
                seen.set()

    handler, target = Handler(logging.INFO), logging.getLogger(logger)
    level = target.level
    target.setLevel(logging.INFO)
    target.addHandler(handler)
    try:
        yield seen
    finally:
        target.removeHandler(handler)
        target.setLevel(level)


def _write(folder: Path, name: str, title: str, extra: str = "Ils dureront six mois.") -> Path:
    path = folder / name
    path.write_text(ARTICLE.format(title=title, extra=extra), encoding="utf-8")
    return path


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "input"
    folder.mkdir()
    _write(folder, "budget-ecoles.txt", "Brest vote le budget des écoles")
    _write(folder, "travaux.txt", "Des travaux au printemps")
    _write(folder, "parents.txt", "Les parents satisfaits")
    return folder


class EngineLoads:
    """The fake engine, registered so that every load of the engine is counted."""

    def __init__(self) -> None:
        self.count = 0
        self.engine = FakeEngine()

    def create(self) -> FakeEngine:
        self.count += 1
        return self.engine


@pytest.fixture
def counted_engine() -> Iterator[EngineLoads]:
    loads = EngineLoads()
    with registered_engine("counted", loads.create):
        yield loads


def _options(out: Path, **changes: object) -> BatchOptions:
    build = BuildOptions(out_dir=out, engine="counted", formats=("mp3", "summary"))
    return BatchOptions(build=build, jobs=1, **changes)  # type: ignore[arg-type]


def _names(report: BatchReport, status: Status) -> list[str]:
    return sorted(Path(item.source).name for item in report.with_status(status))


def test_second_run_converts_nothing_and_loads_no_model(
    articles: Path, tmp_path: Path, counted_engine: EngineLoads
) -> None:
    out = tmp_path / "build"
    first = run_batch(articles, _options(out))
    assert _names(first, Status.CONVERTED) == ["budget-ecoles.txt", "parents.txt", "travaux.txt"]
    assert counted_engine.count == 1  # once for the whole batch, not once per article
    calls = len(counted_engine.engine.calls)

    second = run_batch(articles, _options(out))
    assert _names(second, Status.UP_TO_DATE) == ["budget-ecoles.txt", "parents.txt", "travaux.txt"]
    assert second.converted == ()
    assert counted_engine.count == 1
    assert len(counted_engine.engine.calls) == calls


def test_only_changed_articles_and_changed_settings_are_redone(
    articles: Path, tmp_path: Path, counted_engine: EngineLoads
) -> None:
    out = tmp_path / "build"
    run_batch(articles, _options(out))
    _write(articles, "travaux.txt", "Des travaux au printemps", extra="Ils dureront un an.")
    _write(articles, "nouveau.txt", "Un nouvel article")
    report = run_batch(articles, _options(out))
    assert _names(report, Status.CONVERTED) == ["nouveau.txt", "travaux.txt"]
    assert _names(report, Status.UP_TO_DATE) == ["budget-ecoles.txt", "parents.txt"]

    other_formats = BatchOptions(
        build=BuildOptions(out_dir=out, engine="counted", formats=("summary",)), jobs=1
    )
    assert len(run_batch(articles, other_formats).converted) == 4


def test_a_deleted_output_is_rebuilt(
    articles: Path, tmp_path: Path, counted_engine: EngineLoads
) -> None:
    out = tmp_path / "build"
    run_batch(articles, _options(out))
    (out / "parents" / "parents.mp3").unlink()
    report = run_batch(articles, _options(out))
    assert _names(report, Status.CONVERTED) == ["parents.txt"]
    assert (out / "parents" / "parents.mp3").is_file()


def test_prune_removes_the_outputs_of_deleted_articles_only_when_asked(
    articles: Path, tmp_path: Path, counted_engine: EngineLoads
) -> None:
    out = tmp_path / "build"
    run_batch(articles, _options(out))
    (articles / "parents.txt").unlink()
    run_batch(articles, _options(out))
    assert (out / "parents" / "parents.mp3").exists()

    report = run_batch(articles, _options(out, prune=True))
    assert _names(report, Status.PRUNED) == ["parents.txt"]
    assert not (out / "parents").exists()
    assert (out / "travaux" / "travaux.mp3").exists()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(manifest["articles"]) == ["budget-ecoles", "travaux"]
    assert "Les parents satisfaits" not in (out / "index.html").read_text(encoding="utf-8")


def _cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner(mix_stderr=False).invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_a_bad_article_is_reported_and_the_others_converted(
    articles: Path, tmp_path: Path, fake_engine: FakeEngine
) -> None:
    (articles / "vide.txt").write_bytes(b"   \n")
    out = tmp_path / "build"
    code, stdout, _ = _cli(
        "batch",
        str(articles),
        "--out",
        str(out),
        "--engine",
        "fake",
        "--formats",
        "mp3",
        "--jobs",
        "1",
    )
    assert code == ExitStatus.PARTIAL_FAILURE
    failed = [line for line in stdout.splitlines() if line.startswith("failed")]
    assert len(failed) == 1 and "vide.txt" in failed[0] and "white space" in failed[0]
    assert "3 converted" in stdout and "1 failed" in stdout
    assert sorted(p.name for p in out.glob("*/*.mp3")) == [
        "budget-ecoles.mp3",
        "parents.mp3",
        "travaux.mp3",
    ]
    assert not (out / "vide").exists()

    # Fixed, it is converted; the others are left alone.
    _write(articles, "vide.txt", "Un article enfin rempli")
    code, stdout, _ = _cli(
        "batch",
        str(articles),
        "--out",
        str(out),
        "--engine",
        "fake",
        "--formats",
        "mp3",
        "--jobs",
        "1",
    )
    assert code == ExitStatus.SUCCESS
    assert "1 converted, 3 up to date, 0 failed" in stdout


def test_two_articles_with_the_same_output_folder_are_refused(
    articles: Path, tmp_path: Path, counted_engine: EngineLoads
) -> None:
    (articles / "archive").mkdir()
    _write(articles / "archive", "travaux.txt", "Des travaux plus anciens")
    report = run_batch(articles, _options(tmp_path / "build"))
    assert len(report.failed) == 1
    assert "Rename" in report.failed[0].hint
    assert len(report.converted) == 3


def test_a_second_batch_on_the_same_folder_refuses_or_waits(
    articles: Path, tmp_path: Path, fake_engine: FakeEngine
) -> None:
    out = tmp_path / "build"
    args = (
        "batch",
        str(articles),
        "--out",
        str(out),
        "--engine",
        "fake",
        "--formats",
        "mp3",
        "--jobs",
        "1",
    )
    with build_lock(out, wait=False):
        code, stdout, stderr = _cli(*args)
        assert code == ExitStatus.BUSY
        assert "another batch" in stderr and "--wait" in stderr
        assert stdout == ""
        with pytest.raises(BuildFolderBusyError):
            run_batch(articles, BatchOptions(build=BuildOptions(out_dir=out), jobs=1))

        reports: list[BatchReport] = []
        waiting = threading.Thread(
            target=lambda: reports.append(
                run_batch(
                    articles,
                    BatchOptions(
                        build=BuildOptions(out_dir=out, engine="fake", formats=("mp3",)),
                        jobs=1,
                        wait=True,
                    ),
                )
            )
        )
        with _logged("exporter.batch.lock", "waiting for the batch") as blocked:
            waiting.start()
            assert blocked.wait(timeout=60), "the second batch never waited for the lock"
        assert waiting.is_alive()
        assert not (out / "manifest.json").exists()  # it waits: nothing converted yet
    waiting.join(timeout=60)
    assert not waiting.is_alive()
    assert len(reports[0].converted) == 3


def test_progress_lines_when_not_a_terminal(
    articles: Path, tmp_path: Path, counted_engine: EngineLoads
) -> None:
    (articles / "vide.txt").write_bytes(b"")
    stream = io.StringIO()
    report = run_batch(articles, _options(tmp_path / "build"), LineReporter(stream))
    lines = stream.getvalue().splitlines()
    assert lines[0] == "batch: 4 to convert, 0 up to date"
    for item in report.converted:
        assert item.outcome is not None
        done = f"{Path(item.source).name}: converted ({len(item.outcome.outputs)} files)"
        assert sum(done in line for line in lines) == 1
    assert any(line.startswith("[") and "vide.txt: FAILED" in line for line in lines)
    assert "\r" not in stream.getvalue()


def test_progress_bar_shows_status_and_eta(
    articles: Path, tmp_path: Path, counted_engine: EngineLoads
) -> None:
    stream = io.StringIO()
    run_batch(articles, _options(tmp_path / "build"), BarReporter(stream, width=120))
    screen = stream.getvalue()
    assert "\r\x1b[2K" in screen  # redrawn in place
    assert "ETA" in screen and "3/3" in screen
    assert "narrate" in screen  # what a worker is doing right now
    assert screen.count("✓") == 3


def test_progress_bar_prints_names_as_written_and_is_erased_at_the_end() -> None:
    stream = io.StringIO()
    bar = BarReporter(stream, width=100)
    bar.planned(to_convert=2, up_to_date=5)
    bar.stage("[urgent] a.txt", "parse")
    bar.finished("[urgent] a.txt", 3)
    bar.failed("b.txt", "bad [bold]input[/bold]")
    bar.completed()
    screen = stream.getvalue()
    assert "batch: 2 to convert, 5 up to date" in screen
    assert "✓ [urgent] a.txt (3 files)" in screen  # brackets are text, not markup
    assert "✗ b.txt: bad [bold]input[/bold]" in screen
    assert "2/2" in screen and "1 failed" in screen
    assert screen.endswith("\x1b[2K")  # the bar's line is erased, the messages stay


def test_summary_table_names_each_failure_and_its_reason(
    articles: Path, tmp_path: Path, counted_engine: EngineLoads
) -> None:
    (articles / "binaire.txt").write_bytes(b"\x00\x01\x02\x03" * 50)
    table = format_summary(run_batch(articles, _options(tmp_path / "build")))
    assert "binaire.txt" in table and "binary" in table.lower()
    assert table.splitlines()[-1].startswith("3 converted, 0 up to date, 1 failed, 0 pruned")


def test_watch_converts_articles_as_they_appear(
    articles: Path, tmp_path: Path, counted_engine: EngineLoads
) -> None:
    stop = threading.Event()
    passes: queue.Queue[BatchReport] = queue.Queue()
    watcher = threading.Thread(
        target=run_batch,
        args=(articles, _options(tmp_path / "build")),
        kwargs={"watch": True, "stop_event": stop, "debounce_ms": 100, "on_report": passes.put},
    )
    with _logged("exporter.batch.run", "watching") as watching:
        watcher.start()
        try:
            assert len(passes.get(timeout=60).converted) == 3
            assert watching.wait(timeout=60), "the batch never started watching"
            # The watcher listens a moment after it logs: write the article until a pass
            # reports it (the same text each time, so one conversion is all it needs).
            deadline = time.monotonic() + 60
            converted: list[str] = []
            while converted != ["dernier.txt"]:
                assert time.monotonic() < deadline, "the new article was not converted"
                if passes.empty():
                    _write(articles, "dernier.txt", "Une dernière nouvelle")
                with contextlib.suppress(queue.Empty):
                    converted = _names(passes.get(timeout=5), Status.CONVERTED) or converted
        finally:
            stop.set()
            watcher.join(timeout=30)
    assert not watcher.is_alive()  # stops cleanly
    assert (tmp_path / "build" / "dernier" / "dernier.mp3").is_file()
    assert counted_engine.count == 1  # the model stays loaded between passes
    # The lock is released: another batch may run.
    with build_lock(tmp_path / "build", wait=False):
        pass


def test_batch_on_a_dask_cluster(
    articles: Path, tmp_path: Path, counted_engine: EngineLoads
) -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        report = run_batch(
            articles, _options(tmp_path / "build", scheduler=cluster.scheduler_address)
        )
    assert _names(report, Status.CONVERTED) == ["budget-ecoles.txt", "parents.txt", "travaux.txt"]
    assert {item.outcome.worker for item in report.converted if item.outcome}  # ran on a worker
    for slug in ("budget-ecoles", "parents", "travaux"):
        assert _seconds(tmp_path / "build" / slug / f"{slug}.mp3") > 1
    assert counted_engine.count == 1
    again = run_batch(articles, _options(tmp_path / "build"))
    assert again.converted == ()  # the manifest is shared with local batches


def _seconds(mp3: Path) -> float:
    reader: Any = MP3  # mutagen is untyped
    return float(reader(mp3).info.length)


def _complete(out: Path, slug: str) -> bool:
    mp3 = out / slug / f"{slug}.mp3"
    return mp3.is_file() and _seconds(mp3) > 1


def test_a_batch_killed_with_sigkill_resumes_where_it_stopped(tmp_path: Path) -> None:
    """A real `exporter batch` process with the real offline engine, killed mid-batch."""
    folder = tmp_path / "input"
    folder.mkdir()
    slugs = [f"article-{index}" for index in range(8)]
    for index, slug in enumerate(slugs):
        _write(folder, f"{slug}.txt", f"Nouvelle numéro {index}", extra=f"Dépêche {index}.")
    out = tmp_path / "build"
    command = [
        sys.executable,
        "-m",
        "exporter.cli",
        "batch",
        str(folder),
        "--out",
        str(out),
        "--engine",
        "pico",
        "--formats",
        "mp3",
        "--jobs",
        "2",
    ]
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        command, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    manifest = out / "manifest.json"
    try:
        deadline = time.monotonic() + 180
        while not manifest.exists() and process.poll() is None:
            assert time.monotonic() < deadline, "the batch converted nothing in 3 minutes"
            time.sleep(0.02)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    done_at_kill = set(json.loads(manifest.read_text(encoding="utf-8"))["articles"])
    assert done_at_kill and done_at_kill < set(slugs), "the kill did not land mid-batch"
    assert all(_complete(out, slug) for slug in done_at_kill)

    result = subprocess.run(
        [*command, "--wait"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    redone = {
        line.split()[1].removesuffix(".txt")
        for line in result.stdout.splitlines()
        if line.startswith("converted")
    }
    assert redone == set(slugs) - done_at_kill
    assert all(_complete(out, slug) for slug in slugs)
    assert not [path.name for path in out.iterdir() if path.name.endswith((".partial", ".part"))]
    entries = json.loads(manifest.read_text(encoding="utf-8"))["articles"]
    assert sorted(entries) == slugs


def test_workers_are_handed_the_longest_articles_first(tmp_path: Path) -> None:
    from exporter.batch.tasks import ArticleTask
    from exporter.batch.workers import longest_first

    sizes = {"court": 10, "long": 3000, "moyen": 400, "aussi-court": 10}
    tasks = []
    for name, size in sizes.items():
        path = tmp_path / f"{name}.txt"
        path.write_text("x" * size, encoding="utf-8")
        tasks.append(ArticleTask(source=str(path), slug=name, key=name))
    tasks.append(ArticleTask(source=str(tmp_path / "disparu.txt"), slug="disparu", key="d"))
    ordered = [task.slug for task in longest_first(tasks)]
    # Equal sizes keep the given order; a file gone since planning comes last.
    assert ordered == ["long", "moyen", "court", "aussi-court", "disparu"]
