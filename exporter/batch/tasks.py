"""What a batch asks a worker to convert, and what the worker answers: plain data.

Apart from :mod:`exporter.batch.workers` so that planning a batch (and deciding that there
is nothing to do) imports none of the conversion code.
"""

from __future__ import annotations

from dataclasses import dataclass


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
