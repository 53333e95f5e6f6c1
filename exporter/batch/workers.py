"""Where batch conversions run: in this process, in a pool of processes, or on Dask.

Every runner converts :class:`ArticleTask` objects into :class:`ArticleOutcome` objects
with the same function, :func:`convert_task`, which reuses the pipeline's
:class:`~exporter.pipeline.ArticleConverter`. A process keeps one converter per set of
options, so the narration engine (and its model) is loaded once per worker process, on the
first article that needs it, never per article. Outcomes are plain data (no exception
objects): they cross process and machine boundaries.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import multiprocessing.util
import os
import queue
import resource
import signal
import socket
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from exporter.batch.preload import cpu_share, preload, use_cpu_share
from exporter.batch.tasks import ArticleOutcome, ArticleTask
from exporter.errors import ConfigError
from exporter.options import BuildOptions
from exporter.pipeline import ArticleConverter

if TYPE_CHECKING:
    from exporter.progress import Reporter

log = logging.getLogger(__name__)

#: A progress event sent by a worker: ("stage", article, stage) or
#: ("advance", article, done, total).
WorkerEvent = tuple[Any, ...]
EventSink = Callable[[WorkerEvent], None]

#: The stage name under which sentence synthesis is timed (inside the "mp3" stage).
NARRATE_STAGE = "narrate"


class StageClock:
    """A reporter that times each stage of one article and forwards progress events.

    Synthesis happens inside the first stage that needs the narration (normally "mp3"):
    the time up to the last sentence synthesised is counted as :data:`NARRATE_STAGE`,
    the rest (encoding, tags) as the stage itself.
    """

    def __init__(self, forward: EventSink | None = None) -> None:
        #: Where progress events go (None: nowhere); set per run by the runner.
        self.forward = forward
        self._stage = ""
        self._started = 0.0
        self._narrated_at: float | None = None
        self._times: list[tuple[str, float]] = []

    def reset(self) -> None:
        self._stage, self._narrated_at, self._times = "", None, []

    def _close(self) -> None:
        now = time.perf_counter()
        if self._stage:
            start = self._started
            if self._narrated_at is not None:
                self._times.append((NARRATE_STAGE, self._narrated_at - start))
                start = self._narrated_at
            self._times.append((self._stage, now - start))
        self._stage, self._narrated_at = "", None

    def times(self) -> tuple[tuple[str, float], ...]:
        self._close()
        return tuple(self._times)

    def stage(self, article: str, stage: str) -> None:
        self._close()
        self._stage, self._started = stage, time.perf_counter()
        if self.forward is not None:
            self.forward(("stage", article, stage))

    def advance(self, article: str, done: int, total: int) -> None:
        if done >= total:
            self._narrated_at = time.perf_counter()
        if self.forward is not None:
            self.forward(("advance", article, done, total))

    def finished(self, article: str, outputs: int) -> None:
        self._close()

    def failed(self, article: str, message: str) -> None:
        self._close()


@dataclass(kw_only=True, slots=True)
class _WorkerState:
    converter: ArticleConverter
    clock: StageClock


# Per-process state, by necessity: a worker process must keep its converter (and the
# engine's model) between the articles it is given.
_STATES: dict[BuildOptions, _WorkerState] = {}


def _state(options: BuildOptions) -> _WorkerState:
    state = _STATES.get(options)
    if state is None:
        clock = StageClock()
        state = _WorkerState(converter=ArticleConverter(options, clock), clock=clock)
        _STATES[options] = state
    return state


def _peak_rss_kb() -> int:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak  # bytes on macOS, kB elsewhere


def _mp3_seconds(path: Path) -> float | None:
    from mutagen.mp3 import MP3, HeaderNotFoundError

    try:
        reader: Any = MP3  # mutagen is untyped
        return float(reader(path).info.length)
    except (OSError, HeaderNotFoundError):
        return None


def convert_task(
    options: BuildOptions, task: ArticleTask, forward: EventSink | None = None
) -> ArticleOutcome:
    """Convert one article with this process's converter; never raises for a bad article.

    ``forward``, when given, receives this article's progress events.
    """
    state = _state(options)
    if forward is not None:
        state.clock.forward = forward
    state.clock.reset()
    started = time.perf_counter()
    result = state.converter.convert(Path(task.source), task.slug)
    seconds = time.perf_counter() - started
    common: dict[str, Any] = {
        "source": task.source,
        "slug": task.slug,
        "key": task.key,
        "seconds": seconds,
        "stage_seconds": state.clock.times(),
        "worker": f"{socket.gethostname()}:{os.getpid()}",
        "peak_rss_kb": _peak_rss_kb(),
    }
    if result.error is not None:
        return ArticleOutcome(error=str(result.error), hint=result.error.hint, **common)
    mp3 = next((path for path in result.outputs if path.suffix == ".mp3"), None)
    return ArticleOutcome(
        outputs=tuple(str(path.relative_to(options.out_dir)) for path in result.outputs),
        title=result.title,
        date=result.date,
        publisher=result.publisher,
        link=result.link,
        duration_seconds=_mp3_seconds(mp3) if mp3 is not None else None,
        **common,
    )


def _die_with_parent() -> None:
    # A batch killed with SIGKILL must not leave workers writing behind its back (Linux).
    with contextlib.suppress(OSError, AttributeError):
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)


def prepare_worker_process() -> None:
    """Set up a pool worker: Ctrl-C is its parent's to handle, and it dies with its parent."""
    # The parent stops handing out work and shuts the pool down.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()


