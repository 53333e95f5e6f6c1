"""Plain points first, longer ones only to reach three; compressions that keep what the
verb is about (hand-written sentences, parse errors included)."""

from __future__ import annotations

import pytest

from exporter.parsers import parse_text
from exporter.summary.compression import compress
from exporter.summary.readability import words
from exporter.summary.selection import procedural
from exporter.summary.summarize import MIN_SENTENCES, PLAIN_WORDS, summarize
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


def test_a_claim_about_the_event_itself_is_procedural() -> None:
    about_event = "La délégation a souligné que le sommet constituait une plateforme de dialogue."
    about_claim = "La délégation a souligné que la Chine était prête à coopérer avec l'Europe."
    assert procedural(analyse_sentence(about_event))
    assert not procedural(analyse_sentence(about_claim))


#: Few claims that fit twelve words; most cannot (hand-written news).
ARTICLE = "\n".join(
    [
        "Le gouvernement présente la réforme du baccalauréat",
        (
            "Le ministre de l'Éducation nationale et de la Jeunesse a présenté lundi la réforme "
            "du baccalauréat général et technologique des lycées publics et privés de France."
        ),
        (
            "Les épreuves de philosophie et de français resteront des examens écrits nationaux "
            "organisés à la fin des années de première et de terminale."
        ),
        "La réforme entrera en vigueur en 2027.",
        (
            "Les syndicats d'enseignants du second degré dénoncent la suppression des options de "
            "latin, de grec ancien et de musique dans les zones rurales."
        ),
        (
            "Les associations de parents d'élèves demandent le report des nouveaux programmes de "
            "mathématiques et de physique-chimie des classes de seconde."
        ),
        (
            "Les présidents des universités craignent une baisse du niveau des étudiants de "
            "première année de licence de sciences et de technologies."
        ),
        (
            "Le Conseil supérieur de l'éducation examinera le projet de décret et les arrêtés "
            "d'application du texte le 14 mars prochain."
        ),
    ]
)


def test_long_points_only_fill_in_to_three() -> None:
    summary = summarize(parse_text(ARTICLE, fmt="text"))
    sizes = [len(words(sentence)) for sentence in summary.sentences]
    assert len(sizes) >= MIN_SENTENCES, summary.sentences
    longer = [size for size in sizes if size > PLAIN_WORDS]
    short = [size for size in sizes if size <= PLAIN_WORDS]
    # As many plain sentences as the article offers, no more long ones than needed.
    assert len(longer) <= max(MIN_SENTENCES - len(short), 0), summary.sentences
