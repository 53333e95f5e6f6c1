"""Exporters: each turns a parsed document into files under ``build/<slug>/``.

An exporter is any object with a ``name`` and an ``export(context)`` method returning the
paths it wrote. Built-ins register themselves exactly as a plug-in would, through
:func:`register_exporter`, when their module is imported: :data:`BUILTIN_MODULES` names each
one's module, imported on the first use of that format only (``--formats mp3`` imports no
EPUB or summary code). Third-party exporters can be declared in the entry-point group
``exporter.exporters``, read only when a name is not a built-in one or every format is
listed (a plug-in cannot replace a built-in format). A registration says whether the
format needs the narration, and which format to write instead when the narration is not
wanted (``--no-overlays``): the pipeline asks :func:`format_for` rather than knowing any
format by name.
"""

from __future__ import annotations

import functools
import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar, cast

from exporter.errors import ExporterNotFoundError
from exporter.model import Document

if TYPE_CHECKING:
    from exporter.narration.cache import AudioCache
    from exporter.narration.model import Narration
    from exporter.summary.model import PlainSummary


_T = TypeVar("_T")


@dataclass(kw_only=True)
class ExportContext:
    """Everything an exporter may need, each costly part computed once and on demand.

    ``narrate`` and ``summarize`` are called at most once, by the first exporter that
    asks for :attr:`narration` or :attr:`summary`; the others reuse the result.
    """

    document: Document
    slug: str
    out_dir: Path
    narrate: Callable[[Document], Narration]
    summarize: Callable[[Document], PlainSummary]
    #: Where encoded audio may be kept and found again (None: encode every time).
    audio_cache: AudioCache | None = None
    _cache: dict[str, object] = field(default_factory=dict, repr=False)

    @property
    def narration(self) -> Narration:
        if "narration" not in self._cache:
            self._cache["narration"] = self.narrate(self.document)
        return self._cache["narration"]  # type: ignore[return-value]

    @property
    def summary(self) -> PlainSummary:
        if "summary" not in self._cache:
            self._cache["summary"] = self.summarize(self.document)
        return self._cache["summary"]  # type: ignore[return-value]

    def shared(self, name: str, make: Callable[[], _T]) -> _T:
        """``make()``, computed once for every exporter of this article that asks by
        ``name`` (the narration's MP3 stream: the MP3 file and the EPUB's pages)."""
        if name not in self._cache:
            self._cache[name] = make()
        return cast(_T, self._cache[name])


class Exporter(Protocol):
    name: str
    description: str

    def export(self, context: ExportContext) -> list[Path]: ...


#: What ``exporter build`` writes when no --formats is given.
DEFAULT_FORMATS = ("mp3", "epub", "summary", "transcript")


@dataclass(frozen=True, kw_only=True, slots=True)
class ExporterInfo:
    """A registered format: how to make its exporter, and what it needs."""

    name: str
    factory: Callable[[], Exporter]
    #: It needs the narration (a voice engine).
    narrated: bool = False
    #: The format written instead when the narration is not wanted ("epub" -> "epub-text").
    text_only: str | None = None


log = logging.getLogger(__name__)

#: Built-in formats and the module that registers each (imported on first use).
BUILTIN_MODULES = {
    "mp3": "exporter.exporters.mp3",
    "mp3-sections": "exporter.exporters.mp3",
    "m4b": "exporter.exporters.m4b",
    "epub": "exporter.exporters.epub",
    "epub-text": "exporter.exporters.epub",
    "summary": "exporter.exporters.summary",
    "transcript": "exporter.exporters.transcript",
}

_REGISTRY: dict[str, ExporterInfo] = {}


def register_exporter(
    name: str,
    factory: Callable[[], Exporter],
    *,
    narrated: bool = False,
    text_only: str | None = None,
) -> None:
    _REGISTRY[name] = ExporterInfo(
        name=name, factory=factory, narrated=narrated, text_only=text_only
    )


@functools.cache
def _load_plugins() -> None:
    from importlib.metadata import entry_points

    for entry in entry_points(group="exporter.exporters"):
        if entry.name in BUILTIN_MODULES:
            log.warning("plug-in format %r ignored: a built-in format has that name", entry.name)
            continue
        register_exporter(entry.name, entry.load())


def exporter_names() -> list[str]:
    """Every format: the built-in ones and the plug-ins' (all imported)."""
    for module in dict.fromkeys(BUILTIN_MODULES.values()):
        importlib.import_module(module)
    _load_plugins()
    return sorted(_REGISTRY)


def is_format(name: str) -> bool:
    """Whether ``name`` is a format, without importing any other format's code."""
    return name in _REGISTRY or name in BUILTIN_MODULES or name in exporter_names()


def get_exporter_info(name: str) -> ExporterInfo:
    if name not in _REGISTRY and name in BUILTIN_MODULES:
        importlib.import_module(BUILTIN_MODULES[name])  # it registers itself
    if name not in _REGISTRY:
        _load_plugins()
    try:
        return _REGISTRY[name]
    except KeyError:
        known = ", ".join(exporter_names())
        raise ExporterNotFoundError(f"unknown format '{name}' (known: {known})") from None


def get_exporter(name: str) -> Exporter:
    return get_exporter_info(name).factory()


def format_for(name: str, *, narration: bool) -> str:
    """The format to write for ``name``: its text-only variant when narration is not wanted."""
    info = get_exporter_info(name)
    if not narration and info.narrated and info.text_only is not None:
        return info.text_only
    return name