def _init_pool_worker(
    options: BuildOptions, events: Any, inherited_lock_fd: int | None, cpus: int
) -> None:
    prepare_worker_process()
    use_cpu_share(cpus)
    if inherited_lock_fd is not None:
        # A forked worker shares the batch lock; it must not keep it alive on its own.
        with contextlib.suppress(OSError):
            os.close(inherited_lock_fd)
    _state(options).clock.forward = events.put
    # A pool worker leaves with os._exit, which runs no atexit hook: its engine's child
    # process would outlive it unwaited (and its CPU time counted nowhere).
    multiprocessing.util.Finalize(None, _close_states, exitpriority=10)


def _close_states() -> None:
    for state in _STATES.values():
        state.converter.close()


def _failure(task: ArticleTask, message: str, hint: str = "") -> ArticleOutcome:
    return ArticleOutcome(
        source=task.source, slug=task.slug, key=task.key, error=message, hint=hint
    )


class Runner(Protocol):
    def run(self, tasks: Sequence[ArticleTask], on_event: EventSink) -> Iterator[ArticleOutcome]:
        """Convert ``tasks``, yielding each outcome as soon as it is known."""

    def finished_meanwhile(self) -> list[ArticleOutcome]:
        """After an interrupt: outcomes completed but not yet yielded (none, by default)."""

    def close(self) -> None: ...


class InlineRunner:
    """Converts in this process, one article after the other (``--jobs 1``)."""

    def __init__(self, options: BuildOptions) -> None:
        self.options = options

    def run(self, tasks: Sequence[ArticleTask], on_event: EventSink) -> Iterator[ArticleOutcome]:
        if not tasks:
            return
        clock = _state(self.options).clock
        clock.forward = on_event
        try:
            for task in tasks:
                yield convert_task(self.options, task)
        finally:
            clock.forward = None

    def finished_meanwhile(self) -> list[ArticleOutcome]:
        return []

    def close(self) -> None:
        state = _STATES.pop(self.options, None)
        if state is not None:
            state.converter.close()


def longest_first(tasks: Sequence[ArticleTask]) -> list[ArticleTask]:
    """The tasks, longest article first (by file size; ties in the given order): the last
    ones handed out are short, so no worker waits long for another at the end."""

    def size(task: ArticleTask) -> int:
        try:
            return os.stat(task.source).st_size
        except OSError:
            return 0

    return sorted(tasks, key=lambda task: -size(task))


