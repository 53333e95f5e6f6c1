"""Words engines misread, said as a French newsreader says them: foreign names, acronyms,
homographs, suspected typos; the user's lexicon always wins. Expected forms are written
by hand (what a French reader says, in a spelling Pico and espeak-ng read right)."""

from __future__ import annotations

import os
import re

import pytest

from exporter.model import Document
from exporter.narration.narrator import Narrator
from exporter.parsers import parse_file, parse_text
from exporter.text import names_data
from exporter.text.acronyms import expand_acronyms, speak_acronym
from exporter.text.homographs import RULES, speak_homographs
from exporter.text.lexicon import Lexicon
from exporter.text.names import (
    respell_pinyin,
    speak_english_names,
    speak_exonyms,
    speak_pinyin_names,
)
from exporter.text.normalize import SpeechOptions, normalize_for_speech
from exporter.text.typos import correction, suspected_typos
from tests.conftest import SEED, FakeEngine
from tests.corpus import corpus_file, need, wikinews_texts

# ------------------------------------------------------------------ names

PINYIN = [
    ("Wu Zhaohui, vice-ministre", "Ou Djaohoueï, vice-ministre"),
    ("Xi Jinping", "Chi Djinnepinngue"),
    ("Li Qiang", "Li Tchiangue"),
    ("Deng Xiaoping", "Deungue Chiaopinngue"),
    ("Hu Jintao", "Hou Djinnetao"),
    ("Wang Yi", "Ouangue I"),
    ("Qinghai", "Tchinnghaï"),
    ("Xi Jin-ping", "Chi Djinnepinngue"),
    # French words and names stay: no pinyin-only letter group, or too common in French.
    ("La Chine à Lima", "La Chine à Lima"),
    ("la Ceinture et la Route", "la Ceinture et la Route"),
    ("Longue vie", "Longue vie"),
    ("Le Monde", "Le Monde"),
    ("au Quai d'Orsay", "au Quai d'Orsay"),
    ("Dominique Martin", "Dominique Martin"),
    ("le Pacifique Sud", "le Pacifique Sud"),
    ("Alan Turing à Mexico", "Alan Turing à Mexico"),
    ("la Hongrie", "la Hongrie"),
    ("Maxime en Angola", "Maxime en Angola"),
    ("à Xi'an", "à Chi-ane"),
    ("né à Huai'an", "né à Houaï-ane"),
]


@pytest.mark.parametrize(("written", "spoken"), PINYIN)
def test_pinyin_names(written: str, spoken: str) -> None:
    assert speak_pinyin_names(written) == spoken


def test_pinyin_rules_per_letter() -> None:
    assert respell_pinyin("Wu") == "Ou"
    assert respell_pinyin("Zhou") == "Djo"
    assert respell_pinyin("Xu") == "Chu"
    assert respell_pinyin("Qin") == "Tchinne"
    assert respell_pinyin("Hui") == "Houeï"
    assert respell_pinyin("Shi") == "Cheu"
    assert respell_pinyin("Paris") is None


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("qui s'est tenu à Beijing le 18 octobre", "qui s'est tenu à Pékin le 18 octobre"),
        ("Les attentats de Mumbai", "Les attentats de Bombay"),
        ("Beijinger", "Beijinger"),
    ],
)
def test_exonyms(written: str, spoken: str) -> None:
    assert speak_exonyms(written) == spoken


def test_english_names() -> None:
    assert speak_english_names("Joe Biden et Google") == "Djo Baïdène et Gougueule"


def test_an_engine_that_reads_english_names_gets_them_as_written() -> None:
    """Kokoro's policy: the English names it reads right as written, the others
    respelled, pinyin and exonyms still said in French."""
    written = "Joe Biden a reçu Xi Jinping à Washington, à Beijing."
    options = SpeechOptions(english_names_read_right=frozenset({"Washington"}))
    assert normalize_for_speech(written, options) == (
        "Djo Baïdène a reçu Chi Djinnepinngue à Washington, à Pékin."
    )
    assert "Ouachinngtonne" in normalize_for_speech(written)


def test_kokoro_declares_the_english_names_it_reads() -> None:
    from exporter.errors import EngineUnavailableError
    from exporter.narration.engines import create_engine

    try:
        engine = create_engine("kokoro")
    except EngineUnavailableError as error:
        if os.environ.get("EXPORTER_REQUIRE_KOKORO") == "1":
            pytest.fail(f"EXPORTER_REQUIRE_KOKORO=1 but Kokoro is not usable: {error}")
        pytest.skip(f"Kokoro is not installed: {error}")
    assert engine.prepare("Elon Musk et Wu Zhaohui sur Facebook") == (
        "Ilone Musk et Ou Djaohoueï sur Facebook"
    )


