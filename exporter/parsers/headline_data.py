"""Word lists for generated article titles (:mod:`exporter.parsers.headline`)."""

from __future__ import annotations

from exporter.text.fr_data import MONTHS

#: Verbs that attribute a statement: a headline keeps what was said, not who said it
#: ("..., a indiqué lundi le porte-parole").
REPORTING_VERBS = frozenset(
    {
        "affirmer",
        "ajouter",
        "annoncer",
        "apprendre",
        "assurer",
        "confier",
        "confirmer",
        "constater",
        "déclarer",
        "dire",
        "estimer",
        "expliquer",
        "indiquer",
        "insister",
        "juger",
        "noter",
        "poursuivre",
        "préciser",
        "rappeler",
        "rapporter",
        "relever",
        "répondre",
        "révéler",
        "souligner",
        "témoigner",
    }
)

#: Words that make a phrase a time adverbial ("mardi 19 février", "la veille", "ce week-end").
TIME_WORDS = frozenset(
    {
        *MONTHS,
        "lundi",
        "mardi",
        "mercredi",
        "jeudi",
        "vendredi",
        "samedi",
        "dimanche",
        "heure",
        "jour",
        "journée",
        "semaine",
        "week-end",
        "mois",
        "matin",
        "matinée",
        "soir",
        "soirée",
        "nuit",
        "veille",
        "lendemain",
        "hier",
        "aujourd'hui",
        "demain",
        "midi",
        "après-midi",
    }
)

#: Adverbs a headline keeps: they change what the sentence claims.
KEPT_ADVERBS = frozenset(
    {"ne", "n'", "pas", "plus", "jamais", "rien", "aucun", "guère", "non", "point", "moins"}
)

#: Prepositions that open an attribution ("selon l'Insee", "d'après la police").
ATTRIBUTION_PREPOSITIONS = frozenset({"selon", "d'après"})
