"""Submitted articles, converted in the background by a bounded pool of worker processes.

A submission is saved in the input folder under a name of its own (derived from the file
name or the title, never from a path the client chose), then converted by the batch's
converter (:func:`exporter.batch.workers.convert_task`) in a worker process, so no request
waits for synthesis and the voice is loaded once per worker. Progress events come back
on a queue; a finished article is recorded in the build folder's manifest under the
batch lock, and the library picks it up. A failed conversion leaves no output (the
pipeline stages its files) and its saved input is removed.
"""

from __future__ import annotations

import logging
import multiprocessing
import secrets
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from exporter.batch.library import write_library
from exporter.batch.lock import build_lock
from exporter.batch.manifest import (
    ManifestEntry,
    article_key,
    load_manifest,
    save_manifest,
    settings_fingerprint,
)
from exporter.batch.tasks import ArticleOutcome, ArticleTask
from exporter.batch.workers import (
    WorkerEvent,
    convert_task,
    prepare_worker_process,
)
from exporter.errors import ExporterError, InputError
from exporter.fsutil import atomic_write_bytes
from exporter.naming import output_slug
from exporter.options import BuildOptions
from exporter.parsers import ARTICLE_EXTENSIONS

log = logging.getLogger(__name__)

#: Input types a submission may have (by file name ending): text, Markdown, HTML.
SUBMISSION_EXTENSIONS = tuple(
    e for e in (".txt", ".md", ".markdown", ".html", ".htm") if e in ARTICLE_EXTENSIONS
)


class QueueFullError(ExporterError):
    """Too many submissions are waiting; try again later."""


