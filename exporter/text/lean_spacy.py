"""spaCy imported and loaded without the work we never use (start-up of every process).

Measured in a fresh process (``benchmarks/lean.py``), three costs of ``import spacy`` and
``spacy.load`` do nothing for an analysis:

- ``import spacy`` imports its command-line interface (``spacy.cli``: typer, weasel,
  requests, httpx, the project and training commands): about a quarter of a CPU-second and
  17 MiB, only for ``spacy.info`` to be importable. Here ``spacy.cli`` stands in as a
  placeholder module that imports the real one the first time anything is read from it.
- catalogue looks entry points up in the list of every installed package's entry points,
  scanning all of them at each of the ~250 look-ups of a load; here each group's answer is
  kept (catalogue reads the installed entry points once per process anyway).
- srsly rebuilds its list of msgpack decoders, scanning every registered function of every
  registry, for each of the ~130 arrays of the model's weights; here the list is taken
  once per load (nothing registers a decoder while the model loads).

And one cost of each analysis: the model's matrix products (most of its work) go through
BLIS by default; numpy's OpenBLAS on one thread does them in a third of the time (a
292-by-288 product of 6,106 rows: 13 ms instead of 36), about a quarter less CPU for a whole
analysis (1,815 texts of the corpora: 27.9 CPU-s instead of 37.9), with every token's
analysis the same. OpenBLAS's own threads would cost more than they give on these small
products (the same texts: 31.9 CPU-s on 2 threads): one thread, unless the user set
``OPENBLAS_NUM_THREADS`` or ``OMP_NUM_THREADS`` (a batch worker's share of the cores does).

Each keeps spaCy's answers: the analyses are the same (``tests/test_language_model.py``).
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import importlib.util
import os
import sys
import types
from collections.abc import Callable, Iterator
from typing import Any

#: spaCy's command-line package, and the module ``import spacy`` reads ``info`` from.
_CLI = "spacy.cli"
_CLI_INFO = "spacy.cli.info"


def _real_cli() -> types.ModuleType:
    """Drop the placeholders and import spaCy's real command-line package."""
    for name in (_CLI_INFO, _CLI):
        if isinstance(sys.modules.get(name), _PlaceholderCli):
            del sys.modules[name]
    real = importlib.import_module(_CLI)
    spacy = sys.modules.get("spacy")
    if spacy is not None:
        spacy.cli = real  # type: ignore[attr-defined]
    return real


class _PlaceholderCli(types.ModuleType):
    """Stands for ``spacy.cli`` until an attribute is read: then imports the real one."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        _real_cli()
        return getattr(importlib.import_module(self.__name__), name)


def _info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info``: spaCy's own, imported on its first call."""
    _real_cli()
    return importlib.import_module(_CLI_INFO).info(*args, **kwargs)


def _place_cli() -> None:
    if "spacy" in sys.modules or _CLI in sys.modules:
        return  # spaCy already imported: nothing to spare
    spec = importlib.util.find_spec("spacy")
    if spec is None or not spec.submodule_search_locations:
        return  # no spaCy: its import will say so
    cli = _PlaceholderCli(_CLI)
    # A package where spaCy's is: ``import spacy.cli.download`` still finds the real one.
    cli.__path__ = [f"{location}/cli" for location in spec.submodule_search_locations]
    info = _PlaceholderCli(_CLI_INFO)
    info.info = _info  # type: ignore[attr-defined]
    cli.info = info  # type: ignore[attr-defined]
    sys.modules[_CLI] = cli
    sys.modules[_CLI_INFO] = info


class _GroupedEntryPoints:
    """catalogue's entry points, each group's selection kept after its first look-up."""

    def __init__(self, available: Any) -> None:
        self._available = available

    @functools.cache  # noqa: B019 - one instance per process, kept for its life
    def select(self, group: str) -> Any:
        return self._available.select(group=group)


def _group_entry_points() -> None:
    import catalogue

    if not isinstance(catalogue.AVAILABLE_ENTRY_POINTS, _GroupedEntryPoints):
        catalogue.AVAILABLE_ENTRY_POINTS = _GroupedEntryPoints(catalogue.AVAILABLE_ENTRY_POINTS)


def import_spacy() -> types.ModuleType:
    """``import spacy``, without its command-line interface until something reads it."""
    _place_cli()
    import spacy

    if isinstance(sys.modules.get(_CLI), _PlaceholderCli):
        spacy.cli = sys.modules[_CLI]  # type: ignore[attr-defined]
    _group_entry_points()
    return spacy


@contextlib.contextmanager
def decoders_taken_once() -> Iterator[None]:
    """While a model loads, srsly's msgpack decoders are listed once, not per array."""
    from srsly.msgpack import msgpack_decoders

    decoders = msgpack_decoders.get_all()
    listed: Callable[[], dict[str, Any]] = lambda: dict(decoders)  # noqa: E731
    msgpack_decoders.get_all = listed
    try:
        yield
    finally:
        del msgpack_decoders.get_all  # the class's method again


#: Settings of BLAS thread pools that a user (or a batch worker) chose: they win.
_BLAS_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")


@contextlib.contextmanager
def openblas_products() -> Iterator[None]:
    """While a model loads, its layers are made to multiply with numpy (OpenBLAS), not BLIS
    (thinc's own switch: ``NumpyOps(use_blis=False)``); OpenBLAS kept to one thread."""
    from thinc.api import use_ops

    if not any(os.environ.get(variable) for variable in _BLAS_THREAD_VARIABLES):
        from threadpoolctl import threadpool_limits

        threadpool_limits(limits=1, user_api="blas")  # for the process's life
    with use_ops("numpy", use_blis=False):
        yield
