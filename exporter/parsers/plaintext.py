"""Plain-text articles: the first line is the title, then paragraphs.

Paragraphs are either one per line or separated by blank lines (with hard-wrapped lines
joined). A short line without final punctuation, followed by a paragraph, is a heading.
"""

from __future__ import annotations

import re

from exporter.parsers import Block, RawArticle, register_parser
from exporter.parsers.cleaning import clean_inline

_SENTENCE_END = re.compile(r"[.!?…:;,»\"”)]\s*$")
_MAX_HEADING_WORDS = 12
_MAX_TITLE_CHARS = 200
_WRAP_WIDTH = 100


def _is_heading(line: str, next_line: str | None) -> bool:
    words = line.split()
    return (
        next_line is not None
        and 0 < len(words) <= _MAX_HEADING_WORDS
        and not _SENTENCE_END.search(line)
        and line[0].isupper()
        and len(next_line) > len(line)
    )


def _paragraph_lines(text: str) -> list[str]:
    """The article's non-empty lines, with the lines of hard-wrapped paragraphs joined.

    A file is hard-wrapped when its blank-line-separated blocks span several short lines;
    otherwise every line is a paragraph of its own.
    """
    blocks = [
        [line for line in (clean_inline(raw) for raw in block.splitlines()) if line]
        for block in re.split(r"\n[ \t\u00a0]*\n", text)
    ]
    blocks = [block for block in blocks if block]
    lines = [line for block in blocks for line in block]
    short_lines = sum(len(line) <= _WRAP_WIDTH for line in lines)
    hard_wrapped = (
        len(blocks) > 1
        and any(len(block) > 1 for block in blocks)
        and short_lines >= 0.8 * len(lines)
    )
    if not hard_wrapped:
        return lines
    return [" ".join(block) for block in blocks]


class PlainTextParser:
    name = "text"
    extensions: tuple[str, ...] = (".txt",)

    def parse(self, text: str) -> RawArticle:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        lines = _paragraph_lines(text)
        if not lines:
            return RawArticle(title="", blocks=())
        title, body = lines[0], lines[1:]
        if len(title) > _MAX_TITLE_CHARS:
            # The first line is a paragraph, not a title: the title will be inferred.
            title, body = "", lines
        blocks = []
        for index, line in enumerate(body):
            following = body[index + 1] if index + 1 < len(body) else None
            if _is_heading(line, following):
                blocks.append(Block(kind="heading", text=line, level=2))
            else:
                blocks.append(Block(kind="paragraph", text=line))
        return RawArticle(title=title, blocks=tuple(blocks))


register_parser("text", PlainTextParser, PlainTextParser.extensions)
