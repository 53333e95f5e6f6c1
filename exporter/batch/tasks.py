"""What a batch asks a worker to convert, what the worker answers (plain data), and the
runner made on the first article to convert.

Apart from :mod:`exporter.batch.workers` so that planning a batch (and deciding that there
is nothing to do) imports none of the conversion code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from exporter.batch.workers import EventSink, Runner
    from exporter.options import BuildOptions


@dataclass(frozen=True, kw_only=True, slots=True)
class ArticleTask:
    #: Absolute path: workers may run in another folder, or on another machine.
    source: str
    slug: str
    key: str


@dataclass(frozen=True, kw_only=True, slots=True)
class ArticleOutcome:
    source: str
    slug: str
    key: str
    #: Files written, relative to the build folder.
    outputs: tuple[str, ...] = ()
    title: str = ""
    date: str = ""
    publisher: str = ""
    link: str = ""
    duration_seconds: float | None = None
    #: Empty when the article was converted.
    error: str = ""
    hint: str = ""
    seconds: float = 0.0
    #: Seconds spent per stage, in the order the stages ran.
    stage_seconds: tuple[tuple[str, float], ...] = ()
    #: Which worker did it ("host:pid") and its peak resident memory so far, in kB.
    worker: str = ""
    peak_rss_kb: int = 0

    @property
    def ok(self) -> bool:
        return not self.error


class OnFirstTask:
    """A runner made when there is a first article to convert: a batch with nothing to do
    imports no conversion code (pipeline, engines, exporters, models)."""

    def __init__(self, make: Callable[[], Runner]) -> None:
        self._make = make
        self._runner: Runner | None = None

    def run(self, tasks: Sequence[ArticleTask], on_event: EventSink) -> Iterator[ArticleOutcome]:
        if not tasks:
            return iter(())
        if self._runner is None:
            self._runner = self._make()
        return self._runner.run(tasks, on_event)

    def finished_meanwhile(self) -> list[ArticleOutcome]:
        return self._runner.finished_meanwhile() if self._runner is not None else []

    def close(self) -> None:
        if self._runner is not None:
            self._runner.close()


def lazy_runner(
    options: BuildOptions, *, jobs: int, scheduler: str | None, lock_fd: int | None
) -> Runner:
    """The runner of a batch; on this machine, made on the first article to convert."""

    def make() -> Runner:
        from exporter.batch.workers import make_runner

        return make_runner(options, jobs=jobs, scheduler=scheduler, lock_fd=lock_fd)

    # A cluster is reached at once: an unreachable scheduler is an error before any work.
    return make() if scheduler else OnFirstTask(make)