class JobState(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    RECORDING = "recording"
    DONE = "done"
    FAILED = "failed"


@dataclass(frozen=True, kw_only=True, slots=True)
class Job:
    id: str
    slug: str
    label: str
    formats: tuple[str, ...]
    state: JobState = JobState.QUEUED
    stage: str = ""
    done: int = 0
    total: int = 0
    error: str = ""
    hint: str = ""
    title: str = ""
    submitted: float = 0.0
    finished: float = 0.0

    @property
    def active(self) -> bool:
        return self.state in (JobState.QUEUED, JobState.RUNNING, JobState.RECORDING)


# Per-process state of a worker: the queue its progress events go to.
_EVENTS: Any = None


def _init_worker(events: Any, setup: Callable[[], None] | None) -> None:
    global _EVENTS
    prepare_worker_process()
    if setup is not None:
        setup()
    _EVENTS = events


def _run_job(options: BuildOptions, task: ArticleTask, job_id: str) -> ArticleOutcome:
    events = _EVENTS

    def forward(event: WorkerEvent) -> None:
        if events is not None:
            events.put((job_id, *event))

    if events is not None:
        events.put((job_id, "started"))
    return convert_task(options, task, forward=forward)


def _warm() -> int:
    """Load the exporters once, up front, so that the first submission waits for none."""
    from exporter.exporters import exporter_names

    return len(exporter_names())


def choose_formats(requested: tuple[str, ...], allowed: tuple[str, ...]) -> tuple[str, ...]:
    """The requested formats that are allowed, in the allowed order; all when none is asked."""
    chosen = tuple(name for name in allowed if name in requested)
    return chosen or allowed


#: Workers are forked from a single-threaded server process ("forkserver"), never from the
#: web server itself, whose threads may hold locks at the moment of a fork.
_START_METHOD = "forkserver"
#: Imported once by that server, so that workers start with them loaded (a conversion
#: imports these lazily; scipy alone, through pyloudnorm, takes seconds).
_PRELOAD = [
    "exporter.batch.workers",
    "exporter.serve.preload",
]


class JobQueue:
    """Converts submissions in ``workers`` processes; at most ``limit`` waiting or running.

    ``worker_setup``, a module-level function, runs in each worker process before it
    converts anything (to register a plug-in engine, say).
    """

    def __init__(
        self,
        options: BuildOptions,
        input_dir: Path,
        *,
        workers: int = 1,
        limit: int = 8,
        worker_setup: Callable[[], None] | None = None,
    ) -> None:
        self.options = replace(options, out_dir=options.out_dir.resolve())
        self.input_dir = input_dir.resolve()
        self.workers = workers
        self.limit = limit
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self.worker_setup = worker_setup
        self._context = multiprocessing.get_context(_START_METHOD)
        self._context.set_forkserver_preload(_PRELOAD)
        self._events: Any = self._context.Queue()
        self._pool: ProcessPoolExecutor | None = None
        self._recorder = ThreadPoolExecutor(max_workers=1, thread_name_prefix="record")
        self._drainer = threading.Thread(target=self._drain, name="job-events", daemon=True)
        self._started = False
        self._closing = False

    # -- life cycle ---------------------------------------------------------------------

    def start(self) -> None:
        """Start the worker processes now, before the server takes requests."""
        if self._started:
            return
        self._started = True
        self._drainer.start()
        self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        self._pool = ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=self._context,
            initializer=_init_worker,
            initargs=(self._events, self.worker_setup),
        )
        for future in [self._pool.submit(_warm) for _ in range(self.workers)]:
            future.result()
        return self._pool

    def close(self) -> None:
        """Stop the workers. Conversions still running are abandoned: they leave no output
        (the pipeline stages its files), only a staging folder the next batch removes."""
        self._closing = True
        pool, self._pool = self._pool, None
        if pool is not None:
            with self._lock:
                busy = any(job.active for job in self._jobs.values())
            if busy:
                # No public way to stop a running task before Python 3.14's terminate_workers.
                for process in list(getattr(pool, "_processes", {}).values()):
                    process.terminate()
            pool.shutdown(wait=True, cancel_futures=True)
        self._recorder.shutdown(wait=True)
        if self._started:
            self._events.put(None)
            self._drainer.join(timeout=5)

    # -- submissions ----------------------------------------------------------------------

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def _update(self, job_id: str, **changes: Any) -> None:
        with self._lock:
            job = self._jobs.get(job_id)
            if job is not None:
                self._jobs[job_id] = replace(job, **changes)

    def _progress(self, job_id: str, **changes: Any) -> None:
        # Progress events travel through a queue drained by another thread, so one can
        # arrive after the job has ended; it must not bring a finished job back to life.
        with self._lock:
            job = self._jobs.get(job_id)
            if job is not None and job.state in (JobState.QUEUED, JobState.RUNNING):
                self._jobs[job_id] = replace(job, **changes)

    def _free_slug(self, wanted: str, suffix: str) -> str:
        manifest = load_manifest(self.options.out_dir)
        taken = {job.slug for job in self._jobs.values() if job.active}
        for number in range(1, 10_000):
            slug = wanted if number == 1 else f"{wanted[:74]}-{number}"
            if (
                slug not in manifest
                and slug not in taken
                and not (self.options.out_dir / slug).exists()
                and not (self.input_dir / f"{slug}{suffix}").exists()
            ):
                return slug
        raise InputError(wanted, "too many articles with this name")

    def submit(self, name: str, content: bytes, formats: tuple[str, ...]) -> Job:
        """Save the article and queue its conversion; return its job at once.

        ``name`` is the submitted file's name (only its stem and extension are used);
        raise :class:`InputError` for a type that is not an article, and
        :class:`QueueFullError` when ``limit`` submissions are already waiting.
        """
        base = Path(name.replace("\\", "/").rpartition("/")[2])
        suffix = base.suffix.lower()
        if suffix not in SUBMISSION_EXTENSIONS:
            raise InputError(
                name or "(no name)",
                "not an article file",
                hint=f"Send a {', '.join(SUBMISSION_EXTENSIONS)} file, or paste the text.",
            )
        if self._pool is None:
            raise QueueFullError("the conversion service is stopped")
        with self._lock:
            if sum(job.active for job in self._jobs.values()) >= self.limit:
                raise QueueFullError(
                    f"{self.limit} articles are already waiting or being converted",
                    hint="Try again in a few minutes.",
                )
            slug = self._free_slug(output_slug(base.stem), suffix)
            source = self.input_dir / f"{slug}{suffix}"
            self.input_dir.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(source, content)
            options = replace(self.options, formats=formats)
            task = ArticleTask(
                source=str(source),
                slug=slug,
                key=article_key(content, settings_fingerprint(options)),
            )
            job = Job(
                id=secrets.token_urlsafe(12),
                slug=slug,
                label=source.name,
                formats=formats,
                submitted=time.time(),
            )
            self._jobs[job.id] = job
        future = self._pool.submit(_run_job, options, task, job.id)
        future.add_done_callback(lambda done: self._finished(job.id, task, done))
        return job

    # -- results ----------------------------------------------------------------------------

    def _drain(self) -> None:
        while True:
            event = self._events.get()
            if event is None:
                return
            job_id, kind, *rest = event
            if kind == "started":
                self._progress(job_id, state=JobState.RUNNING)
            elif kind == "stage":
                self._progress(job_id, state=JobState.RUNNING, stage=str(rest[1]), done=0, total=0)
            elif kind == "advance":
                self._progress(job_id, done=int(rest[1]), total=int(rest[2]))

    def _finished(self, job_id: str, task: ArticleTask, future: Future[ArticleOutcome]) -> None:
        try:
            outcome = future.result()
        except BrokenProcessPool:
            outcome = ArticleOutcome(
                source=task.source,
                slug=task.slug,
                key=task.key,
                error="the worker process died (killed, or out of memory)",
            )
            if not self._closing:
                self._recorder.submit(self._new_pool)
        except Exception as error:  # a cancelled or crashed job must still end
            outcome = ArticleOutcome(
                source=task.source, slug=task.slug, key=task.key, error=str(error) or "cancelled"
            )
        if not outcome.ok:
            Path(task.source).unlink(missing_ok=True)
            self._update(
                job_id,
                state=JobState.FAILED,
                error=outcome.error,
                hint=outcome.hint,
                finished=time.time(),
            )
            return
        self._update(job_id, state=JobState.RECORDING, stage="")
        try:
            self._recorder.submit(self._record, job_id, outcome)
        except RuntimeError:  # shutting down
            self._update(job_id, state=JobState.FAILED, error="the server is stopping")

    def _record(self, job_id: str, outcome: ArticleOutcome) -> None:
        out_dir = self.options.out_dir
        try:
            with build_lock(out_dir, wait=True):
                manifest = load_manifest(out_dir)
                manifest[outcome.slug] = ManifestEntry(
                    source=outcome.source,
                    key=outcome.key,
                    outputs=outcome.outputs,
                    title=outcome.title,
                    date=outcome.date,
                    duration_seconds=outcome.duration_seconds,
                )
                save_manifest(out_dir, manifest)
                write_library(out_dir, manifest)
        except (OSError, ExporterError) as error:
            log.error("%s: converted but not recorded: %s", outcome.slug, error)
            self._update(job_id, state=JobState.FAILED, error=str(error), finished=time.time())
            return
        self._update(job_id, state=JobState.DONE, title=outcome.title, finished=time.time())
