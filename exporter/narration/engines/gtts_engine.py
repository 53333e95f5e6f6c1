"""Google Translate's French voice, through gTTS: natural, but online only.

gTTS knows the unofficial protocol (the 100-character limit, the ``batchexecute`` RPC
body); this module keeps that knowledge in gTTS and owns the rest:

* French chunking (:mod:`exporter.narration.engines.gtts_chunks`): gTTS's own
  pre-processors and tokenizer are English; we give it French ones.
* The transport: we take the request bodies from gTTS (``gTTS.get_bodies()``) and send
  them ourselves, to a base URL that is configurable (``EXPORTER_GTTS_URL``: a proxy, a
  mirror, a local fake in tests), with TLS verification on (gTTS turns it off), a
  timeout per request, and retries (``tenacity``) with exponential backoff and full
  jitter on HTTP 429, 5xx, timeouts and connection errors, honouring ``Retry-After``.
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
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from importlib.util import find_spec
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from exporter.audio.ffmpeg import decode_pcm
from exporter.errors import ConfigError, ExportError, SynthesisError
from exporter.narration.engines import Availability, EngineInfo, register_engine
from exporter.narration.engines.gtts_chunks import collapse_whitespace, french_chunks
from exporter.text.normalize import SpeechOptions, normalize_for_speech
from exporter.text.words import has_words

if TYPE_CHECKING:
    import requests
    from tenacity import RetryCallState

log = logging.getLogger(__name__)

ENGINE_NAME = "gtts"
#: Environment variable that points the engine at another host (proxy, mirror, tests).
BASE_URL_ENV = "EXPORTER_GTTS_URL"
#: Google's TTS answers 24 kHz mono MP3; we ask ffmpeg for the same rate.
GTTS_SAMPLE_RATE = 24_000
BATCHEXECUTE_PATH = "/_/TranslateWebserverUi/data/batchexecute"

OFFLINE_HINT = "or use the offline engine: --engine pico"

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

    def wait(self, uniform: Callable[[float, float], float]) -> Callable[[RetryCallState], float]:
        """Seconds to wait after a failure: "full jitter" backoff, at least ``Retry-After``.

        A random delay between 0 and an exponentially growing ceiling, so that parallel
        workers rate-limited together do not come back together; when the server said
        how long to wait, that long (up to :attr:`max_delay`).
        """
        from tenacity import wait_exponential  # imported on use: it pulls in asyncio

        ceiling = wait_exponential(multiplier=self.base_delay, max=self.max_delay)

        def wait(state: RetryCallState) -> float:
            delay = uniform(0.0, ceiling(state))
            failure = state.outcome.exception() if state.outcome else None
            if isinstance(failure, _TransientFailure) and failure.retry_after is not None:
                delay = min(self.max_delay, max(delay, failure.retry_after))
            return delay

        return wait


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


class _TransientFailure(Exception):
    """A failure worth retrying (never leaves this module: it becomes a SynthesisError)."""

    def __init__(
        self,
        message: str,
        *,
        hint: str,
        retry_after: float | None = None,
        server_down: bool = False,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.retry_after = retry_after
        #: The server did not answer at all (not a refusal): later calls fail at once.
        self.server_down = server_down


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
    try:
        pcm = decode_pcm(
            mp3, sample_rate=sample_rate, input_format="mp3", what="decoding the audio Google sent"
        )
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
        # Seconds of silence while waiting for an answer, and to connect.
        timeout: float = 10.0,
        connect_timeout: float = 5.0,
        # Seconds one synthesize() call may take in all, retries and waits included.
        deadline: float = 25.0,
        # After giving up on an unreachable or silent server, seconds during which every
        # call fails at once (a build does not wait again for each sentence and article).
        cool_down: float = 60.0,
        retry: RetryPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
        uniform: Callable[[float, float], float] = random.uniform,
    ) -> None:
        self.lang = lang
        self.tld = tld
        self.slow = slow
        self.base_url = base_url.rstrip("/") if base_url else resolve_base_url(tld, os.environ)
        self.timeout = timeout
        self.connect_timeout = min(connect_timeout, timeout)
        self.deadline = deadline
        self.cool_down = cool_down
        self.retry = retry or RetryPolicy()
        self._down: tuple[float, SynthesisError] | None = None
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

        self._fail_fast_when_down()
        until = time.monotonic() + self.deadline
        bodies = self.request_bodies(text)
        with requests.Session() as session:
            mp3_parts = [self._fetch(session, body, until) for body in bodies]
        return b"".join(decode_mp3(mp3, sample_rate=self.sample_rate) for mp3 in mp3_parts)

    def _fail_fast_when_down(self) -> None:
        if self._down is None:
            return
        since, error = self._down
        if time.monotonic() - since < self.cool_down:
            raise SynthesisError(
                self.name,
                f"{error.args[0].removeprefix(f'engine {self.name!r}: ')} "
                f"(not tried again within {self.cool_down:g} s)",
                hint=error.hint,
            )
        self._down = None

    def _fetch(self, session: requests.Session, body: str, until: float) -> bytes:
        """POST one chunk, retrying passing failures until ``until``; return its MP3."""
        from tenacity import (
            Retrying,
            retry_if_exception_type,
            stop_after_attempt,
            stop_after_delay,
            stop_any,
        )

        backoff = self.retry.wait(self._uniform)

        def wait(state: RetryCallState) -> float:
            return max(0.0, min(backoff(state), until - time.monotonic()))

        retrying = Retrying(
            stop=stop_any(
                stop_after_attempt(self.retry.attempts),
                stop_after_delay(max(0.0, until - time.monotonic())),
            ),
            wait=wait,
            retry=retry_if_exception_type(_TransientFailure),
            sleep=self._sleep,
            before_sleep=self._log_retry,
            reraise=True,
        )
        try:
            return retrying(self._attempt, session, body, until)
        except _TransientFailure as failure:
            attempts = retrying.statistics.get("attempt_number", self.retry.attempts)
            tries = "1 attempt" if attempts == 1 else f"{attempts} attempts"
            error = SynthesisError(
                self.name,
                f"{failure.message} (gave up after {tries}, {self.deadline:g} s at most)",
                hint=failure.hint,
            )
            if failure.server_down:
                self._down = (time.monotonic(), error)
            raise error from failure

    def _log_retry(self, state: RetryCallState) -> None:
        failure = state.outcome.exception() if state.outcome else None
        log.warning(
            "gTTS: %s; retrying in %.1f s (attempt %d of %d)",
            failure,
            state.upcoming_sleep,
            state.attempt_number + 1,
            self.retry.attempts,
        )

    def _attempt(self, session: requests.Session, body: str, until: float) -> bytes:
        """One request: the MP3, or a _TransientFailure or a SynthesisError raised."""
        import requests
        from gtts import gTTS

        host = urlsplit(self.base_url).netloc
        left = max(0.05, until - time.monotonic())
        read_timeout = min(self.timeout, left)
        try:
            response = session.post(
                self.endpoint,
                data=body,
                headers=gTTS.GOOGLE_TTS_HEADERS,
                timeout=(min(self.connect_timeout, left), read_timeout),
            )
        except requests.Timeout as error:
            raise _TransientFailure(
                f"no answer from {host} within {read_timeout:.1f} s",
                hint=f"Check the connection, or wait and retry, {OFFLINE_HINT}",
                server_down=True,
            ) from error
        except requests.ConnectionError as error:
            raise _TransientFailure(
                f"cannot reach {host}: {_root_cause(error)}",
                hint=f"This engine needs the internet (or {BASE_URL_ENV}), {OFFLINE_HINT}",
                server_down=True,
            ) from error
        status = response.status_code
        if status == 200:
            return self._audio_from(response.text)
        described = f"HTTP {status} ({response.reason}) from {host}"
        if status != 429 and status < 500:
            raise SynthesisError(self.name, described, hint=_http_failure_hint(status))
        raise _TransientFailure(
            described,
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
