"""Where the shared corpus is, for the tests and the benchmarks alike (standard library only).

The corpus is read-only data kept beside the checkout, never copied into it: the folder
named by the environment variable ``EXPORTER_CORPUS``, by default ``../shared/corpus``
relative to the repository root. Its layout: ``seed/*.txt``, ``wikinews-fr/text/*.txt``,
``wikinews-fr/html/*.html``, ``wikinews-fr/keyphrases.tsv``, ``orangesum-valid/``.

Benchmarks that tune anything report on articles they were not tuned on:
:func:`split_tune_report` cuts a list of files in two by file name (even and odd
positions in name order), and :func:`describe_split` says so in one printable line.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

ENV_VAR = "EXPORTER_CORPUS"
REQUIRE_VAR = "EXPORTER_REQUIRE_CORPUS"
ROOT = Path(__file__).resolve().parents[1]
# The seed article ships with the repository (input/); the corpus has a copy too.
SEED_ARTICLE = ROOT / "input" / "chine-cooperation-securite-ia.txt"


class CorpusMissing(Exception):
    """The shared corpus (or the part of it asked for) is not where it should be."""


def corpus_root() -> Path:
    """The corpus folder: ``$EXPORTER_CORPUS`` if set, else ``../shared/corpus``."""
    configured = os.environ.get(ENV_VAR)
    if configured:
        return Path(configured).expanduser().resolve()
    return ROOT.parent / "shared" / "corpus"


def corpus_required() -> bool:
    """True when a missing corpus must be an error rather than a reason to skip."""
    return os.environ.get(REQUIRE_VAR, "") not in ("", "0")


def corpus_path(*parts: str) -> Path:
    """The corpus file or folder ``parts``; raises :class:`CorpusMissing` if absent."""
    root = corpus_root()
    path = root.joinpath(*parts)
    if not path.exists():
        where = f"${ENV_VAR}" if os.environ.get(ENV_VAR) else "the default ../shared/corpus"
        raise CorpusMissing(
            f"shared corpus not found: {path} is missing (corpus root {root}, from {where}; "
            f"set {ENV_VAR} to the folder holding seed/ and wikinews-fr/)"
        )
    return path


def corpus_files(folder: str, pattern: str) -> list[Path]:
    """The files of a corpus folder matching ``pattern``, in name order; never empty."""
    directory = corpus_path(*folder.split("/"))
    found = sorted(directory.glob(pattern))
    if not found:
        raise CorpusMissing(f"shared corpus folder {directory} holds no {pattern} file")
    return found


def wikinews_texts() -> list[Path]:
    return corpus_files("wikinews-fr/text", "*.txt")


def wikinews_html() -> list[Path]:
    return corpus_files("wikinews-fr/html", "*.html")


def seed_texts() -> list[Path]:
    return corpus_files("seed", "*.txt")


def keyphrases() -> dict[str, list[str]]:
    """Wikinews keyphrases by article id (``keyphrases.tsv``: id, tab, ``;``-separated)."""
    table: dict[str, list[str]] = {}
    text = corpus_path("wikinews-fr", "keyphrases.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        identifier, _, phrases = line.partition("\t")
        table[identifier] = [phrase.strip() for phrase in phrases.split(";") if phrase.strip()]
    return table


def split_tune_report(paths: Sequence[Path]) -> tuple[list[Path], list[Path]]:
    """Even positions in file-name order to tune on, odd positions to report on."""
    ordered = sorted(paths, key=lambda path: path.name)
    return ordered[0::2], ordered[1::2]


def describe_split(label: str, tune: Sequence[Path], report: Sequence[Path]) -> str:
    """One line telling which files a benchmark tunes on and which it reports on."""

    def names(paths: Sequence[Path]) -> str:
        return ", ".join(path.stem for path in paths) or "none"

    return (
        f"{label}: tuned on {len(tune)} files (even positions by name: {names(tune)}); "
        f"figures below are for the {len(report)} others (odd positions: {names(report)})"
    )
