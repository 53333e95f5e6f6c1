"""Homographs read by their context, the way a French newsreader reads them.

Speech engines read a written word one way; French has words written alike and said
differently by part of speech: "les poules du couvent couvent", "nous portions les
portions", "ils président / le président", "l'est" (east) and "il est", "son fils" and
"les fils électriques", "en plus" and "ne… plus", "un os" and "des os", "tous les pays"
and "ils sont tous là", "cent euros". :func:`speak_homographs` looks at the neighbouring
words (the part of speech follows from them: a subject pronoun before a verb, a
determiner before a noun) and writes the reading meant in a spelling every engine
reads right. The written text is not changed: only what is spoken.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from exporter.text import homographs_data as data
from exporter.text.speech_marks import outside_kept

_TOKEN = re.compile(
    r"[A-Za-zÀ-ÖØ-öø-ÿŒœ]+(?:-[A-Za-zÀ-ÖØ-öø-ÿŒœ]+)*'?|[0-9]+|[^\sA-Za-zÀ-ÖØ-öø-ÿŒœ0-9]"
)
_CLAUSE_END = frozenset(".,;:!?…)")


@dataclass(frozen=True, slots=True)
class _Token:
    start: int
    end: int
    text: str

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalpha()


def _tokens(text: str) -> list[_Token]:
    return [_Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


def _previous_words(tokens: list[_Token], index: int, count: int) -> list[str]:
    """Up to ``count`` words before ``index``, nearest first, stopping at punctuation."""
    found: list[str] = []
    for token in reversed(tokens[:index]):
        if not token.is_word or len(found) == count:
            break
        found.append(token.lower)
    return found


def _next(tokens: list[_Token], index: int) -> str:
    return tokens[index + 1].lower if index + 1 < len(tokens) else "."


def _after_plural_subject(tokens: list[_Token], index: int) -> bool:
    before = _previous_words(tokens, index, 3)
    if before and before[0] == tokens[index].lower:  # "du couvent couvent"
        return True
    for word in before:
        if word in data.PLURAL_SUBJECTS:
            return True
        if word not in data.CLITICS:
            return False
    return False


def _verb_in_ent(tokens: list[_Token], index: int) -> str | None:
    if not _after_plural_subject(tokens, index):
        return None
    return data.VERBS_IN_ENT[tokens[index].lower]


def _verb_in_tions(tokens: list[_Token], index: int) -> str | None:
    before = _previous_words(tokens, index, 3)
    for word in before:
        if word == "nous":
            return data.VERBS_IN_TIONS[tokens[index].lower]
        if word not in data.CLITICS and word not in ("vous", "les", "leur"):
            return None
    return None


def _est(tokens: list[_Token], index: int) -> str | None:
    before = _previous_words(tokens, index, 2)
    if before[:1] == ["l'"] and before[1:2] != [] and before[1] in data.SINGULAR_SUBJECTS:
        return None  # "il l'est"
    if before[:1] == ["l'"] or tokens[index].text == "Est":
        return "èste"
    return None


def _compound_est(tokens: list[_Token], index: int) -> str | None:
    word = tokens[index].text
    return word[: -len("est")] + "èste"


def _fils(tokens: list[_Token], index: int) -> str | None:
    before = _previous_words(tokens, index, 1)
    following = _next(tokens, index)
    if before and before[0] in data.SON_CONTEXT and following not in ("électriques", "barbelés"):
        return "fisse"
    if following in data.THREAD_CONTEXT:
        return "fil"
    return "fisse" if before[:1] in (["le"], ["son"]) else None


def _plus(tokens: list[_Token], index: int) -> str | None:
    before = _previous_words(tokens, index, 5)
    following = _next(tokens, index)
    if (before[:1] == ["de"] and following == "en") or before[:2] == ["en", "plus"]:
        return None  # "de plus en plus"
    if before[:1] and before[0] in data.NUMBER_WORDS and following in data.NUMBER_WORDS:
        return "plusse"  # "deux plus deux"
    at_clause_end = following in _CLAUSE_END
    negated = any(word in data.NEGATIONS for word in before)
    if at_clause_end and (before[:1] in (["en"], ["de"], ["au"]) or not negated):
        return "plusse"
    return None


def _os(tokens: list[_Token], index: int) -> str | None:
    before = _previous_words(tokens, index, 1)
    return "ô" if before and before[0] in data.PLURAL_MARKERS else None


def _tous(tokens: list[_Token], index: int) -> str | None:
    following = _next(tokens, index)
    return "tou" if following in data.DETERMINERS else "tousse"


def _as(tokens: list[_Token], index: int) -> str | None:
    before = _previous_words(tokens, index, 1)
    if before[:1] == ["tu"]:
        return None
    if before and before[0] in ("un", "l'", "les", "des", "deux", "trois", "quatre"):
        return "asse"
    return None


def _fier(tokens: list[_Token], index: int) -> str | None:
    before = _previous_words(tokens, index, 1)
    return "fié" if before and before[0] in ("se", "me", "te", "nous", "vous") else None


def _liaison(tokens: list[_Token], index: int) -> str | None:
    following = tokens[index + 1].text if index + 1 < len(tokens) else ""
    if _previous_words(tokens, index, 1) == ["pour"]:
        return None  # "2 pour cent" is a unit, not a number before its noun
    if following.lower() in data.NO_LIAISON_AFTER_NUMBER:
        return None  # "vingt et un", "cent un", "cent huit": part of the number
    if following[:1].lower() in "aeiouyéèêàâîôûœh" and following[:1].isalpha():
        if following[:1].lower() == "h":
            return None  # "cent hommes": no liaison before an aspirated h, and safe
        return data.LIAISON_NUMBERS[tokens[index].lower]
    return None


Rule = Callable[[list[_Token], int], "str | None"]

RULES: dict[str, Rule] = {
    **dict.fromkeys(data.VERBS_IN_ENT, _verb_in_ent),
    **dict.fromkeys(data.VERBS_IN_TIONS, _verb_in_tions),
    **dict.fromkeys(data.LIAISON_NUMBERS, _liaison),
    "est": _est,
    "nord-est": _compound_est,
    "sud-est": _compound_est,
    "fils": _fils,
    "plus": _plus,
    "os": _os,
    "tous": _tous,
    "as": _as,
    "fier": _fier,
}


def _match_case(spoken: str, written: str) -> str:
    return spoken[:1].upper() + spoken[1:] if written[:1].isupper() else spoken


def _speak(text: str) -> str:
    tokens = _tokens(text)
    pieces: list[str] = []
    position = 0
    for index, token in enumerate(tokens):
        rule = RULES.get(token.lower)
        if rule is None:
            continue
        spoken = rule(tokens, index)
        if spoken is None:
            continue
        pieces.append(text[position : token.start])
        pieces.append(_match_case(spoken, token.text))
        position = token.end
    pieces.append(text[position:])
    return "".join(pieces)


def speak_homographs(text: str) -> str:
    """Write each homograph as the reading its context calls for ("ils président" ->
    "ils préside", "tous les pays" -> "tou les pays", "à l'est" -> "à l'èste")."""
    return outside_kept(text, _speak)


__all__ = ["RULES", "speak_homographs"]
