"""Large regular expressions compiled once per machine, not once per process.

Importing spaCy's French language data compiles one regular expression of 1.4 million
characters (its tokenizer exceptions): 3 CPU-s in every process that loads the model, more
than the rest of the load. CPython compiles a pattern into a list of integers, which
``_sre.compile`` turns back into the very same pattern object at once (and validates).
:func:`preloaded` keeps, in the cache folder, that list for every large pattern compiled
while the model loads, and on the next start puts the rebuilt patterns into :mod:`re`'s own
cache before the model asks for them.

The file is keyed by the Python version and the regular expression engine's magic number,
and each entry carries a hash of its pattern and code: another Python, a changed pattern or
a damaged file are ignored (the patterns are then compiled as usual, and stored again).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import logging
import re
import sys
from array import array
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from exporter.fsutil import atomic_write_text

log = logging.getLogger(__name__)

#: Patterns shorter than this compile in well under a millisecond: not worth keeping. The
#: tokenizer's affix patterns (3,500-18,000 characters of Unicode classes) take 2-36 ms each.
LARGE = 3_000
_FORMAT = 1


def _engine() -> tuple[Any, Any, Any] | None:
    """CPython's regular expression internals, or None where they are not the ones known."""
    try:
        import _sre
        from re import _compiler, _parser  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - another Python implementation
        return None
    cache = getattr(re, "_cache", None)
    if not isinstance(cache, dict) or not hasattr(_compiler, "_code"):  # pragma: no cover
        return None
    return _sre, _compiler, _parser


def _version() -> str:
    engine = _engine()
    magic = getattr(engine[0], "MAGIC", "") if engine else ""
    return f"{sys.implementation.name}-{sys.version_info[:3]}-{magic}-{_FORMAT}"


def _digest(pattern: str, flags: int, code: bytes) -> str:
    digest = hashlib.sha256(pattern.encode("utf-8", "surrogatepass"))
    digest.update(f"\x00{flags}\x00".encode("ascii"))
    digest.update(code)
    return digest.hexdigest()


def _read(path: Path) -> list[dict[str, Any]]:
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, ValueError) as error:  # a damaged file: compile as usual, write it again
        log.info("%s: unreadable (%s), patterns compiled again", path, error)
        return []
    if not isinstance(stored, dict) or stored.get("version") != _version():
        return []
    entries = stored.get("patterns")
    return entries if isinstance(entries, list) else []


def _install(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Put the stored patterns into :mod:`re`'s cache; the entries that were usable."""
    engine = _engine()
    if engine is None:
        return []
    sre = engine[0]
    installed = []
    for entry in entries:
        try:
            pattern, flags = entry["pattern"], entry["flags"]
            code = base64.b64decode(entry["code"])
            if entry["digest"] != _digest(pattern, flags, code):
                continue
            compiled = sre.compile(
                pattern,
                entry["final_flags"],
                array("I", code).tolist(),
                entry["groups"],
                entry["groupindex"],
                tuple(entry["indexgroup"]),
            )
        except (KeyError, TypeError, ValueError, RuntimeError, OverflowError) as error:
            # Missing fields, or code the engine refuses (it validates it): compile anew.
            log.info("a stored pattern is unusable (%s)", error)
            continue
        re._cache[type(pattern), pattern, flags] = compiled  # type: ignore[attr-defined]
        installed.append(entry)
    return installed


def _entry(pattern: str, flags: int) -> dict[str, Any] | None:
    engine = _engine()
    if engine is None:
        return None
    _, compiler, parser = engine
    parsed = parser.parse(pattern, flags)
    code = array("I", compiler._code(parsed, flags)).tobytes()
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return {
        "pattern": pattern,
        "flags": flags,
        "final_flags": flags | parsed.state.flags,
        "code": base64.b64encode(code).decode("ascii"),
        "groups": parsed.state.groups - 1,
        "groupindex": groupindex,
        "indexgroup": indexgroup,
        "digest": _digest(pattern, flags, code),
    }


def _large_cached() -> set[tuple[str, int]]:
    cache: dict[tuple[type, object, int], object] = getattr(re, "_cache", {})
    return {
        (pattern, flags)
        for kind, pattern, flags in list(cache)
        if kind is str and isinstance(pattern, str) and len(pattern) >= LARGE
    }


@contextlib.contextmanager
def preloaded(path: Path) -> Iterator[None]:
    """Within the block, the large patterns stored in ``path`` need no compiling; those
    compiled in the block and not stored yet are stored on the way out (best effort)."""
    entries = _install(_read(path))
    known = {(entry["pattern"], entry["flags"]) for entry in entries}
    before = _large_cached()
    yield
    new = [key for key in _large_cached() - before if key not in known]
    if not new or _engine() is None:
        return
    log.info("%d large patterns compiled (%d were stored): storing them", len(new), len(entries))
    stored = [entry for key in new if (entry := _entry(*key)) is not None]
    data = json.dumps({"version": _version(), "patterns": [*entries, *stored]})
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, data)
    except OSError as error:  # a read-only cache folder: compile again next time
        log.info("cannot store compiled patterns in %s: %s", path, error)
