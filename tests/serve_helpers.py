"""Shared by the `exporter serve` tests: a small built library and a live server."""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import uvicorn

from exporter.batch.run import BatchOptions, run_batch
from exporter.narration.engines import Availability, EngineInfo, register_engine
from exporter.options import BuildOptions
from exporter.serve import ServeOptions, make_app
from exporter.serve.jobs import JobQueue

ARTICLE = """# Le port de Brest accueille les grands voiliers

Les grands voiliers sont arrivés mardi dans le port de Brest.
Des milliers de visiteurs les attendaient sur les quais.
La fête durera toute la semaine.

## Une fête maritime

Les marins ont défilé dans les rues de la ville. Un concert a eu lieu le soir près du château.

## Le programme de la semaine

Des visites des bateaux sont prévues chaque jour.
Les enfants pourront monter à bord des voiliers.
La ville attend cent mille personnes.
"""

FORMATS = ("mp3", "epub", "summary", "transcript")


def use_fake_engine() -> None:
    """Register the tests' fake engine as "fake" (in a server's worker processes)."""
    from tests.conftest import FakeEngine

    register_engine(
        EngineInfo(
            name="fake",
            description="test engine",
            offline=True,
            factory=FakeEngine,
            probe=lambda: Availability(usable=True),
        )
    )


def build_library(root: Path, engine: str = "fake") -> Path:
    """Convert the article above into ``root/build`` with ``exporter batch``'s library call."""
    input_dir = root / "input"
    input_dir.mkdir(parents=True, exist_ok=True)
    (input_dir / "voiliers-brest.md").write_text(ARTICLE, encoding="utf-8")
    build_dir = root / "build"
    options = BatchOptions(
        build=BuildOptions(out_dir=build_dir, engine=engine, formats=FORMATS), jobs=1
    )
    report = run_batch(input_dir, options)
    assert not report.failed, report
    return build_dir


@dataclass(frozen=True)
class Cue:
    id: str
    start: float
    end: float
    text: str


def vtt_cues(path: Path) -> list[Cue]:
    """An independent reading of a WebVTT file (the oracle for read-along tests)."""
    pattern = re.compile(
        r"^(?P<id>[^\n]+)\n(?P<h1>\d\d):(?P<m1>\d\d):(?P<s1>\d\d\.\d{3}) --> "
        r"(?P<h2>\d\d):(?P<m2>\d\d):(?P<s2>\d\d\.\d{3})\n(?P<text>[^\n]+)",
        re.MULTILINE,
    )
    cues = []
    for found in pattern.finditer(path.read_text(encoding="utf-8")):
        start = int(found["h1"]) * 3600 + int(found["m1"]) * 60 + float(found["s1"])
        end = int(found["h2"]) * 3600 + int(found["m2"]) * 60 + float(found["s2"])
        cues.append(Cue(found["id"], start, end, found["text"]))
    return cues


@contextlib.contextmanager
def live_server(options: ServeOptions) -> Iterator[tuple[str, JobQueue | None]]:
    """Run the app on a free loopback port in a thread; yield its base URL and queue."""
    app, queue = make_app(options)
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        while not server.started:
            if not thread.is_alive():
                raise RuntimeError("the server did not start")
            thread.join(0.05)
        port = server.servers[0].sockets[0].getsockname()[1]
        yield f"http://127.0.0.1:{port}", queue
    finally:
        server.should_exit = True
        thread.join(10)
        if queue is not None:
            queue.close()
