"""Progress reporting, injectable so that the core never prints.

The library calls a :class:`Reporter`; the CLI passes one that writes to stderr, tests
pass :class:`NullReporter` or a recording one.
"""

from __future__ import annotations

from typing import Protocol


class Reporter(Protocol):
    def stage(self, article: str, stage: str) -> None:
        """``article`` has entered ``stage`` (e.g. "parse", "narrate", "epub")."""

    def advance(self, article: str, done: int, total: int) -> None:
        """Fine-grained progress inside the current stage (e.g. sentences narrated)."""

    def finished(self, article: str, outputs: int) -> None:
        """``article`` is done and wrote ``outputs`` files."""

    def failed(self, article: str, message: str) -> None:
        """``article`` failed with ``message``."""


class NullReporter:
    """A reporter that reports nothing."""

    def stage(self, article: str, stage: str) -> None:
        pass

    def advance(self, article: str, done: int, total: int) -> None:
        pass

    def finished(self, article: str, outputs: int) -> None:
        pass

    def failed(self, article: str, message: str) -> None:
        pass