@pytest.mark.parametrize(
    ("name", "sounds"),
    [
        # read the English way: said as written to Kokoro
        ("Washington", "wɒʃɪŋtən"),
        ("Google", "ɡuːɡəl"),
        ("Facebook", "feɪsbʊk"),
        # read by French rules, which is wrong: respelled for Kokoro too
        ("Biden", "bidɛn"),
        ("Uber", "ybe"),
    ],
)
def test_which_english_names_espeak_reads_the_english_way(name: str, sounds: str) -> None:
    """The table Kokoro's policy rests on, through espeak-ng, against hand-written IPA."""
    pytest.importorskip("kokoro_onnx")
    from benchmarks.roundtrip import phonemes

    assert phonemes(name) == sounds
    english = any(mark in sounds for mark in ("ɒ", "ɪ", "ʊ", "ː", "eɪ"))
    assert (name in names_data.ESPEAK_READS_ENGLISH) == english


def test_names_change_the_speech_only() -> None:
    document = parse_file(SEED)
    written = " ".join(
        s.text for section in document.sections for p in section.paragraphs for s in p.sentences
    )
    assert "Wu Zhaohui" in written and "Beijing" in written
    spoken = normalize_for_speech(written)
    assert "Ou Djaohoueï" in spoken and "Pékin" in spoken and "Beijing" not in spoken


# ------------------------------------------------------------------ acronyms

ACRONYMS = [
    ("ONU", "Onu"),
    ("OTAN", "Otan"),
    ("UNESCO", "Unesco"),
    ("OCDE", "o cé dé eux"),
    ("IA", "i a"),
    ("UE", "u eux"),
    ("SNCF", "èsse ène cé èfe"),
    ("OMS", "o èm èsse"),
    ("FMI", "èfe èm i"),
    ("USA", "u èsse a"),
    ("GIEC", "Giec"),
    ("SYRIZA", "Syriza"),
    ("RATP", "èrre a té pé"),
]


@pytest.mark.parametrize(("written", "spoken"), ACRONYMS)
def test_one_policy_per_acronym(written: str, spoken: str) -> None:
    assert speak_acronym(written) == spoken


def test_acronym_in_parentheses_is_said_with_the_article_of_its_expansion() -> None:
    spoken = normalize_for_speech("l'intelligence artificielle (IA) organisé")
    assert spoken == "l'intelligence artificielle, l'i a, organisé"


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("selon l'Organisation mondiale de la santé (OMS), le", "santé, l'O M S, le"),
        ("Le Fonds monétaire international (FMI) prévoit", "international, le F M I, prévoit"),
        ("des petites et moyennes entreprises (PME).", "entreprises, les P M E."),
        ("la Banque centrale européenne (BCE) a", "européenne, la B C E, a"),
        ("du Parti socialiste (PS) a", "socialiste, le P S, a"),
        ("l'Organisation des Nations unies (ONU) a", "unies, l'Onu, a"),
    ],
)
def test_the_article_comes_from_the_expansion(written: str, spoken: str) -> None:
    assert normalize_for_speech(written, SpeechOptions(acronyms="capitals")).endswith(spoken)


@pytest.mark.parametrize(
    "written",
    [
        "la France, l'Allemagne (UE) et",  # the initials do not spell it
        "la Société nationale des chemins de fer français (SNCF) annonce",  # "de fer"
        "l'Union des démocrates (UDI) a",  # "l'" before a consonant: gender unknown
        "une autre intelligence artificielle (IA) a",  # no definite article
    ],
)
def test_no_article_is_guessed(written: str) -> None:
    spoken = normalize_for_speech(written, SpeechOptions(acronyms="capitals"))
    assert "(" not in spoken
    assert not re.search(r", (?:l'|le |la |les )[A-Z] [A-Z]", spoken), spoken


def test_capitals_style_for_engines_that_spell_capitals() -> None:
    spoken = normalize_for_speech("de l'OCDE et de l'IA", SpeechOptions(acronyms="capitals"))
    assert spoken == "de l'O C D E, et de l'I a"  # a small a: said short, as the letter


