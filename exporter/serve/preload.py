"""Imported by the workers' fork server (see :mod:`exporter.serve.jobs`): the modules a
conversion loads lazily, so that each worker process starts with them already imported."""

from __future__ import annotations

import importlib
import logging

log = logging.getLogger(__name__)

MODULES = (
    "exporter.pipeline",
    "exporter.parsers.plaintext",
    "exporter.parsers.markdown",
    "exporter.parsers.html",
    "exporter.parsers.structure",
    "exporter.text.normalize",
    "exporter.summary.summarize",
    "exporter.summary.llm",
    "pyloudnorm",
    "scipy.signal",
)


def preload() -> None:
    from exporter.exporters import exporter_names

    exporter_names()  # imports the built-in exporters
    for name in MODULES:
        try:
            importlib.import_module(name)
        except ImportError as error:  # a renamed module costs time, never a failure
            log.debug("preload: %s", error)


preload()
