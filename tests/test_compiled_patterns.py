"""Large patterns kept compiled on disk match exactly as freshly compiled ones do."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from exporter.text.compiled_patterns import LARGE, preloaded

WORDS = [f"mot{index}-composé" for index in range(3000)]
PATTERN = "(?i)^(?:" + "|".join(re.escape(word) for word in WORDS) + r")(?P<fin>[a-zé]*)$"
SAMPLES = ["MOT12-COMPOSÉ", "mot2999-composéS", "mot3000-composé", "mot7-compose", "x", ""]


def _fresh_matches() -> list[str | None]:
    """The oracle: another interpreter compiles the pattern the ordinary way."""
    script = (
        "import json, re, sys\n"
        "pattern, samples = json.load(sys.stdin)\n"
        "compiled = re.compile(pattern)\n"
        "print(json.dumps([m.group(0) + '|' + m.group('fin') if (m := compiled.match(s))"
        " else None for s in samples]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        input=json.dumps([PATTERN, SAMPLES]),
        capture_output=True,
        text=True,
        check=True,
    )
    return list(json.loads(result.stdout))


def _matches() -> list[str | None]:
    compiled = re.compile(PATTERN)
    return [
        f"{m.group(0)}|{m.group('fin')}" if (m := compiled.match(sample)) else None
        for sample in SAMPLES
    ]


def _stored(store: Path) -> list[str]:
    return [entry["pattern"] for entry in json.loads(store.read_text("utf-8"))["patterns"]]


def test_a_stored_pattern_matches_as_a_fresh_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert len(PATTERN) >= LARGE
    store = tmp_path / "patterns.json"
    re.purge()
    with preloaded(store):
        first = _matches()
    assert _stored(store) == [PATTERN]  # stored on the way out
    re.purge()

    def no_compiling(pattern: str, flags: int = 0) -> None:
        raise AssertionError(f"compiled again: {pattern[:40]}")

    # The stored pattern is rebuilt, not compiled.
    with preloaded(store), monkeypatch.context() as patch:
        patch.setattr(re._compiler, "compile", no_compiling)  # type: ignore[attr-defined]
        again = _matches()
    assert first == again == _fresh_matches()
    assert first[:2] == ["MOT12-COMPOSÉ|", "mot2999-composéS|S"] and first.count(None) == 4


def test_a_damaged_store_is_ignored_and_written_again(tmp_path: Path) -> None:
    store = tmp_path / "patterns.json"
    re.purge()
    with preloaded(store):
        _matches()
    stored = json.loads(store.read_text(encoding="utf-8"))
    stored["patterns"][0]["code"] = stored["patterns"][0]["code"][:-8] + "AAAAAAAA"
    store.write_text(json.dumps(stored), encoding="utf-8")
    re.purge()
    with preloaded(store):
        assert _matches() == _fresh_matches()
    assert _stored(store) == [PATTERN]  # the damaged entry replaced, not kept beside it
    store.write_text("{not json", encoding="utf-8")
    re.purge()
    with preloaded(store):
        assert _matches() == _fresh_matches()
    assert _stored(store) == [PATTERN]