def test_number_words_without_hyphens_for_engines_that_stumble_on_them() -> None:
    options = SpeechOptions(number_hyphens=False)
    assert normalize_for_speech("le 18 octobre 2023", options) == (
        "le dix huit octobre deux mille vingt trois"
    )
    assert normalize_for_speech("le vice-ministre", options) == "le vice-ministre"
    # Pico says the compounds of "quatre-vingt" as one number only hyphenated.
    assert normalize_for_speech("en 1998, 80 ou 91 fois", options) == (
        "en mille neuf cent quatre-vingt-dix-huit, quatre-vingts ou quatre-vingt-onze fois"
    )


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        # Three letters or more run into the next word are followed by a short pause.
        ("le PIB recule", "le pé i bé, recule"),
        ("la SNCF et la RATP annoncent", "la èsse ène cé èfe, et la èrre a té pé, annoncent"),
        ("les PME françaises", "les pé èm eux, françaises"),
        # Not before punctuation or a number, not after two letters or a word acronym.
        ("selon l'OMS.", "selon l'o èm èsse."),
        ("l'OMS, puis", "l'o èm èsse, puis"),
        ("la RATP 2030", "la èrre a té pé 2030"),
        ("l'UE veut", "l'u eux veut"),
        ("l'OTAN veut", "l'Otan veut"),
    ],
)
def test_pause_after_a_spelled_acronym(written: str, spoken: str) -> None:
    assert expand_acronyms(written) == spoken


def test_acronyms_in_a_capitalised_headline() -> None:
    assert expand_acronyms("L'OCDE SALUE LA FRANCE") == "L'o cé dé eux Salue la France"


# ------------------------------------------------------------------ homographs

HOMOGRAPHS = [
    # -ent: noun or adjective, verb after a plural subject
    ("les poules du couvent couvent", "les poules du couvent couve"),
    ("elles couvent leurs œufs", "elles couve leurs œufs"),
    ("le président parle", "le président parle"),
    ("ils président la séance", "ils préside la séance"),
    ("les résidents qui résident ici", "les résidents qui réside ici"),
    ("un résident étranger", "un résident étranger"),
    ("un orage violent", "un orage violent"),
    ("ils excellent en maths", "ils excelle en maths"),
    ("un excellent résultat", "un excellent résultat"),
    ("elles convergent vers Paris", "elles converge vers Paris"),
    ("un point convergent", "un point convergent"),
    ("ils divergent sur ce point", "ils diverge sur ce point"),
    ("ils négligent le risque", "ils néglige le risque"),
    ("un affluent du Rhône", "un affluent du Rhône"),
    ("ils influent sur le vote", "ils influe sur le vote"),
    ("un homme influent", "un homme influent"),
    ("ils adhèrent", "ils adhèrent"),
    ("les adhérents qui adhérent", "les adhérents qui adhère"),
    ("ils ne se contentent", "ils ne se contentent"),
    ("elles émergent de la crise", "elles émerge de la crise"),
    ("les pays émergents", "les pays émergents"),
    ("ils coïncident", "ils coïncide"),
    ("elles se somnolent", "elles se somnole"),
    ("ils équivalent à", "ils équivale à"),
    # -tions: noun, verb after "nous"
    ("nous portions les portions", "nous portyons les portions"),
    ("nous inventions des histoires", "nous inventyons des histoires"),
    ("des inventions utiles", "des inventions utiles"),
    ("nous options pour la paix", "nous optyons pour la paix"),
    ("plusieurs options", "plusieurs options"),
    ("nous relations les faits", "nous relatyons les faits"),
    ("les relations bilatérales", "les relations bilatérales"),
    ("nous ne mentions pas", "nous ne mentyons pas"),
    ("nous éditions un journal", "nous édityons un journal"),
    # "est": east after "l'", the verb otherwise
    ("à l'est de la ville", "à l'èste de la ville"),
    ("l'Europe de l'Est", "l'Europe de l'Èste"),
    ("il est là", "il est là"),
    ("il l'est", "il l'est"),
    ("au nord-est", "au nord-èste"),
    # "fils": a son, or threads
    ("son fils aîné", "son fisse aîné"),
    ("les fils électriques", "les fil électriques"),
    ("le fils du président", "le fisse du président"),
    # "plus": "plusse" at a clause end, "ply" in "ne… plus" and before an adjective
    ("Et en plus, il pleut", "Et en plusse, il pleut"),
    ("De plus, le vote", "De plusse, le vote"),
    ("il n'y en a plus.", "il n'y en a plus."),
    ("plus grand", "plus grand"),
    ("de plus en plus", "de plus en plus"),
    ("deux plus deux.", "deux plusse deux."),
    # "os": singular "osse", plural "ô"
    ("un os cassé", "un os cassé"),
    ("des os cassés", "des ô cassés"),
    # "tous": "tou" before a determiner, "tousse" as a pronoun
    ("tous les pays du monde", "tou les pays du monde"),
    ("ils sont tous venus", "ils sont tousse venus"),
    ("tous ensemble", "tousse ensemble"),
    # "as", "fier"
    ("tu as raison", "tu as raison"),
    ("un as du volant", "un asse du volant"),
    ("il faut se fier aux chiffres", "il faut se fié aux chiffres"),
    ("il est fier", "il est fier"),
    # numbers before a vowel: the liaison written out
    ("cent euros", "cente euros"),
    ("vingt ans", "vinte ans"),
    ("vingt et un ans", "vingt et un ans"),
    ("cinq pour cent en", "cinq pour cent en"),
    ("cent hommes", "cent hommes"),
]


