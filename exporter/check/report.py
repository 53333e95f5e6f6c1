"""``exporter check``: are the outputs of a build sound?

For each output folder (``build/<slug>/``) it checks what it finds there and returns one
:class:`Check` per test and file:

- ``epubcheck`` and ``ace``: the EPUB validators, when installed (else a skipped check
  that says how to install them);
- ``decode``: every MP3 and M4B decodes without a single ffmpeg error;
- ``chapters``: the MP3's ID3 chapters, the M4B's chapters, the EPUB's table of contents
  and the WebVTT transcript's heading cues list the same sections, with the same titles;
- ``duration``: the narration lasts what the text needs (8 to 24 written characters per
  second of speech, from the transcript's cues) and is not cut short;
- ``silence``: no silence longer than 3 seconds inside the narration;
- ``overlays``: every Media Overlay clip of the EPUB starts and ends within 50 ms of its
  sound in the decoded audio.

The library never prints: :func:`format_table` and :func:`to_json` render the results.
"""

from __future__ import annotations

import itertools
import json
import logging
import re
import tempfile
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

from lxml import etree

from exporter.audio.ffmpeg import decode_pcm, run_ffmpeg_unchecked
from exporter.check.validators import (
    ValidatorResult,
    ace_status,
    epubcheck_status,
    run_ace,
    run_epubcheck_many,
)
from exporter.errors import ExporterError, InputError, ValidatorError
from exporter.model import TITLE_ID

logger = logging.getLogger(__name__)

Status = Literal["pass", "fail", "skip"]

AUDIO_SUFFIXES = (".mp3", ".m4b")
OUTPUT_SUFFIXES = (".epub", *AUDIO_SUFFIXES, ".vtt")
#: A voice reads French at 12 to 16 characters a second, pauses included; outside 10–20
#: the audio does not match its text (truncated, doubled, or far too slow or fast).
#: Written characters per second of speech (pauses excluded): numbers and acronyms read
#: out in full make the written text shorter than what is said, hence the low bound.
CHARS_PER_SECOND = (8.0, 24.0)
MAX_SILENCE_S = 3.0
#: Below this a 50 ms frame counts as silence (far under a voice's quietest syllable).
SILENCE_DBFS = -50.0
_FRAME_MS = 50
#: Media Overlays: a clip starts and ends within this of its sound; sound is what the
#: narrator keeps when it trims an engine's silence (above -45 dBFS).
MAX_TIMING_ERROR_MS = 50
_SOUND_DBFS = -45.0
_ANALYSIS_RATE = 16_000
_DECODE_TIMEOUT_S = 300
_SECTION_FILE = re.compile(r"section-\d+\.xhtml")
_HEADING_CUE = re.compile(r"(.+)-title")
_NAV_NS = {"x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops"}


@dataclass(frozen=True, kw_only=True, slots=True)
class Check:
    #: The output folder's name (the article's slug).
    article: str
    check: str
    #: The file checked, relative to the output folder ("" for checks across files).
    file: str
    status: Status
    detail: str = ""


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


# --- Reading outputs ---------------------------------------------------------------


def _same(title: str) -> str:
    return " ".join(unicodedata.normalize("NFC", title).split())


def epub_section_titles(epub: Path) -> list[str]:
    """The table of contents' entries that lead to an article section, in order."""
    with zipfile.ZipFile(epub) as archive:
        container = etree.fromstring(archive.read("META-INF/container.xml"))
        opf_name = container.find(".//{*}rootfile").get("full-path")
        folder = opf_name.rpartition("/")[0]
        package = etree.fromstring(archive.read(opf_name))
        nav_href = next(
            item.get("href")
            for item in package.iter("{*}item")
            if "nav" in (item.get("properties") or "").split()
        )
        nav = etree.fromstring(archive.read(f"{folder}/{nav_href}" if folder else nav_href))
    links = nav.xpath("//x:nav[@epub:type='toc']//x:a", namespaces=_NAV_NS)
    return [
        _same("".join(link.itertext()))
        for link in links
        if _SECTION_FILE.fullmatch(str(link.get("href", "")).partition("#")[0])
    ]


