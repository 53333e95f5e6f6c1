"""``exporter batch``: convert what is new or changed in a folder, safely, in parallel.

A batch

1. takes the build folder's lock (:mod:`exporter.batch_lock`): one batch per folder;
2. removes what a killed batch left half-done (staging folders, temporary files);
3. decides, from the manifest (:mod:`exporter.batch_manifest`), which articles are new or
   changed: a hash of their bytes, the output settings and the tool's version. A batch
   with nothing to do reads and hashes the files, and imports no conversion code (no
   pipeline, engine, exporter or model: the runner is made on the first article to convert);
4. converts those on a runner (:mod:`exporter.batch_workers`): this process, worker
   processes, or a Dask cluster, recording each article in the manifest as soon as it is
   done, so a killed batch run again redoes only the unfinished articles;
5. optionally prunes the outputs of articles that were removed, and rewrites the library
   page (:mod:`exporter.library`).

:func:`run_batch` runs once, or with ``watch=True`` again on every change in the folder.
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from exporter.batch.library import INDEX_NAME, write_library
from exporter.batch.lock import build_lock
from exporter.batch.manifest import (
    ManifestEntry,
    article_key,
    confined,
    load_manifest,
    outputs_present,
    save_manifest,
    settings_fingerprint,
)
from exporter.batch.progress import BatchReporter, NullBatchReporter
from exporter.batch.tasks import ArticleOutcome, ArticleTask, lazy_runner
from exporter.errors import InputError
from exporter.fsutil import remove_leftovers
from exporter.inputs import collect_inputs
from exporter.naming import assign_slugs
from exporter.options import BuildOptions
from exporter.parsers import ARTICLE_EXTENSIONS
from exporter.text.dates import format_duration

if TYPE_CHECKING:
    from exporter.batch.workers import Runner

log = logging.getLogger(__name__)

#: Changes closer together than this are handled as one batch (milliseconds).
DEFAULT_DEBOUNCE_MS = 1000


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True, kw_only=True, slots=True)
class BatchOptions:
    build: BuildOptions = field(default_factory=BuildOptions)
    #: Worker processes; None: one per core. 1 converts in this process.
    jobs: int | None = None
    #: Remove the outputs of articles no longer in the input folder.
    prune: bool = False
    #: Queue behind a batch already running on the same build folder instead of refusing.
    wait: bool = False
    #: Address of a Dask scheduler ("tcp://host:8786"); None converts on this machine.
    scheduler: str | None = None


class Status(StrEnum):
    CONVERTED = "converted"
    UP_TO_DATE = "up to date"
    FAILED = "failed"
    PRUNED = "pruned"


@dataclass(frozen=True, kw_only=True, slots=True)
class BatchItem:
    slug: str
    source: str
    status: Status
    message: str = ""
    hint: str = ""
    #: The worker's account of the conversion (None for articles not converted now).
    outcome: ArticleOutcome | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class BatchReport:
    items: tuple[BatchItem, ...] = ()
    seconds: float = 0.0

    def with_status(self, status: Status) -> tuple[BatchItem, ...]:
        return tuple(item for item in self.items if item.status is status)

    @property
    def failed(self) -> tuple[BatchItem, ...]:
        return self.with_status(Status.FAILED)

    @property
    def converted(self) -> tuple[BatchItem, ...]:
        return self.with_status(Status.CONVERTED)


@dataclass(frozen=True, kw_only=True, slots=True)
class _Plan:
    tasks: tuple[ArticleTask, ...]
    up_to_date: tuple[BatchItem, ...]
    rejected: tuple[BatchItem, ...]
    #: Slugs in the manifest whose article is gone from the input folder.
    gone: tuple[str, ...]
    #: Each slug's article, as found in the input folder.
    sources: dict[str, Path]


def find_articles(input_dir: Path, out_dir: Path | None = None) -> list[Path]:
    """The articles in ``input_dir`` (recursively, never in the build folder ``out_dir``
    or another folder of outputs); an empty folder is not an error."""
    if not input_dir.is_dir():
        raise InputError(
            input_dir,
            "no such folder",
            hint="Give the folder that holds the articles (default: input/).",
        )
    try:
        return collect_inputs([input_dir], out_dir=out_dir)
    except InputError:
        return []


def _plan(
    sources: Sequence[Path], manifest: dict[str, ManifestEntry], out_dir: Path, fingerprint: str
) -> _Plan:
    tasks: list[ArticleTask] = []
    up_to_date: list[BatchItem] = []
    rejected: list[BatchItem] = []
    slugs, collisions = assign_slugs(sources)
    rejected.extend(
        BatchItem(
            slug=collision.slug,
            source=str(collision.source),
            status=Status.FAILED,
            message=f"{collision.source}: {collision.message}",
            hint=collision.hint,
        )
        for collision in collisions
    )
    owners = {slug: source for source, slug in slugs.items()}
    for source, slug in slugs.items():
        try:
            content = source.read_bytes()
        except OSError as error:
            rejected.append(
                BatchItem(
                    slug=slug,
                    source=str(source),
                    status=Status.FAILED,
                    message=f"{source}: cannot read it ({error.strerror})",
                )
            )
            continue
        key = article_key(content, fingerprint)
        entry = manifest.get(slug)
        if entry is not None and entry.key == key and outputs_present(out_dir, entry):
            up_to_date.append(BatchItem(slug=slug, source=str(source), status=Status.UP_TO_DATE))
        else:
            tasks.append(ArticleTask(source=str(source.resolve()), slug=slug, key=key))
    gone = tuple(slug for slug in sorted(manifest) if slug not in owners)
    return _Plan(
        tasks=tuple(tasks),
        up_to_date=tuple(up_to_date),
        rejected=tuple(rejected),
        gone=gone,
        sources=owners,
    )


def _remove_outputs(out_dir: Path, outputs: Iterable[str]) -> None:
    for output in outputs:
        path = confined(out_dir, output)
        if path is None:
            log.warning("%s: not removed, the manifest points outside %s", output, out_dir)
        elif not path.is_symlink() and path.is_file():
            path.unlink(missing_ok=True)


def _prune(
    out_dir: Path, manifest: dict[str, ManifestEntry], gone: Iterable[str]
) -> list[BatchItem]:
    items = []
    for slug in gone:
        entry = manifest.pop(slug)
        # Only what the manifest says we wrote is removed, never a folder we did not make.
        _remove_outputs(out_dir, entry.outputs)
        folder = confined(out_dir, slug)
        if folder is not None and folder.is_dir() and not any(folder.rglob("*")):
            shutil.rmtree(folder, ignore_errors=True)
        items.append(BatchItem(slug=slug, source=entry.source, status=Status.PRUNED))
    return items


def _entry(outcome: ArticleOutcome, source: str) -> ManifestEntry:
    return ManifestEntry(
        source=source,
        key=outcome.key,
        outputs=outcome.outputs,
        title=outcome.title,
        date=outcome.date,
        publisher=outcome.publisher,
        link=outcome.link,
        duration_seconds=outcome.duration_seconds,
    )


def run_pass(
    input_dir: Path,
    options: BatchOptions,
    runner: Runner,
    reporter: BatchReporter,
    fingerprint: str,
) -> BatchReport:
    """One pass over ``input_dir``: convert what is new or changed, update the manifest."""
    started = time.perf_counter()
    out_dir = options.build.out_dir
    remove_leftovers(out_dir, started=time.time(), keep_live=False)  # under the lock
    manifest = load_manifest(out_dir)
    sources = find_articles(input_dir, out_dir)
    plan = _plan(sources, manifest, out_dir, fingerprint)
    items: list[BatchItem] = [*plan.up_to_date, *plan.rejected]
    reporter.planned(to_convert=len(plan.tasks), up_to_date=len(plan.up_to_date))
    for item in plan.rejected:
        reporter.failed(Path(item.source).name, item.message)
    changed = False
    if options.prune and plan.gone:
        items.extend(_prune(out_dir, manifest, plan.gone))
        save_manifest(out_dir, manifest)
        changed = True

    def record(outcome: ArticleOutcome) -> None:
        nonlocal changed
        label = Path(outcome.source).name
        source = str(plan.sources[outcome.slug])
        if outcome.ok:
            previous = manifest.get(outcome.slug)
            if previous is not None:
                # Outputs of an earlier format set must not stay behind, unlisted.
                _remove_outputs(out_dir, set(previous.outputs) - set(outcome.outputs))
            manifest[outcome.slug] = _entry(outcome, source)
            save_manifest(out_dir, manifest)  # at once: a kill loses no finished article
            changed = True
            reporter.finished(label, len(outcome.outputs))
            items.append(
                BatchItem(
                    slug=outcome.slug, source=source, status=Status.CONVERTED, outcome=outcome
                )
            )
        else:
            reporter.failed(label, outcome.error)
            items.append(
                BatchItem(
                    slug=outcome.slug,
                    source=source,
                    status=Status.FAILED,
                    message=outcome.error,
                    hint=outcome.hint,
                    outcome=outcome,
                )
            )

    try:
        if plan.tasks:
            from exporter.batch.workers import forward_event

            for outcome in runner.run(plan.tasks, forward_event(reporter)):
                record(outcome)
    except BaseException:
        # Interrupted (Ctrl-C, SIGTERM): articles that finished meanwhile are recorded, so
        # the next run does not convert them again.
        for outcome in runner.finished_meanwhile():
            record(outcome)
        raise
    finally:
        reporter.completed()
        if changed or not (out_dir / INDEX_NAME).exists():
            write_library(out_dir, manifest)
    return BatchReport(items=tuple(items), seconds=time.perf_counter() - started)


def resolved_options(options: BatchOptions) -> BatchOptions:
    # Absolute paths: workers may run in another folder, or on another machine.
    build = options.build
    return replace(options, build=replace(build, out_dir=build.out_dir.resolve()))


def _is_article(path: str) -> bool:
    name = Path(path).name
    return not name.startswith(".") and Path(name).suffix.lower() in ARTICLE_EXTENSIONS


def run_batch(
    input_dir: Path,
    options: BatchOptions | None = None,
    reporter: BatchReporter | None = None,
    *,
    watch: bool = False,
    on_report: Callable[[BatchReport], None] | None = None,
    stop_event: threading.Event | None = None,
    debounce_ms: int = DEFAULT_DEBOUNCE_MS,
) -> BatchReport:
    """Convert the new and changed articles of ``input_dir``; return what happened.

    With ``watch``, keep converting as articles appear or change, until Ctrl-C or
    ``stop_event`` is set; ``on_report`` is given the report of every pass, and the last
    one is returned. Workers (and their models) stay up between passes.
    """
    options = resolved_options(options or BatchOptions())
    reporter = reporter or NullBatchReporter()
    fingerprint = settings_fingerprint(options.build)
    jobs = options.jobs or default_jobs()
    with build_lock(options.build.out_dir, wait=options.wait) as lock_fd:
        runner = lazy_runner(options.build, jobs=jobs, scheduler=options.scheduler, lock_fd=lock_fd)
        try:
            report = run_pass(input_dir, options, runner, reporter, fingerprint)
            if on_report is not None:
                on_report(report)
            if watch:
                report = _watch(
                    input_dir,
                    options,
                    runner,
                    reporter,
                    fingerprint,
                    report,
                    on_report=on_report,
                    stop_event=stop_event,
                    debounce_ms=debounce_ms,
                )
        finally:
            runner.close()
    return report


def _watch(
    input_dir: Path,
    options: BatchOptions,
    runner: Runner,
    reporter: BatchReporter,
    fingerprint: str,
    report: BatchReport,
    *,
    on_report: Callable[[BatchReport], None] | None,
    stop_event: threading.Event | None,
    debounce_ms: int,
) -> BatchReport:
    import watchfiles

    out_dir = options.build.out_dir
    log.info("watching %s for new or changed articles (Ctrl-C stops)", input_dir)

    def relevant(change: watchfiles.Change, path: str) -> bool:
        return _is_article(path) and not Path(path).is_relative_to(out_dir)

    # Ctrl-C ends the loop quietly (raise_interrupt=False): stopping is the normal way out.
    for _changes in watchfiles.watch(
        input_dir,
        watch_filter=relevant,
        debounce=debounce_ms,
        stop_event=stop_event,
        raise_interrupt=False,
        rust_timeout=500,
        yield_on_timeout=False,
    ):
        report = run_pass(input_dir, options, runner, reporter, fingerprint)
        if on_report is not None:
            on_report(report)
    log.info("stopped watching %s", input_dir)
    return report


def format_summary(report: BatchReport) -> str:
    """A table for people: every article converted, failed (and why) or pruned, then counts."""
    rows = [item for item in report.items if item.status is not Status.UP_TO_DATE]
    lines = []
    if rows:
        width = max(len(Path(item.source).name) for item in rows)
        lines.append(f"{'status':<10}  {'article':<{width}}  {'time':>7}  detail")
        for item in sorted(rows, key=lambda item: (item.status.value, item.source)):
            seconds = item.outcome.seconds if item.outcome and item.outcome.ok else None
            time_text = format_duration(seconds) if seconds is not None else ""
            detail = item.message + (f" ({item.hint})" if item.hint else "")
            lines.append(
                f"{item.status.value:<10}  {Path(item.source).name:<{width}}  "
                f"{time_text:>7}  {detail}".rstrip()
            )
    counts = ", ".join(f"{len(report.with_status(status))} {status.value}" for status in Status)
    lines.append(f"{counts} in {format_duration(report.seconds)}")
    return "\n".join(lines)
