"""Narration engines behind one small protocol and a registry.

An engine turns one sentence of (already normalised) French into mono 16-bit PCM.
Built-in engines register themselves with :func:`register_engine` exactly as a plug-in
would, when their module is imported: :data:`BUILTIN_MODULES` names each one's module,
imported on the first use of that engine only. Third-party engines can be declared in the
entry-point group ``exporter.engines`` (the entry point loads an :class:`EngineInfo`), read
when a name is not a built-in one or every engine is listed (a plug-in cannot replace a
built-in engine). An engine that needs a one-time install
(a model to fetch) declares an :class:`Installer`, which ``exporter engines install`` runs.
"""

from __future__ import annotations

import functools
import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from exporter.errors import EngineNotFoundError, EngineUnavailableError

#: The engine name that means "the best engine usable here" (see :func:`resolve_engine_name`).
AUTO_ENGINE = "auto"
DEFAULT_ENGINE = AUTO_ENGINE
#: Engines tried in this order when none is named: the most natural voice first.
PREFERRED_ENGINES = ("kokoro", "pico")


class Engine(Protocol):
    name: str
    #: Sample rate of the PCM that :meth:`synthesize` returns.
    sample_rate: int
    #: How many sentences may be synthesised at once (threads); 1 when not thread-safe.
    max_parallel: int

    def settings_key(self) -> str:
        """Voice and settings, as a string: part of the audio cache key."""

    def prepare(self, text: str) -> str:
        """Turn written French into what this engine should read aloud."""

    def synthesize(self, text: str) -> bytes:
        """Return mono signed 16-bit little-endian PCM at :attr:`sample_rate`."""


@dataclass(frozen=True, kw_only=True, slots=True)
class Availability:
    usable: bool
    reason: str = ""


class Installer(Protocol):
    def __call__(self, *, data_dir: Path | None = None, source_dir: Path | None = None) -> Path:
        """Install the engine's data into ``data_dir`` (default: the platform's data folder),
        from files downloaded beforehand into ``source_dir`` if given; return where."""


@dataclass(frozen=True, kw_only=True, slots=True)
class EngineInfo:
    name: str
    description: str
    #: Works without network access.
    offline: bool
    factory: Callable[[], Engine]
    probe: Callable[[], Availability]
    #: Fetches what the engine needs once (``exporter engines install NAME``); None: nothing.
    installer: Installer | None = None


log = logging.getLogger(__name__)

#: Built-in engines and the module that registers each (imported on first use).
BUILTIN_MODULES = {
    "kokoro": "exporter.narration.engines.kokoro",
    "pico": "exporter.narration.engines.pico",
    "gtts": "exporter.narration.engines.gtts_engine",
}

_REGISTRY: dict[str, EngineInfo] = {}


def register_engine(info: EngineInfo) -> None:
    _REGISTRY[info.name] = info


@functools.cache
def _load_plugins() -> None:
    from importlib.metadata import entry_points

    for entry in entry_points(group="exporter.engines"):
        if entry.name in BUILTIN_MODULES:
            log.warning("plug-in engine %r ignored: a built-in engine has that name", entry.name)
            continue
        register_engine(entry.load())


def _load_all() -> None:
    for module in BUILTIN_MODULES.values():
        importlib.import_module(module)
    _load_plugins()


def engine_infos() -> list[EngineInfo]:
    """Every registered engine: the preferred ones first, in order, then the others by name."""
    _load_all()
    preferred = [name for name in PREFERRED_ENGINES if name in _REGISTRY]
    others = sorted(name for name in _REGISTRY if name not in PREFERRED_ENGINES)
    return [_REGISTRY[name] for name in (*preferred, *others)]


def engine_installers() -> dict[str, Installer]:
    """The installers of the engines that declare one, by engine name."""
    return {info.name: info.installer for info in engine_infos() if info.installer is not None}


def get_engine_info(name: str) -> EngineInfo:
    if name not in _REGISTRY and name in BUILTIN_MODULES:
        importlib.import_module(BUILTIN_MODULES[name])  # it registers itself
    if name not in _REGISTRY:
        _load_all()
    try:
        return _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY))
        raise EngineNotFoundError(name, f"no such engine (known: {known})") from None


def resolve_engine_name(name: str) -> str:
    """``name`` itself, or for :data:`AUTO_ENGINE` the first usable of
    :data:`PREFERRED_ENGINES` (Kokoro when installed, else Pico)."""
    if name != AUTO_ENGINE:
        return name
    reasons = []
    for candidate in PREFERRED_ENGINES:
        availability = get_engine_info(candidate).probe()
        if availability.usable:
            return candidate
        reasons.append(f"{candidate}: {availability.reason}")
    raise EngineUnavailableError(
        AUTO_ENGINE, "no offline engine usable here (" + "; ".join(reasons) + ")"
    )


def create_engine(name: str) -> Engine:
    """Build the engine called ``name`` (``"auto"``: the best usable one), or explain why it
    cannot be used."""
    info = get_engine_info(resolve_engine_name(name))
    availability = info.probe()
    if not availability.usable:
        raise EngineUnavailableError(name, availability.reason)
    return info.factory()
