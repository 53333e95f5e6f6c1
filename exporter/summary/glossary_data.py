"""Word lists used by the glossary."""

from __future__ import annotations

#: Small words an acronym usually skips: "Organisation des Nations unies" -> ONU.
ACRONYM_LINK_WORDS = frozenset(
    {
        "de",
        "des",
        "du",
        "d",
        "la",
        "le",
        "les",
        "l",
        "et",
        "pour",
        "en",
        "à",
        "au",
        "aux",
        "sur",
        "of",
        "the",
        "and",
        "for",
    }
)


#: Dictionary phrasings that only announce the expansion ("Initiales de Agence France-Presse").
GLOSS_PREFIXES_TO_DROP = ("initiales de ", "sigle de ", "acronyme de ", "abréviation de ")

#: Senses that point to another entry instead of defining the word.
NON_DEFINITION_PREFIXES = (
    "pluriel de",
    "féminin de",
    "masculin de",
    "variante de",
    "variante orthographique de",
    "participe passé",
    "participe présent",
    "première personne",
    "deuxième personne",
    "troisième personne",
    "ancienne orthographe",
    "autre orthographe",
    "forme ",
    "voir ",
)

#: Words that mark a sense as archaic, literary, figurative or historical: the data keeps
#: few of Wiktionary's tags ("(Vieilli)"), so the definitions' own words are read too
#: ("Harangue des généraux, des empereurs romains aux soldats").
DATED_SENSE_MARKERS = frozenset(
    {
        "vieilli",
        "vieux",
        "désuet",
        "archaïque",
        "archaïsme",
        "littéraire",
        "poétique",
        "figuré",
        "autrefois",
        "anciennement",
        "jadis",
        "antiquité",
        "romain",
        "romains",
        "romaine",
        "romaines",
    }
)

#: First words of a definition that defines an adjective ("Qui est prêt à coopérer").
ADJECTIVE_DEFINITION_OPENERS = frozenset(
    # "Prêt à faire quelque chose": the model takes a capitalised "Prêt" for the noun.
    {"qui", "relatif", "relative", "propre", "qualifie", "caractérise", "prêt", "prête", "apte"}
)

#: First words of a sense that names a place ("Village et ancienne commune française"):
#: a word written in lower case in the article is not that place.
PLACE_SENSE_OPENERS = frozenset({"village", "commune", "hameau", "localité", "ville"})

#: Verbs that take no direct object ("Aller en augmentant", "Revenir au profit de
#: quelqu'un"): a sense opening with one does not define a verb the sentence gives an
#: object ("accroître la représentation").
INTRANSITIVE_OPENERS = frozenset(
    {"aller", "venir", "revenir", "devenir", "être", "rester", "demeurer", "partir",
     "arriver", "tomber", "sortir", "entrer", "retourner", "naître", "mourir", "croître"}
)  # fmt: skip
