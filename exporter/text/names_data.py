"""Data for reading foreign names aloud in French (see :mod:`exporter.text.names`).

Spellings here are for the speech engines only: the written text keeps the names as the
article writes them. Values are French respellings that Pico and espeak-ng (Kokoro's
front-end) both read as a French newsreader says the name (checked through espeak-ng,
which reads some spellings the English way: "Meusk" as "mjusk", "Wôl" as "wɒl").
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

#: Place names a French newsreader says with their French name ("exonyms").
EXONYMS: Final = MappingProxyType(
    {
        "Beijing": "Pékin",
        "Nanjing": "Nankin",
        "Guangzhou": "Canton",
        "Chongqing": "Tchonnkinng",
        "Mumbai": "Bombay",
        "Kolkata": "Calcutta",
        "Yangon": "Rangoun",
        "Bengaluru": "Bangalore",
        "Chennai": "Madras",
        "München": "Munich",
        "Köln": "Cologne",
        "Wien": "Vienne",
        "Warszawa": "Varsovie",
        "Praha": "Prague",
        "Moskva": "Moscou",
        "Firenze": "Florence",
        "Venezia": "Venise",
        "Napoli": "Naples",
        "Lisboa": "Lisbonne",
        "Sevilla": "Séville",
        "Beograd": "Belgrade",
        "Bucuresti": "Bucarest",
        "København": "Copenhague",
        "Antwerpen": "Anvers",
        "London": "Londres",
    }
)

#: English names and brands common in French news, as French speakers say them.
ENGLISH_NAMES: Final = MappingProxyType(
    {
        "Amazon": "Amazone",
        "Apple": "Apeul",
        "Biden": "Baïdène",
        "Blinken": "Blinnkène",
        "Boeing": "Boïng",
        "Bush": "Bouch",
        "ChatGPT": "Tchatte gé pé té",
        "Clinton": "Clinntone",
        "Disney": "Disné",
        "Donald": "Donalde",
        "Elon": "Ilone",
        "Facebook": "Fèssebouk",
        "George": "Djordje",
        "Google": "Gougueule",
        "Harris": "Arisse",
        "Hillary": "Hilari",
        "Instagram": "Innstagramme",
        "Jeff": "Djèfe",
        "Joe": "Djo",
        "Johnson": "Djonnsonne",
        "Kamala": "Kamala",
        "LinkedIn": "Linnkédinne",
        "Meta": "Mèta",
        "Microsoft": "Maïcrossofte",
        "Musk": "Meusque",
        "Netflix": "Nètflixe",
        "Nvidia": "Ènevidia",
        "Obama": "Obama",
        "OpenAI": "Opène aïe",
        "Silicon": "Silicone",
        "Smith": "Smisse",
        "Starlink": "Starlinnk",
        "Street": "Strite",
        "Tesla": "Tèsla",
        "TikTok": "Tik-Tok",
        "Trump": "Troumpe",
        "Twitter": "Touitteur",
        "Uber": "Oubeur",
        "Valley": "Valé",
        "Wall": "Ouôl",
        "Washington": "Ouachinngtonne",
        "WhatsApp": "Ouatsappe",
        "White": "Ouaïte",
        "William": "Ouiliame",
        "YouTube": "Youtioube",
        "Zuckerberg": "Zukeurbergue",
    }
)

#: The names of :data:`ENGLISH_NAMES` that espeak-ng's French voice (Kokoro's front-end)
#: reads the English way, as it knows them ("Washington" /wɒʃɪŋtən/, "Google" /ɡuːɡəl/):
#: Kokoro says them as written. The others it reads by French rules ("Biden" /bidɛn/,
#: "Elon" /elɔ̃/, "Uber" /ybe/) and gets respelled. Checked through espeak-ng by
#: tests/test_speech_words.py.
ESPEAK_READS_ENGLISH: Final = frozenset(
    {
        "Blinken",
        "Boeing",
        "Bush",
        "Facebook",
        "Google",
        "Hillary",
        "Johnson",
        "LinkedIn",
        "Musk",
        "OpenAI",
        "Smith",
        "Starlink",
        "Street",
        "Trump",
        "Wall",
        "Washington",
        "WhatsApp",
        "White",
        "William",
    }
)

#: Pinyin initials, longest first, and how French letters say them.
PINYIN_INITIALS: Final = MappingProxyType(
    {
        "zh": "dj",
        "ch": "tch",
        "sh": "ch",
        "b": "b",
        "p": "p",
        "m": "m",
        "f": "f",
        "d": "d",
        "t": "t",
        "n": "n",
        "l": "l",
        "g": "gu",
        "k": "k",
        "h": "h",
        "j": "dj",
        "q": "tch",
        "x": "ch",
        "r": "r",
        "z": "dz",
        "c": "ts",
        "s": "ss",
        "y": "y",
        "w": "ou",
        "": "",
    }
)

#: Pinyin finals and their French respelling.
PINYIN_FINALS: Final = MappingProxyType(
    {
        "a": "a",
        "o": "o",
        "e": "eu",
        "i": "i",
        "u": "ou",
        "v": "u",
        "ü": "u",
        "ai": "aï",
        "ei": "eï",
        "ui": "oueï",
        "ao": "ao",
        "ou": "o",
        "iu": "iou",
        "ie": "iè",
        "ue": "uè",
        "üe": "uè",
        "er": "eur",
        "an": "ane",
        "en": "eune",
        "in": "inne",
        "un": "ouène",
        "ang": "angue",
        "eng": "eungue",
        "ing": "inngue",
        "ong": "ongue",
        "ia": "ia",
        "iao": "iao",
        "ian": "iène",
        "iang": "iangue",
        "iong": "iongue",
        "ua": "oua",
        "uo": "ouo",
        "uai": "ouaï",
        "uan": "ouane",
        "uang": "ouangue",
    }
)

#: After j, q, x and y, pinyin "u" is the French "u" (ju = "dju", xue = "chuè").
PINYIN_FRONT_U_INITIALS: Final = frozenset({"j", "q", "x", "y"})
#: After these initials pinyin "i" is a buzzed vowel, closest to the French "eu" (Shi = "Cheu").
PINYIN_BUZZED_I_INITIALS: Final = frozenset({"zh", "ch", "sh", "r", "z", "c", "s"})
#: Spelling of the syllable after j/q/x/y when the final starts with "u".
PINYIN_FRONT_U_FINALS: Final = MappingProxyType({"u": "u", "ue": "uè", "un": "une", "uan": "uène"})
#: Letter groups found in pinyin but (almost) never in French or English words: a run of
#: capitalised words is read as Chinese only when one of them has one of these.
PINYIN_MARKER_INITIALS: Final = frozenset({"zh", "q", "x"})
PINYIN_MARKER_FINALS: Final = frozenset({"ao", "ui", "iu", "uo", "ong", "eng", "iao", "iong"})
#: The only finals pinyin writes after j, q and x ("Quai" or "Qui" are not pinyin).
PINYIN_PALATAL_FINALS: Final = frozenset(
    {"i", "ia", "iao", "ie", "iu", "ian", "in", "iang", "ing", "iong", "u", "ue", "uan", "un"}
)
#: Initials that never take a final starting with "i" other than "i" itself (no "rie").
PINYIN_NO_I_FINALS_INITIALS: Final = frozenset({"zh", "ch", "sh", "r", "z", "c", "s"})
#: Initials a lone "o" final may follow (pinyin "bo", "mo", "wo"; never "co", "lo").
PINYIN_O_INITIALS: Final = frozenset({"b", "p", "m", "f", "w", "y", ""})
#: The most common Chinese surnames: "Wang Yi" is Chinese though no syllable says so.
CHINESE_SURNAMES: Final = frozenset(
    {
        *("Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou"),
        *("Xu", "Sun", "Ma", "Zhu", "Hu", "Guo", "He", "Lin", "Luo", "Gao", "Zheng"),
        *("Liang", "Xie", "Song", "Tang", "Han", "Feng", "Deng", "Cao", "Peng", "Xi"),
    }
)
