"""Compressions keep what the verb is about, even when the parse misplaces it
(hand-written sentences)."""

from __future__ import annotations

import pytest

from exporter.summary.compression import compress
from exporter.text.analysis import analyse_sentence

#: spaCy hangs "aux échanges" on "mercredi" and joins "la coopération" to the verb: the
#: argument of "a appelé" looks like a detail of a circumstance.
CALLED = (
    "La délégation chinoise au sommet organisé au Royaume-Uni a appelé mercredi aux échanges "
    "et à la coopération entre pays sur toutes les questions liées à la sécurité de l'IA."
)


@pytest.mark.parametrize("target", [8, 12, 14, 28])
def test_a_compression_keeps_what_the_verb_calls_for(target: int) -> None:
    pieces = [piece.text for piece in compress(analyse_sentence(CALLED), target=target)]
    assert pieces
    for text in pieces:
        assert not text.endswith("appelé."), text  # never the bare verb
        assert "appelé mercredi aux échanges" in text, text
        if "entre pays" in text:  # never without the noun it qualifies
            assert "coopération entre pays" in text, text


def test_a_second_verb_with_its_own_auxiliary_borrows_none() -> None:
    sentence = "Le suspect a été interpellé le 21 mai et a reconnu les faits."
    pieces = [piece.text for piece in compress(analyse_sentence(sentence), target=24)]
    assert "Le suspect a reconnu les faits." in pieces, pieces
    assert not any("été a" in piece for piece in pieces), pieces
    # Without an auxiliary of its own, the second verb shares the first's.
    shared = "Le ministre a été reçu à l'Élysée et s'est exprimé devant la presse."
    assert "Le ministre s'est exprimé devant la presse." in [
        piece.text for piece in compress(analyse_sentence(shared), target=24)
    ]


def test_a_second_finite_verb_misjoined_to_an_infinitive_is_split_off() -> None:
    # spaCy joins "s'est déclarée" to "travailler", not to "a exprimé".
    sentence = (
        "La partie chinoise a exprimé sa volonté de travailler avec toutes les autres parties, "
        "et s'est déclarée prête à apporter ses connaissances à la création d'un mécanisme "
        "international."
    )
    pieces = [piece.text for piece in compress(analyse_sentence(sentence), target=20)]
    assert any(
        p.startswith("La partie chinoise a exprimé sa volonté de travailler") for p in pieces
    )
    declared = [p for p in pieces if p.startswith("La partie chinoise s'est déclarée prête")]
    assert declared, pieces
    assert all("mécanisme international" in p for p in declared), declared


@pytest.mark.parametrize(
    ("sentence", "kept"),
    [
        # A noun complement without determiner names a kind: "la chasse" is another thing.
        (
            "La chasse à courre ne cesse de susciter des oppositions radicales en France.",
            "La chasse à courre",
        ),
        # The only complement of a pronominal verb is what the verb is about.
        (
            "L'accusation ne s'était pas attardée sur les origines de leur fortune.",
            "attardée sur les origines",
        ),
        # An indirect question, and a clause the parse took for a circumstance.
        (
            "EDF n'a pas précisé sur quels sites ces matériels avaient été installés.",
            "sur quels sites ces matériels avaient été installés",
        ),
        # A name the parse cut in two ("Aung" in one phrase, "San Suu Kyi" in another).
        (
            "En effet, un nouveau régime a vu le jour en mars 2011, quelques mois après la "
            "libération de la prix Nobel de la paix Aung San Suu Kyi.",
            "Aung San Suu Kyi",
        ),
    ],
)
@pytest.mark.parametrize("target", [12, 14, 20])
def test_a_compression_keeps_what_the_meaning_needs(sentence: str, kept: str, target: int) -> None:
    pieces = [piece.text for piece in compress(analyse_sentence(sentence), target=target)]
    assert pieces
    assert all(kept in text for text in pieces), pieces


def test_a_circumstance_still_goes_when_the_sentence_is_too_long() -> None:
    sentence = (
        "Deux individus auraient tenté de s'enfuir après une collision avec une autre voiture."
    )
    pieces = [piece.text for piece in compress(analyse_sentence(sentence), target=12)]
    assert pieces == ["Deux individus auraient tenté de s'enfuir après une collision."]


def test_each_clause_of_a_sentence_is_numbered_whatever_the_target() -> None:
    sentence = (
        "Ces journées permettent au public de découvrir ou redécouvrir l'archéologie et de "
        "saisir son importance dans notre société."
    )
    for target in (12, 28):
        pieces = compress(analyse_sentence(sentence), target=target)
        assert [piece.clause for piece in pieces] == list(range(len(pieces))), pieces
        assert len(pieces) > 1


@pytest.mark.parametrize(
    ("sentence", "word", "bare"),
    [
        ("La chasse à courre ne cesse de susciter des oppositions.", "courre", True),
        (
            "Toute remise en cause de l'IVG est exclue, au même titre que la peine de mort et "
            "le mariage pour tous.",
            "tous",
            True,
        ),
        # "au", "aux": the article is in the preposition, the noun is a detail that may go.
        (
            "L'annonce a accentué les tensions avec ses alliés européens au sein de l'Otan.",
            "sein",
            False,
        ),
        ("Les touristes sont attendus au stade aux soirs des 4 et 9 août.", "soirs", False),
    ],
)
def test_a_noun_complement_without_determiner_names_a_kind(
    sentence: str, word: str, bare: bool
) -> None:
    from exporter.summary.compression import _bare_noun

    parsed = analyse_sentence(sentence)
    token = next(t for t in parsed.tokens if t.text == word)
    assert _bare_noun(parsed, token) is bare
