"""The one ffmpeg runner: find the executable, run it through pipes, decode audio to PCM.

We use the ffmpeg binary the ``imageio-ffmpeg`` wheel ships (or ``EXPORTER_FFMPEG``, or
one on the PATH) and raise a clear error when there is none. Everything that runs ffmpeg
(encoding, the gTTS engine's decoding, ``exporter check``) goes through this module.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from exporter.errors import ExportError

#: Longest an ffmpeg run may take (a long article encodes in seconds).
FFMPEG_TIMEOUT_S = 600


@functools.cache
def ffmpeg_executable() -> str:
    explicit = os.environ.get("EXPORTER_FFMPEG")
    if explicit:
        return explicit
    try:
        import imageio_ffmpeg

        return str(imageio_ffmpeg.get_ffmpeg_exe())
    except (ImportError, RuntimeError):
        found = shutil.which("ffmpeg")
        if found:
            return found
    raise ExportError(
        "no ffmpeg found to encode audio",
        hint="pip install imageio-ffmpeg, or set EXPORTER_FFMPEG to an ffmpeg binary",
    )


@dataclass(frozen=True, kw_only=True, slots=True)
class FfmpegRun:
    """What one ffmpeg run did: its exit status, its output, and what it said on stderr."""

    returncode: int
    stdout: bytes
    stderr: str

    @property
    def last_words(self) -> str:
        """ffmpeg's last three lines on stderr, on one line."""
        return " / ".join(self.stderr.strip().splitlines()[-3:])


def _feed(stream: IO[bytes], data: bytes) -> None:
    """Write ``data`` to ffmpeg's stdin at once (large writes, no polling), then close it."""
    try:
        stream.write(data)
    except OSError:
        pass  # ffmpeg stopped reading (it failed): its exit status and stderr say why
    finally:
        with contextlib.suppress(OSError):
            stream.close()


def run_ffmpeg_unchecked(
    arguments: Sequence[str], *, stdin: bytes = b"", timeout: float = FFMPEG_TIMEOUT_S
) -> FfmpegRun:
    """Run ffmpeg quietly and report what happened, whatever happened (for checks).

    ffmpeg's output goes to temporary files, so its input can be written in one blocking
    write by a thread (``subprocess.run(input=...)`` polls the pipes between 4 KiB writes:
    a few milliseconds of our CPU for each minute of audio encoded).
    """
    command = [ffmpeg_executable(), "-hide_banner", "-loglevel", "error", "-y"]
    if not stdin:
        command.append("-nostdin")
    command += arguments
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        try:
            process = subprocess.Popen(
                command,
                stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
                stdout=out,
                stderr=err,
            )
        except OSError as error:
            return FfmpegRun(returncode=-1, stdout=b"", stderr=str(error))
        writer = None
        if stdin:
            assert process.stdin is not None
            writer = threading.Thread(target=_feed, args=(process.stdin, stdin), daemon=True)
            writer.start()
        try:
            returncode = process.wait(timeout=timeout)
        except BaseException as error:  # a deadline passed, or an interrupt: stop ffmpeg
            process.kill()
            process.wait()
            if not isinstance(error, subprocess.TimeoutExpired):
                raise
            return FfmpegRun(returncode=-1, stdout=b"", stderr=str(error))
        finally:
            if writer is not None:
                writer.join()  # ends at once: ffmpeg read everything, or is gone
        out.seek(0)
        err.seek(0)
        return FfmpegRun(
            returncode=returncode,
            stdout=out.read(),
            stderr=err.read().decode("utf-8", "replace"),
        )


def run_ffmpeg(arguments: Sequence[str], *, stdin: bytes = b"", what: str) -> bytes:
    """Run ffmpeg quietly; its stdout, or an :class:`ExportError` quoting its last words."""
    done = run_ffmpeg_unchecked(arguments, stdin=stdin)
    if done.returncode == -1:
        raise ExportError(f"{what} failed: {done.stderr}")
    if done.returncode != 0:
        raise ExportError(f"{what} failed: ffmpeg said: {done.last_words or 'nothing'}")
    return done.stdout


def pcm_input(sample_rate: int) -> list[str]:
    """ffmpeg arguments reading mono 16-bit PCM at ``sample_rate`` from stdin."""
    return ["-f", "s16le", "-ar", str(sample_rate), "-ac", "1", "-i", "pipe:0"]


def decode_pcm(
    source: Path | bytes,
    *,
    sample_rate: int | None = None,
    input_format: str | None = None,
    what: str = "audio decoding",
) -> bytes:
    """Decode an audio file, or audio bytes, to mono 16-bit PCM (at ``sample_rate`` if given)."""
    stdin = source if isinstance(source, bytes) else b""
    forced = ["-f", input_format] if input_format else []
    resample = ["-ar", str(sample_rate)] if sample_rate else []
    return run_ffmpeg(
        [
            *forced,
            "-i",
            "pipe:0" if isinstance(source, bytes) else str(source),
            "-map",
            "0:a:0",
            "-ac",
            "1",
            *resample,
            "-f",
            "s16le",
            "-c:a",
            "pcm_s16le",
            "pipe:1",
        ],
        stdin=stdin,
        what=what,
    )
