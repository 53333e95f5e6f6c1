"""Google Translate's French voice, through gTTS: natural, but online only.

gTTS knows the unofficial protocol (the 100-character limit, the ``batchexecute`` RPC
body); this module keeps that knowledge in gTTS and owns the rest:

* French chunking: gTTS's default pre-processors and tokenizer are English (they drop
  the period of "de Brest. Il", whose "st" looks like "St.", and cut "M. Dupont" in two),
  so we give it a pre-processor and a tokenizer that cut at French sentence, then
  clause, then word boundaries.
* The transport: we take the request bodies from gTTS (``gTTS.get_bodies()``) and send
  them ourselves, to a base URL that is configurable (``EXPORTER_GTTS_URL``: a proxy, a
  mirror, a local fake in tests), with TLS verification on (gTTS turns it off), a
  timeout per request, and retries with exponential backoff and full jitter on HTTP
  429, 5xx, timeouts and connection errors.
* Decoding: Google answers MP3 (24 kHz mono); ffmpeg from the ``imageio-ffmpeg`` wheel
  turns it into PCM through pipes, leaving no temporary file.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import os
import random
import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from importlib.util import find_spec
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from exporter.audio.encoding import run_ffmpeg
from exporter.errors import ConfigError, ExportError, SynthesisError
from exporter.narration.engines import Availability, EngineInfo, register_engine
from exporter.text.normalize import SpeechOptions, normalize_for_speech
from exporter.text.sentences import ABBREVIATIONS, split_sentences
from exporter.text.words import has_words

if TYPE_CHECKING:
    import requests

log = logging.getLogger(__name__)

ENGINE_NAME = "gtts"
#: Environment variable that points the engine at another host (proxy, mirror, tests).
BASE_URL_ENV = "EXPORTER_GTTS_URL"
#: Google's TTS answers 24 kHz mono MP3; we ask ffmpeg for the same rate.
GTTS_SAMPLE_RATE = 24_000
#: gTTS's own limit (``gTTS.GOOGLE_TTS_MAX_CHARS``): longer text is refused by Google.
MAX_CHUNK_CHARS = 100
BATCHEXECUTE_PATH = "/_/TranslateWebserverUi/data/batchexecute"

OFFLINE_HINT = "or use the offline engine: --engine pico"

# Clause boundaries, for a sentence longer than a chunk: after , ; : … ? ! and closing
# brackets or quotes, or before an opening bracket, quote or dash (French incises).
_CLAUSE_BREAK = re.compile(r"(?<=[,;:…?!)\]»])[ ]+|[ ]+(?=[(\[«—–])")
# Words a French reader takes a breath before, when a clause has no punctuation to cut at.
BREATH_WORDS = frozenset(
    {"et", "ou", "mais", "donc", "car", "ni", "qui", "que", "qu'", "qu’", "dont", "où",
     "lorsque", "lorsqu'", "lorsqu’", "puisque", "quand", "comme", "si", "parce", "afin",
     "tandis", "alors", "selon", "après", "avant", "depuis", "pendant", "contre", "malgré"}
)  # fmt: skip
_BREATH_BREAK = re.compile(
    r"[ ]+(?=(?:"
    + "|".join(sorted(map(re.escape, BREATH_WORDS), key=len, reverse=True))
    + r")(?:[ ]|(?<='|’)))"
)
# Regular spaces only: French no-break spaces before ; : ! ? » keep the sign attached.
_WORD_BREAK = re.compile(r"[ ]+")
_RUNS_OF_WHITESPACE = re.compile(r"[ \t\r\n\f\v]+")


# --- French chunking ---------------------------------------------------------------


def collapse_whitespace(text: str) -> str:
    """gTTS pre-processor: one regular space between words, no line breaks.

    Unlike gTTS's ``end_of_line``, never glue a hyphen to the next line: in French the
    hyphen at the end of a line is as often part of a compound ("porte-monnaie").
    """
    return _RUNS_OF_WHITESPACE.sub(" ", text).strip()


def _hard_cut(text: str, max_chars: int) -> list[str]:
    return [text[start : start + max_chars] for start in range(0, len(text), max_chars)]


def _pack(pieces: Sequence[str], max_chars: int) -> list[str]:
    """Join consecutive pieces with spaces into chunks as long as allowed."""
    chunks: list[str] = []
    for piece in pieces:
        if chunks and len(chunks[-1]) + 1 + len(piece) <= max_chars:
            chunks[-1] = f"{chunks[-1]} {piece}"
        else:
            chunks.append(piece)
    return chunks


def _split_clauses(text: str) -> list[str]:
    return [piece for piece in _CLAUSE_BREAK.split(text) if piece]


def _split_breath_groups(text: str) -> list[str]:
    return [piece for piece in _BREATH_BREAK.split(text) if piece]


def _introduces_a_name(word: str) -> bool:
    """ "M.", "Mme", "Dr." …: a reader never pauses between these and what follows."""
    stem = word.removesuffix(".").lower()
    return stem in ABBREVIATIONS and (word.endswith(".") or word[:1].isupper())


def _split_words(text: str) -> list[str]:
    words: list[str] = []
    for word in _WORD_BREAK.split(text):
        if not word:
            continue
        if words and _introduces_a_name(words[-1]):
            words[-1] = f"{words[-1]} {word}"
        else:
            words.append(word)
    return words


def _split_to_fit(
    text: str, max_chars: int, splitters: Sequence[Callable[[str], list[str]]]
) -> list[str]:
    """Cut ``text`` at the coarsest boundary that makes every piece fit, then re-pack."""
    if len(text) <= max_chars:
        return [text]
    if not splitters:
        return _hard_cut(text, max_chars)
    pieces = splitters[0](text)
    fitted = [part for piece in pieces for part in _split_to_fit(piece, max_chars, splitters[1:])]
    return _pack(fitted, max_chars)


def french_chunks(text: str, max_chars: int = MAX_CHUNK_CHARS) -> list[str]:
    """gTTS tokenizer: cut French text into chunks of at most ``max_chars`` characters.

    Cuts fall between sentences when possible, else between clauses, else before a
    conjunction or relative pronoun, else between words; punctuation stays with its
    words, so Google still hears where sentences end.
    """
    sentences = split_sentences(text)
    fitted = [
        part
        for sentence in sentences
        for part in _split_to_fit(
            sentence, max_chars, (_split_clauses, _split_breath_groups, _split_words)
        )
    ]
    return _pack(fitted, max_chars)


# --- Retries -----------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True, slots=True)
class RetryPolicy:
    """How often and how patiently to retry a request that failed for a passing reason."""

    attempts: int = 4
    base_delay: float = 1.0
    max_delay: float = 30.0

    def __post_init__(self) -> None:
        if self.attempts < 1:
            raise ConfigError(f"gTTS retry attempts must be at least 1, not {self.attempts}")

    def delay(self, failures: int, uniform: Callable[[float, float], float]) -> float:
        """Seconds to wait after the ``failures``-th failure: "full jitter" backoff.

        A random delay between 0 and an exponentially growing ceiling, so that parallel
        workers rate-limited together do not come back together.
        """
        ceiling = min(self.max_delay, self.base_delay * 2 ** (failures - 1))
        return uniform(0.0, ceiling)


def retry_after_seconds(value: str | None, *, now: float | None = None) -> float | None:
    """Parse an HTTP ``Retry-After`` header (seconds, or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    current = time.time() if now is None else now
    return max(0.0, moment.timestamp() - current)


@dataclass(frozen=True, kw_only=True, slots=True)
class _TransientFailure:
    message: str
    hint: str
    retry_after: float | None = None


def _http_failure_hint(status: int) -> str:
    if status == 429:
        return f"Google is rate-limiting: wait and retry, {OFFLINE_HINT}"
    if status == 403:
        return f"Google refused the request; upgrade gTTS (pip install -U gtts), {OFFLINE_HINT}"
    if status == 404:
        return f"Check {BASE_URL_ENV} (it must point at a Google Translate host), {OFFLINE_HINT}"
    if status >= 500:
        return f"Google's service is failing: try again later, {OFFLINE_HINT}"
    return f"The unofficial Google API may have changed: upgrade gTTS, {OFFLINE_HINT}"


# --- Response decoding -------------------------------------------------------------


def audio_from_batchexecute(body: str, rpc_id: str) -> bytes | None:
    """Extract the MP3 from a ``batchexecute`` answer, or None if it holds none.

    The answer is an anti-JSON-hijacking prefix, then length-prefixed JSON arrays, one a
    line; ours is ``["wrb.fr", rpc_id, "[\\"<base64 mp3>\\"]", ...]``.
    """
    for line in body.splitlines():
        if rpc_id not in line or not line.lstrip().startswith("["):
            continue
        try:
            envelopes = json.loads(line)
        except json.JSONDecodeError:
            continue
        for envelope in envelopes if isinstance(envelopes, list) else ():
            if not (isinstance(envelope, list) and envelope[:2] == ["wrb.fr", rpc_id]):
                continue
            payload = envelope[2] if len(envelope) > 2 else None
            if not isinstance(payload, str):
                return None
            try:
                (encoded, *_rest) = json.loads(payload)
                return base64.b64decode(encoded, validate=True)
            except (json.JSONDecodeError, ValueError, TypeError, binascii.Error):
                return None
    return None


def decode_mp3(mp3: bytes, *, sample_rate: int) -> bytes:
    """MP3 bytes -> mono s16le PCM at ``sample_rate``, through ffmpeg's pipes."""
    arguments = ["-f", "mp3", "-i", "pipe:0", "-f", "s16le", "-acodec", "pcm_s16le",
                 "-ac", "1", "-ar", str(sample_rate), "pipe:1"]  # fmt: skip
    try:
        pcm = run_ffmpeg(arguments, stdin=mp3, what="decoding the audio Google sent")
    except ExportError as error:
        raise SynthesisError(
            ENGINE_NAME, str(error), hint=f"Try again; if it persists, {OFFLINE_HINT}"
        ) from error
    if not pcm:
        raise SynthesisError(
            ENGINE_NAME, "Google sent no audio", hint=f"Try again; if it persists, {OFFLINE_HINT}"
        )
    return pcm


# --- The engine --------------------------------------------------------------------


def resolve_base_url(tld: str, environ: Mapping[str, str]) -> str:
    """``EXPORTER_GTTS_URL`` if set, else Google Translate's host for ``tld``."""
    configured = environ.get(BASE_URL_ENV, "").strip()
    base = configured or f"https://translate.google.{tld}"
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(
            f"{BASE_URL_ENV}={base!r} is not an http(s) URL",
            hint="Give a base URL such as https://translate.google.fr",
        )
    return base.rstrip("/")


class GttsEngine:
    name = ENGINE_NAME
    sample_rate = GTTS_SAMPLE_RATE
    # Network-bound: a few sentences in flight hide the latency without inviting a 429.
    max_parallel = 4

    def __init__(
        self,
        *,
        lang: str = "fr",
        tld: str = "fr",
        slow: bool = False,
        base_url: str | None = None,
        # Seconds to connect, and of silence while waiting for the answer.
        timeout: float = 15.0,
        retry: RetryPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
        uniform: Callable[[float, float], float] = random.uniform,
    ) -> None:
        self.lang = lang
        self.tld = tld
        self.slow = slow
        self.base_url = base_url.rstrip("/") if base_url else resolve_base_url(tld, os.environ)
        self.timeout = timeout
        self.retry = retry or RetryPolicy()
        self._sleep = sleep
        self._uniform = uniform
        self._speech_options = SpeechOptions(acronyms="letters")

    @property
    def endpoint(self) -> str:
        return self.base_url + BATCHEXECUTE_PATH

    def settings_key(self) -> str:
        return f"lang={self.lang};tld={self.tld};slow={self.slow}"

    def prepare(self, text: str) -> str:
        return normalize_for_speech(text, self._speech_options)

    def request_bodies(self, text: str) -> list[str]:
        """The form bodies gTTS would send for ``text``, one per chunk (no network)."""
        from gtts import gTTS

        if not has_words(text):
            return []
        tts = gTTS(
            text,
            lang=self.lang,
            tld=self.tld,
            slow=self.slow,
            lang_check=False,
            pre_processor_funcs=[collapse_whitespace],
            tokenizer_func=french_chunks,
        )
        return [str(body) for body in tts.get_bodies()]

    def synthesize(self, text: str) -> bytes:
        import requests

        bodies = self.request_bodies(text)
        with requests.Session() as session:
            mp3_parts = [self._fetch(session, body) for body in bodies]
        return b"".join(decode_mp3(mp3, sample_rate=self.sample_rate) for mp3 in mp3_parts)

    def _fetch(self, session: requests.Session, body: str) -> bytes:
        """POST one chunk, retrying passing failures; return its MP3."""
        failures = 0
        while True:
            outcome = self._attempt(session, body)
            if isinstance(outcome, bytes):
                return outcome
            failures += 1
            if failures == self.retry.attempts:
                tries = "1 attempt" if failures == 1 else f"{failures} attempts"
                raise SynthesisError(
                    self.name, f"{outcome.message} (gave up after {tries})", hint=outcome.hint
                )
            delay = self.retry.delay(failures, self._uniform)
            if outcome.retry_after is not None:
                delay = min(self.retry.max_delay, max(delay, outcome.retry_after))
            log.warning(
                "gTTS: %s; retrying in %.1f s (attempt %d of %d)",
                outcome.message,
                delay,
                failures + 1,
                self.retry.attempts,
            )
            self._sleep(delay)

    def _attempt(self, session: requests.Session, body: str) -> bytes | _TransientFailure:
        """One request: the MP3, a failure worth retrying, or a SynthesisError raised."""
        import requests
        from gtts import gTTS

        host = urlsplit(self.base_url).netloc
        try:
            response = session.post(
                self.endpoint, data=body, headers=gTTS.GOOGLE_TTS_HEADERS, timeout=self.timeout
            )
        except requests.Timeout:
            return _TransientFailure(
                message=f"no answer from {host} within {self.timeout:g} s",
                hint=f"Check the connection, or wait and retry, {OFFLINE_HINT}",
            )
        except requests.ConnectionError as error:
            return _TransientFailure(
                message=f"cannot reach {host}: {_root_cause(error)}",
                hint=f"This engine needs the internet (or {BASE_URL_ENV}), {OFFLINE_HINT}",
            )
        status = response.status_code
        if status == 200:
            return self._audio_from(response.text)
        described = f"HTTP {status} ({response.reason}) from {host}"
        if status != 429 and status < 500:
            raise SynthesisError(self.name, described, hint=_http_failure_hint(status))
        return _TransientFailure(
            message=described,
            hint=_http_failure_hint(status),
            retry_after=retry_after_seconds(response.headers.get("Retry-After")),
        )

    def _audio_from(self, body: str) -> bytes:
        from gtts import gTTS

        mp3 = audio_from_batchexecute(body, gTTS.GOOGLE_TTS_RPC)
        if not mp3:
            raise SynthesisError(
                self.name,
                "Google answered without audio (unsupported language, or the unofficial "
                "API changed)",
                hint=f"Upgrade gTTS (pip install -U gtts), {OFFLINE_HINT}",
            )
        return mp3


def _root_cause(error: BaseException) -> str:
    """The innermost reason of a requests/urllib3 error chain, which is the readable one."""
    while error.__context__ is not None and error.__context__ is not error:
        error = error.__context__
    return str(error) or type(error).__name__


def probe() -> Availability:
    """Check what can be checked offline: gTTS and ffmpeg. Never touches the network."""
    for module, package in (
        ("gtts", "gtts"),
        ("requests", "requests"),
        ("imageio_ffmpeg", "imageio-ffmpeg"),
    ):
        if find_spec(module) is None:
            return Availability(
                usable=False, reason=f"package '{package}' is not installed (pip install {package})"
            )
    import imageio_ffmpeg

    try:
        imageio_ffmpeg.get_ffmpeg_exe()
    except RuntimeError as error:
        return Availability(usable=False, reason=f"ffmpeg is missing: {error}")
    return Availability(
        usable=True,
        reason="needs internet access to Google Translate (not checked until the first "
        "sentence); the text is sent to Google",
    )


register_engine(
    EngineInfo(
        name=ENGINE_NAME,
        description="Google Translate's French (France) voice via gTTS; natural, but needs "
        "the internet and sends the text to Google",
        offline=False,
        factory=GttsEngine,
        probe=probe,
    )
)
