"""The audio checks of ``exporter check``: every file decodes cleanly, lasts what its text
needs, holds no long silence, and the EPUB's Media Overlays match their sound."""

from __future__ import annotations

import functools
import itertools
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path

from exporter.audio.ffmpeg import decode_pcm, run_ffmpeg_unchecked
from exporter.check.readers import OverlayClip, SpokenText, overlay_clips
from exporter.check.results import Check
from exporter.errors import ExporterError

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
#: Frames for timing the overlays: fine enough to measure a 50 ms error.
_TIMING_FRAME_MS = 5
_ANALYSIS_RATE = 16_000


#: A whole audiobook decodes in seconds; this only stops a pathological file.
DECODE_TIMEOUT_S = 300


def check_decoding(article: str, folder: Path, audio: Path) -> Check:
    """The whole file decodes, and ffmpeg has nothing to say about it."""
    done = run_ffmpeg_unchecked(["-i", str(audio), "-f", "null", "-"], timeout=DECODE_TIMEOUT_S)
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


def frame_levels(pcm: bytes, frame_ms: int = _FRAME_MS) -> list[float]:
    """dBFS of each ``frame_ms`` frame of 16 kHz PCM."""
    import numpy as np

    samples = np.frombuffer(pcm[: len(pcm) // 2 * 2], dtype="<i2").astype(np.float64) / 32768
    size = _ANALYSIS_RATE * frame_ms // 1000
    frames = samples[: len(samples) // size * size].reshape(-1, size)
    rms = np.sqrt((frames**2).mean(axis=1))
    return [float(value) for value in 20 * np.log10(np.maximum(rms, 1e-10))]


def longest_inner_silence_s(levels: Sequence[float]) -> float:
    """The longest run of silent 50 ms frames between the first and the last sound."""
    loud = [index for index, level in enumerate(levels) if level > SILENCE_DBFS]
    if not loud:
        return len(levels) * _FRAME_MS / 1000
    longest = 0
    for previous, following in itertools.pairwise(loud):
        longest = max(longest, following - previous - 1)
    return longest * _FRAME_MS / 1000


def _plausible_duration(seconds: float, spoken: SpokenText) -> tuple[bool, str]:
    """Whether ``seconds`` of audio can read what the transcript says, and the figures."""
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
    return complete and low <= rate <= high, detail


def check_audio_content(
    article: str, folder: Path, audio: Path, spoken: SpokenText | None
) -> list[Check]:
    """Duration plausible for the text (when ``spoken`` transcribes this audio), and no
    long silence."""
    name = str(audio.relative_to(folder))
    result = functools.partial(Check, article=article, file=name)
    try:
        pcm = decode_pcm(audio, sample_rate=_ANALYSIS_RATE)
    except ExporterError as error:
        return [result(check="silence", status="fail", detail=str(error))]
    seconds = len(pcm) / (2 * _ANALYSIS_RATE)
    if spoken is None:
        duration = result(
            check="duration",
            status="skip",
            detail="no transcript of this audio (.vtt) to compare with",
        )
    else:
        plausible, detail = _plausible_duration(seconds, spoken)
        duration = result(check="duration", status="pass" if plausible else "fail", detail=detail)
    silence = longest_inner_silence_s(frame_levels(pcm))
    return [
        duration,
        result(
            check="silence",
            status="pass" if silence <= MAX_SILENCE_S else "fail",
            detail=f"longest silence {silence:.1f} s (at most {MAX_SILENCE_S:.0f} s)",
        ),
    ]


# --- Media Overlays ----------------------------------------------------------------


def overlay_timing_errors(epub: Path) -> list[int]:
    """How far (ms) each Media Overlay clip's start and end lie from where its sound
    really starts and ends in the decoded audio (5 ms resolution)."""
    errors: list[int] = []
    with zipfile.ZipFile(epub) as archive, tempfile.TemporaryDirectory() as scratch:
        for clips in overlay_clips(archive).values():
            for audio_name in dict.fromkeys(clip.audio for clip in clips):
                audio = Path(scratch) / "clip.mp3"
                audio.write_bytes(archive.read(audio_name))
                pcm = decode_pcm(audio, sample_rate=_ANALYSIS_RATE)
                levels = frame_levels(pcm, _TIMING_FRAME_MS)
                errors += _clip_errors([clip for clip in clips if clip.audio == audio_name], levels)
    return errors


def _clip_errors(clips: Sequence[OverlayClip], levels: Sequence[float]) -> list[int]:
    frame = _TIMING_FRAME_MS
    errors = []
    length_ms = len(levels) * frame
    for index, clip in enumerate(clips):
        # A clip's sound is sought up to halfway into the silences around it.
        before = clips[index - 1].end_ms if index else 0
        after = clips[index + 1].begin_ms if index + 1 < len(clips) else length_ms
        first = (before + clip.begin_ms) // 2 // frame
        last = min(len(levels), (clip.end_ms + after) // 2 // frame)
        loud = [i for i in range(first, last) if levels[i] > _SOUND_DBFS]
        if not loud:
            errors.append(clip.end_ms - clip.begin_ms)  # no sound at all: off by the whole clip
            continue
        errors += [abs(loud[0] * frame - clip.begin_ms), abs((loud[-1] + 1) * frame - clip.end_ms)]
    return errors


def check_overlays(article: str, epub: Path) -> Check:
    """Media Overlays in sync: every clip within 50 ms of its sound."""
    errors = overlay_timing_errors(epub)
    result = functools.partial(Check, article=article, check="overlays", file=epub.name)
    if not errors:
        return result(status="skip", detail="no Media Overlays (text-only EPUB)")
    worst = max(errors)
    return result(
        status="pass" if worst <= MAX_TIMING_ERROR_MS else "fail",
        detail=f"{len(errors) // 2} clips, worst timing error {worst} ms "
        f"(at most {MAX_TIMING_ERROR_MS} ms)",
    )
