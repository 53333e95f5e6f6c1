from __future__ import annotations

import pytest

from exporter.summary.readability import (
    estimate_syllables,
    kandel_moles,
    readability,
    syllable_count,
)


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("table", 1),  # final mute e, from Lexique
        ("gouvernance", 3),
        ("l'intelligence", 4),  # elision: the word after the apostrophe
        ("vice-ministre", 3),  # compound: sum of its parts
        ("aujourd'hui", 3),  # a Lexique entry with an apostrophe
        ("Délégation", 4),  # case does not matter
    ],
)
def test_syllables_from_lexique(word: str, syllables: int) -> None:
    assert syllable_count(word) == syllables


@pytest.mark.parametrize(
    ("word", "syllables"),
    [("zorglubienne", 3), ("kwak", 1), ("bratislavaise", 4), ("xyz", 1)],
)
def test_unknown_words_are_estimated_from_vowel_groups(word: str, syllables: int) -> None:
    assert estimate_syllables(word) == syllables
    assert syllable_count(word) == syllables


def test_counts_and_score_of_sentences() -> None:
    result = readability(["Le chat dort.", "Il fait beau aujourd'hui."])
    assert (result.words, result.sentences) == (7, 2)
    assert result.syllables == 1 + 1 + 1 + 1 + 1 + 1 + 3
    assert result.words_per_sentence == 3.5
    # By hand: 207 - 1.015 × 7/2 - 73.6 × 9/7 = 207 - 3.5525 - 94.6286 = 108.8189
    assert result.kandel_moles == pytest.approx(108.8, abs=0.05)


@pytest.mark.parametrize(
    ("text", "score"),
    [
        # 3 words, 1 sentence, 3 syllables: 207 - 1.015 × 3 - 73.6 × 1 = 130.355
        ("Le chat dort.", 130.355),
        # 3 words, 5 syllables (gou-ver-nance): 207 - 3.045 - 73.6 × 5/3 = 81.288
        ("La gouvernance change.", 81.288),
        # 6 words in 2 sentences, 8 syllables: 207 - 1.015 × 3 - 73.6 × 8/6 = 105.822
        (["Le chat dort.", "La gouvernance change."], 105.822),
    ],
)
def test_kandel_moles_score_matches_the_formula_by_hand(
    text: str | list[str], score: float
) -> None:
    assert readability(text).kandel_moles == pytest.approx(score, abs=0.051)
    assert kandel_moles(3, 1) == pytest.approx(130.355)


def test_text_is_split_into_sentences_per_line() -> None:
    assert readability("Le chat dort. Le chien aboie.\nIl pleut.").sentences == 3


def test_shorter_simpler_sentences_score_higher() -> None:
    hard = readability(
        [
            "La gouvernance internationale de l'intelligence artificielle "
            "constitue une préoccupation considérable."
        ]
    )
    easy = readability(["Le chat dort.", "Il fait beau."])
    assert easy.kandel_moles > hard.kandel_moles


def test_numbers_count_as_words() -> None:
    assert readability(["Il a 32 ans."]).words == 4


def test_empty_text_has_no_score() -> None:
    result = readability("")
    assert (result.words, result.sentences, result.kandel_moles) == (0, 0, 0.0)
