"""The summary's points say what was said or decided, and name each actor one way."""

from __future__ import annotations

import re

import pytest

from exporter.parsers import parse_file
from exporter.summary.model import PlainSummary
from exporter.summary.referents import one_name
from exporter.summary.selection import procedural
from exporter.summary.summarize import summarize
from exporter.text.analysis import analyse_sentence
from tests.corpus import SEED_ARTICLE as SEED

#: The ways the seed names the Chinese delegation as a sentence's subject (hand-written).
CHINESE_DELEGATION = re.compile(r"^(La délégation(?: chinoise)?|La partie chinoise)\b")


@pytest.fixture(scope="module")
def seed_summary() -> PlainSummary:
    return summarize(parse_file(SEED))


def test_seed_points_say_what_was_asked_not_who_spoke(seed_summary: PlainSummary) -> None:
    points = " ".join(seed_summary.sentences)
    assert "allocution" not in points
    assert "participé à des discussions" not in points
    assert len(seed_summary.sentences) >= 3


def test_seed_names_the_chinese_delegation_one_way(seed_summary: PlainSummary) -> None:
    names = {
        match.group(1)
        for sentence in [*seed_summary.essentiel, *seed_summary.sentences]
        if (match := CHINESE_DELEGATION.match(sentence))
    }
    assert len(names) <= 1, names


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Le ministre a prononcé un long discours lundi à Paris.", True),
        ("La présidente a participé à une réunion sur le climat.", True),
        ("Le ministre a appelé les pays à réduire leurs émissions.", False),
        ("Le ministre a souligné lors de la réunion que les prix allaient baisser.", False),
        ("Le gouvernement a adopté une nouvelle loi sur l'eau.", False),
    ],
)
def test_procedural_sentences_are_told_apart(sentence: str, expected: bool) -> None:
    assert procedural(analyse_sentence(sentence)) is expected


def test_a_shorter_name_of_the_same_actor_becomes_the_first_name() -> None:
    renamed = one_name(
        ["La délégation a demandé un vote.", "La délégation américaine a refusé le vote."],
        before=["La délégation japonaise a salué l'accord."],
    )
    assert renamed == [
        "La délégation japonaise a demandé un vote.",
        "La délégation américaine a refusé le vote.",
    ]


def test_another_collective_noun_with_the_same_adjective_is_the_same_actor() -> None:
    renamed = one_name(
        [
            "La délégation japonaise a salué l'accord.",
            "La partie japonaise a demandé un vote.",
            "Le gouvernement japonais a refusé le vote.",
        ]
    )
    assert renamed == [
        "La délégation japonaise a salué l'accord.",
        "La délégation japonaise a demandé un vote.",
        # Another gender: the participles would not agree; kept as written.
        "Le gouvernement japonais a refusé le vote.",
    ]


def test_the_same_actor_is_renamed_when_the_parser_takes_its_adjective_for_the_verb() -> None:
    # The model parses "La partie japonaise s'est déclarée ..." with "japonaise" as the
    # root; the actor is still "La partie japonaise".
    renamed = one_name(
        ["La partie japonaise s'est déclarée prête à négocier."],
        before=["La délégation japonaise a salué l'accord."],
    )
    assert renamed == ["La délégation japonaise s'est déclarée prête à négocier."]


def test_a_chosen_point_is_said_in_its_plain_length_compression() -> None:
    from exporter.summary.compression import word_count
    from exporter.summary.summarize import PLAIN_WORDS, _plainer, candidates
    from exporter.text.analysis import analyse_texts

    analysis = analyse_texts(
        "Course-poursuite à Lyon",
        [
            "La police a arrêté deux hommes mardi soir à Lyon.",
            "Deux individus auraient tenté de s'enfuir après une collision avec une autre voiture.",
            "Les deux hommes seront jugés en juin.",
        ],
    )
    long = [c for c in candidates(analysis) if word_count(c.text) > PLAIN_WORDS]
    assert [c.text for c in long] == [
        "Deux individus auraient tenté de s'enfuir après une collision avec une autre voiture."
    ]
    plain = _plainer(analysis, long[0])
    assert plain.text == "Deux individus auraient tenté de s'enfuir après une collision."
    assert (plain.source, plain.clause) == (long[0].source, long[0].clause)
    short = [c for c in candidates(analysis) if word_count(c.text) <= PLAIN_WORDS]
    assert short and all(_plainer(analysis, c) == c for c in short)
