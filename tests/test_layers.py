"""Dependencies point one way: input -> Document -> exporters -> batch/serve/CLI.

Each rule names a module and what it must not import (directly, at any place in the
file): the imports are read from the source, not from a running interpreter.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "exporter"

#: (module file, forbidden module prefix, why)
RULES = [
    ("exporters/mp3.py", "exporter.pipeline", "exporters come before the pipeline"),
    ("batch/manifest.py", "exporter.pipeline", "options live in exporter.options"),
    ("batch/library.py", "exporter.pipeline", "options live in exporter.options"),
    ("audio/encoding.py", "exporter.audio.cover", "the origin is the model's"),
    ("audio/ffmpeg.py", "exporter.audio.encoding", "the runner knows no format"),
    ("narration/engines/gtts_engine.py", "exporter.audio.encoding", "input side, not output"),
    ("exporters/transcript.py", "exporter.narration.narrator", "TITLE_ID is the model's"),
    ("model.py", "exporter.", "the model depends on nothing of ours"),
    ("errors.py", "exporter.pipeline", "errors are below everything"),
    ("options.py", "exporter.pipeline", "options are below the pipeline"),
    ("naming.py", "exporter.", "naming depends on nothing of ours"),
]


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


@pytest.mark.parametrize(("module", "forbidden", "why"), RULES)
def test_module_does_not_import(module: str, forbidden: str, why: str) -> None:
    offending = sorted(name for name in _imports(PACKAGE / module) if name.startswith(forbidden))
    assert not offending, f"{module} imports {offending}: {why}"


def test_only_the_ffmpeg_module_runs_ffmpeg() -> None:
    """One ffmpeg runner: no other module starts a process with an ffmpeg executable."""
    runners = [
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if "subprocess" in _imports(path) and "ffmpeg" in path.read_text(encoding="utf-8")
    ]
    assert runners == ["audio/ffmpeg.py"]
