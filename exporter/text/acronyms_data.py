"""Data for reading acronyms aloud (see :mod:`exporter.text.acronyms`).

One policy per acronym: said as a word (:data:`WORD_ACRONYMS`, "ONU" -> "Onu") or spelled
letter by letter (:data:`SPELLED_ACRONYMS`, "OCDE" -> "O, C, D, E"). Acronyms in neither
table follow the rule of :func:`exporter.text.acronyms.reads_as_word`.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

#: Acronyms that French speakers say as words, written so an engine reads them as words,
#: the way French says them (checked through espeak-ng, Kokoro's front-end: "Insee" is
#: read the English way, "Crous" and "Pacs" without their final consonant).
WORD_ACRONYMS: Final = MappingProxyType(
    {
        "ALENA": "Aléna",
        "ANSSI": "Anssi",
        "ARCEP": "Arcep",
        "ARCOM": "Arcom",
        "ASEAN": "Aséane",
        "AXA": "Axa",
        "BAC": "bac",
        "CAC": "Cac",
        "CAF": "Caf",
        "CAPES": "Capès",
        "CEDEAO": "Cédéao",
        "CERN": "Cern",
        "CNES": "Cnès",
        "CNIL": "Cnil",
        "COP": "Cop",
        "COVID": "Covid",
        "CROUS": "Crousse",
        "DAECH": "Daèche",
        "DAESH": "Daèche",
        "ENA": "Éna",
        "ESA": "Esa",
        "ETA": "Éta",
        "FARC": "Farc",
        "FED": "Fed",
        "FIFA": "Fifa",
        "FNAC": "Fnac",
        "GAFA": "Gafa",
        "GAFAM": "Gafam",
        "GIEC": "Giec",
        "HADOPI": "Hadopi",
        "IFOP": "Ifop",
        "INA": "Ina",
        "INRA": "Innra",
        "INRAE": "Innraé",
        "INSEE": "Innsé",
        "INSERM": "Innserm",
        "IRA": "Ira",
        "MEDEF": "Médef",
        "MERS": "Merse",
        "NASA": "Nasa",
        "NATO": "Nato",
        "NUPES": "Nupesse",
        "OFPRA": "Ofpra",
        "ONU": "Onu",
        "OPEP": "Opep",
        "OTAN": "Otan",
        "OVNI": "ovni",
        "PACS": "Pacse",
        "PISA": "Pisa",
        "RAID": "Raid",
        "SACEM": "Sacem",
        "SAMU": "Samu",
        "SIDA": "sida",
        "SMIC": "Smic",
        "SMUR": "Smur",
        "SRAS": "Srasse",
        "SUD": "Sud",
        "UEFA": "Uéfa",
        "UNEDIC": "Unédic",
        "UNEF": "Unef",
        "UNESCO": "Unesco",
        "UNICEF": "Unicef",
        "UNSA": "Unnsa",
        "URSSAF": "Urssaf",
        "ZAD": "Zad",
        "ZEP": "Zep",
    }
)

#: Acronyms French speakers spell, even when they look pronounceable ("USA", "OCDE").
SPELLED_ACRONYMS: Final = frozenset(
    {
        *("AFP", "AP", "BCE", "BD", "BFM", "BNP", "BTP", "CDD", "CDI", "CEST", "CET", "CGT"),
        *("CHU", "CIA", "CNRS", "CNN", "CPI", "CSG", "DG", "DRH", "EDF", "EI", "EU", "FBI"),
        *("FMI", "FN", "GMT", "HLM", "IA", "IVG", "JO", "LR", "LFI", "OCDE", "OGM", "OMC"),
        *("OMS", "ONG", "PC", "PDG", "PIB", "PME", "PMA", "PS", "QG", "RATP", "RN", "RER"),
        *("RSA", "RTE", "SDF", "SMS", "SNCF", "SUV", "TGV", "TF", "TVA", "UDI", "UE", "UMP"),
        *("URL", "USA", "UTC", "VTC", "ZFE"),
    }
)

#: Words an acronym's expansion may have between the words its letters stand for
#: ("Organisation mondiale de la santé" = OMS).
EXPANSION_LINK_WORDS: Final = frozenset(
    {"à", "au", "aux", "d'", "de", "des", "du", "en", "et", "l'", "la", "le", "les", "pour", "sur"}
)

#: The article said before an acronym, from the article before its expansion:
#: "des petites et moyennes entreprises (PME)" -> "les PME".
ARTICLE_FROM_EXPANSION: Final = MappingProxyType(
    {
        "l'": "l'",
        "le": "le",
        "la": "la",
        "les": "les",
        "du": "le",
        "au": "le",
        "des": "les",
        "aux": "les",
    }
)
