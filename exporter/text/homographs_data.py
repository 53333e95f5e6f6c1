"""Homographs French speech engines misread, and how each reading is written for them
(see :mod:`exporter.text.homographs`). Spoken forms are respellings both Pico and
espeak-ng (Kokoro's front-end) read right."""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

#: Words in -ent that are nouns or adjectives ("le président", "un couvent") but verbs
#: after a plural subject ("ils président", "les poules du couvent couvent"): the verb's
#: spoken form ("ent" is silent).
VERBS_IN_ENT: Final = MappingProxyType(
    {
        "adhérent": "adhère",
        "affluent": "afflue",
        "coïncident": "coïncide",
        "confluent": "conflue",
        "content": "conte",
        "convergent": "converge",
        "couvent": "couve",
        "divergent": "diverge",
        "émergent": "émerge",
        "équivalent": "équivale",
        "excellent": "excelle",
        "expédient": "expédie",
        "influent": "influe",
        "négligent": "néglige",
        "président": "préside",
        "résident": "réside",
        "somnolent": "somnole",
        "violent": "viole",
    }
)

#: Nouns in -tions that are also verbs after "nous" ("nous portions les portions"): the
#: verb says "t", not "s".
VERBS_IN_TIONS: Final = MappingProxyType(
    {
        word: word.removesuffix("tions") + "tyons"
        for word in (
            "acceptions",
            "adoptions",
            "affections",
            "désertions",
            "éditions",
            "exceptions",
            "exécutions",
            "infections",
            "inspections",
            "intentions",
            "inventions",
            "mentions",
            "objections",
            "options",
            "portions",
            "rations",
            "relations",
        )
    }
)

#: Subject pronouns after which an -ent word is a verb (an object pronoun may sit between).
PLURAL_SUBJECTS: Final = frozenset({"ils", "elles", "qui"})
#: Object pronouns and negation that may come between the subject and its verb.
CLITICS: Final = frozenset({"ne", "n'", "se", "s'", "le", "la", "l'", "les", "leur", "lui", "y"})
#: Subject pronouns before "l'est" ("il l'est": the verb).
SINGULAR_SUBJECTS: Final = frozenset({"il", "elle", "on", "ce", "c'", "cela", "ça", "qui"})

#: Words after which "tous" is the adjective, said "tou" ("tous les pays").
DETERMINERS: Final = frozenset(
    {
        *("les", "ces", "mes", "tes", "ses", "nos", "vos", "leurs", "ceux", "celles", "deux"),
        *("trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "cent", "mille"),
    }
)
#: Words before "os" that make it plural (said "ô").
PLURAL_MARKERS: Final = frozenset(
    {
        *("les", "des", "ces", "mes", "tes", "ses", "nos", "vos", "leurs", "aux", "quelques"),
        *("deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "cent"),
    }
)
#: Words after "fils" that make it threads ("les fils électriques"), said "fil".
THREAD_CONTEXT: Final = frozenset(
    {"électriques", "électrique", "barbelés", "conducteurs", "dénudés", "à", "de", "du"}
)
#: Words before "fils" that make it a son ("son fils", "le fils de"), said "fisse".
SON_CONTEXT: Final = frozenset(
    {
        *("son", "mon", "ton", "le", "un", "du", "au", "ce", "notre", "votre", "leur"),
        *("ses", "mes", "tes", "nos", "vos", "leurs", "deux", "trois", "petit", "petits"),
    }
)
#: Negations that make a following clause-final "plus" the "ply" of "ne… plus".
NEGATIONS: Final = frozenset({"ne", "n'", "non", "jamais", "rien"})
#: Number words that take a liaison before a vowel, written for the engines.
LIAISON_NUMBERS: Final = MappingProxyType({"cent": "cente", "vingt": "vinte"})
#: Words after "cent" or "vingt" that belong to the number: no liaison is written.
NO_LIAISON_AFTER_NUMBER: Final = frozenset({"et", "un", "une", "onze", "huit", "unième"})
#: Number words around "plus" that make it the sign ("deux plus deux"), said "plusse".
NUMBER_WORDS: Final = frozenset(
    {
        *("zéro", "un", "une", "deux", "trois", "quatre", "cinq", "six", "sept", "huit"),
        *("neuf", "dix", "onze", "douze", "vingt", "trente", "cent", "mille", "x", "y"),
    }
)
