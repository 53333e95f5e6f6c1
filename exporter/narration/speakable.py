"""Bounds on what one engine call receives, applied for every engine.

Engines misbehave on inputs no article should contain but hostile or broken ones do: Pico
never returns on a run of one vowel, and a 200 KB "sentence" without punctuation would be
synthesised (and held in memory) in one piece. So before an engine sees a text, runs of one
character are shortened, very long words are broken, and long texts are cut into chunks at
the best boundary available; each chunk is synthesised and cached on its own, so the work
stays linear in the length of the text.
"""

from __future__ import annotations

import re

#: "Noooooon" keeps its emphasis at three letters; 130 "o" hang Pico.
MAX_RUN = 3
#: Longer "words" (hashes, URLs, keyboard mashing) are read in pieces.
MAX_WORD = 40
#: About 25 seconds of speech: long enough for any real sentence.
MAX_CHUNK = 400

_RUN = re.compile(r"(\w)\1{" + str(MAX_RUN) + ",}")
_LONG_WORD = re.compile(r"\S{" + str(MAX_WORD + 1) + ",}")
# Where to cut a long text, best first: after a clause mark, then at any space.
_CLAUSE_END = re.compile(r"[,;:)\]»–—]\s")


def _shorten_runs(text: str) -> str:
    return _RUN.sub(lambda match: match.group(1) * MAX_RUN, text)


def _break_long_words(text: str) -> str:
    def split(match: re.Match[str]) -> str:
        word = match.group(0)
        return " ".join(word[i : i + MAX_WORD] for i in range(0, len(word), MAX_WORD))

    return _LONG_WORD.sub(split, text)


def _cut(text: str) -> list[str]:
    chunks: list[str] = []
    rest = text
    while len(rest) > MAX_CHUNK:
        window = rest[:MAX_CHUNK]
        clause_ends = [match.end() for match in _CLAUSE_END.finditer(window)]
        cut = clause_ends[-1] if clause_ends and clause_ends[-1] > MAX_CHUNK // 2 else 0
        if not cut:
            cut = window.rfind(" ") + 1 or MAX_CHUNK
        chunks.append(rest[:cut].strip())
        rest = rest[cut:]
    chunks.append(rest.strip())
    return [chunk for chunk in chunks if chunk]


def speakable_chunks(text: str) -> list[str]:
    """``text`` as one or more pieces that any engine can read safely."""
    return _cut(_break_long_words(_shorten_runs(text))) or [text]