def vtt_cues(vtt: Path) -> list[tuple[str, str]]:
    """(cue id, text) of every cue of a WebVTT file."""
    blocks = re.split(r"\n\s*\n", vtt.read_text(encoding="utf-8").replace("\r\n", "\n"))
    cues = []
    for block in blocks:
        lines = block.strip().splitlines()
        timing = next((i for i, line in enumerate(lines) if "-->" in line), None)
        if timing is None:
            continue
        cue_id = lines[timing - 1].strip() if timing else ""
        cues.append((cue_id, " ".join(lines[timing + 1 :])))
    return cues


def vtt_section_titles(vtt: Path) -> list[str]:
    return [
        _same(text)
        for cue_id, text in vtt_cues(vtt)
        if cue_id != TITLE_ID and _HEADING_CUE.fullmatch(cue_id)
    ]


def mp3_chapter_titles(mp3: Path) -> list[str]:
    from mutagen.id3 import ID3, ID3NoHeaderError

    try:
        tags = ID3(str(mp3))
    except ID3NoHeaderError:
        return []
    chapters = sorted(tags.getall("CHAP"), key=lambda chapter: chapter.start_time)
    return [
        _same(str(chapter.sub_frames["TIT2"].text[0])) if "TIT2" in chapter.sub_frames else ""
        for chapter in chapters
    ]


def ffmpeg_chapter_titles(audio: Path) -> list[str]:
    """Chapters as ffmpeg reads them (M4B), from an FFMETADATA dump."""
    done = run_ffmpeg_unchecked(
        ["-i", str(audio), "-f", "ffmetadata", "-"], timeout=_DECODE_TIMEOUT_S
    )
    titles: list[str] = []
    in_chapter = False
    for line in done.stdout.decode("utf-8", "replace").splitlines():
        if line.startswith("["):
            in_chapter = line.strip() == "[CHAPTER]"
            if in_chapter:
                titles.append("")
        elif in_chapter and line.startswith("title="):
            titles[-1] = _same(line.removeprefix("title=").replace("\\", ""))
    return titles


# --- Checks ------------------------------------------------------------------------


def check_decoding(article: str, folder: Path, audio: Path) -> Check:
    """The whole file decodes, and ffmpeg has nothing to say about it."""
    done = run_ffmpeg_unchecked(["-i", str(audio), "-f", "null", "-"], timeout=_DECODE_TIMEOUT_S)
    errors = done.stderr.strip()
    ok = done.returncode == 0 and not errors
    detail = "" if ok else " / ".join(errors.splitlines()[-3:]) or f"exit {done.returncode}"
    return Check(
        article=article,
        check="decode",
        file=str(audio.relative_to(folder)),
        status="pass" if ok else "fail",
        detail=detail,
    )


def check_chapters(article: str, sources: dict[str, list[str]]) -> Check:
    """Every source lists as many sections; titles agree wherever both have one."""
    if len(sources) < 2:
        return Check(
            article=article,
            check="chapters",
            file="",
            status="skip",
            detail="fewer than two of MP3, M4B, EPUB, VTT to compare",
        )
    counts = {name: len(titles) for name, titles in sources.items()}
    described = ", ".join(f"{name} {count}" for name, count in counts.items())
    if len(set(counts.values())) > 1:
        return Check(
            article=article,
            check="chapters",
            file="",
            status="fail",
            detail=f"chapter counts differ: {described}",
        )
    names = list(sources)
    for index, titles in enumerate(zip(*sources.values(), strict=True), start=1):
        given = {name: title for name, title in zip(names, titles, strict=True) if title}
        if len(set(given.values())) > 1:
            quoted = "; ".join(f"{name} {title!r}" for name, title in given.items())
            return Check(
                article=article,
                check="chapters",
                file="",
                status="fail",
                detail=f"chapter {index} titles differ: {quoted}",
            )
    return Check(
        article=article,
        check="chapters",
        file="",
        status="pass",
        detail=f"{counts[names[0]]} chapters in {', '.join(names)}",
    )


