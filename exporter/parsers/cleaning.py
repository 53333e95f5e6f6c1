"""Small pure functions that clean text coming out of any parser."""

from __future__ import annotations

import re

# Characters XML 1.0 forbids, plus invisible layout characters that mean nothing aloud
# (soft hyphen, zero-width spaces and joiners, BOM).
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u200b-\u200d\u2060\ufeff\ufffe\uffff\ud800-\udfff]"
)
# Terminal escape sequences ("\x1b[31m"): their ESC goes with the rest, or "[31m" remains.
_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|[@-Z\\-_])|\x9b[0-?]*[ -/]*[@-~]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def clean_inline(text: str) -> str:
    """One line of text: control and invisible characters (and terminal escape sequences)
    removed, white space collapsed.

    No-break spaces inside the text are kept as such (French typography puts them before
    « : ; ! ? » and inside numbers), but runs of spaces collapse to one.
    """
    text = _INVISIBLE.sub("", _ANSI.sub("", text))
    text = re.sub(r"\s*[\r\n]+\s*", " ", text)

    def collapse(match: re.Match[str]) -> str:
        run = match.group(0)
        return "\u00a0" if set(run) <= {"\u00a0", "\u202f"} and len(run) == 1 else " "

    return _SPACES.sub(collapse, text).strip()
