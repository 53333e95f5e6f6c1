"""``exporter check``: are the outputs of a build sound?

For each output folder (``build/<slug>/``) it checks what it finds there and returns one
:class:`~exporter.check.results.Check` per test and file:

- ``epubcheck`` and ``ace``: the EPUB validators, when installed (else a skipped check
  that says how to install them);
- ``decode``: every MP3 and M4B decodes without a single ffmpeg error;
- ``chapters``: the MP3's ID3 chapters, the M4B's chapters, the EPUB's table of contents
  and the WebVTT transcript's heading cues list the same sections, with the same titles;
- ``duration``: the narration lasts what the text needs (8 to 24 written characters per
  second of speech, from the transcript's cues) and is not cut short;
- ``silence``: no silence longer than 3 seconds inside the narration;
- ``overlays``: every Media Overlay clip of the EPUB starts and ends within 50 ms of its
  sound in the decoded audio;
- ``tags``: MP3 chapter frames stored in time order, the M4B's chapter track in the
  audio's language (:mod:`exporter.check.tags`);
- ``typos``: suspected typos of the article, as warnings.

This module finds the outputs and runs the checks: reading the outputs back is
:mod:`exporter.check.readers`, the audio checks :mod:`exporter.check.audio`, running the
validators :mod:`exporter.check.validators`. The library never prints:
:func:`format_table` and :func:`to_json` render the results.
"""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from exporter.check.audio import check_audio_content, check_decoding, check_overlays
from exporter.check.readers import (
    epub_section_titles,
    ffmpeg_chapter_titles,
    mp3_chapter_titles,
    spoken_text,
    vtt_section_titles,
)
from exporter.check.results import Check, Status
from exporter.check.tags import check_audio_tags, check_typos
from exporter.check.validators import (
    ValidatorResult,
    ValidatorStatus,
    ace_status,
    epubcheck_status,
    run_ace,
    run_epubcheck_many,
)
from exporter.errors import InputError, ValidatorError

log = logging.getLogger(__name__)

AUDIO_SUFFIXES = (".mp3", ".m4b")
OUTPUT_SUFFIXES = (".epub", *AUDIO_SUFFIXES, ".vtt")
#: The article's own outputs, named after its folder, whose chapters must agree.
_CHAPTER_READERS: dict[str, tuple[str, Callable[[Path], list[str]]]] = {
    ".mp3": ("MP3", mp3_chapter_titles),
    ".m4b": ("M4B", ffmpeg_chapter_titles),
    ".epub": ("EPUB", epub_section_titles),
    ".vtt": ("VTT", vtt_section_titles),
}


@dataclass(frozen=True, kw_only=True, slots=True)
class CheckOptions:
    #: Run EPUBCheck and Ace (slow: a JVM, a headless browser) when installed.
    validators: bool = True


# --- Finding outputs ---------------------------------------------------------------


def _has_outputs(folder: Path) -> bool:
    return any(child.suffix.lower() in OUTPUT_SUFFIXES for child in folder.iterdir())


def output_folders(paths: Iterable[Path]) -> list[Path]:
    """``build/<slug>/`` folders named directly, or found one level inside named folders."""
    found: list[Path] = []
    for path in paths:
        if not path.is_dir():
            raise InputError(path, "no such folder", hint="Give build/<slug>/ or build/.")
        if _has_outputs(path):
            found.append(path)
        else:
            found += sorted(c for c in path.iterdir() if c.is_dir() and _has_outputs(c))
    if not found:
        names = ", ".join(str(path) for path in paths)
        raise InputError(
            names,
            "no built outputs found (.epub, .mp3, .m4b, .vtt)",
            hint="Run 'exporter build' first, then check its output folder.",
        )
    return list(dict.fromkeys(found))


# --- Checks ------------------------------------------------------------------------


def check_chapters(article: str, sources: dict[str, list[str]]) -> Check:
    """Every source lists as many sections; titles agree wherever both have one."""
    result = functools.partial(Check, article=article, check="chapters", file="")
    if len(sources) < 2:
        return result(status="skip", detail="fewer than two of MP3, M4B, EPUB, VTT to compare")
    counts = {name: len(titles) for name, titles in sources.items()}
    if len(set(counts.values())) > 1:
        described = ", ".join(f"{name} {count}" for name, count in counts.items())
        return result(status="fail", detail=f"chapter counts differ: {described}")
    names = list(sources)
    for index, titles in enumerate(zip(*sources.values(), strict=True), start=1):
        given = {name: title for name, title in zip(names, titles, strict=True) if title}
        if len(set(given.values())) > 1:
            quoted = "; ".join(f"{name} {title!r}" for name, title in given.items())
            return result(status="fail", detail=f"chapter {index} titles differ: {quoted}")
    return result(status="pass", detail=f"{counts[names[0]]} chapters in {', '.join(names)}")


def _unreadable(article: str, check: str, file: str, error: Exception) -> Check:
    log.info("%s/%s: %s failed: %r", article, file, check, error)
    detail = f"cannot read it ({type(error).__name__}: {error})".replace("\n", " ")
    return Check(article=article, check=check, file=file, status="fail", detail=detail)


def _guarded(
    article: str,
    check: str,
    file: str,
    run: Callable[..., Check | list[Check]],
    *args: object,
) -> list[Check]:
    """The checks ``run(*args)`` makes; if reading the file fails in any way (a truncated
    ZIP, a missing member, a bad number, malformed XML...), one failed check saying so:
    a broken output is what ``check`` exists to report, and the other checks go on."""
    try:
        result = run(*args)
    except Exception as error:  # any failure to read is a finding, not a crash
        return [_unreadable(article, check, file, error)]
    return result if isinstance(result, list) else [result]


