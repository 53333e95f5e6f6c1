"""Marks around text that later speech steps must leave as it is.

The user's pronunciation lexicon is applied first and always wins: its replacements are
wrapped in :data:`KEEP_START` / :data:`KEEP_END` (private-use characters no article
contains), the word-rewriting steps (names, acronyms, homographs, typos) skip what lies
between them, and the marks are removed before the text reaches an engine.
"""

from __future__ import annotations

import re
from collections.abc import Callable

KEEP_START = "\ue000"
KEEP_END = "\ue001"
_KEPT = re.compile(f"({KEEP_START}[^{KEEP_END}]*{KEEP_END})")


def keep(text: str) -> str:
    """Wrap ``text`` so the speech steps leave it alone."""
    return f"{KEEP_START}{text}{KEEP_END}"


def outside_kept(text: str, rewrite: Callable[[str], str]) -> str:
    """Apply ``rewrite`` to the parts of ``text`` outside kept spans."""
    if KEEP_START not in text:
        return rewrite(text)
    parts = _KEPT.split(text)
    return "".join(part if index % 2 else rewrite(part) for index, part in enumerate(parts))


def strip_marks(text: str) -> str:
    """The text without its keep marks."""
    return text.replace(KEEP_START, "").replace(KEEP_END, "")
