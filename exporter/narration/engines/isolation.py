"""Run a native synthesiser in a child process, where a hang can be timed out and killed.

Some native engines (SVOX Pico) never return on certain inputs and hold the GIL meanwhile:
neither a thread timeout nor Ctrl-C reaches them inside our process. So the synthesiser
lives in a child process that speaks a tiny framed protocol on its standard streams; the
parent waits with :func:`select.select` (interruptible by signals) until a deadline scaled
to the text, then kills the child, restarts it for the next sentence, and reports the
sentence that hung.

Frames are a 4-byte big-endian length followed by the payload: the parent sends UTF-8 text,
the child answers ``b"A"`` + PCM, or ``b"E"`` + a UTF-8 error message.
"""

from __future__ import annotations

import logging
import os
import select
import signal
import struct
import subprocess
import sys
import threading
import time
import weakref
from collections.abc import Callable
from typing import IO, Any

log = logging.getLogger(__name__)

_HEADER = struct.Struct(">I")
#: A sentence may take this long at least, whatever its length (child start-up included).
BASE_DEADLINE_S = 20.0
#: ...plus this much per character (Pico needs about 1 ms per character; 50× margin).
DEADLINE_PER_CHAR_S = 0.05


class ChildFailed(Exception):
    """The child process answered with an error, died, or missed its deadline."""


class ChildTimeout(ChildFailed):
    pass


def deadline_for(text: str) -> float:
    return BASE_DEADLINE_S + DEADLINE_PER_CHAR_S * len(text)


def _write_frame(stream: IO[bytes], payload: bytes) -> None:
    stream.write(_HEADER.pack(len(payload)) + payload)
    stream.flush()


#: The longest a wait for the child blocks at once. A Ctrl-C that arrives just before the
#: wait starts does not interrupt it; Python handles it when the wait returns, so the
#: wait is cut into slices rather than lasting until the deadline (20 s and more).
WAIT_SLICE_S = 0.2


def _read_exact(fd: int, size: int, deadline: float) -> bytes:
    chunks: list[bytes] = []
    remaining = size
    while remaining:
        timeout = deadline - time.monotonic()
        if timeout <= 0:
            raise ChildTimeout("deadline passed")
        ready, _, _ = select.select([fd], [], [], min(timeout, WAIT_SLICE_S))
        if not ready:
            continue
        chunk = os.read(fd, min(remaining, 1 << 20))
        if not chunk:
            raise ChildFailed("the child process ended")
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def _kill(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.kill()
    process.wait()
    for stream in (process.stdin, process.stdout):
        if stream is not None:
            stream.close()


class ChildSynthesizer:
    """Sends texts to ``python -m <module>`` and returns its PCM, within a deadline."""

    def __init__(self, module: str, *args: str) -> None:
        self._command = [sys.executable, "-m", module, *args]
        self._process: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()
        self._finalizer: weakref.finalize[Any, Any] | None = None

    def _start(self) -> subprocess.Popen[bytes]:
        process = subprocess.Popen(
            self._command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            # The parent handles Ctrl-C and kills the child; the child must not die first
            # half-way through a frame.
            preexec_fn=_ignore_sigint if os.name == "posix" else None,
        )
        self._finalizer = weakref.finalize(self, _kill, process)
        return process

    def synthesize(self, text: str, *, deadline_s: float | None = None) -> bytes:
        with self._lock:
            if self._process is None or self._process.poll() is not None:
                self._process = self._start()
            process = self._process
            assert process.stdin is not None and process.stdout is not None
            deadline = time.monotonic() + (deadline_s or deadline_for(text))
            try:
                _write_frame(process.stdin, text.encode("utf-8"))
                (size,) = _HEADER.unpack(_read_exact(process.stdout.fileno(), 4, deadline))
                payload = _read_exact(process.stdout.fileno(), size, deadline)
            except BaseException as error:
                # On a timeout, a dead child or an interrupt the child's state is unknown:
                # kill it; the next sentence starts a fresh one.
                self.close()
                if isinstance(error, OSError):
                    raise ChildFailed(f"the child process failed: {error}") from error
                raise
        if payload[:1] == b"A":
            return payload[1:]
        raise ChildFailed(payload[1:].decode("utf-8", "replace"))

    def close(self) -> None:
        if self._finalizer is not None:
            self._finalizer()
            self._finalizer = None
        self._process = None


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def serve(synthesize: Callable[[str], bytes]) -> None:
    """The child's loop: read a text frame, answer with PCM or an error, until EOF."""
    stdin = sys.stdin.buffer
    stdout = sys.stdout.buffer
    while True:
        header = stdin.read(_HEADER.size)
        if len(header) < _HEADER.size:
            return
        (size,) = _HEADER.unpack(header)
        text = stdin.read(size).decode("utf-8")
        try:
            answer = b"A" + synthesize(text)
        except Exception as error:  # reported to the parent, which raises our own error
            answer = b"E" + f"{type(error).__name__}: {error}".encode()
        _write_frame(stdout, answer)
