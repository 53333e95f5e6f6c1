"""Kokoro-82M with the French voice ``ff_siwis``, offline, through ``kokoro-onnx``.

Much more natural than Pico, about twice slower than real time on two cores. The model
and voice are installed once (``python -m exporter.engines.kokoro_install``) into a data
folder; at run time the engine checks the model's checksum (remembered by size and
modification time) and never downloads anything.

Kokoro's French front-end is espeak-ng (from the ``espeakng-loader`` wheel), which
reads raw text badly ("3e", "M.", "14 h 30", "l'IA"): :meth:`KokoroEngine.prepare`
writes everything out in words first. Text longer than the model's window (510
phonemes) is cut by kokoro-onnx at sentence, then clause, then word boundaries, and the
pieces are joined with a short pause.
"""

from __future__ import annotations

import logging
import os
from importlib.metadata import PackageNotFoundError, version
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING

from exporter.engines import Availability, EngineInfo, register_engine
from exporter.engines.kokoro_assets import (
    INSTALL_COMMAND,
    INSTALLER_COMMAND,
    MODEL_FILE,
    PINNED_SOURCES,
    PIP_COMMAND,
    VOICE_FILE,
    VOICE_NAME,
    KokoroSources,
    default_data_dir,
    file_matches,
    voice_matches,
)
from exporter.errors import EngineUnavailableError, SynthesisError
from exporter.text.normalize import SpeechOptions, normalize_for_speech

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

log = logging.getLogger(__name__)

ENGINE_NAME = "kokoro"
#: Kokoro's output rate.
KOKORO_SAMPLE_RATE = 24_000
#: espeak-ng's language code for France French.
ESPEAK_LANGUAGE = "fr-fr"
#: Packages the engine imports, by import name and distribution name.
REQUIRED_PACKAGES = (("kokoro_onnx", "kokoro-onnx"), ("onnxruntime", "onnxruntime"))
#: Silence kokoro-onnx puts between the pieces of a text too long for one pass.
SENTENCE_PAUSE = 0.25
CLAUSE_PAUSE = 0.1


def _disable_onnxruntime_telemetry() -> None:
    """onnxruntime reports usage unless told not to; it reads this when imported."""
    os.environ["ORT_DISABLE_TELEMETRY"] = "1"


def _missing_packages() -> list[str]:
    return [dist for module, dist in REQUIRED_PACKAGES if find_spec(module) is None]


def installation_problems(
    data_dir: Path | None = None, sources: KokoroSources = PINNED_SOURCES
) -> list[str]:
    """What stops the engine from running here, each with the command that fixes it.

    Reads no network; hashes the model only when it changed since it was last checked.
    """
    problems = []
    missing = _missing_packages()
    if missing:
        problems.append(
            f"package {', '.join(map(repr, missing))} not installed (run: {PIP_COMMAND})"
        )
    folder = data_dir or default_data_dir()
    absent = [name for name in (MODEL_FILE, VOICE_FILE) if not (folder / name).is_file()]
    if absent:
        problems.append(f"{' and '.join(absent)} not found in {folder} (run: {INSTALLER_COMMAND})")
        return problems
    corrupt = []
    if not file_matches(folder, MODEL_FILE, sources.model_sha256):
        corrupt.append(MODEL_FILE)
    if not voice_matches(folder / VOICE_FILE, sources.voice_sha256):
        corrupt.append(VOICE_FILE)
    if corrupt:
        problems.append(
            f"{' and '.join(corrupt)} in {folder} corrupt (checksum mismatch); "
            f"reinstall: {INSTALLER_COMMAND}"
        )
    return problems


def check_installation(
    data_dir: Path | None = None, sources: KokoroSources = PINNED_SOURCES
) -> Availability:
    problems = installation_problems(data_dir, sources)
    return Availability(usable=not problems, reason="; ".join(problems))


def probe() -> Availability:
    return check_installation()


def _package_version(distribution: str) -> str:
    try:
        return version(distribution)
    except PackageNotFoundError:
        return "unknown"


def to_pcm16(audio: NDArray[np.float32]) -> bytes:
    """Float samples in [-1, 1] -> signed 16-bit little-endian PCM (clipped, not wrapped)."""
    import numpy as np

    scaled = np.clip(audio, -1.0, 1.0) * 32767.0
    pcm: bytes = np.rint(scaled).astype("<i2").tobytes()
    return pcm


def _has_words(text: str) -> bool:
    return any(character.isalnum() for character in text)


class KokoroEngine:
    name = ENGINE_NAME
    sample_rate = KOKORO_SAMPLE_RATE
    # onnxruntime already spreads one inference over every core (intra-op threads);
    # two at once on two cores measured no faster, and use twice the memory.
    max_parallel = 1

    def __init__(self, *, data_dir: Path | None = None, speed: float = 1.0) -> None:
        folder = data_dir or default_data_dir()
        availability = check_installation(folder)
        if not availability.usable:
            raise EngineUnavailableError(self.name, availability.reason)
        _disable_onnxruntime_telemetry()
        import numpy as np
        from kokoro_onnx import Kokoro

        self._speed = speed
        self._voice: NDArray[np.float32] = np.load(folder / VOICE_FILE, allow_pickle=False)
        try:
            self._kokoro = Kokoro(str(folder / MODEL_FILE), str(folder / VOICE_FILE))
        except (RuntimeError, OSError, ValueError) as error:  # onnxruntime, espeak-ng loading
            raise EngineUnavailableError(
                self.name,
                f"cannot load the model or espeak-ng: {error}",
                hint=f"Reinstall: {INSTALL_COMMAND}",
            ) from error
        self._speech_options = SpeechOptions(acronyms="letters")

    def settings_key(self) -> str:
        return (
            f"model={PINNED_SOURCES.model_sha256[:16]};voice={VOICE_NAME};speed={self._speed};"
            f"lang={ESPEAK_LANGUAGE};kokoro-onnx={_package_version('kokoro-onnx')}"
        )

    def prepare(self, text: str) -> str:
        return normalize_for_speech(text, self._speech_options)

    def synthesize(self, text: str) -> bytes:
        if not _has_words(text):
            return b""
        try:
            audio, rate = self._kokoro.create(
                text,
                voice=self._voice,
                speed=self._speed,
                lang=ESPEAK_LANGUAGE,
                sentence_pause=SENTENCE_PAUSE,
                clause_pause=CLAUSE_PAUSE,
            )
        except (ValueError, RuntimeError) as error:  # kokoro-onnx and onnxruntime raise these
            raise SynthesisError(self.name, f"Kokoro failed on {text[:60]!r}: {error}") from error
        if rate != self.sample_rate:
            raise SynthesisError(self.name, f"Kokoro answered at {rate} Hz, not {self.sample_rate}")
        return to_pcm16(audio)


register_engine(
    EngineInfo(
        name=ENGINE_NAME,
        description="Kokoro-82M, French voice ff_siwis; offline, natural, slower than real time "
        f"on a small CPU (install: {INSTALL_COMMAND})",
        offline=True,
        factory=KokoroEngine,
        probe=probe,
    )
)
