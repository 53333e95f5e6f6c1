"""The batch manifest: what is already converted in ``build/``, and from what.

Each converted article has an entry keyed by its slug (its folder in ``build/``). The
entry's ``key`` is a hash of the article's bytes, the settings that shape its outputs and
the tool's version: when all three are unchanged and every output is still there, the
article is up to date. The manifest is rewritten atomically after every article, so a
killed batch loses at most the articles that were still running.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from exporter import __version__
from exporter.fsutil import atomic_write_text
from exporter.naming import MANIFEST_NAME
from exporter.options import BuildOptions

log = logging.getLogger(__name__)

MANIFEST_FORMAT = 1
#: Options that change where or how fast outputs are made, never what they contain.
_NOT_IN_KEY = frozenset({"out_dir", "cache_dir", "use_cache"})


@dataclass(frozen=True, kw_only=True, slots=True)
class ManifestEntry:
    source: str
    key: str
    #: Output files, relative to the build folder.
    outputs: tuple[str, ...]
    title: str = ""
    date: str = ""
    #: Who published the article, and its web address (pages and feeds), for the library.
    publisher: str = ""
    link: str = ""
    duration_seconds: float | None = None


def _file_digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "missing"


def _stable(name: str, value: object) -> object:
    """A JSON-able form of an option; files given as options count by their content."""
    if isinstance(value, Path):
        return {"path": str(value), "sha256": _file_digest(value)}
    if isinstance(value, tuple | list):
        items = [_stable(name, item) for item in value]
        # The order of the formats does not change the outputs, only the order of work.
        return sorted(items, key=str) if name == "formats" else items
    return value


def settings_fingerprint(options: BuildOptions) -> str:
    """A hash of every option that shapes the outputs, read once per batch."""
    # Options left at their default are omitted: adding an option to the tool must not
    # make every article look changed (a changed default comes with a new version anyway).
    defaults = BuildOptions()
    settings = {
        field.name: _stable(field.name, getattr(options, field.name))
        for field in dataclasses.fields(options)
        if field.name not in _NOT_IN_KEY
        and getattr(options, field.name) != getattr(defaults, field.name)
    }
    material = json.dumps({"version": __version__, "settings": settings}, sort_keys=True)
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def article_key(content: bytes, fingerprint: str) -> str:
    digest = hashlib.sha256(fingerprint.encode("ascii"))
    digest.update(b"\x00")
    digest.update(content)
    return digest.hexdigest()


def _entry(data: Mapping[str, Any]) -> ManifestEntry:
    duration = data.get("duration_seconds")
    return ManifestEntry(
        source=str(data["source"]),
        key=str(data["key"]),
        outputs=tuple(str(item) for item in data.get("outputs", ())),
        title=str(data.get("title", "")),
        date=str(data.get("date", "")),
        publisher=str(data.get("publisher", "")),
        link=str(data.get("link", "")),
        duration_seconds=(
            float(duration)
            if isinstance(duration, int | float) and math.isfinite(duration) and duration >= 0
            else None
        ),
    )


def load_manifest(out_dir: Path) -> dict[str, ManifestEntry]:
    """Entries by slug; an unreadable manifest counts as empty (everything is redone)."""
    path = out_dir / MANIFEST_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != MANIFEST_FORMAT:
            log.warning("%s: unknown manifest format, every article will be converted", path)
            return {}
        return {str(slug): _entry(entry) for slug, entry in data["articles"].items()}
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        log.warning("%s: unreadable manifest (%s), every article will be converted", path, error)
        return {}


def save_manifest(out_dir: Path, entries: Mapping[str, ManifestEntry]) -> None:
    articles = {
        slug: dataclasses.asdict(entries[slug]) | {"outputs": list(entries[slug].outputs)}
        for slug in sorted(entries)
    }
    text = json.dumps(
        {"format": MANIFEST_FORMAT, "tool_version": __version__, "articles": articles},
        ensure_ascii=False,
        indent=1,
    )
    atomic_write_text(out_dir / MANIFEST_NAME, text + "\n")


def confined(out_dir: Path, output: str) -> Path | None:
    """``output`` inside ``out_dir``, or None when it points elsewhere.

    The manifest is a file anyone may edit: an entry such as ``../../victim.txt``, an
    absolute path or a symbolic link out of the folder must never make us read or delete
    a file outside the build folder.
    """
    relative = Path(output)
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        return None
    path = out_dir / relative
    try:
        resolved = path.resolve(strict=False)
    except (OSError, RuntimeError):
        return None
    return path if resolved.is_relative_to(out_dir.resolve()) else None


def outputs_present(out_dir: Path, entry: ManifestEntry) -> bool:
    paths = [confined(out_dir, output) for output in entry.outputs]
    return bool(paths) and all(path is not None and path.is_file() for path in paths)
