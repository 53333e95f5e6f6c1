"""Long summary sentences cut at clause boundaries (hand-written French sentences; the
expected sentences are written out by hand, not computed)."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from benchmarks._corpus import SEED_ARTICLE
from exporter.fidelity.checker import check
from exporter.parsers import parse_file
from exporter.summary.readability import words
from exporter.summary.split_parts import sentence_like
from exporter.summary.splitting import cut, split_long
from exporter.text.analysis import analyse_sentence, analyse_texts

CUTS = [
    # Coordinated clauses sharing a subject: the subject (and the shared auxiliaries)
    # said again.
    (
        "Le maire a inauguré la nouvelle école mardi et a annoncé la construction d'un gymnase.",
        ["Le maire a inauguré la nouvelle école mardi.",
         "Le maire a annoncé la construction d'un gymnase."],
    ),
    (
        "Le suspect a été arrêté samedi et placé en garde à vue à Lyon.",
        ["Le suspect a été arrêté samedi.", "Le suspect a été placé en garde à vue à Lyon."],
    ),
    # A second clause with its own subject; "mais" and "car" open its sentence.
    (
        "Le ministre a signé l'accord, mais les syndicats l'ont rejeté.",
        ["Le ministre a signé l'accord.", "Mais les syndicats l'ont rejeté."],
    ),
    (
        "Les prix ont augmenté, car la demande a fortement progressé.",
        ["Les prix ont augmenté.", "Car la demande a fortement progressé."],
    ),
    # An adverb on the link goes with it ("surtout parce que").
    (
        "Le chômage recule surtout parce que les entreprises embauchent davantage de jeunes.",
        ["Le chômage recule.", "Car les entreprises embauchent davantage de jeunes."],
    ),
    # A pronoun opening the second clause becomes the first clause's subject.
    (
        "Jean Dupont a signé l'accord et il l'a défendu devant le Parlement européen.",
        ["Jean Dupont a signé l'accord.",
         "Jean Dupont l'a défendu devant le Parlement européen."],
    ),
    # The repeated subject leaves what commas set off.
    (
        "Au plus fort de l'épisode, la neige, lourde et collante, a provoqué des chutes "
        "d'arbres et endommagé les câbles.",
        ["Au plus fort de l'épisode, la neige, lourde et collante, a provoqué des chutes "
         "d'arbres.", "La neige a endommagé les câbles."],
    ),
    # A relative clause on a named antecedent: the antecedent said again.
    (
        "Le ministre, qui a signé l'accord, partira demain.",
        ["Le ministre a signé l'accord.", "Le ministre partira demain."],
    ),
    (
        "Le président a rencontré Angela Merkel, qui a salué les efforts de la France en "
        "matière de climat.",
        ["Le président a rencontré Angela Merkel.",
         "Angela Merkel a salué les efforts de la France en matière de climat."],
    ),
    (
        "La Cour de justice de la République, qui juge les ministres, a rendu sa décision mardi.",
        ["La Cour de justice de la République juge les ministres.",
         "La Cour de justice de la République a rendu sa décision mardi."],
    ),
    # An adverbial clause of contrast.
    (
        "Alors que la France est toujours frappée par une vague de froid, une perturbation "
        "va générer un épisode neigeux.",
        ["La France est toujours frappée par une vague de froid.",
         "Une perturbation va générer un épisode neigeux."],
    ),
    (
        "Le chômage recule, tandis que les salaires stagnent depuis deux ans.",
        ["Le chômage recule.", "Les salaires stagnent depuis deux ans."],
    ),
    # A colon between two claims.
    (
        "La situation pourrait empirer : on s'attend à un doublement du nombre de personnes "
        "âgées dépendantes.",
        ["La situation pourrait empirer.",
         "On s'attend à un doublement du nombre de personnes âgées dépendantes."],
    ),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "expected"), CUTS)
def test_a_long_sentence_is_cut_at_its_clause_boundary(sentence: str, expected: list[str]) -> None:
    assert cut(analyse_sentence(sentence)) == expected


KEPT_WHOLE = [
    # Reported speech: the second part would lose who says it.
    "Le gouvernement a déclaré que la réforme serait votée et que les syndicats seraient reçus.",
    "La hausse des prix continue et le chômage recule, a indiqué l'Insee mardi.",
    "Selon la police, le suspect a été arrêté samedi et placé en garde à vue.",
    "Gérard Collomb a confirmé les rumeurs dans L'Express : il sera candidat à Lyon.",
    # "Il était ministre." would come before the name it stands for.
    "Alors qu'il était ministre, Jean Dupont a signé l'accord de Paris.",
    # A condition and an alternative are no facts of their own.
    "Si le gouvernement recule sur la réforme des retraites, les syndicats suspendront la grève.",
    "Les salariés pourront partir à la retraite à 62 ans ou ils pourront travailler plus.",
    # "Un homme a été renversé." then "Un homme circulait à vélo." reads as two men.
    "Un homme, qui circulait à vélo, a été renversé par une voiture dans le centre-ville.",
    # A restrictive relative: "Les pays signeront." is not what the sentence says.
    "Les pays qui ont ratifié le traité recevront une aide de la Banque mondiale dès 2025.",
    # An infinitive joined to the first verb has no subject of its own to take.
    "Sa compagne a indiqué avoir souffert de symptômes de la maladie mais être en voie de "
    "guérison.",
]


@pytest.mark.parametrize("sentence", KEPT_WHOLE)
def test_a_sentence_that_would_lose_its_meaning_is_not_cut(sentence: str) -> None:
    assert cut(analyse_sentence(sentence)) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le ministre partira demain.", True),
        ("Mais les syndicats l'ont rejeté.", True),
        ("Avait lui-même souffert de problèmes de santé.", False),  # no subject
        ("Le ministre a signé et.", False),  # a dangling "et"
        ("Qui a signé l'accord de Paris.", False),  # a dangling relative
        ("le ministre partira demain.", False),  # no capital
        ("Le ministre partira demain", False),  # no final point
        ("La signature de l'accord de Paris.", False),  # no verb
    ],
)
def test_a_part_must_read_as_a_sentence(text: str, expected: bool) -> None:
    assert sentence_like(text) is expected


ARTICLE = [
    "Le maire a inauguré la nouvelle école mardi et a annoncé la construction d'un gymnase.",
    "La série est inspirée de la carrière du Dr Phil McGraw et sera diffusée sur M6.",
]


def _checked(parts: Sequence[str]) -> list[bool]:
    article = analyse_texts("Une école et une série", ARTICLE)
    return [verdict.supported for verdict in check(article, parts)]


def test_a_cut_is_kept_when_the_checker_supports_every_part() -> None:
    assert split_long([ARTICLE[0]], limit=12, supported=_checked) == [
        "Le maire a inauguré la nouvelle école mardi.",
        "Le maire a annoncé la construction d'un gymnase.",
    ]


def test_a_cut_whose_part_the_checker_rejects_leaves_the_sentence_whole() -> None:
    # The cut itself reads well ...
    assert cut(analyse_sentence(ARTICLE[1])) == [
        "La série est inspirée de la carrière du Dr Phil McGraw.",
        "La série sera diffusée sur M6.",
    ]
    # ... but the checker does not find "la série" as the subject of "sera diffusée".
    assert _checked(["La série sera diffusée sur M6."]) == [False]
    assert split_long([ARTICLE[1]], limit=12, supported=_checked) == [ARTICLE[1]]


def test_a_sentence_within_the_limit_is_left_alone() -> None:
    assert split_long([ARTICLE[0]], limit=20, supported=_checked) == [ARTICLE[0]]


def test_cuts_stop_where_the_summary_would_hold_too_many_sentences() -> None:
    long = [ARTICLE[0], ARTICLE[0]]
    assert len(split_long(long, limit=12, supported=_checked)) == 4
    assert split_long(long, limit=12, supported=_checked, most=3) == [
        "Le maire a inauguré la nouvelle école mardi.",
        "Le maire a annoncé la construction d'un gymnase.",
        ARTICLE[0],
    ]
    assert split_long(long, limit=12, supported=_checked, most=2) == long


def test_every_cut_of_the_seed_gives_sentences_that_keep_its_words() -> None:
    """Whatever the parse of a real article's sentences, a cut never fails and each part
    is a sentence made of the original's words (plus a repeated subject and an opener)."""
    document = parse_file(SEED_ARTICLE)
    made = 0
    for sentence in document.sentences():
        parts = cut(analyse_sentence(sentence.text))
        if parts is None:
            continue
        made += 1
        original = set(words(sentence.text.casefold()))
        for part in parts:
            assert sentence_like(part), part
            assert set(words(part.casefold())) <= original | {"mais", "car", "puis"}, part
    assert made >= 1
