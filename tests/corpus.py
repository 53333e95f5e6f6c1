"""The shared corpus in tests: one way to find it (``$EXPORTER_CORPUS``, see
``benchmarks/_corpus.py``), and one rule when it is missing.

A test that needs the corpus skips with the reason (which path is missing and how to point
to it), unless ``EXPORTER_REQUIRE_CORPUS=1`` (``make test``, CI): then it fails. Tests that
do not need the corpus never import it. For parametrised tests, :func:`corpus_params`
gives one parameter per file, or a single ``corpus-missing`` case that skips (or fails)
when the corpus is absent, so a missing corpus never silently shrinks a test to nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import pytest

from benchmarks._corpus import (
    REQUIRE_VAR,
    SEED_ARTICLE,
    CorpusMissing,
    corpus_path,
    corpus_required,
    corpus_root,
    keyphrases,
    wikinews_html,
    wikinews_texts,
)

__all__ = [
    "MISSING_MARK",
    "SEED_ARTICLE",
    "CorpusMissing",
    "corpus_file",
    "corpus_params",
    "corpus_path",
    "corpus_root",
    "keyphrases",
    "missing",
    "need",
    "wikinews_html",
    "wikinews_texts",
]

T = TypeVar("T")
MISSING_MARK = "corpus_missing"


def missing(reason: str) -> NoReturn:
    """Skip the running test for a missing corpus, or fail it when the corpus is required."""
    if corpus_required():
        pytest.fail(f"{reason} [{REQUIRE_VAR}=1: the corpus is required]", pytrace=False)
    pytest.skip(reason)


def need(get: Callable[..., T], *args: Any) -> T:
    """``get(*args)`` from the corpus, or skip/fail the running test if it is missing."""
    try:
        return get(*args)
    except CorpusMissing as error:
        missing(str(error))


def corpus_file(*parts: str) -> Path:
    """One corpus file (``corpus_file("wikinews-fr", "html", "44974.html")``), or skip/fail."""
    return need(corpus_path, *parts)


def corpus_params(get: Callable[[], list[Path]], every: int = 1) -> list[Any]:
    """Parameters for ``@pytest.mark.parametrize``: every ``every``-th corpus file (id: its
    stem), or one ``corpus-missing`` case that skips or fails when the test runs."""
    try:
        paths = get()[::every]
    except CorpusMissing as error:
        mark = getattr(pytest.mark, MISSING_MARK)(str(error))
        return [pytest.param(None, id="corpus-missing", marks=mark)]
    return [pytest.param(path, id=path.stem) for path in paths]