class PoolRunner:
    """Converts in ``jobs`` worker processes, started on the first article to convert."""

    def __init__(self, options: BuildOptions, jobs: int, lock_fd: int | None = None) -> None:
        self.options = options
        self.jobs = jobs
        self._lock_fd = lock_fd
        self._context = multiprocessing.get_context()
        self._events: Any = None
        self._pool: ProcessPoolExecutor | None = None
        self._pending: dict[Future[ArticleOutcome], ArticleTask] = {}

    def _ensure_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._events = self._context.Queue()
            forked = self._context.get_start_method() == "fork"
            if forked:
                preload(self.options.formats)  # the workers share it copy-on-write
            self._pool = ProcessPoolExecutor(
                max_workers=self.jobs,
                mp_context=self._context,
                initializer=_init_pool_worker,
                initargs=(
                    self.options,
                    self._events,
                    self._lock_fd if forked else None,
                    cpu_share(self.jobs),
                ),
            )
        return self._pool

    def _drain(self, on_event: EventSink) -> None:
        while True:
            try:
                on_event(self._events.get_nowait())
            except queue.Empty:
                return

    def run(self, tasks: Sequence[ArticleTask], on_event: EventSink) -> Iterator[ArticleOutcome]:
        if not tasks:
            return
        pool = self._ensure_pool()
        pending = self._pending = {
            pool.submit(convert_task, self.options, task): task for task in longest_first(tasks)
        }
        while pending:
            done, _ = wait(pending, timeout=0.1, return_when=FIRST_COMPLETED)
            self._drain(on_event)
            for future in done:
                task = pending.pop(future)
                try:
                    yield future.result()
                except BrokenProcessPool:
                    self._pool = None  # a new pool is started for the next batch
                    yield _failure(
                        task, f"{task.source}: the worker process died (killed, or out of memory)"
                    )
        self._drain(on_event)

    def finished_meanwhile(self) -> list[ArticleOutcome]:
        """Stop the workers at once; return what they had finished."""
        pool, self._pool = self._pool, None
        done = [
            future.result()
            for future in self._pending
            if future.done() and not future.cancelled() and future.exception() is None
        ]
        self._pending = {}
        if pool is not None:
            # Workers ignore SIGINT; an article half-way is abandoned (its staging folder
            # is removed by the next run), not waited for.
            processes = list(getattr(pool, "_processes", {}).values())
            pool.shutdown(wait=False, cancel_futures=True)
            for process in processes:
                process.kill()
        return done

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


class DaskRunner:
    """Converts on a Dask distributed cluster; workers share the build folder's file system."""

    def __init__(self, options: BuildOptions, address: str) -> None:
        self.options = options
        self.address = address
        self._client: Any = None

    def _ensure_client(self) -> Any:
        if self._client is None:
            try:
                from distributed import Client
            except ImportError:
                raise ConfigError(
                    "--scheduler needs Dask distributed, which is not installed",
                    hint="Install it with: pip install 'exporter[cluster]'",
                ) from None
            try:
                self._client = Client(self.address, timeout="10s")  # type: ignore[no-untyped-call]
            except (OSError, TimeoutError, ValueError) as error:
                raise ConfigError(
                    f"cannot reach the Dask scheduler at {self.address}: {error}",
                    hint="Start one with 'dask scheduler' and check the address (tcp://HOST:8786).",
                ) from error
        return self._client

    def run(self, tasks: Sequence[ArticleTask], on_event: EventSink) -> Iterator[ArticleOutcome]:
        if not tasks:
            return
        from distributed import as_completed

        client = self._ensure_client()
        futures = {
            client.submit(convert_task, self.options, task, pure=False): task for task in tasks
        }
        for future in as_completed(futures):  # type: ignore[no-untyped-call]
            task = futures[future]
            try:
                yield future.result()
            except Exception as error:  # a lost worker must not stop the batch
                yield _failure(task, f"{task.source}: failed on the cluster: {error}")

    def finished_meanwhile(self) -> list[ArticleOutcome]:
        return []

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None


def make_runner(
    options: BuildOptions, *, jobs: int, scheduler: str | None, lock_fd: int | None
) -> Runner:
    if scheduler:
        return DaskRunner(options, scheduler)
    if jobs <= 1:
        return InlineRunner(options)
    return PoolRunner(options, jobs, lock_fd)


def forward_event(reporter: Reporter) -> EventSink:
    """Replay a worker's progress event on ``reporter``."""

    def sink(event: WorkerEvent) -> None:
        if event[0] == "stage":
            reporter.stage(event[1], event[2])
        elif event[0] == "advance":
            reporter.advance(event[1], event[2], event[3])

    return sink
