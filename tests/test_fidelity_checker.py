"""The independent faithfulness checker against a set of unfaithful mutations.

The oracle is a human reading: each mutated sentence below was written by hand from an
article sentence and changes its meaning in one known way; each faithful sentence says
what the article says. The checker must flag every mutation and none of the others.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from exporter.fidelity.checker import check
from exporter.parsers import parse_file, parse_text
from exporter.text.analysis import analyse
from tests.corpus import SEED_ARTICLE as SEED
from tests.corpus import corpus_file

SPACEX = ("wikinews-fr", "text", "43971.txt")

FAITHFUL = {
    SEED: [
        "La gouvernance de l'IA est une tâche incombant à tous les pays du monde.",
        "Wu Zhaohui est vice-ministre chinois des Sciences et de la Technologie.",
        "Wu Zhaohui a prononcé une allocution mercredi.",
        "La délégation chinoise a appelé aux échanges et à la coopération entre pays.",
        "La délégation chinoise a demandé à tous les pays d'adhérer à des principes communs.",
        "La délégation chinoise a exhorté toutes les parties à accroître la représentation "
        "des pays en développement dans la gouvernance mondiale de l'IA.",
        # a verb said by its synonym (the Wiktionary: "exhorter : Exciter, encourager …")
        "La délégation chinoise a encouragé toutes les parties à accroître la représentation "
        "des pays en développement dans la gouvernance mondiale de l'IA.",
        "Le Forum de la Ceinture et la Route s'est tenu à Beijing le 18 octobre.",
    ],
    SPACEX: [
        "La capsule restera 18 jours accrochée à la station.",
        "La capsule transporte 521 kg de matériel pour l'ISS.",
        "Le lancement a été reporté à la dernière seconde.",
    ],
}

MUTATIONS = {
    SEED: [
        # a dropped restricting complement
        ("complement", "La gouvernance est une tâche incombant à tous les pays du monde."),
        (
            "complement",
            "La délégation chinoise a exhorté toutes les parties à accroître la représentation "
            "des pays.",
        ),
        # a verb that is no synonym: the opposite claim
        (
            "verb",
            "La délégation chinoise a découragé toutes les parties d'accroître la "
            "représentation des pays en développement dans la gouvernance mondiale de l'IA.",
        ),
        # a sentence cut before its object
        (
            "cut",
            "La partie chinoise s'est déclarée prête à apporter ses connaissances et sa sagesse.",
        ),
        ("cut", "La délégation chinoise a fait la promotion."),
        # a flipped negation
        (
            "negation",
            "La délégation chinoise n'a pas appelé aux échanges et à la coopération entre pays.",
        ),
        # a changed number or date
        ("number", "Le Forum de la Ceinture et la Route s'est tenu à Beijing le 19 octobre."),
        ("date", "Le Forum de la Ceinture et la Route s'est tenu à Beijing le 18 novembre."),
        ("date", "Wu Zhaohui a prononcé une allocution jeudi."),
        # swapped subject and object
        (
            "swap",
            "Toutes les parties ont exhorté la délégation chinoise à accroître la représentation "
            "des pays en développement dans la gouvernance mondiale de l'IA.",
        ),
        ("swap", "Le sommet a ouvert la séance plénière."),
        # an entity from elsewhere
        ("entity", "Wu Zhaohui a prononcé une allocution mercredi à Paris."),
        ("entity", "Le Forum de la Ceinture et la Route s'est tenu à Shanghai le 18 octobre."),
    ],
    SPACEX: [
        ("number", "La capsule restera 20 jours accrochée à la station."),
        ("number", "La capsule transporte 660 kg de matériel pour l'ISS."),
        ("negation", "La capsule ne restera pas accrochée à la station."),
        ("entity", "La capsule transporte 521 kg de matériel pour la NASA."),
        ("cut", "Le lancement a été reporté."),
    ],
}


@pytest.fixture(scope="module", params=[SEED, SPACEX], ids=["seed", "spacex"])
def article(request: pytest.FixtureRequest) -> tuple[object, object]:
    key = request.param
    path = key if isinstance(key, Path) else corpus_file(*key)
    return key, analyse(parse_file(path))


def test_the_article_s_own_sentences_raise_no_alarm(article: tuple[object, object]) -> None:
    _, analysis = article
    texts = [sentence.text for sentence in analysis.sentences]  # type: ignore[attr-defined]
    false_alarms = [v for v in check(analysis, texts) if not v.supported]  # type: ignore[arg-type]
    assert false_alarms == []


def test_faithful_rewordings_pass(article: tuple[object, object]) -> None:
    path, analysis = article
    verdicts = check(analysis, FAITHFUL[path])  # type: ignore[arg-type,index]
    assert [(v.sentence, v.problems) for v in verdicts if not v.supported] == []


def test_every_mutation_is_caught(article: tuple[object, object]) -> None:
    path, analysis = article
    mutations = MUTATIONS[path]  # type: ignore[index]
    verdicts = check(analysis, [text for _, text in mutations])  # type: ignore[arg-type]
    missed = [
        (kind, v.sentence) for (kind, _), v in zip(mutations, verdicts, strict=True) if v.supported
    ]
    assert missed == []


def test_a_caught_mutation_says_what_is_wrong() -> None:
    analysis = analyse(parse_file(SEED))
    negated, swapped, cut = check(
        analysis,
        [
            "La délégation chinoise n'a pas appelé aux échanges et à la coopération entre pays.",
            "Le sommet a ouvert la séance plénière.",
            "La partie chinoise s'est déclarée prête à apporter ses connaissances et sa sagesse.",
        ],
    )
    assert any("negation" in problem for problem in negated.problems)
    assert any("swapped" in problem for problem in swapped.problems)
    assert any("création" in problem for problem in cut.problems)


def _orangesum_article(line: int) -> object:
    path = corpus_file("orangesum-valid", "valid300.jsonl")
    record = json.loads(path.read_text(encoding="utf-8").splitlines()[line])
    text = "\n".join([record["title"], *record["paragraphs"]])
    return analyse(parse_text(text, fmt="text"))


def test_a_dropped_complement_is_not_saved_by_the_same_word_elsewhere() -> None:
    # "les forces de police" -> "les forces": "police" is still in the sentence ("de la
    # police nationale"), but as another noun's complement.
    analysis = _orangesum_article(9)
    source = next(
        s.text
        for s in analysis.sentences  # type: ignore[attr-defined]
        if "les forces de police" in s.text
    )
    verdicts = check(analysis, [source, source.replace("les forces de police", "les forces")])  # type: ignore[arg-type]
    assert [v.supported for v in verdicts] == [True, False]
    assert any("police" in problem for problem in verdicts[1].problems)


def test_a_name_of_the_article_does_not_stand_for_another_actor() -> None:
    # "Le président Emmanuel Macron" is in the article: that does not make him the
    # subject of a sentence about "la présidente de la région Valérie Pécresse" ...
    analysis = _orangesum_article(120)
    source = next(
        s.text
        for s in analysis.sentences  # type: ignore[attr-defined]
        if s.text.startswith("En Île-de-France")
    )
    moved = source.replace("Île-de-France", "Emmanuel Macron")
    verdicts = check(analysis, [source, moved])  # type: ignore[arg-type]
    assert [v.supported for v in verdicts] == [True, False]
