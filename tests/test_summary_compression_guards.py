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
