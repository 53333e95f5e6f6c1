"""Text from an article made safe for each output format's own syntax.

Article text is data, never markup: whatever it holds (``<script>``, ``**``, ``-->``,
``&lt;b&gt;``), a reader of the output sees those characters, not their effect. Each
function takes one line of text (white space, line breaks included, collapses to single
spaces: a line break would end a list item, a cue or a table row). XHTML and HTML
attributes use :func:`html.escape`.
"""

from __future__ import annotations

import re

# CommonMark's backslash escapes cover every ASCII punctuation character; these are the
# ones that can make markup anywhere in a line (emphasis, code, links, raw HTML, entities,
# table cells, GFM strikethrough, a heading's closing "#").
_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]<>&|~#])")
# At the start of a line (or of a list item's text) these open a block: list item,
# setext underline, ordered list ("1." / "1)").
_MARKDOWN_BLOCK_START = re.compile(r"^([-+=])")
_MARKDOWN_ORDERED = re.compile(r"^(\d{1,9})([.)])")
_SRT_TAG = re.compile(r"<(/?[A-Za-z][^<>]*)>")
_SRT_OVERRIDE = re.compile(r"\{(\\[^{}]*)\}")


def one_line(text: str) -> str:
    return " ".join(text.split())


def markdown_text(text: str) -> str:
    """``text`` as Markdown that renders to exactly ``text`` (on one line)."""
    line = _MARKDOWN_INLINE.sub(r"\\\1", one_line(text))
    line = _MARKDOWN_BLOCK_START.sub(r"\\\1", line)
    return _MARKDOWN_ORDERED.sub(r"\1\\\2", line)


def vtt_cue_text(text: str) -> str:
    """WebVTT cue text: ``&``, ``<`` and ``>`` as character references (so neither a tag
    nor ``-->`` can appear), on one line (a blank line would end the cue)."""
    line = one_line(text)
    return line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def srt_cue_text(text: str) -> str:
    """SRT cue text. SRT has no escapes, and players read ``<b>``-like tags and ``{\\an8}``
    overrides in it: their brackets become look-alike quotation marks, and ``-->`` (which
    would be read as a timing line) an arrow."""
    line = one_line(text).replace("-->", "→")
    line = _SRT_TAG.sub(r"‹\1›", line)
    return _SRT_OVERRIDE.sub(r"(\1)", line)
