"""Roman numerals: recognising them and reading their value."""

from __future__ import annotations

import re
from types import MappingProxyType
from typing import Final

#: A well-formed Roman numeral from 1 to 3999 (the empty string matches too: check it).
ROMAN_NUMERAL: Final = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_VALUES: Final = MappingProxyType({"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000})


def roman_value(numeral: str) -> int | None:
    """The value of a well-formed Roman numeral ("XIV" -> 14), else None."""
    if not numeral or not ROMAN_NUMERAL.fullmatch(numeral):
        return None
    total = 0
    for letter, following in zip(numeral, [*numeral[1:], ""], strict=True):
        value = _VALUES[letter]
        total += -value if following and _VALUES[following] > value else value
    return total