@dataclass(frozen=True, kw_only=True, slots=True)
class SpokenText:
    """What the transcript says was read: how much text, over how much speech."""

    characters: int
    #: Time inside the cues (speech), without the pauses between them.
    speech_s: float
    #: Where the last cue ends: the audio must last at least that long.
    last_end_s: float


_CUE_TIMING = re.compile(r"([\d:.]+)\s+-->\s+([\d:.]+)")


def spoken_text(folder: Path) -> SpokenText | None:
    """The article's transcript (``<slug>.vtt``) summed up, when there is one."""
    vtt = folder / f"{folder.name}.vtt"
    if not vtt.exists():
        return None
    characters, speech_ms, last_end_ms = 0, 0, 0
    for block in re.split(r"\n\s*\n", vtt.read_text(encoding="utf-8").replace("\r\n", "\n")):
        lines = block.strip().splitlines()
        timing = next((i for i, line in enumerate(lines) if "-->" in line), None)
        match = _CUE_TIMING.search(lines[timing]) if timing is not None else None
        if timing is None or match is None:
            continue
        start, end = _clock_ms(match[1]), _clock_ms(match[2])
        characters += len(" ".join(" ".join(lines[timing + 1 :]).split()))
        speech_ms += max(0, end - start)
        last_end_ms = max(last_end_ms, end)
    return SpokenText(
        characters=characters, speech_s=speech_ms / 1000, last_end_s=last_end_ms / 1000
    )


