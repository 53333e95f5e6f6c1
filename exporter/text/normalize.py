"""French text normalisation for speech synthesis.

Engines read raw French badly: "14 h 30", "XXIe siècle", "M. Dupont", "l'IA", "15 €".
:func:`normalize_for_speech` rewrites such text into words, as a list of small pure
``str -> str`` steps (each testable alone) run in order. Every step only rewrites what it
recognises and leaves everything else as it was; regular expressions are compiled once.

The order matters: addresses and abbreviations first (they contain dots and digits), then
the number forms that need context (dates, times, Roman numerals, ordinals, money, units,
ranges), then bare numbers, then acronyms, then punctuation and spaces.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from exporter.text import fr_data
from exporter.text.acronyms import expand_acronyms, expand_acronyms_as_capitals, spell_acronym
from exporter.text.dates import day_month_year
from exporter.text.homographs import speak_homographs
from exporter.text.names import speak_english_names, speak_exonyms, speak_pinyin_names
from exporter.text.numbers import (
    MAX_DIGITS_AS_NUMBER,
    cardinal,
    decimal,
    expand_money,
    expand_numbers,
    expand_signs_and_ranges,
    expand_units,
    join_digit_groups,
    ordinal,
    unhyphenate_numbers,
)
from exporter.text.patterns import (
    LOWER,
    UPPER,
    alternation,
    bounded_alternation,
    sentence_period,
)
from exporter.text.roman import roman_value
from exporter.text.speech_marks import strip_marks
from exporter.text.typos import speak_typos_as_meant

Step = Callable[[str], str]


@dataclass(frozen=True, kw_only=True, slots=True)
class SpeechOptions:
    """What an engine wants from the normaliser."""

    #: "letters": spell acronyms with French letter names ("SNCF" -> "èsse ène cé èfe");
    #: "capitals": as capitals apart ("S N C F", for engines that spell capitals);
    #: "raw": leave every capitalised word as written.
    acronyms: Literal["letters", "capitals", "raw"] = "letters"
    #: Foreign names said the French way (exonyms, English names, pinyin).
    names: bool = True
    #: English names and brands said as written rather than respelled for French letters
    #: ("Joe Biden" -> "Djo Baïdène"): those this engine reads right. Kokoro's espeak-ng
    #: reads the English names it knows the English way (names_data.ESPEAK_READS_ENGLISH),
    #: which the round trip hears right ("Washington", "Google"; benchmarks/roundtrip.py).
    english_names_read_right: frozenset[str] = frozenset()
    #: Homographs read by their context ("ils président", "tous les").
    homographs: bool = True
    #: Suspected typos read as the word meant ("paragé" -> "partagé").
    typos: bool = True
    #: Hyphens inside number words ("dix-huit"); False for engines that stumble on them.
    number_hyphens: bool = True
    #: Years (four digits, 1000 to 2099) left as digits, for engines that read them right
    #: themselves and worse as words: Pico's "1990" is heard right where its "mille neuf
    #: cent quatre-vingt-dix" after "euros en" is heard "1999, 190" (round trip, probes).
    digit_years: bool = False


# --------------------------------------------------------------------------- steps

_CHARACTER_TABLE = str.maketrans(
    {
        **dict.fromkeys(fr_data.APOSTROPHES, "'"),
        **dict.fromkeys(fr_data.SPACE_CHARACTERS, " "),
        **dict.fromkeys(fr_data.SILENT_CHARACTERS, ""),
        **dict.fromkeys(fr_data.HYPHENS, "-"),
        **dict.fromkeys(fr_data.MINUS_SIGNS, "-"),
        **fr_data.SUPERSCRIPT_LETTERS,
        "\r": "\n",
    }
)
_NON_ASCII_DIGIT = re.compile(r"(?![0-9])\d")
_EDITORIAL_MARK = re.compile(r"\[(?:[0-9]+|\.\.\.|…|[a-z])\]")


def normalize_characters(text: str) -> str:
    """Plain apostrophes and spaces; no soft hyphens, quotation marks or exotic digits;
    no footnote calls ("[1]") or cut marks ("[...]")."""
    text = unicodedata.normalize("NFC", text).translate(_CHARACTER_TABLE)
    text = _EDITORIAL_MARK.sub("", text)
    return _NON_ASCII_DIGIT.sub(lambda match: str(unicodedata.decimal(match.group())), text)


_EMAIL = re.compile(r"(?<![\w.@])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(
    r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>()\[\]]+"
    rf"|(?<![\w.@/-])[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:{alternation(fr_data.TOP_LEVEL_DOMAINS)})"
    r"\b(?:/[^\s<>()\[\]]*)?"
)
_SCHEME = re.compile(r"^(?:https?|ftp)://")
_ADDRESS_PART = re.compile(r"[^\W_]+|.", re.DOTALL)
_TRAILING_PUNCTUATION = ".,;:!?'"


def _read_address(address: str) -> str:
    address = _SCHEME.sub("", address).rstrip("/")
    spoken: list[str] = []
    for part in _ADDRESS_PART.findall(address):
        if part.lower() == "www":
            spoken.append("w w w")
        elif part in fr_data.ADDRESS_SYMBOLS:
            spoken.append(fr_data.ADDRESS_SYMBOLS[part])
        elif part[0].isalnum():
            spoken.append(part)
        else:
            spoken.append(" ")
    return " ".join(" ".join(spoken).split())


def _replace_address(match: re.Match[str]) -> str:
    address = match.group()
    stripped = address.rstrip(_TRAILING_PUNCTUATION)
    return _read_address(stripped) + address[len(stripped) :]


def expand_addresses(text: str) -> str:
    """Read web and e-mail addresses: "jean@ex.fr" -> "jean arobase ex point fr"."""
    text = _EMAIL.sub(_replace_address, text)
    return _URL.sub(_replace_address, text)


_TITLE = re.compile(rf"(?<![\w.])({alternation(fr_data.TITLES)})\.?(?=\s+[{UPPER}]|-[{UPPER}])")
_ABBREVIATION = re.compile(rf"(?<![\w.])(?:{bounded_alternation(fr_data.ABBREVIATIONS)})")
_NUMBER_PREFIX = re.compile(rf"(?<![\w.])({alternation(fr_data.NUMBER_PREFIXES)})\s?(?=[0-9])")
_NUMBER_SIGN = re.compile(r"(?<!\w)[nN][°º](s?)\s?")
_DOTTED_ACRONYM = re.compile(rf"(?<![\w.])((?:[{UPPER}]\.){{2,}})(?!\w)")


def _expand_title(match: re.Match[str]) -> str:
    return fr_data.TITLES[match.group(1)]


def _expand_abbreviation(match: re.Match[str]) -> str:
    abbreviation = match.group()
    expansion = fr_data.ABBREVIATIONS[abbreviation]
    if abbreviation.endswith("."):
        expansion += sentence_period(match.string, match.end())
    return expansion


def _join_dotted_acronym(match: re.Match[str]) -> str:
    return match.group(1).replace(".", "") + sentence_period(match.string, match.end())


def expand_abbreviations(text: str) -> str:
    """Titles before names, common abbreviations, "n°", and dotted acronyms ("S.N.C.F.")."""
    text = _ABBREVIATION.sub(_expand_abbreviation, text)
    text = _TITLE.sub(_expand_title, text)
    text = _NUMBER_SIGN.sub(lambda match: "numéros " if match.group(1) else "numéro ", text)
    text = _NUMBER_PREFIX.sub(lambda match: fr_data.NUMBER_PREFIXES[match.group(1)] + " ", text)
    return _DOTTED_ACRONYM.sub(_join_dotted_acronym, text)


_ISO_DATE = re.compile(r"(?<![\w-])([0-9]{4})-([0-9]{2})-([0-9]{2})(?![\w-])")
_NUMERIC_DATE = re.compile(
    r"(?<![\w/.])([0-9]{1,2})([/.])([0-9]{1,2})\2([0-9]{4})(?![\w/]|\.[0-9])"
)


def _spoken_date(day: str, month: str, year: str) -> str | None:
    day_number, month_number = int(day), int(month)
    if not (1 <= day_number <= 31 and 1 <= month_number <= 12):
        return None
    return day_month_year(day_number, month_number, year)


def expand_numeric_dates(text: str) -> str:
    """ "2023-10-18" and "18/10/2023" -> "18 octobre 2023" (numbers are read later)."""
    text = _ISO_DATE.sub(
        lambda m: _spoken_date(m.group(3), m.group(2), m.group(1)) or m.group(), text
    )
    return _NUMERIC_DATE.sub(
        lambda m: _spoken_date(m.group(1), m.group(3), m.group(4)) or m.group(), text
    )


_CLOCK_TIME = re.compile(
    r"(?<![\w,.:])([0-9]{1,2})(?:\s?h\s?|:)([0-9]{2})(?!\w|:[0-9]|,[0-9])(?:\s?(?:min|mn)\b)?"
)


def _spoken_time(match: re.Match[str]) -> str:
    hours, minutes = int(match.group(1)), int(match.group(2))
    if hours > 24 or minutes > 59:
        return match.group()
    hour_word = "heure" if hours < 2 else "heures"
    return f"{hours} {hour_word}" + (f" {minutes}" if minutes else "")


def expand_times(text: str) -> str:
    """ "14 h 30", "7h44", "14:30" -> "14 heures 30" (a lone "14 h" is a unit)."""
    return _CLOCK_TIME.sub(_spoken_time, text)


_ROMAN_WITH_SUFFIX = re.compile(r"\b([IVXLCDM]+)(ers?|res?|ères?|èmes?|emes?|es?|è)\b")
_ROMAN_BEFORE_CONTEXT = re.compile(
    rf"\b([IVXLCDM]+)(\s+(?:{alternation(fr_data.ORDINAL_ROMAN_CONTEXTS)}))\b"
)
_ROMAN_AFTER_NAME = re.compile(rf"\b([{UPPER}][{LOWER}]+)(\s+)([IVX]{{2,}})\b")


def _roman_ordinal(match: re.Match[str]) -> str:
    numeral, suffix = match.group(1), match.group(2)
    value = roman_value(numeral)
    # "Le", "Ce", "De", "Me", "Mère": single L, C, D, M are words, not numerals.
    if value is None or (len(numeral) == 1 and numeral in "LCDM"):
        return match.group()
    feminine = suffix.startswith(("r", "èr"))
    plural = "s" if suffix.endswith("s") else ""
    return ordinal(value, feminine=feminine) + plural


def _roman_in_context(match: re.Match[str]) -> str:
    value = roman_value(match.group(1))
    if value is None or (len(match.group(1)) == 1 and match.group(1) in "LCDM"):
        return match.group()
    return ordinal(value) + match.group(2)


def _roman_after_name(match: re.Match[str]) -> str:
    name, space, numeral = match.groups()
    value = roman_value(numeral)
    if value is None or name in fr_data.NOT_NAMES:
        return match.group()
    return f"{name}{space}{cardinal(str(value))}"


def expand_roman_numerals(text: str) -> str:
    """Roman numerals where context makes them numbers: "XXIe siècle", "IIIe République",
    "XXI siècle" (ordinals), "Louis XIV", "Titan III" (cardinals). Others stay."""
    text = _ROMAN_WITH_SUFFIX.sub(_roman_ordinal, text)
    text = _ROMAN_BEFORE_CONTEXT.sub(_roman_in_context, text)
    return _ROMAN_AFTER_NAME.sub(_roman_after_name, text)


_NUMERIC_ORDINAL = re.compile(
    r"(?<![\w,.])([0-9]+)(ers?|res?|ères?|eres?|èmes?|emes?|es?|è|ndes?|nds?|des?|d)(?!\w)"
)


def _numeric_ordinal(match: re.Match[str]) -> str:
    digits, suffix = match.groups()
    value = int(digits) if len(digits) <= MAX_DIGITS_AS_NUMBER else 0
    plural = "s" if suffix.endswith("s") else ""
    if suffix.startswith(("nd", "d")):
        if suffix.startswith("d") and value != 2:
            return match.group()
        if value == 2:
            return ("seconde" if "de" in suffix else "second") + plural
    feminine = suffix.startswith(("r", "èr", "er")) and suffix not in ("er", "ers")
    return ordinal(value, feminine=feminine) + plural


def expand_ordinals(text: str) -> str:
    """ "1er" -> "premier", "1re" -> "première", "3e"/"3ème" -> "troisième", "2nd" -> "second"."""
    return _NUMERIC_ORDINAL.sub(_numeric_ordinal, text)


_SYMBOL = re.compile(alternation(fr_data.SYMBOLS))
_LEFTOVER_SIGN = re.compile(r"[%‰°€$£¥@/]")
_LEFTOVER_SIGN_WORDS = {
    "%": " pour cent ",
    "‰": " pour mille ",
    "°": " degrés ",
    "€": " euros ",
    "$": " dollars ",
    "£": " livres ",
    "¥": " yens ",
    "@": " arobase ",
    "/": " ",
}


def expand_symbols(text: str) -> str:
    """Symbols read as words: "&" -> "et", a stray "%" -> "pour cent", "et/ou" -> "et ou"."""
    text = _SYMBOL.sub(lambda m: fr_data.SYMBOLS[m.group()], text)
    return _LEFTOVER_SIGN.sub(lambda m: _LEFTOVER_SIGN_WORDS[m.group()], text)


_DATELINE_DASH = re.compile(r"([.!?…])\s+[-–—―]\s+")
_PAUSE_DASH = re.compile(r"\s+[-–—―‒]\s+|\s*[–—―‒]\s*")
_LINE_START_DASH = re.compile(r"(?m)^(?:\s*[-–—―‒](?![0-9]))+\s*")
_SQUARE_BRACKET = re.compile(r"[\[\]]")
_BRACKET = re.compile(r"\s*[(){}]\s*")


def _pause_unless_between_numbers(match: re.Match[str]) -> str:
    before = match.string[match.start() - 1 : match.start()]
    after = match.string[match.end() : match.end() + 1]
    # "2010 – 2012" is a range, read later as "à".
    return match.group() if before.isdigit() and after.isdigit() else ", "


def normalize_punctuation(text: str) -> str:
    """Dashes and parentheses become pauses (commas); a dash after a dateline's period goes;
    square brackets of insertions in quotations go."""
    text = _SQUARE_BRACKET.sub("", text)
    text = _LINE_START_DASH.sub("", text)
    text = _DATELINE_DASH.sub(r"\1 ", text)
    text = _PAUSE_DASH.sub(_pause_unless_between_numbers, text)
    return _BRACKET.sub(", ", text)


_HORIZONTAL_SPACE = re.compile(r"[^\S\n]+")
_SPACE_AROUND_NEWLINE = re.compile(r" *\n *")
_SPACE_BEFORE_COMMA = re.compile(r" +(?=[,.])")
_REPEATED_COMMA = re.compile(r",(?:\s*,)+")
_COMMA_BEFORE_STOP = re.compile(r",\s*(?=[.!?;:…])")
_COMMA_AFTER_STOP = re.compile(r"(?<=[.!?;:…'])\s*,")
_COMMA_AT_EDGE = re.compile(r"(?m)^[\s,]+|[\s,]+$")
_MISSING_SPACE_AFTER_COMMA = re.compile(r",(?=[^\s\d])")
_PERIOD_AFTER_STOP = re.compile(r"(?<=[!?…])\s*\.(?!\.)")
_SPACE_AFTER_APOSTROPHE = re.compile(r"(?<=\w)' +(?=\w)")


def collapse_spaces(text: str) -> str:
    """One space between words, no space before a comma, no doubled or dangling commas."""
    text = _HORIZONTAL_SPACE.sub(" ", text)
    text = _SPACE_AROUND_NEWLINE.sub("\n", text)
    text = _SPACE_BEFORE_COMMA.sub("", text)
    text = _REPEATED_COMMA.sub(",", text)
    text = _COMMA_BEFORE_STOP.sub("", text)
    text = _COMMA_AFTER_STOP.sub("", text)
    text = _MISSING_SPACE_AFTER_COMMA.sub(", ", text)
    text = _COMMA_AT_EDGE.sub("", text)
    text = _PERIOD_AFTER_STOP.sub("", text)
    text = _SPACE_AFTER_APOSTROPHE.sub("'", text)
    return _HORIZONTAL_SPACE.sub(" ", text)


_TIDY_ROUNDS = 4


def tidy_punctuation(text: str) -> str:
    """Punctuation then spaces, repeated until stable: removing one dash or comma can
    expose another ("- - Le", ",-")."""
    for _ in range(_TIDY_ROUNDS):
        tidied = collapse_spaces(normalize_punctuation(text))
        if tidied == text:
            break
        text = tidied
    return text


_NUMBER_STEPS: tuple[Step, ...] = (
    normalize_characters,
    tidy_punctuation,
    expand_addresses,
    expand_abbreviations,
    expand_numeric_dates,
    expand_times,
    join_digit_groups,
    expand_roman_numerals,
    expand_ordinals,
    expand_money,
    expand_units,
    expand_signs_and_ranges,
    expand_numbers,
    expand_symbols,
)
_FINAL_STEPS: tuple[Step, ...] = (strip_marks, tidy_punctuation)
_ACRONYM_STEPS: dict[str, tuple[Step, ...]] = {
    "letters": (expand_acronyms,),
    "capitals": (expand_acronyms_as_capitals,),
    "raw": (),
}


def speech_steps(options: SpeechOptions = SpeechOptions()) -> tuple[Step, ...]:
    """The steps :func:`normalize_for_speech` runs, in order, for these options."""
    word_steps: tuple[Step, ...] = (speak_typos_as_meant,) if options.typos else ()
    if options.names:
        english = functools.partial(
            speak_english_names, read_right=options.english_names_read_right
        )
        word_steps += (speak_exonyms, english, speak_pinyin_names)
    homograph_steps: tuple[Step, ...] = (speak_homographs,) if options.homographs else ()
    number_steps = _NUMBER_STEPS[2:]
    if options.digit_years:
        years = functools.partial(expand_numbers, keep_years=True)
        number_steps = tuple(years if step is expand_numbers else step for step in number_steps)
    return (
        _NUMBER_STEPS[:2]
        + word_steps
        + number_steps
        + _ACRONYM_STEPS[options.acronyms]
        + homograph_steps
        + (() if options.number_hyphens else (unhyphenate_numbers,))
        + _FINAL_STEPS
    )


def run_steps(text: str, steps: Iterable[Step]) -> str:
    for step in steps:
        text = step(text)
    return text


def normalize_for_speech(text: str, options: SpeechOptions = SpeechOptions()) -> str:
    """Rewrite French text so a speech engine reads it as a French speaker would:
    numbers, dates, times, ordinals, money, units, abbreviations and acronyms in words."""
    return run_steps(text, speech_steps(options))


__all__ = [
    "SpeechOptions",
    "Step",
    "cardinal",
    "collapse_spaces",
    "decimal",
    "expand_abbreviations",
    "expand_acronyms",
    "expand_addresses",
    "expand_money",
    "expand_numbers",
    "expand_numeric_dates",
    "expand_ordinals",
    "expand_roman_numerals",
    "expand_signs_and_ranges",
    "expand_symbols",
    "expand_times",
    "expand_units",
    "join_digit_groups",
    "normalize_characters",
    "normalize_for_speech",
    "ordinal",
    "run_steps",
    "speech_steps",
    "spell_acronym",
    "tidy_punctuation",
]
