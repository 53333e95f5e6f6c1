"""The gTTS engine, against a local fake of Google's endpoint: never the real service."""

from __future__ import annotations

import array
import socket
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exporter.errors import ConfigError, SynthesisError
from exporter.narration.engines import create_engine, get_engine_info
from exporter.narration.engines.gtts_chunks import BREATH_WORDS, MAX_CHUNK_CHARS, french_chunks
from exporter.narration.engines.gtts_engine import (
    BASE_URL_ENV,
    GttsEngine,
    RetryPolicy,
    audio_from_batchexecute,
    retry_after_seconds,
)
from tests.corpus import need, wikinews_texts
from tests.fake_gtts_server import FakeGttsServer, Reply, batchexecute_reply, sine_mp3

TONE_SECONDS = 0.5
# Encoder delay and padding of one small MP3, decoded: a few tens of milliseconds.
MP3_SLACK_SECONDS = 0.1

LONG_TEXT = (
    "Le navire a quitté le port de Brest. Il transportait M. Dupont, directeur de "
    "l'armement, vers l'île d'Ouessant ; la traversée, retardée par la tempête, a duré "
    "plus de quatre heures, selon la préfecture maritime de l'Atlantique."
)


@pytest.fixture(autouse=True)
def never_google(monkeypatch: pytest.MonkeyPatch) -> None:
    """Safety net: an engine built without a base URL talks to a dead local port, and
    local addresses bypass any proxy configured on the machine."""
    monkeypatch.setenv(BASE_URL_ENV, "http://127.0.0.1:9")
    for variable in ("NO_PROXY", "no_proxy"):
        monkeypatch.setenv(variable, "127.0.0.1,localhost")


@pytest.fixture(scope="session")
def tone_mp3() -> bytes:
    return sine_mp3(TONE_SECONDS)


@pytest.fixture
def server(tone_mp3: bytes) -> Iterator[FakeGttsServer]:
    with FakeGttsServer(tone_mp3) as fake:
        yield fake


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def make_engine(server: FakeGttsServer, sleeps: list[float]) -> Callable[..., GttsEngine]:
    """An engine pointed at the fake, recording the pauses it would make instead of waiting."""

    def make(**options: Any) -> GttsEngine:
        settings: dict[str, Any] = {
            "base_url": server.url,
            "sleep": sleeps.append,
            "uniform": lambda low, high: high,  # the longest wait backoff allows
            "retry": RetryPolicy(attempts=3, base_delay=1.0, max_delay=30.0),
            "timeout": 5.0,
        }
        settings.update(options)
        return GttsEngine(**settings)

    return make


def seconds_of(pcm: bytes, sample_rate: int) -> float:
    return len(pcm) / 2 / sample_rate


# --- Synthesis ---------------------------------------------------------------------


def test_synthesis_returns_pcm_as_long_as_the_audio_google_sent(
    make_engine: Callable[..., GttsEngine], server: FakeGttsServer
) -> None:
    engine = make_engine()
    pcm = engine.synthesize(LONG_TEXT)

    assert len(pcm) % 2 == 0
    expected = len(server.requests) * TONE_SECONDS
    assert len(server.requests) > 1
    assert seconds_of(pcm, engine.sample_rate) == pytest.approx(
        expected, abs=MP3_SLACK_SECONDS * len(server.requests)
    )
    samples = array.array("h", pcm)
    assert max(samples) > 3000  # the tone, not silence


def test_long_text_reaches_google_cut_at_french_boundaries(
    make_engine: Callable[..., GttsEngine], server: FakeGttsServer
) -> None:
    make_engine().synthesize(LONG_TEXT)
    chunks = server.texts

    assert all(len(chunk) <= MAX_CHUNK_CHARS for chunk in chunks)
    assert any("M. Dupont" in chunk for chunk in chunks)
    assert any("de Brest." in chunk for chunk in chunks)
    assert " ".join(chunks) == LONG_TEXT  # nothing dropped, nothing reordered
    # Every cut falls after a sentence or clause mark, not in the middle of a phrase.
    assert all(chunk[-1] in ".,;:!?…" for chunk in chunks[:-1])
    assert {(request.lang, request.slow) for request in server.requests} == {("fr", False)}


def test_slow_reading_is_asked_of_google(
    make_engine: Callable[..., GttsEngine], server: FakeGttsServer
) -> None:
    make_engine(slow=True).synthesize("Bonjour.")
    assert [request.slow for request in server.requests] == [True]


def test_text_without_words_makes_no_request(
    make_engine: Callable[..., GttsEngine], server: FakeGttsServer
) -> None:
    assert make_engine().synthesize(" … ") == b""
    assert server.requests == []


