"""French sentence splitting that knows abbreviations.

A period ends a sentence unless it belongs to an abbreviation ("M. Dupont",
"av. J.-C."), an initial ("J. Chirac") or a number ("3.5"). "etc." ends a sentence only
when a capital follows. A Wikinews dateline "22 mai 2012. - Le lancement …" gives the
sentence "22 mai 2012." and drops the dash.
"""

from __future__ import annotations

import re

# Abbreviations that never end a sentence, lower-cased, without their period.
ABBREVIATIONS = frozenset(
    {
        "m",
        "mm",
        "mme",
        "mmes",
        "mlle",
        "mlles",
        "me",
        "mgr",
        "dr",
        "pr",
        "st",
        "ste",
        "cf",
        "ex",
        "p",
        "pp",
        "env",
        "av",
        "apr",
        "vol",
        "chap",
        "art",
        "al",
        "fig",
        "n",
        "no",
        "tél",
        "tel",
        "bd",
        "boul",
        "cie",
        "éd",
        "ed",
        "réf",
        "coll",
        "dir",
        "gén",
        "col",
        "cdt",
        "lt",
        "sgt",
        "vs",
        "ca",
        "jr",
        "sr",
        "janv",
        "févr",
        "fév",
        "avr",
        "juil",
        "sept",
        "oct",
        "nov",
        "déc",
        "prof",
        "mr",
        "mrs",
        "dép",
        "hab",
        "ibid",
        "op",
        "cit",
        "resp",
        "sq",
        "sqq",
        "cap",
    }
)
# Abbreviations that may also end a sentence (when a capital follows).
FINAL_ABBREVIATIONS = frozenset({"etc", "inc", "ltd", "co"})

_CANDIDATE = re.compile(r"[.!?…]+(?:[\s\u00a0\u202f]?[»\"”’)\]])*(?=\s)")
_LAST_WORD = re.compile(r"([\w’'-]+)\.$")
_NEXT_CHAR = re.compile(r"\s+(?:[-–—]\s+)?[«\"“(\[]?[\s\u00a0\u202f]*(\S)")
_INITIAL = re.compile(r"(?:^|[\s(])(?:[A-ZÀ-Ý]\.-?)+$")


def _ends_with_abbreviation(before: str) -> str | None:
    """Return "always" or "maybe" when ``before`` ends with an abbreviation's period."""
    if _INITIAL.search(before):
        return "always"
    match = _LAST_WORD.search(before)
    if not match:
        return None
    word = match.group(1).lower().rsplit("-", 1)[-1].lstrip("'’")
    word = word.rsplit("'", 1)[-1].rsplit("’", 1)[-1]
    if word in ABBREVIATIONS:
        return "always"
    if word in FINAL_ABBREVIATIONS:
        return "maybe"
    return None


def split_sentences(text: str) -> list[str]:
    """Split one paragraph of French into sentences, keeping their punctuation."""
    text = " ".join(text.split())
    sentences: list[str] = []
    start = 0
    for match in _CANDIDATE.finditer(text):
        end = match.end()
        following = _NEXT_CHAR.match(text, end)
        next_char = following.group(1) if following else ""
        starts_new = next_char.isupper() or next_char.isdigit() or next_char in '«"“'
        if match.group(0) == ".":
            abbreviation = _ends_with_abbreviation(text[start:end])
            if abbreviation == "always" or (abbreviation == "maybe" and not starts_new):
                continue
        if not starts_new:
            continue  # "« Quoi ? » demanda-t-il": lower case goes on with the sentence
        sentences.append(text[start:end].strip())
        start = end
    sentences.append(text[start:].strip())
    # The dash after a dateline ("22 mai 2012. - Le …") is typography, not speech.
    cleaned = (re.sub(r"^(?:[-–—]\s+)+", "", sentence) for sentence in sentences)
    return [sentence for sentence in cleaned if sentence]
