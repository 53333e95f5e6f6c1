from __future__ import annotations

import pytest

from exporter.summary.faithfulness import dangling_pronoun, incomplete, problems

ARTICLE = (
    "Le gouvernement Ayrault a décidé d'augmenter le SMIC de 2 % dès le 1er juillet 2012. "
    "La délégation chinoise a appelé à la coopération."
)


def _kinds(sentence: str) -> list[str]:
    return [problem.kind for problem in problems([sentence], ARTICLE)]


def test_a_faithful_sentence_has_no_problem() -> None:
    assert _kinds("Le SMIC augmente de 2 % le 1er juillet 2012.") == []
    assert _kinds("Selon la délégation chinoise, la coopération est utile.") == []


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Le SMIC augmente de 3 %.", "number"),  # a number the article does not hold
        ("Le SMIC augmente en 2013.", "number"),
        ("Le gouvernement Fillon a décidé.", "name"),  # a name the article does not hold
        ("Emmanuel Macron a décidé d'augmenter le SMIC.", "name"),
    ],
)
def test_added_numbers_and_names_are_caught(sentence: str, kind: str) -> None:
    assert kind in _kinds(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "La délégation chinoise au sommet de Londres.",  # no verb
        "La délégation a appelé à la.",  # ends on an article
        "La délégation a appelé à la coopération et.",
        "La délégation a souligné que tous les pays du monde.",  # 'que' clause without verb
        "La délégation a appelé (mercredi à la coopération.",
        "Le projet devrait.",
        "La délégation a demandé d'adhérer à des principes communs consistant.",
    ],
)
def test_sentences_cut_mid_thought_are_caught(sentence: str) -> None:
    assert incomplete(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Elle a demandé un vote.",
        "Ils ont voté.",
        "Cela a surpris.",
        "Ce dernier a parlé.",
        "La convention l'investira comme candidat.",
        "Tout le monde pourra les réutiliser.",
        "Il y a eu 302 voix pour, a-t-il précisé.",
    ],
)
def test_pronouns_whose_referent_is_elsewhere_are_caught(sentence: str) -> None:
    assert dangling_pronoun(sentence) is not None


@pytest.mark.parametrize(
    "sentence",
    ["Il y a eu 302 voix pour.", "Il faut voter.", "Les échanges et la coopération sont utiles."],
)
def test_impersonal_il_and_articles_are_not_pronouns(sentence: str) -> None:
    assert dangling_pronoun(sentence) is None
