"""Kokoro-82M with the French voice ``ff_siwis``, offline, through ``kokoro-onnx``.

Much more natural than Pico, and some seventy times costlier: 0.4-0.8 CPU-seconds
per second of speech (see :mod:`.kokoro_runtime` for its threads and memory). The model
and voice are installed once (``exporter engines install kokoro``) into a data
folder; at run time the engine checks the model's checksum (remembered by size and
modification time) and never downloads anything.

Kokoro's French front-end is espeak-ng (from the ``espeakng-loader`` wheel), which
reads raw text badly ("3e", "M.", "14 h 30", "l'IA"): :meth:`KokoroEngine.prepare`
writes everything out in words first. A sentence longer than
:data:`~.kokoro_pieces.PIECE_PHONEMES` phonemes is cut at its clauses
(:mod:`.kokoro_pieces`); the pieces are synthesised on an engine-wide pool of threads,
so one sentence's pieces can run on two cores, and joined with the pause a reader makes
there. The sentence stays one unit for the narrator, its cache and its timings.
"""

from __future__ import annotations

import logging
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from importlib.metadata import PackageNotFoundError, version
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any

from exporter.errors import EngineUnavailableError, SynthesisError
from exporter.narration.engines import Availability, EngineInfo, register_engine
from exporter.narration.engines.kokoro_assets import (
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
from exporter.narration.engines.kokoro_install import install
from exporter.narration.engines.kokoro_pieces import PIECE_PHONEMES, pause_after, pieces
from exporter.narration.engines.kokoro_runtime import (
    PHONEMES_IN_FLIGHT,
    PhonemeBudget,
    ShrinkingSession,
    give_freed_blocks_back,
    parallelism,
    session_options,
)

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

log = logging.getLogger(__name__)


class _DebugOnlyLogger(logging.LoggerAdapter[logging.Logger]):
    """phonemizer warns about every foreign word espeak-ng switches language for: expected
    here, so its warnings become debug messages."""

    def warning(self, msg: object, *args: object, **kwargs: Any) -> None:
        self.debug(msg, *args, **kwargs)


_ESPEAK_LOG = _DebugOnlyLogger(logging.getLogger(f"{__name__}.espeak"))

ENGINE_NAME = "kokoro"
#: Kokoro's output rate.
KOKORO_SAMPLE_RATE = 24_000
#: espeak-ng's language code for France French.
ESPEAK_LANGUAGE = "fr-fr"
#: Packages the engine imports, by import name and distribution name.
REQUIRED_PACKAGES = (("kokoro_onnx", "kokoro-onnx"), ("onnxruntime", "onnxruntime"))
#: Silence kokoro-onnx puts between the parts of a piece too long for one pass.
SENTENCE_PAUSE = 0.25
CLAUSE_PAUSE = 0.1
#: Fade (ms) at the edges where a sentence's pieces are joined, so a cut makes no click.
JOIN_FADE_MS = 5


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


class KokoroEngine:
    name = ENGINE_NAME
    sample_rate = KOKORO_SAMPLE_RATE
    #: Sentences synthesised at once (set per machine in ``__init__``).
    max_parallel: int

    def __init__(self, *, data_dir: Path | None = None, speed: float = 1.0) -> None:
        folder = data_dir or default_data_dir()
        availability = check_installation(folder)
        if not availability.usable:
            raise EngineUnavailableError(self.name, availability.reason)
        _disable_onnxruntime_telemetry()
        import numpy as np
        import onnxruntime
        from kokoro_onnx import Kokoro
        from kokoro_onnx.config import MAX_PHONEME_LENGTH
        from kokoro_onnx.session import resolve_providers

        self._speed = speed
        self._voice: NDArray[np.float32] = np.load(folder / VOICE_FILE, allow_pickle=False)
        self.max_parallel, threads = parallelism(os.cpu_count() or 1)
        give_freed_blocks_back()
        try:
            session = onnxruntime.InferenceSession(
                str(folder / MODEL_FILE), session_options(threads), providers=resolve_providers()
            )
            self._kokoro = Kokoro.from_session(ShrinkingSession(session), str(folder / VOICE_FILE))
        except (RuntimeError, OSError, ValueError) as error:  # onnxruntime, espeak-ng loading
            raise EngineUnavailableError(
                self.name,
                f"cannot load the model or espeak-ng: {error}",
                hint=f"Reinstall: {INSTALL_COMMAND}",
            ) from error
        self._vocabulary = frozenset(self._kokoro.tokenizer.vocab)
        self._espeak_lock = threading.Lock()
        #: Bounds the memory of sentences synthesised side by side.
        self.budget = PhonemeBudget(PHONEMES_IN_FLIGHT)
        self._window = MAX_PHONEME_LENGTH
        #: Longest piece a sentence is cut into (phonemes); part of the cache key.
        self.piece_phonemes = PIECE_PHONEMES
        #: Runs every sentence's pieces, first come first served, one per core.
        self._pieces = ThreadPoolExecutor(self.max_parallel, thread_name_prefix="kokoro")
        # not on `engine auto`'s probe path
        from exporter.text.names_data import ESPEAK_READS_ENGLISH
        from exporter.text.normalize import SpeechOptions

        self._speech_options = SpeechOptions(
            acronyms="letters", english_names_read_right=ESPEAK_READS_ENGLISH
        )

    def settings_key(self) -> str:
        return (
            f"model={PINNED_SOURCES.model_sha256[:16]};voice={VOICE_NAME};speed={self._speed};"
            f"lang={ESPEAK_LANGUAGE};kokoro-onnx={_package_version('kokoro-onnx')};"
            f"pieces={self.piece_phonemes}"
        )

    def prepare(self, text: str) -> str:
        from exporter.text.normalize import normalize_for_speech

        return normalize_for_speech(text, self._speech_options)

    def phonemes(self, text: str) -> str:
        """espeak-ng's French phonemes for ``text``, limited to those the model knows.

        Unlike kokoro-onnx's own call, foreign words ("Beijing", "week-end") keep
        espeak-ng's English phonemes without the "(en)…(fr)" markers around them, which
        the model would otherwise read as parentheses and letters.
        """
        import phonemizer

        with self._espeak_lock:  # espeak-ng keeps global state
            raw = phonemizer.phonemize(
                text,
                ESPEAK_LANGUAGE,
                preserve_punctuation=True,
                with_stress=True,
                language_switch="remove-flags",
                logger=_ESPEAK_LOG,
            )
        known = "".join(symbol for symbol in str(raw) if symbol in self._vocabulary)
        return " ".join(known.split())

    def synthesize(self, text: str) -> bytes:
        from exporter.text.words import has_words

        phonemes = self.phonemes(text) if has_words(text) else ""
        if not has_words(phonemes):
            return b""
        parts = [part for part in pieces(phonemes, self.piece_phonemes) if has_words(part)]
        if len(parts) == 1:
            return to_pcm16(self._speak(parts[0], text))
        futures = [self._pieces.submit(self._speak, part, text) for part in parts]
        return join_pieces(
            [to_pcm16(future.result()) for future in futures],
            [pause_after(part) for part in parts[:-1]],
            self.sample_rate,
        )

    def _speak(self, phonemes: str, text: str) -> NDArray[np.float32]:
        """One piece's audio; ``text`` is the whole sentence, for errors."""
        # kokoro-onnx synthesises a longer input in parts, one after the other.
        size = min(len(phonemes), self._window)
        try:
            with self.budget.hold(size):
                audio, rate = self._kokoro.create(
                    phonemes,
                    voice=self._voice,
                    speed=self._speed,
                    is_phonemes=True,
                    sentence_pause=SENTENCE_PAUSE,
                    clause_pause=CLAUSE_PAUSE,
                )
        except (ValueError, RuntimeError) as error:  # kokoro-onnx and onnxruntime raise these
            raise SynthesisError(self.name, f"Kokoro failed on {text[:60]!r}: {error}") from error
        if rate != self.sample_rate:
            raise SynthesisError(self.name, f"Kokoro answered at {rate} Hz, not {self.sample_rate}")
        spoken: NDArray[np.float32] = audio
        return spoken


def join_pieces(pcms: list[bytes], pauses: list[float], rate: int) -> bytes:
    """A sentence's pieces as one: each trimmed of its edge silence (as the narrator trims
    a sentence), faded over a few milliseconds where it meets another, and followed by its
    pause (``pauses[i]`` seconds after piece ``i``).
    """
    import numpy as np

    from exporter.narration.pcm import samples, silence, trim

    fade = rate * JOIN_FADE_MS // 1000
    joined: list[bytes] = []
    for index, pcm in enumerate(pcms):
        piece = samples(trim(pcm, rate)).astype(np.float32)
        if len(piece) > 2 * fade:
            ramp = np.linspace(0.0, 1.0, fade, endpoint=False, dtype=np.float32)
            if index > 0:
                piece[:fade] *= ramp
            if index < len(pcms) - 1:
                piece[-fade:] *= ramp[::-1]
        joined.append(np.rint(piece).astype("<i2").tobytes())
        if index < len(pauses):
            joined.append(silence(round(pauses[index] * 1000), rate))
    return b"".join(joined)


register_engine(
    EngineInfo(
        name=ENGINE_NAME,
        description="Kokoro-82M, French voice ff_siwis; offline, natural, slower than real time "
        f"on a small CPU (install: {INSTALL_COMMAND})",
        offline=True,
        factory=KokoroEngine,
        probe=probe,
        installer=install,
    )
)