def check_folder(folder: Path) -> list[Check]:
    """Every check but the validators, for one output folder."""
    article = folder.name
    checks: list[Check] = []
    audio_files = sorted(
        path for path in folder.rglob("*") if path.suffix.lower() in AUDIO_SUFFIXES
    )
    for audio in audio_files:
        name = str(audio.relative_to(folder))
        checks += _guarded(article, "decode", name, check_decoding, article, folder, audio)
        checks += _guarded(article, "tags", name, check_audio_tags, article, folder, audio)
    # The article's own outputs are named after its folder (<slug>.mp3...); others, such
    # as summary.mp3, narrate something else and have chapters of their own.
    sources: dict[str, list[str]] = {}
    for suffix, (label, read) in _CHAPTER_READERS.items():
        path = folder / f"{folder.name}{suffix}"
        if path.exists():
            try:
                sources[label] = read(path)
            except Exception as error:  # any failure to read is a finding, not a crash
                checks.append(_unreadable(article, "chapters", path.name, error))
    checks.append(check_chapters(article, sources))
    checks += _guarded(article, "typos", "", check_typos, article, folder)
    for epub in sorted(folder.glob("*.epub")):
        checks += _guarded(article, "overlays", epub.name, check_overlays, article, epub)
    try:
        spoken = spoken_text(folder)
    except Exception as error:  # any failure to read is a finding, not a crash
        spoken = None
        checks.append(_unreadable(article, "duration", f"{folder.name}.vtt", error))
    for audio in sorted(path for path in folder.iterdir() if path.suffix in AUDIO_SUFFIXES):
        narrated = spoken if audio.stem == folder.name else None
        checks += _guarded(
            article, "silence", audio.name, check_audio_content, article, folder, audio, narrated
        )
    return checks


def _validator_check(article: str, result: ValidatorResult) -> Check:
    detail = f"{result.fatal} fatal, {result.errors} errors, {result.warnings} warnings"
    if result.messages:
        first = result.messages[0]
        detail += f"; first: {first.code} {first.message[:120]} {first.location}".rstrip()
    # EPUBCheck's warnings count too: our books have none.
    ok = result.passed and result.problems == 0
    return Check(
        article=article,
        check=result.validator,
        file=result.path.name,
        status="pass" if ok else "fail",
        detail=detail,
    )


def _validator_runs(
    status: ValidatorStatus,
    epubs: Sequence[tuple[str, Path]],
    run: Callable[[list[Path]], list[ValidatorResult]],
) -> list[Check]:
    """One check per book: skipped when the validator is not installed, failed when it
    cannot run, else its verdict."""
    outcome: Status
    if not status.installed:
        outcome, detail = "skip", f"not installed; run: {status.install_command}"
    else:
        try:
            results = run([epub for _, epub in epubs])
        except ValidatorError as error:
            outcome, detail = "fail", str(error)
        except Exception as error:  # a book the validator cannot even open is a finding
            outcome, detail = "fail", f"{type(error).__name__}: {error}"
        else:
            return [
                _validator_check(article, result)
                for (article, _), result in zip(epubs, results, strict=True)
            ]
    return [
        Check(article=article, check=status.name, file=epub.name, status=outcome, detail=detail)
        for article, epub in epubs
    ]


def validator_checks(epubs: Sequence[tuple[str, Path]]) -> list[Check]:
    """EPUBCheck (all books in one JVM) and Ace on every (article, EPUB); skipped when
    not installed."""
    checks = _validator_runs(epubcheck_status(), epubs, run_epubcheck_many) if epubs else []
    ace = ace_status()
    for book in epubs:
        checks += _validator_runs(ace, [book], lambda paths: [run_ace(paths[0])])
    return checks


def check_outputs(paths: Sequence[Path], options: CheckOptions | None = None) -> list[Check]:
    """Check every output folder found in ``paths``; see the module's documentation."""
    options = options or CheckOptions()
    folders = output_folders(paths)
    checks: list[Check] = []
    for folder in folders:
        checks += check_folder(folder)
    if options.validators:
        epubs = [
            (folder.name, epub) for folder in folders for epub in sorted(folder.glob("*.epub"))
        ]
        checks += validator_checks(epubs)
    order = {folder.name: index for index, folder in enumerate(folders)}
    return sorted(checks, key=lambda check: order[check.article])


def failed(checks: Iterable[Check]) -> list[Check]:
    return [check for check in checks if check.status == "fail"]


# --- Rendering ---------------------------------------------------------------------


def format_table(checks: Sequence[Check]) -> str:
    """One plain-text table, one line per check, and a last line that counts them."""
    header = ("article", "check", "file", "result", "detail")
    rows = [(c.article, c.check, c.file or "-", c.status.upper(), c.detail) for c in checks]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(4)]
    lines = [
        "  ".join(
            [*(cell.ljust(width) for cell, width in zip(row[:4], widths, strict=True)), row[4]]
        ).rstrip()
        for row in [header, *rows]
    ]
    counts = {
        status: sum(1 for c in checks if c.status == status)
        for status in ("pass", "fail", "skip", "warn")
    }
    lines.append(
        f"{counts['pass']} passed, {counts['fail']} failed, {counts['skip']} skipped, "
        f"{counts['warn']} warnings"
    )
    return "\n".join(lines)


def to_json(checks: Sequence[Check]) -> str:
    return json.dumps(
        {"ok": not failed(checks), "checks": [asdict(check) for check in checks]},
        ensure_ascii=False,
        indent=2,
    )
