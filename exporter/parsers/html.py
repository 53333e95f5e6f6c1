"""HTML articles, parsed with a real HTML parser (lxml through BeautifulSoup).

Scripts, styles, forms, navigation, hidden and ARIA-hidden content are dropped; the
article or main element is preferred when the page has one. The title comes from the
first ``<h1>``, else ``<title>`` or ``og:title``; ``h1``–``h3`` are headings; ``p``,
``li``, ``blockquote`` and ``figcaption`` are paragraphs.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from exporter.model import Metadata
from exporter.parsers import Block, RawArticle, register_parser
from exporter.parsers.cleaning import clean_inline
from exporter.parsers.webpage import saved_from_url

_DROPPED_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
    "canvas",
    "form",
    "button",
    "select",
    "nav",
    "aside",
    "header",
    "footer",
    "head",
    "audio",
    "video",
    "picture",
    "img",
)
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_PARAGRAPHS = ("p", "li", "blockquote", "figcaption", "dd", "pre")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
#: A "heading" longer than this, or ending with a period, is a standfirst (chapô).
_MAX_HEADING_WORDS = 14


def _is_hidden(tag: Tag) -> bool:
    return (
        tag.has_attr("hidden")
        or tag.get("aria-hidden") == "true"
        or bool(_HIDDEN_STYLE.search(str(tag.get("style", ""))))
    )


def _drop_unread(soup: BeautifulSoup) -> None:
    """Remove what is never read: scripts, embedded objects, navigation, hidden content."""
    for tag in soup.find_all(_DROPPED_TAGS):
        tag.decompose()
    for tag in soup.find_all(_is_hidden):
        if not tag.decomposed:
            tag.decompose()


def visible_text(fragment: str, *, inline: bool = False) -> str:
    """The text a reader sees in an HTML fragment (raw HTML inside Markdown, say).

    ``inline``: the fragment is part of a line, whose tags separate no words."""
    soup = BeautifulSoup(fragment, "lxml")
    _drop_unread(soup)
    return _element_text(soup, separator="" if inline else " ")


def _element_text(tag: Tag | BeautifulSoup, *, separator: str = " ") -> str:
    text = clean_inline(tag.get_text(separator))
    return re.sub(r"\s+([,.)])", r"\1", text)  # get_text(" ") spaces inline tags


def _meta(soup: BeautifulSoup, *names: str) -> str:
    for name in names:
        tag = soup.find("meta", attrs={"name": name}) or soup.find("meta", attrs={"property": name})
        if isinstance(tag, Tag) and tag.get("content"):
            return clean_inline(str(tag["content"]))
    return ""


class HtmlParser:
    name = "html"
    extensions: tuple[str, ...] = (".html", ".htm", ".xhtml")

    def parse(self, text: str) -> RawArticle:
        soup = BeautifulSoup(text, "lxml")
        metadata = Metadata(
            author=_meta(soup, "author", "article:author", "dc.creator"),
            publisher=_meta(soup, "og:site_name", "publisher", "dc.publisher"),
            date=_meta(soup, "article:published_time", "date", "dc.date", "pubdate")[:10],
            description=_meta(soup, "description", "og:description"),
            source=_meta(soup, "og:url") or _canonical(soup) or saved_from_url(text),
        )
        head_title = clean_inline(soup.title.get_text(" ")) if soup.title else ""
        head_title = head_title or _meta(soup, "og:title")
        _drop_unread(soup)
        root = soup.find("article") or soup.find("main") or soup.body or soup
        blocks = list(self._blocks(root))
        title = ""
        first_h1 = next((b for b in blocks if b.kind == "heading" and b.level == 1), None)
        if first_h1 is not None:
            title = first_h1.text
            blocks.remove(first_h1)
        title = title or head_title
        return RawArticle(
            title=title, blocks=tuple(_standfirsts_as_paragraphs(blocks)), metadata=metadata
        )

    def _blocks(self, root: Tag | BeautifulSoup) -> list[Block]:
        blocks: list[Block] = []
        for tag in root.find_all([*_HEADINGS, *_PARAGRAPHS]):
            # A paragraph nested in a list item or quote is taken once, at the innermost level.
            if tag.name in _PARAGRAPHS and tag.find(_PARAGRAPHS):
                continue
            text = _element_text(tag)
            if not text:
                continue
            if tag.name in _HEADINGS:
                blocks.append(Block(kind="heading", text=text, level=int(tag.name[1])))
            else:
                blocks.append(Block(kind="paragraph", text=text))
        return blocks


def _canonical(soup: BeautifulSoup) -> str:
    link = soup.find("link", attrs={"rel": "canonical"})
    return str(link.get("href", "")) if isinstance(link, Tag) else ""


def _standfirsts_as_paragraphs(blocks: list[Block]) -> list[Block]:
    """A sentence-long "heading" is a standfirst or subtitle: keep it as text."""
    result = []
    for block in blocks:
        words = block.text.split()
        if block.kind == "heading" and (
            len(words) > _MAX_HEADING_WORDS or block.text.endswith(".")
        ):
            result.append(Block(kind="paragraph", text=block.text))
        else:
            result.append(block)
    return result


register_parser("html", HtmlParser, HtmlParser.extensions)
