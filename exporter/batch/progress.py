"""Batch progress for people: a live bar on a terminal, plain lines otherwise.

Both are :class:`~exporter.progress.Reporter` objects (stage and sentence events come from
the workers) with two more calls from the batch itself: :meth:`planned` when the work is
known, :meth:`completed` when it is over. They write to the stream they are given
(the CLI gives stderr), never to stdout.
"""

from __future__ import annotations

import shutil
import time
from typing import Protocol, TextIO

from exporter.progress import NullReporter, Reporter
from exporter.text.dates import format_duration

_REDRAW_EVERY = 0.1  # seconds: a terminal need not be redrawn for every sentence


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
    """A bar redrawn in place with what each worker is doing and the ETA; finished and
    failed articles are printed above it, one line each."""

    def __init__(self, stream: TextIO, width: int | None = None) -> None:
        self.stream = stream
        self._width = width
        self._counts = _Counts()
        self._running: dict[str, str] = {}
        self._drawn_at = 0.0

    def _columns(self) -> int:
        return self._width or shutil.get_terminal_size((100, 20)).columns

    def _status(self) -> str:
        counts = self._counts
        ratio = counts.done / counts.total if counts.total else 1.0
        cells = 20
        filled = round(cells * ratio)
        bar = "█" * filled + "░" * (cells - filled)
        failed = f", {counts.failed} failed" if counts.failed else ""
        running = " · ".join(f"{name} {what}" for name, what in self._running.items())
        line = (
            f"{bar} {counts.done}/{counts.total}{failed} {ratio:4.0%} ETA {counts.eta()}  {running}"
        )
        return line[: self._columns() - 1]

    def _draw(self, *, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._drawn_at < _REDRAW_EVERY:
            return
        self._drawn_at = now
        self.stream.write("\r\x1b[2K" + self._status())
        self.stream.flush()

    def _print_above(self, text: str) -> None:
        self.stream.write("\r\x1b[2K" + text + "\n")
        self._draw(force=True)

    def planned(self, *, to_convert: int, up_to_date: int) -> None:
        self._counts.plan(to_convert)
        self._running.clear()
        self._print_above(f"batch: {to_convert} to convert, {up_to_date} up to date")

    def stage(self, article: str, stage: str) -> None:
        self._running[article] = stage
        self._draw(force=True)

    def advance(self, article: str, done: int, total: int) -> None:
        self._running[article] = f"narrate {done}/{total}"
        self._draw(force=done >= total)

    def finished(self, article: str, outputs: int) -> None:
        self._running.pop(article, None)
        self._counts.done += 1
        self._print_above(f"✓ {article} ({outputs} files)")

    def failed(self, article: str, message: str) -> None:
        self._running.pop(article, None)
        self._counts.done += 1
        self._counts.failed += 1
        self._print_above(f"✗ {article}: {message}")

    def completed(self) -> None:
        self.stream.write("\r\x1b[2K")
        self.stream.flush()


def batch_reporter_for(stream: TextIO) -> BatchReporter:
    """A bar on a terminal, plain lines otherwise."""
    return BarReporter(stream) if stream.isatty() else LineReporter(stream)
