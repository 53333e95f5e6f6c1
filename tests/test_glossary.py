from __future__ import annotations

import pytest

from exporter.summary.glossary import acronyms_in, build_glossary, expansions_in, plain_definition


@pytest.mark.parametrize(
    ("text", "acronym", "expansion"),
    [
        (
            "Le sommet sur l'intelligence artificielle (IA) s'ouvre.",
            "IA",
            "intelligence artificielle",
        ),
        ("On parle d'IA (intelligence artificielle) ici.", "IA", "intelligence artificielle"),
        (
            "Le rôle de l'Organisation des Nations unies (ONU) grandit.",
            "ONU",
            "Organisation des Nations unies",
        ),
        (
            "Le salaire minimum interprofessionnel de croissance (SMIC) augmente.",
            "SMIC",
            "salaire minimum interprofessionnel de croissance",
        ),
    ],
)
def test_acronyms_are_expanded_from_the_text(text: str, acronym: str, expansion: str) -> None:
    assert expansions_in(text) == {acronym: expansion}


def test_a_parenthesis_that_does_not_spell_the_acronym_is_no_expansion() -> None:
    assert expansions_in("Le maïs (OGM) est planté près de Caen (Calvados).") == {}


def test_roman_numerals_are_not_acronyms() -> None:
    assert acronyms_in("Les fusées Titan III et IV, et la NASA.") == ["NASA"]


def test_glossary_lists_article_expansion_with_its_source() -> None:
    entries = build_glossary(
        "Le sommet sur l'intelligence artificielle (IA) s'ouvre. L'IA inquiète."
    )
    acronym = entries[0]
    assert (acronym.term, acronym.kind, acronym.source) == ("IA", "acronym", "article")
    assert acronym.definition == "Intelligence artificielle."


def test_an_acronym_unknown_everywhere_gets_no_invented_definition() -> None:
    entries = build_glossary("Le groupe QXZW a publié un communiqué.")
    assert all(entry.term != "QXZW" for entry in entries)


def test_rare_words_get_a_dictionary_definition_and_common_words_none() -> None:
    entries = build_glossary(
        "Le ministre a exhorté les pays à coopérer dans la maison ; ses paroles encouragent."
    )
    terms = {entry.term for entry in entries}
    assert "exhorter" in terms
    assert not terms & {"maison", "ministre", "pays"}
    assert all(entry.source == "dictionary" and entry.definition.endswith(".") for entry in entries)


def test_a_word_missing_from_the_dictionary_is_left_out() -> None:
    entries = build_glossary("Les chercheurs ont observé des glorbifications étranges.")
    assert "glorbifications" not in {entry.term for entry in entries}


@pytest.mark.parametrize(
    ("sense", "plain"),
    [
        (": Initiales de Agence France-Presse.", "Agence France-Presse."),
        ("Pluriel de mammaire.", None),
        ("Relatif aux mamelles (anatomie).", "Relatif aux mamelles."),
        ("Mode de gestion ; art de gouverner.", "Mode de gestion."),
    ],
)
def test_dictionary_senses_are_shortened(sense: str, plain: str | None) -> None:
    assert plain_definition(sense) == plain


def test_the_sense_that_fits_the_article_is_chosen_not_the_first() -> None:
    # "incombant" is listed first as a botanical adjective ("Penché sur quelque chose");
    # here it is the verb "incomber", whose sense speaks of a duty.
    text = (
        "La gouvernance est une tâche incombant à tous les pays, une charge et un devoir "
        "dont chaque pays a la responsabilité."
    )
    entry = next(e for e in build_glossary(text) if e.term in {"incombant", "incomber"})
    assert entry.term == "incomber"
    assert "Penché" not in entry.definition
    assert entry.definition.startswith("Être imposé")


def test_the_sense_whose_words_fit_the_context_wins() -> None:
    # "ténor": a voice, a singer, a saxophone, a leading figure; a party's are the last.
    entries = {e.term: e.definition for e in build_glossary("Le parti a présenté ses ténors.")}
    assert "audience" in entries["ténor"]
    assert not {"voix", "chanteur", "saxophone"} & set(entries["ténor"].casefold().split())


def test_a_verb_gets_a_plain_sense_not_a_rare_synonym() -> None:
    sentence = (
        "La délégation chinoise a exhorté toutes les parties à accroître la représentation "
        "des pays en développement."
    )
    entries = {e.term: e.definition for e in build_glossary(sentence)}
    assert not entries["exhorter"].startswith("Exciter")
    assert "discours" in entries["exhorter"]


def test_archaic_senses_are_skipped_and_long_ones_shortened() -> None:
    # The Wiktionary's first sense of "allocution" is the Roman generals' harangue; the
    # usable one is 17 words long.
    entries = {e.term: e.definition for e in build_glossary("Il a prononcé une allocution.")}
    assert entries["allocution"].startswith("Discours")
    assert "romains" not in entries["allocution"]
    assert len(entries["allocution"].split()) <= 16


def test_an_adjective_is_defined_as_an_adjective() -> None:
    # "coopérative" is also a noun (a cooperative society): here it qualifies "sécurité".
    entries = {
        e.term: e.definition
        for e in build_glossary("Les pays doivent défendre une sécurité coopérative.")
    }
    definition = next(d for term, d in entries.items() if term.startswith("coopérati"))
    assert definition.startswith("Qui "), definition
    assert "Société" not in definition


def test_seed_glossary_definitions_fit_the_article() -> None:
    from exporter.parsers import parse_file
    from tests.conftest import SEED

    entries = {e.term: e.definition for e in build_glossary(parse_file(SEED).text)}
    assert entries["IA"] == "Intelligence artificielle."
    assert "deux parties" in entries["bilatéral"]
    assert "Penché sur quelque chose." not in entries.values()


def test_the_words_of_an_explained_acronym_are_not_glossed_again() -> None:
    entries = build_glossary(
        "Le sommet sur l'intelligence artificielle (IA) s'ouvre. La gouvernance de l'IA est "
        "une tâche incombant à tous les pays."
    )
    terms = [entry.term for entry in entries]
    assert terms[0] == "IA"
    assert not {"artificiel", "artificielle", "intelligence"} & set(terms)
    assert "incomber" in terms  # other hard words still are
