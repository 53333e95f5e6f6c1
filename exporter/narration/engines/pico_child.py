"""The child process that runs SVOX Pico (see :mod:`exporter.narration.engines.isolation`).

``python -m exporter.narration.engines.pico_child VOICE SPEED VOLUME``
"""

from __future__ import annotations

import sys

from exporter.narration.engines.isolation import serve


def main(argv: list[str]) -> None:
    voice, speed, volume = argv[0], float(argv[1]), float(argv[2])
    from py_nanotts import NanoTTS

    tts = NanoTTS()

    def speak(text: str) -> bytes:
        pcm = tts.speak(text, voice=voice, speed=speed, volume=volume)
        if not isinstance(pcm, bytes | bytearray):
            raise RuntimeError("Pico returned no audio")
        return bytes(pcm)

    serve(speak)


if __name__ == "__main__":
    main(sys.argv[1:])