def _frame_levels(pcm: bytes, frame_ms: int = _FRAME_MS) -> list[float]:
    """dBFS of each ``frame_ms`` frame of 16 kHz PCM."""
    import numpy as np

    samples = np.frombuffer(pcm[: len(pcm) // 2 * 2], dtype="<i2").astype(np.float64) / 32768
    size = _ANALYSIS_RATE * frame_ms // 1000
    frames = samples[: len(samples) // size * size].reshape(-1, size)
    rms = np.sqrt((frames**2).mean(axis=1))
    return [float(value) for value in 20 * np.log10(np.maximum(rms, 1e-10))]


def longest_inner_silence_s(levels: Sequence[float]) -> float:
    """The longest run of silent frames between the first and the last sound."""
    loud = [index for index, level in enumerate(levels) if level > SILENCE_DBFS]
    if not loud:
        return len(levels) * _FRAME_MS / 1000
    longest = 0
    for previous, following in itertools.pairwise(loud):
        longest = max(longest, following - previous - 1)
    return longest * _FRAME_MS / 1000


def check_audio_content(
    article: str, folder: Path, audio: Path, spoken: SpokenText | None
) -> list[Check]:
    """Duration plausible for the text, and no long silence."""
    name = str(audio.relative_to(folder))
    try:
        pcm = decode_pcm(audio, sample_rate=_ANALYSIS_RATE)
    except ExporterError as error:
        return [
            Check(article=article, check="silence", file=name, status="fail", detail=str(error))
        ]
    seconds = len(pcm) / (2 * _ANALYSIS_RATE)
    checks = []
    if spoken is None:
        checks.append(
            Check(
                article=article,
                check="duration",
                file=name,
                status="skip",
                detail="no transcript of this audio (.vtt) to compare with",
            )
        )
    else:
        # The rate of speech, pauses left out: short articles are mostly pauses.
        rate = spoken.characters / spoken.speech_s if spoken.speech_s else float("inf")
        low, high = CHARS_PER_SECOND
        complete = seconds >= spoken.last_end_s - 0.1
        detail = (
            f"{spoken.speech_s:.0f} s of speech for {spoken.characters} characters: "
            f"{rate:.1f} characters/s (expected {low:.0f}–{high:.0f}); file {seconds:.0f} s"
        )
        if not complete:
            detail += f", shorter than its transcript ({spoken.last_end_s:.0f} s)"
        checks.append(
            Check(
                article=article,
                check="duration",
                file=name,
                status="pass" if complete and low <= rate <= high else "fail",
                detail=detail,
            )
        )
    silence = longest_inner_silence_s(_frame_levels(pcm))
    checks.append(
        Check(
            article=article,
            check="silence",
            file=name,
            status="pass" if silence <= MAX_SILENCE_S else "fail",
            detail=f"longest silence {silence:.1f} s (at most {MAX_SILENCE_S:.0f} s)",
        )
    )
    return checks


def _validator_check(article: str, folder: Path, result: ValidatorResult) -> Check:
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


def validator_checks(epubs: Sequence[tuple[str, Path, Path]]) -> list[Check]:
    """EPUBCheck (all books in one JVM) and Ace on every EPUB; skipped when not installed."""
    checks: list[Check] = []
    epubcheck = epubcheck_status()
    if not epubcheck.installed:
        checks += [
            Check(
                article=article,
                check="epubcheck",
                file=epub.name,
                status="skip",
                detail=f"not installed; run: {epubcheck.install_command}",
            )
            for article, _, epub in epubs
        ]
    elif epubs:
        try:
            results = run_epubcheck_many([epub for _, _, epub in epubs])
        except ValidatorError as error:
            checks += [
                Check(
                    article=article,
                    check="epubcheck",
                    file=epub.name,
                    status="fail",
                    detail=str(error),
                )
                for article, _, epub in epubs
            ]
        else:
            checks += [
                _validator_check(article, folder, result)
                for (article, folder, _), result in zip(epubs, results, strict=True)
            ]
    ace = ace_status()
    for article, folder, epub in epubs:
        if not ace.installed:
            checks.append(
                Check(
                    article=article,
                    check="ace",
                    file=epub.name,
                    status="skip",
                    detail=f"not installed; run: {ace.install_command}",
                )
            )
        else:
            try:
                checks.append(_validator_check(article, folder, run_ace(epub)))
            except ValidatorError as error:
                checks.append(
                    Check(
                        article=article,
                        check="ace",
                        file=epub.name,
                        status="fail",
                        detail=str(error),
                    )
                )
    return checks


@dataclass(frozen=True, kw_only=True, slots=True)
class _Par:
    element: str
    audio: str
    begin_ms: int
    end_ms: int


def _clock_ms(value: str) -> int:
    """SMIL clock values: '0:01:02.345', '02:03.5', '62.345s', '1500ms'."""
    if value.endswith("ms"):
        return round(float(value[:-2]))
    if value.endswith("s"):
        return round(float(value[:-1]) * 1000)
    seconds = 0.0
    for part in value.split(":"):
        seconds = seconds * 60 + float(part)
    return round(seconds * 1000)


def _overlay_pars(archive: zipfile.ZipFile) -> dict[str, list[_Par]]:
    """Per SMIL document (its path in the zip): its ``<par>``, audio paths resolved."""
    container = etree.fromstring(archive.read("META-INF/container.xml"))
    opf_name = container.find(".//{*}rootfile").get("full-path")
    folder = opf_name.rpartition("/")[0]
    package = etree.fromstring(archive.read(opf_name))
    result: dict[str, list[_Par]] = {}
    for item in package.iter("{*}item"):
        if item.get("media-type") != "application/smil+xml":
            continue
        smil_name = f"{folder}/{item.get('href')}" if folder else str(item.get("href"))
        base = smil_name.rpartition("/")[0]
        smil = etree.fromstring(archive.read(smil_name))
        pars = []
        for par in smil.iter("{*}par"):
            text, audio = par.find("{*}text"), par.find("{*}audio")
            if text is None or audio is None:
                continue
            pars.append(
                _Par(
                    element=str(text.get("src", "")).partition("#")[2],
                    audio=f"{base}/{audio.get('src')}" if base else str(audio.get("src")),
                    begin_ms=_clock_ms(str(audio.get("clipBegin", "0s"))),
                    end_ms=_clock_ms(str(audio.get("clipEnd", "0s"))),
                )
            )
        result[smil_name] = pars
    return result


def overlay_timing_errors(epub: Path) -> list[int]:
    """How far (ms) each Media Overlay clip's start and end lie from where its sound
    really starts and ends in the decoded audio (5 ms resolution)."""
    errors: list[int] = []
    with zipfile.ZipFile(epub) as archive, tempfile.TemporaryDirectory() as scratch:
        for pars in _overlay_pars(archive).values():
            for audio_name in dict.fromkeys(par.audio for par in pars):
                audio = Path(scratch) / "clip.mp3"
                audio.write_bytes(archive.read(audio_name))
                levels = _frame_levels(decode_pcm(audio, sample_rate=_ANALYSIS_RATE), 5)
                clips = [par for par in pars if par.audio == audio_name]
                errors += _clip_errors(clips, levels)
    return errors


def _clip_errors(pars: Sequence[_Par], levels: Sequence[float]) -> list[int]:
    errors = []
    length_ms = len(levels) * 5
    for index, par in enumerate(pars):
        # A clip's sound is sought up to halfway into the silences around it.
        before = pars[index - 1].end_ms if index else 0
        after = pars[index + 1].begin_ms if index + 1 < len(pars) else length_ms
        first, last = (
            (before + par.begin_ms) // 2 // 5,
            min(len(levels), (par.end_ms + after) // 2 // 5),
        )
        loud = [i for i in range(first, last) if levels[i] > _SOUND_DBFS]
        if not loud:
            errors.append(par.end_ms - par.begin_ms)  # no sound at all: off by the whole clip
            continue
        errors += [abs(loud[0] * 5 - par.begin_ms), abs((loud[-1] + 1) * 5 - par.end_ms)]
    return errors


def check_overlays(article: str, epub: Path) -> Check:
    """Media Overlays in sync: every clip within 50 ms of its sound."""
    errors = overlay_timing_errors(epub)
    if not errors:
        return Check(
            article=article,
            check="overlays",
            file=epub.name,
            status="skip",
            detail="no Media Overlays (text-only EPUB)",
        )
    worst = max(errors)
    return Check(
        article=article,
        check="overlays",
        file=epub.name,
        status="pass" if worst <= MAX_TIMING_ERROR_MS else "fail",
        detail=f"{len(errors) // 2} clips, worst timing error {worst} ms "
        f"(at most {MAX_TIMING_ERROR_MS} ms)",
    )


def check_folder(folder: Path) -> list[Check]:
    """Every check but the validators, for one output folder."""
    article = folder.name
    checks: list[Check] = []
    audio_files = sorted(
        path for path in folder.rglob("*") if path.suffix.lower() in AUDIO_SUFFIXES
    )
    checks += [check_decoding(article, folder, audio) for audio in audio_files]
    # The article's own outputs are named after its folder (<slug>.mp3...); others, such
    # as summary.mp3, narrate something else and have chapters of their own.
    own = {suffix: folder / f"{folder.name}{suffix}" for suffix in (".mp3", ".m4b", ".epub")}
    readers = {".mp3": ("MP3", mp3_chapter_titles), ".m4b": ("M4B", ffmpeg_chapter_titles),
               ".epub": ("EPUB", epub_section_titles)}  # fmt: skip
    sources = {
        label: read(own[suffix]) for suffix, (label, read) in readers.items()
        if own[suffix].exists()
    }  # fmt: skip
    vtt = folder / f"{folder.name}.vtt"
    if vtt.exists():
        sources["VTT"] = vtt_section_titles(vtt)
    checks.append(check_chapters(article, sources))
    checks += [check_overlays(article, epub) for epub in sorted(folder.glob("*.epub"))]
    spoken = spoken_text(folder)
    for audio in sorted(path for path in folder.iterdir() if path.suffix in AUDIO_SUFFIXES):
        narrates_article = audio.stem == folder.name
        checks += check_audio_content(article, folder, audio, spoken if narrates_article else None)
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
            (folder.name, folder, epub)
            for folder in folders
            for epub in sorted(folder.glob("*.epub"))
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
        status: sum(1 for c in checks if c.status == status) for status in ("pass", "fail", "skip")
    }
    lines.append(f"{counts['pass']} passed, {counts['fail']} failed, {counts['skip']} skipped")
    return "\n".join(lines)


def to_json(checks: Sequence[Check]) -> str:
    return json.dumps(
        {"ok": not failed(checks), "checks": [asdict(check) for check in checks]},
        ensure_ascii=False,
        indent=2,
    )