def test_parallel_sentences_all_get_their_audio(
    make_engine: Callable[..., GttsEngine], server: FakeGttsServer
) -> None:
    engine = make_engine()
    sentences = [f"Phrase numéro {n}." for n in range(8)]
    with ThreadPoolExecutor(max_workers=engine.max_parallel) as pool:
        results = list(pool.map(engine.synthesize, sentences))
    assert engine.max_parallel > 1
    assert all(seconds_of(pcm, engine.sample_rate) > TONE_SECONDS / 2 for pcm in results)
    assert sorted(server.texts) == sorted(sentences)


def test_decoding_leaves_no_temporary_file(
    make_engine: Callable[..., GttsEngine], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    make_engine().synthesize(LONG_TEXT)
    assert list(scratch.iterdir()) == []


# --- Failures and retries ----------------------------------------------------------


def test_rate_limit_then_success_retries_and_succeeds(
    make_engine: Callable[..., GttsEngine], server: FakeGttsServer, sleeps: list[float]
) -> None:
    server.script(Reply.error(429))
    pcm = make_engine().synthesize("Bonjour à tous.")
    assert seconds_of(pcm, GttsEngine.sample_rate) > TONE_SECONDS / 2
    assert server.texts == ["Bonjour à tous.", "Bonjour à tous."]
    assert len(sleeps) == 1


def test_retry_after_header_is_honoured(
    make_engine: Callable[..., GttsEngine], server: FakeGttsServer, sleeps: list[float]
) -> None:
    server.script(Reply.error(429, retry_after="7"))
    make_engine(uniform=lambda low, high: low).synthesize("Bonjour.")
    assert sleeps == [7.0]


def test_persistent_server_error_gives_up_with_a_helpful_message(
    make_engine: Callable[..., GttsEngine], server: FakeGttsServer, sleeps: list[float]
) -> None:
    server.default = Reply.error(500)
    engine = make_engine(retry=RetryPolicy(attempts=4, base_delay=0.5, max_delay=1.5))
    with pytest.raises(SynthesisError) as raised:
        engine.synthesize("Bonjour.")

    error = raised.value
    assert error.engine == "gtts"
    assert "500" in str(error) and "4 attempts" in str(error)
    assert "--engine pico" in error.hint
    assert len(server.requests) == 4
    # Backoff ceilings double, up to the cap.
    assert sleeps == [0.5, 1.0, 1.5]


def test_persistent_rate_limit_says_to_wait_or_go_offline(
    make_engine: Callable[..., GttsEngine], server: FakeGttsServer
) -> None:
    server.default = Reply.error(429)
    with pytest.raises(SynthesisError) as raised:
        make_engine().synthesize("Bonjour.")
    assert "429" in str(raised.value)
    assert "rate-limiting" in raised.value.hint
    assert "--engine pico" in raised.value.hint


def test_client_error_is_not_retried(
    make_engine: Callable[..., GttsEngine], server: FakeGttsServer, sleeps: list[float]
) -> None:
    server.default = Reply.error(404)
    with pytest.raises(SynthesisError, match="404"):
        make_engine().synthesize("Bonjour.")
    assert len(server.requests) == 1
    assert sleeps == []


def test_server_that_never_answers_times_out(
    make_engine: Callable[..., GttsEngine], server: FakeGttsServer, sleeps: list[float]
) -> None:
    server.default = Reply.hang()
    engine = make_engine(timeout=0.2, retry=RetryPolicy(attempts=2))
    with pytest.raises(SynthesisError, match="no answer"):
        engine.synthesize("Bonjour.")
    assert len(server.requests) == 2
    assert len(sleeps) == 1


def test_answer_without_audio_is_an_error_not_silence(
    make_engine: Callable[..., GttsEngine], server: FakeGttsServer
) -> None:
    server.default = Reply.garbage()
    with pytest.raises(SynthesisError, match="without audio") as raised:
        make_engine().synthesize("Bonjour.")
    assert "gtts" in raised.value.hint.lower()
    assert len(server.requests) == 1


def test_unreachable_host_is_retried_then_reported(sleeps: list[float], unused_port: int) -> None:
    engine = GttsEngine(
        base_url=f"http://127.0.0.1:{unused_port}",
        sleep=sleeps.append,
        retry=RetryPolicy(attempts=3),
        timeout=2.0,
    )
    with pytest.raises(SynthesisError, match="cannot reach") as raised:
        engine.synthesize("Bonjour.")
    assert "--engine pico" in raised.value.hint
    assert len(sleeps) == 2


@pytest.fixture
def unused_port() -> int:
    """A local port nothing listens on."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# --- Configuration and registry ----------------------------------------------------


def test_base_url_comes_from_the_environment(
    server: FakeGttsServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(BASE_URL_ENV, server.url)
    engine = create_engine("gtts")
    engine.synthesize("Bonjour.")
    assert server.texts == ["Bonjour."]


def test_base_url_that_is_not_http_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(BASE_URL_ENV, "translate.google.fr")
    with pytest.raises(ConfigError, match=BASE_URL_ENV):
        GttsEngine()


def test_default_host_is_google_france(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(BASE_URL_ENV, raising=False)
    assert GttsEngine().endpoint.startswith("https://translate.google.fr/")


def test_probe_says_it_needs_the_internet_without_going_online(
    server: FakeGttsServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(BASE_URL_ENV, server.url)
    info = get_engine_info("gtts")
    availability = info.probe()
    assert availability.usable
    assert "internet" in availability.reason
    assert not info.offline
    assert server.requests == []


def test_voice_settings_change_the_cache_key() -> None:
    keys = {
        GttsEngine(base_url="http://x").settings_key(),
        GttsEngine(base_url="http://x", slow=True).settings_key(),
        GttsEngine(base_url="http://x", tld="ca").settings_key(),
        GttsEngine(base_url="http://x", lang="en").settings_key(),
    }
    assert len(keys) == 4
    # Where the audio comes from does not change the voice.
    assert GttsEngine(base_url="http://y").settings_key() in keys


def test_prepare_reads_abbreviations_in_full() -> None:
    spoken = GttsEngine(base_url="http://x").prepare("M. Dupont arrive.")
    assert "Monsieur Dupont" in spoken


def test_retry_policy_needs_at_least_one_attempt() -> None:
    with pytest.raises(ConfigError):
        RetryPolicy(attempts=0)


# --- Pure parts --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("120", 120.0),
        ("0", 0.0),
        (None, None),
        ("", None),
        ("soon", None),
        ("Wed, 21 Oct 2015 07:28:00 GMT", 60.0),
    ],
)
def test_retry_after_header(header: str | None, seconds: float | None) -> None:
    one_minute_before = 1445412420.0
    assert retry_after_seconds(header, now=one_minute_before) == seconds


def test_reply_parser_reads_the_audio_back(tone_mp3: bytes) -> None:
    reply = batchexecute_reply(tone_mp3).decode()
    assert audio_from_batchexecute(reply, "jQ1olc") == tone_mp3
    assert audio_from_batchexecute(reply, "other") is None


def test_reply_with_null_payload_has_no_audio() -> None:
    reply = ')]}\'\n\n60\n[["wrb.fr","jQ1olc",null,null,null,[3],"generic"]]\n'
    assert audio_from_batchexecute(reply, "jQ1olc") is None


@pytest.mark.parametrize(
    "text",
    [
        "Il a rencontré M. Dupont et Mme Martin à Brest. Ils ont parlé longtemps du port, "
        "des emplois et de l'avenir de la ville.",
        "Une phrase sans aucune ponctuation interne qui dépasse largement la limite de cent "
        "caractères imposée par le service",
        "Anticonstitutionnellement" * 6,
    ],
)
def test_chunks_fit_and_keep_every_word(text: str) -> None:
    chunks = french_chunks(text)
    assert all(0 < len(chunk) <= MAX_CHUNK_CHARS for chunk in chunks)
    assert "".join("".join(chunks).split()) == "".join(text.split())


def test_long_clause_without_punctuation_is_cut_before_a_conjunction() -> None:
    text = (
        "Les habitants du quartier nord de la ville attendaient depuis plusieurs années la "
        "rénovation complète de leur vieux gymnase qui a finalement rouvert ses portes hier"
    )
    chunks = french_chunks(text)
    assert len(chunks) > 1
    assert all(chunk.split()[0] in BREATH_WORDS for chunk in chunks[1:])


@given(
    st.lists(
        st.sampled_from([*"abcdéèàABCÉ ,.;:!?'«»", "M. ", "Mme ", " — ", "\u00a0:"]),
        max_size=300,
    ).map("".join)
)
def test_chunks_never_exceed_the_limit_nor_lose_text(text: str) -> None:
    chunks = french_chunks(text)
    assert all(0 < len(chunk) <= MAX_CHUNK_CHARS for chunk in chunks)

    def letters(value: str) -> str:
        # The sentence splitter drops a dash that opens a sentence (dateline typography).
        return "".join(value.replace("—", "").split())

    assert letters("".join(chunks)) == letters(text)


def test_real_articles_chunk_within_the_limit() -> None:
    paragraphs = [
        line
        for path in need(wikinews_texts)
        for line in path.read_text(encoding="utf-8").splitlines()[1:]
        if line.strip()
    ]
    for paragraph in paragraphs:
        chunks = french_chunks(paragraph)
        assert all(len(chunk) <= MAX_CHUNK_CHARS for chunk in chunks)
        # A cut never separates a title abbreviation from the name it introduces.
        assert not any(chunk.endswith((" M.", " Mme", " Dr")) for chunk in chunks[:-1])