@pytest.mark.parametrize(("written", "spoken"), HOMOGRAPHS)
def test_homographs(written: str, spoken: str) -> None:
    assert speak_homographs(written) == spoken


def test_at_least_forty_homographs_are_known() -> None:
    assert len(RULES) >= 40


# ------------------------------------------------------------------ typos


def test_the_seed_typo_is_read_as_meant() -> None:
    assert correction("paragé") == "partagé"
    spoken = normalize_for_speech("une communauté d'avenir paragé.")
    assert spoken == "une communauté d'avenir partagé."


def test_suspected_typos_are_listed_with_their_place() -> None:
    text = SEED.read_text(encoding="utf-8")
    (typo,) = suspected_typos(text)
    assert (typo.written, typo.meant) == ("paragé", "partagé")
    assert text[typo.start : typo.start + len("paragé")] == "paragé"


@pytest.mark.parametrize("word", ["Zhaohui", "gouvernance", "bienveillantes", "OCDE", "week-end"])
def test_real_words_and_names_are_not_typos(word: str) -> None:
    assert suspected_typos(f"un mot : {word}.") == []


def test_no_typo_suspected_in_edited_news() -> None:
    articles = need(wikinews_texts)
    found = {a.name: suspected_typos(a.read_text(encoding="utf-8")) for a in articles}
    assert sum(map(len, found.values())) <= 2, found


def test_typos_found_in_published_news() -> None:
    import json

    valid = corpus_file("orangesum-valid", "valid300.jsonl")
    found: set[tuple[str, str]] = set()
    for line in valid.read_text(encoding="utf-8").splitlines():
        paragraphs = json.loads(line).get("paragraphs", [])
        found |= {(t.written, t.meant) for t in suspected_typos(" ".join(paragraphs))}
    # Read by hand: these four are typos in the articles; anything else is a false alarm.
    typos = {
        ("naturellle", "naturelle"),
        ("plausieurs", "plusieurs"),
        ("parallèmement", "parallèlement"),
        ("réseve", "réserve"),
    }
    assert typos <= found
    assert len(found - typos) <= 1, found - typos


# ------------------------------------------------------------------ the lexicon wins


class _NormalisingEngine(FakeEngine):
    def prepare(self, text: str) -> str:
        return normalize_for_speech(text)


def _said(text: str, lexicon: Lexicon) -> list[str]:
    engine = _NormalisingEngine()
    document: Document = parse_text(f"Titre\n\n{text}\n", source="test.txt")
    Narrator(engine, lexicon=lexicon).narrate(document)
    return engine.calls


def test_the_users_lexicon_always_wins() -> None:
    lexicon = Lexicon(entries={"Beijing": "Beïdjinng", "Wu": "Vou", "paragé": "paragé"})
    calls = _said("Wu Zhaohui est à Beijing pour un avenir paragé.", lexicon)
    assert "Vou Djaohoueï est à Beïdjinng pour un avenir paragé." in calls
    assert not any("\ue000" in call or "\ue001" in call for call in calls)


def test_without_a_lexicon_the_built_in_readings_apply() -> None:
    calls = _said("Wu Zhaohui est à Beijing pour un avenir paragé.", Lexicon())
    assert "Ou Djaohoueï est à Pékin pour un avenir partagé." in calls


@pytest.mark.parametrize(
    ("acronym", "sounds"),
    [
        ("INSEE", "inse"),
        ("INSERM", "insɛʁm"),
        ("CROUS", "kʁus"),
        ("PACS", "paks"),
        ("UEFA", "yefa"),
        ("DAECH", "daɛʃ"),
        ("PME", "peɛmø"),
        ("OCDE", "osedeø"),
        ("ÉDF", "edeɛf"),  # a lone "é" is not "e accent aigu"
        ("CÈ", "seɛ"),
    ],
)
def test_acronyms_sound_as_french_says_them_through_espeak(acronym: str, sounds: str) -> None:
    """Kokoro reads through espeak-ng: its phonemes of what we send, against the IPA of
    how French says the acronym (written by hand)."""
    pytest.importorskip("kokoro_onnx")
    from benchmarks.roundtrip import phonemes

    assert phonemes(speak_acronym(acronym)) == sounds
