"""Misbehaving synthesisers run in a child process, as a native engine would be.

``python -m tests.fake_child_engines MODE [MARKER]``: ``hang`` never answers (after touching
MARKER, so a test knows it is stuck), ``crash`` kills its own process, ``garbage`` answers
with a frame that is not PCM, ``ok`` answers a short tone.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

from exporter.narration.engines.isolation import serve


def main(mode: str, marker: str = "") -> None:
    def speak(text: str) -> bytes:
        if marker:
            Path(marker).touch()
        if mode == "hang":
            while True:  # like Pico on "ooo…": never returns
                time.sleep(3600)
        if mode == "crash":
            os.kill(os.getpid(), signal.SIGKILL)
        if mode == "garbage":
            return b"\x01"  # one byte: not even one 16-bit sample
        return b"\x00\x10" * 1600

    serve(speak)


if __name__ == "__main__":
    main(*sys.argv[1:])
