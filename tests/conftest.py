"""Shared fixtures: a deterministic fake engine, an isolated cache, the corpus rule."""

from __future__ import annotations

import contextlib
import hashlib
import math
import signal
import struct
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from exporter.narration.engines import _REGISTRY, Availability, Engine, EngineInfo, register_engine
from tests.corpus import MISSING_MARK, SEED_ARTICLE, missing
from tests.local_web import local_web  # noqa: F401  (fixture: a loopback web server)

ROOT = Path(__file__).resolve().parents[1]
SEED = SEED_ARTICLE  # ships with the repository: tests using it never need the corpus


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", f"{MISSING_MARK}(reason): the corpus is missing (skip; fail if required)"
    )


def pytest_runtest_setup(item: pytest.Item) -> None:
    marker = item.get_closest_marker(MISSING_MARK)
    if marker is not None:
        missing(str(marker.args[0]))


# One period of a 250 Hz sine at 16 kHz (64 samples), repeated to make a tone.
_PERIOD = struct.pack("<64h", *(int(8000 * math.sin(2 * math.pi * i / 64)) for i in range(64)))


class FakeEngine:
    """Speaks a tone whose pace varies from sentence to sentence like a voice's: each text
    gets its own number of milliseconds per character, drawn from a hash of the text within
    ``band_ms`` (by default 50–85 ms, about 12 to 20 characters a second), so the same text
    always sounds the same. 40 ms of silence on each side, as real engines have. Counts its
    calls. An engine built with an extreme band narrates too fast or too slow."""

    name = "fake"
    sample_rate = 16_000
    max_parallel = 2
    calls: list[str]

    def __init__(self, band_ms: tuple[int, int] = (50, 85)) -> None:
        self.calls = []
        self.band_ms = band_ms

    def settings_key(self) -> str:
        low, high = self.band_ms
        return f"tone-{low}-{high}"

    def prepare(self, text: str) -> str:
        return " ".join(text.split())

    def ms_per_char(self, text: str) -> int:
        """The pace of ``text``: deterministic, within ``band_ms``."""
        low, high = self.band_ms
        digest = hashlib.blake2b(text.encode("utf-8"), digest_size=4).digest()
        return low + int.from_bytes(digest, "big") % (high - low + 1)

    def synthesize(self, text: str) -> bytes:
        self.calls.append(text)
        pad = b"\x00\x00" * (self.sample_rate * 40 // 1000)
        samples = self.sample_rate * self.ms_per_char(text) * max(1, len(text)) // 1000
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


def hears_ctrl_c() -> None:
    """``preexec_fn`` for a child a test interrupts: Ctrl-C handled as usual in it.

    A test run started in the background by a shell without job control (``make test &``)
    ignores SIGINT, children inherit that, and Python then installs no Ctrl-C handler:
    the child would never see the test's SIGINT.
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)
