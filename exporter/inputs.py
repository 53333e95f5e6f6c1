"""Which files are articles: those named, and those found in the folders named.

Apart from the pipeline so that a batch can list its articles (and find nothing to do)
without importing any conversion code.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from exporter.errors import InputError
from exporter.naming import is_output_folder
from exporter.parsers import ARTICLE_EXTENSIONS


def is_url(text: str) -> bool:
    """Whether a command-line argument is an address (``scheme://...``) rather than a file.

    Any scheme counts, so that ``file://`` or ``ftp://`` is refused by
    :func:`exporter.parsers.fetch.fetch` with a clear message instead of being looked up as
    a file name. (Here, not with the fetching: telling needs no HTTP library imported.)"""
    scheme, sep, _rest = text.partition("://")
    return bool(sep) and scheme.isalpha() and len(scheme) > 1


def _articles_in(folder: Path, skip: Path | None) -> list[Path]:
    """Article files under ``folder``, recursively, except in hidden folders, in ``skip``
    (the build folder) and in folders holding our outputs (a batch's or a build's)."""
    skipped = skip.resolve() if skip is not None else None
    found: list[Path] = []
    for root, folders, files in os.walk(folder):
        here = Path(root)
        if here.resolve() == skipped or is_output_folder(here):
            folders.clear()
            continue
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        found.extend(
            here / name
            for name in sorted(files)
            if not name.startswith(".")
            and Path(name).suffix.lower() in ARTICLE_EXTENSIONS
            and (here / name).is_file()
        )
    return sorted(found)


def collect_inputs(paths: Iterable[Path], *, out_dir: Path | None = None) -> list[Path]:
    """Article files named directly, plus those found (recursively) in named folders,
    never in the build folder ``out_dir`` or in another folder of outputs."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(_articles_in(path, out_dir))
        elif path.exists():
            found.append(path)  # a FIFO or a device: reading it says what it is
        else:
            raise InputError(path, "no such file or folder")
    if not found:
        names = ", ".join(str(p) for p in paths)
        raise InputError(
            names, f"no article found (looked for {', '.join(ARTICLE_EXTENSIONS)} files)"
        )
    return list(dict.fromkeys(found))
