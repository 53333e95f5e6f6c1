"""Batch progress for people: a live bar (``rich``) on a terminal, plain lines otherwise.

Both are :class:`~exporter.progress.Reporter` objects (stage and sentence events come from
the workers) with two more calls from the batch itself: :meth:`planned` when the work is
known, :meth:`completed` when it is over. They write to the stream they are given
(the CLI gives stderr), never to stdout.
"""

from __future__ import annotations

import functools
import time
from typing import TYPE_CHECKING, Protocol, TextIO

from exporter.progress import NullReporter, Reporter
from exporter.text.dates import format_duration

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID


class BatchReporter(Reporter, Protocol):
    def planned(self, *, to_convert: int, up_to_date: int) -> None:
        """The batch will convert ``to_convert`` articles; ``up_to_date`` need nothing."""

    def completed(self) -> None:
        """The batch is over (successfully or not)."""


class NullBatchReporter(NullReporter):
    def planned(self, *, to_convert: int, up_to_date: int) -> None:
        pass

    def completed(self) -> None:
        pass


class _Counts:
    def __init__(self) -> None:
        self.total = 0
        self.done = 0
        self.failed = 0
        self.started = time.monotonic()

    def plan(self, to_convert: int) -> None:
        self.total, self.done, self.failed = to_convert, 0, 0
        self.started = time.monotonic()

    def eta(self) -> str:
        if self.done == 0 or self.done >= self.total:
            return "--:--"
        elapsed = time.monotonic() - self.started
        return format_duration(elapsed / self.done * (self.total - self.done))


class LineReporter:
    """One line per article when it is done or failed: for logs and pipes."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self._counts = _Counts()

    def _line(self, text: str) -> None:
        self.stream.write(text + "\n")
        self.stream.flush()

    def planned(self, *, to_convert: int, up_to_date: int) -> None:
        self._counts.plan(to_convert)
        self._line(f"batch: {to_convert} to convert, {up_to_date} up to date")

    def stage(self, article: str, stage: str) -> None:
        pass

    def advance(self, article: str, done: int, total: int) -> None:
        pass

    def finished(self, article: str, outputs: int) -> None:
        self._counts.done += 1
        counts = self._counts
        self._line(
            f"[{counts.done}/{counts.total}] {article}: converted ({outputs} files), "
            f"ETA {counts.eta()}"
        )

    def failed(self, article: str, message: str) -> None:
        self._counts.done += 1
        self._counts.failed += 1
        self._line(f"[{self._counts.done}/{self._counts.total}] {article}: FAILED: {message}")

    def completed(self) -> None:
        pass


class BarReporter:
    """A live bar (``rich``) with what each worker is doing and the ETA; finished and
    failed articles are printed above it, one line each. The bar goes when the batch ends."""

    def __init__(self, stream: TextIO, width: int | None = None) -> None:
        self._stream = stream
        self._width = width
        self._progress: Progress | None = None
        self._task: TaskID | None = None
        self._running: dict[str, str] = {}
        self._failed = 0

    def _update(self, *, advance: int = 0, redraw: bool = True) -> None:
        # Sentence counts redraw at the bar's own pace (10 a second), the rest at once.
        if self._progress is None or self._task is None:
            return
        self._progress.update(
            self._task,
            advance=advance,
            refresh=redraw,
            failed=f"{self._failed} failed" if self._failed else "",
            running=" · ".join(f"{name} {what}" for name, what in self._running.items()),
        )

    @functools.cached_property
    def _console(self) -> Console:
        from rich.console import Console  # imported only when there is a bar to draw

        # The caller chose a bar because the stream is a terminal (batch_reporter_for).
        return Console(file=self._stream, width=self._width, force_terminal=True, highlight=False)

    def _print_above(self, text: str) -> None:
        self._console.print(text, markup=False, highlight=False, soft_wrap=True)

    def planned(self, *, to_convert: int, up_to_date: int) -> None:
        self.completed()
        self._running.clear()
        self._failed = 0
        summary = f"batch: {to_convert} to convert, {up_to_date} up to date"
        if not to_convert:  # no bar for nothing to do
            self._stream.write(summary + "\n")
            self._stream.flush()
            return
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TaskProgressColumn,
            TextColumn,
            TimeRemainingColumn,
        )

        self._progress = Progress(
            BarColumn(bar_width=20),
            MofNCompleteColumn(),
            TextColumn("{task.fields[failed]}", markup=False),
            TaskProgressColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            TextColumn("{task.fields[running]}", markup=False),
            console=self._console,
            transient=True,
            refresh_per_second=10,
        )
        self._task = self._progress.add_task("batch", total=to_convert, failed="", running="")
        self._progress.start()
        self._print_above(summary)

    def stage(self, article: str, stage: str) -> None:
        self._running[article] = stage
        self._update()

    def advance(self, article: str, done: int, total: int) -> None:
        self._running[article] = f"narrate {done}/{total}"
        self._update(redraw=done >= total)

    def finished(self, article: str, outputs: int) -> None:
        self._running.pop(article, None)
        self._update(advance=1)
        self._print_above(f"✓ {article} ({outputs} files)")

    def failed(self, article: str, message: str) -> None:
        self._running.pop(article, None)
        self._failed += 1
        self._update(advance=1)
        self._print_above(f"✗ {article}: {message}")

    def completed(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
            self._task = None


def batch_reporter_for(stream: TextIO) -> BatchReporter:
    """A bar on a terminal, plain lines otherwise."""
    return BarReporter(stream) if stream.isatty() else LineReporter(stream)
