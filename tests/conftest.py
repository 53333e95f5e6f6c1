"""Shared fixtures: a deterministic fake engine, an isolated cache, corpus paths."""

from __future__ import annotations

import contextlib
import math
import os
import struct
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from exporter.narration.engines import _REGISTRY, Availability, Engine, EngineInfo, register_engine

ROOT = Path(__file__).resolve().parents[1]
# The shared corpus sits beside the checkout (for developers and in CI alike).
CORPUS = Path(os.environ.get("EXPORTER_CORPUS", ROOT.parent / "shared" / "corpus"))
SEED = ROOT / "input" / "chine-cooperation-securite-ia.txt"
WIKINEWS_TEXT = CORPUS / "wikinews-fr" / "text"
WIKINEWS_HTML = CORPUS / "wikinews-fr" / "html"


# One period of a 250 Hz sine at 16 kHz (64 samples), repeated to make a tone.
_PERIOD = struct.pack("<64h", *(int(8000 * math.sin(2 * math.pi * i / 64)) for i in range(64)))


class FakeEngine:
    """Speaks a tone of 65 ms per character (about 15 characters a second, like a voice),
    with 40 ms of silence on each side as real engines have. Counts its calls."""

    name = "fake"
    sample_rate = 16_000
    max_parallel = 2
    ms_per_char = 65
    calls: list[str]

    def __init__(self) -> None:
        self.calls = []

    def settings_key(self) -> str:
        return "tone"

    def prepare(self, text: str) -> str:
        return " ".join(text.split())

    def synthesize(self, text: str) -> bytes:
        self.calls.append(text)
        pad = b"\x00\x00" * (self.sample_rate * 40 // 1000)
        samples = self.sample_rate * self.ms_per_char * max(1, len(text)) // 1000
        periods, rest = divmod(samples, len(_PERIOD) // 2)
        return pad + _PERIOD * periods + _PERIOD[: rest * 2] + pad


@pytest.fixture(autouse=True)
def isolated_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Never touch the user's cache folder from tests."""
    cache = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("EXPORTER_CACHE_DIR", str(cache))
    return cache


@contextlib.contextmanager
def registered_engine(name: str, factory: Callable[[], Engine]) -> Iterator[None]:
    """Register a test engine under ``name`` as a plug-in would, for the ``with`` block."""
    register_engine(
        EngineInfo(
            name=name,
            description="test engine",
            offline=True,
            factory=factory,
            probe=lambda: Availability(usable=True),
        )
    )
    try:
        yield
    finally:
        _REGISTRY.pop(name, None)


@pytest.fixture
def fake_engine() -> Iterator[FakeEngine]:
    """Register the fake engine under the name "fake" and yield the instance it builds."""
    engine = FakeEngine()
    with registered_engine("fake", lambda: engine):
        yield engine
