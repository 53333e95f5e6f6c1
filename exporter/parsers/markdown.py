"""Markdown articles: ``#`` headings, paragraphs, list items and quotes.

The first level-1 heading (or, failing that, a ``title:`` front-matter line or the first
heading) is the document title. Inline markup is reduced to its text: link text stays,
images go, and raw HTML (blocks and inline tags) is reduced to the text a browser would
show, without scripts, embedded frames or hidden elements.
"""

from __future__ import annotations

import re
from html import escape
from typing import TYPE_CHECKING

from exporter.model import Metadata
from exporter.parsers import Block, RawArticle, register_parser
from exporter.parsers.cleaning import clean_inline
from exporter.parsers.html import visible_text

if TYPE_CHECKING:
    from markdown_it.token import Token

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)


def _inline_text(token: Token) -> str:
    children = token.children or []
    if any(child.type == "html_inline" for child in children):
        # Rebuild the line as HTML (text escaped) and keep what a browser would show:
        # "<script>" or "<span hidden>" hide the text between their tags.
        html_parts: list[str] = []
        for child in children:
            if child.type in ("text", "code_inline"):
                html_parts.append(escape(child.content))
            elif child.type == "html_inline":
                html_parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                html_parts.append(" ")
        return visible_text("".join(html_parts), inline=True)
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return clean_inline("".join(parts))


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    fields = {}
    for line in match.group(1).split("\n"):  # not splitlines(): "\x85" is no line end here
        key, _, value = line.partition(":")
        if value:
            fields[key.strip().lower()] = value.strip().strip("\"'")
    return fields, text[match.end() :]


class MarkdownParser:
    name = "markdown"
    extensions: tuple[str, ...] = (".md", ".markdown")

    def parse(self, text: str) -> RawArticle:
        from markdown_it import MarkdownIt  # on use: a plain-text article does not need it

        fields, body = _front_matter(text)
        tokens = MarkdownIt("commonmark").disable(["image"]).parse(body)
        blocks: list[Block] = []
        heading_level = 0
        for token in tokens:
            if token.type == "heading_open":
                heading_level = int(token.tag[1])
            elif token.type == "inline":
                content = _inline_text(token)
                if not content:
                    continue
                if heading_level:
                    blocks.append(Block(kind="heading", text=content, level=heading_level))
                else:
                    blocks.append(Block(kind="paragraph", text=content))
            elif token.type == "heading_close":
                heading_level = 0
            elif token.type == "html_block":
                content = visible_text(token.content)
                if content:
                    blocks.append(Block(kind="paragraph", text=content))
            elif token.type in ("fence", "code_block"):
                continue  # code is not read aloud
        title = fields.get("title", "")
        if not title:
            first_h1 = next((b for b in blocks if b.kind == "heading" and b.level == 1), None)
            first = first_h1 or next((b for b in blocks if b.kind == "heading"), None)
            if first is not None and first is blocks[0]:
                title = first.text
                blocks.remove(first)
            elif first_h1 is not None:
                title = first_h1.text
                blocks.remove(first_h1)
        metadata = Metadata(
            author=fields.get("author", ""),
            date=fields.get("date", ""),
            description=fields.get("description", ""),
            source=fields.get("source", fields.get("url", "")),
        )
        return RawArticle(title=title, blocks=tuple(blocks), metadata=metadata)


register_parser("markdown", MarkdownParser, MarkdownParser.extensions)
