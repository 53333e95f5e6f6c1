"""Data tables for French speech normalisation (see :mod:`exporter.text.normalize`).

Only data lives here: words, symbols and their spoken forms. Keys are written as they
appear in news text; values are what a French speaker says.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

#: French names of the letters, used to spell acronyms ("SNCF" -> "èsse ène cé èfe"), as
#: espeak-ng (Kokoro's front-end) reads them: E is said "eux" in acronyms ("UE", "PME"),
#: and "ème" is read as the ordinal suffix ("yème"): M is "èm".
LETTER_NAMES: Final = MappingProxyType(
    {
        "A": "a",
        "B": "bé",
        "C": "cé",
        "D": "dé",
        "E": "eux",
        "F": "èfe",
        "G": "gé",
        "H": "ache",
        "I": "i",
        "J": "ji",
        "K": "ka",
        "L": "èle",
        "M": "èm",
        "N": "ène",
        "O": "o",
        "P": "pé",
        "Q": "cu",
        "R": "èrre",
        "S": "èsse",
        "T": "té",
        "U": "u",
        "V": "vé",
        "W": "double vé",
        "X": "ixe",
        "Y": "i grec",
        "Z": "zède",
        # A lone "é" is read "e accent aigu" by espeak-ng (Kokoro's front-end): "hé" is /e/.
        "É": "hé",
        "È": "hè",
        "Ê": "hè",
    }
)

#: Consonant runs French words are made of: a capitalised word whose consonant runs are all
#: single letters or one of these reads as a word ("OTAN", "GIEC"), not "RATP" or "SNCF".
PRONOUNCEABLE_CLUSTERS: Final = frozenset(
    {
        *("BL", "BR", "CH", "CL", "CR", "DR", "FL", "FR", "GL", "GN", "GR", "PH", "PL", "PR"),
        *("QU", "ST", "TR", "VR", "NT", "ND", "NS", "RS", "RT", "RD", "SS", "LL", "TT", "NN"),
        *("MM", "RR", "MP", "MB", "NC", "NG", "RC", "RG", "RM", "RN", "RL", "LT", "SC", "SP"),
        *("TCH", "STR", "NCH", "NTR", "NST", "RCH", "SCH", "CHR", "MPR", "NGL", "NCR", "CT"),
    }
)

#: Function words that stay words when a headline is written in capitals ("LA FRANCE GAGNE").
CAPITALISED_FUNCTION_WORDS: Final = frozenset(
    {
        "À",
        "AU",
        "AUX",
        "AVEC",
        "CE",
        "CES",
        "DANS",
        "DE",
        "DES",
        "DU",
        "EN",
        "ET",
        "EST",
        "IL",
        "ILS",
        "LA",
        "LE",
        "LES",
        "NE",
        "NOUS",
        "ON",
        "OU",
        "PAR",
        "PAS",
        "POUR",
        "QUE",
        "QUI",
        "SE",
        "SES",
        "SON",
        "SUR",
        "UN",
        "UNE",
    }
)

#: Courtesy titles, expanded only before a capitalised name ("M. Dupont", "Mme Curie").
TITLES: Final = MappingProxyType(
    {
        "M.": "Monsieur",
        "MM.": "Messieurs",
        "Mme": "Madame",
        "Mmes": "Mesdames",
        "Mlle": "Mademoiselle",
        "Mlles": "Mesdemoiselles",
        "Dr": "Docteur",
        "Dre": "Docteure",
        "Pr": "Professeur",
        "Me": "Maître",
        "Mgr": "Monseigneur",
        "St": "Saint",
        "Ste": "Sainte",
    }
)

#: Abbreviations expanded wherever they stand as whole words (longest first is handled by
#: the code). Keys end with their period when the abbreviation is written with one.
ABBREVIATIONS: Final = MappingProxyType(
    {
        "av. J.-C.": "avant Jésus-Christ",
        "apr. J.-C.": "après Jésus-Christ",
        "J.-C.": "Jésus-Christ",
        "etc.": "et cetera",
        "etc": "et cetera",
        "p. ex.": "par exemple",
        "p.ex.": "par exemple",
        "c.-à-d.": "c'est-à-dire",
        "c-à-d": "c'est-à-dire",
        "env.": "environ",
        "cf.": "voir",
        "Cf.": "Voir",
        "Cie": "Compagnie",
        "Sté": "Société",
        "vol.": "volume",
        "éd.": "édition",
        "hab.": "habitants",
        "tél.": "téléphone",
        "Tél.": "Téléphone",
        "bd": "boulevard",
        "av.": "avenue",
        "chap.": "chapitre",
        "art.": "article",
        "vs": "contre",
        "vs.": "contre",
        "É.-U.": "États-Unis",
        "E.-U.": "États-Unis",
        "R.-U.": "Royaume-Uni",
    }
)

#: Abbreviations read as words only before a number ("p. 12" -> "page 12").
NUMBER_PREFIXES: Final = MappingProxyType(
    {
        "n°": "numéro",
        "N°": "numéro",
        "nº": "numéro",
        "Nº": "numéro",
        "No": "numéro",
        "no": "numéro",
        "nos": "numéros",
        "Nos": "numéros",
        "p.": "page",
        "pp.": "pages",
        "art.": "article",
    }
)

MONTHS: Final = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)

#: Currency symbols and codes: (singular, plural).
CURRENCIES: Final = MappingProxyType(
    {
        "€": ("euro", "euros"),
        "EUR": ("euro", "euros"),
        "$": ("dollar", "dollars"),
        "USD": ("dollar", "dollars"),
        "US$": ("dollar américain", "dollars américains"),
        "$US": ("dollar américain", "dollars américains"),
        "$CA": ("dollar canadien", "dollars canadiens"),
        "£": ("livre", "livres"),
        "GBP": ("livre sterling", "livres sterling"),
        "¥": ("yen", "yens"),
        "CHF": ("franc suisse", "francs suisses"),
        "FCFA": ("franc CFA", "francs CFA"),
    }
)

#: Currency words as written after an amount, for reading "9,40 euros" as "9 euros 40".
CURRENCY_WORDS: Final = frozenset({"euro", "euros", "dollar", "dollars", "livre", "livres"})

#: Multipliers written after an amount ("15 M€", "3 Mds $"): the spoken scale word.
MONEY_SCALES: Final = MappingProxyType(
    {
        "k": "mille",
        "K": "mille",
        "M": "millions",
        "Md": "milliards",
        "Mds": "milliards",
        "Mrd": "milliards",
        "Mrds": "milliards",
    }
)

#: Unit symbols written after a number: (singular, plural). Case matters ("g" but not "G").
UNITS: Final = MappingProxyType(
    {
        "km/h": ("kilomètre-heure", "kilomètres-heure"),
        "m/s": ("mètre par seconde", "mètres par seconde"),
        "km²": ("kilomètre carré", "kilomètres carrés"),
        "km2": ("kilomètre carré", "kilomètres carrés"),
        "m²": ("mètre carré", "mètres carrés"),
        "m2": ("mètre carré", "mètres carrés"),
        "m³": ("mètre cube", "mètres cubes"),
        "m3": ("mètre cube", "mètres cubes"),
        "km": ("kilomètre", "kilomètres"),
        "m": ("mètre", "mètres"),
        "cm": ("centimètre", "centimètres"),
        "mm": ("millimètre", "millimètres"),
        "ha": ("hectare", "hectares"),
        "kg": ("kilo", "kilos"),
        "g": ("gramme", "grammes"),
        "mg": ("milligramme", "milligrammes"),
        "t": ("tonne", "tonnes"),
        "Mt": ("million de tonnes", "millions de tonnes"),
        "l": ("litre", "litres"),
        "L": ("litre", "litres"),
        "cl": ("centilitre", "centilitres"),
        "ml": ("millilitre", "millilitres"),
        "°C": ("degré Celsius", "degrés Celsius"),
        "°F": ("degré Fahrenheit", "degrés Fahrenheit"),
        "°": ("degré", "degrés"),
        "h": ("heure", "heures"),
        "min": ("minute", "minutes"),
        "mn": ("minute", "minutes"),
        "ms": ("milliseconde", "millisecondes"),
        "j": ("jour", "jours"),
        "W": ("watt", "watts"),
        "kW": ("kilowatt", "kilowatts"),
        "MW": ("mégawatt", "mégawatts"),
        "GW": ("gigawatt", "gigawatts"),
        "kWh": ("kilowattheure", "kilowattheures"),
        "MWh": ("mégawattheure", "mégawattheures"),
        "GWh": ("gigawattheure", "gigawattheures"),
        "TWh": ("térawattheure", "térawattheures"),
        "V": ("volt", "volts"),
        "Hz": ("hertz", "hertz"),
        "kHz": ("kilohertz", "kilohertz"),
        "MHz": ("mégahertz", "mégahertz"),
        "GHz": ("gigahertz", "gigahertz"),
        "dB": ("décibel", "décibels"),
        "Ko": ("kilooctet", "kilooctets"),
        "Mo": ("mégaoctet", "mégaoctets"),
        "Go": ("gigaoctet", "gigaoctets"),
        "To": ("téraoctet", "téraoctets"),
        "Md": ("milliard", "milliards"),
        "Mds": ("milliard", "milliards"),
        "Mrd": ("milliard", "milliards"),
        "Mrds": ("milliard", "milliards"),
        "pts": ("point", "points"),
        "%": ("pour cent", "pour cent"),
        "‰": ("pour mille", "pour mille"),
    }
)

#: Common fractions written with a slash or as one character.
FRACTIONS: Final = MappingProxyType(
    {
        "1/2": "un demi",
        "1/3": "un tiers",
        "2/3": "deux tiers",
        "1/4": "un quart",
        "3/4": "trois quarts",
        "½": "un demi",
        "⅓": "un tiers",
        "⅔": "deux tiers",
        "¼": "un quart",
        "¾": "trois quarts",
    }
)

#: Feminine nouns: a number ending in "un" before them reads "une" ("21 heures").
FEMININE_NOUNS: Final = frozenset(
    {
        "année",
        "cible",
        "circonscription",
        "classe",
        "commune",
        "division",
        "école",
        "édition",
        "entreprise",
        "équipe",
        "étape",
        "étoile",
        "famille",
        "femme",
        "fille",
        "fois",
        "heure",
        "journée",
        "langue",
        "livre",
        "maison",
        "manche",
        "minute",
        "nation",
        "nuit",
        "page",
        "personne",
        "place",
        "région",
        "saison",
        "seconde",
        "semaine",
        "tonne",
        "victime",
        "ville",
        "voiture",
        "voix",
    }
)

#: Endings of (nearly always) feminine nouns: "41 recommandations", "21 sociétés".
FEMININE_ENDINGS: Final = ("tion", "sion", "xion", "ance", "ence", "ette", "ité", "ure", "ée")

#: Masculine nouns with those endings.
MASCULINE_EXCEPTIONS: Final = frozenset(
    {"comité", "lycée", "musée", "trophée", "silence", "squelette", "mercure", "murmure"}
)

#: Words after which a bare Roman numeral is an ordinal ("XXI siècle", "V République").
ORDINAL_ROMAN_CONTEXTS: Final = frozenset(
    {
        "siècle",
        "siècles",
        "millénaire",
        "millénaires",
        "République",
        "Empire",
        "Reich",
        "arrondissement",
        "législature",
        "Internationale",
        "croisade",
        "dynastie",
    }
)

#: Capitalised words that are not names: a Roman numeral after them stays as written.
NOT_NAMES: Final = frozenset(
    {
        "À",
        "A",
        "Au",
        "Aux",
        "Avec",
        "Ce",
        "Ces",
        "Dans",
        "De",
        "Des",
        "Du",
        "En",
        "Et",
        "La",
        "Le",
        "Les",
        "Mais",
        "Ou",
        "Par",
        "Pour",
        "Sur",
        "Un",
        "Une",
    }
)

#: Symbols read as words anywhere.
SYMBOLS: Final = MappingProxyType(
    {
        "&": " et ",
        "§": " paragraphe ",
        "×": " fois ",
        "=": " égale ",
        "±": " plus ou moins ",
        "≈": " environ ",
        "→": " ",
        "•": ", ",
        "…": "...",
        "*": " ",
        "_": " ",
        "#": " ",
        "|": ", ",
        "~": " ",
    }
)

#: Characters that carry no sound: quotation marks, zero-width characters, soft hyphens.
SILENT_CHARACTERS: Final = '«»“”„‟‹›"\u00ad\u200b\u200c\u200d\u2060\ufeff'

#: Space characters that appear in numbers and typography (NBSP, narrow NBSP, thin...).
SPACE_CHARACTERS: Final = (
    "\t\u00a0\u202f\u2009\u2007\u2002\u2003\u2004\u2005\u2006\u2008\u200a\u3000"
)

#: Apostrophes and single quotes read as the plain apostrophe.
APOSTROPHES: Final = "’‘ʼ`´′"

#: Superscript letters used in ordinals and titles ("1ᵉʳ", "Mᵐᵉ").
SUPERSCRIPT_LETTERS: Final = MappingProxyType(
    {"ᵉ": "e", "ʳ": "r", "ᵈ": "d", "ˢ": "s", "ᵐ": "m", "ᵍ": "g", "ˡ": "l", "ᵒ": "o", "ᵃ": "a"}
)

#: Hyphen-like characters that join numbers or words.
HYPHENS: Final = "\u2010\u2011"
MINUS_SIGNS: Final = "\u2212"

#: Top-level domains recognised in bare addresses such as "lemonde.fr".
TOP_LEVEL_DOMAINS: Final = frozenset(
    {"fr", "com", "org", "net", "eu", "info", "io", "be", "ch", "ca", "gouv", "int", "edu"}
)

#: How the parts of web and e-mail addresses are read.
ADDRESS_SYMBOLS: Final = MappingProxyType(
    {
        ".": " point ",
        "@": " arobase ",
        "/": " slash ",
        "-": " tiret ",
        "_": " tiret bas ",
        ":": " deux-points ",
        "?": " point d'interrogation ",
        "=": " égale ",
        "&": " et ",
        "#": " dièse ",
        "~": " tilde ",
        "+": " plus ",
        "%": " pour cent ",
    }
)
