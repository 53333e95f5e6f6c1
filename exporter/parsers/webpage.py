"""Full web pages (a news site's page, saved or fetched): the article, without the rest.

The extraction is trafilatura's (the field's reference extractor): it removes menus,
cookie banners, share bars, related links and comments, and reads the page's metadata
(title, author, date, site name, canonical URL, description). This module only turns its
result into blocks: ``<head>`` elements become headings (intertitres), paragraphs, list
items, quotes and table rows become paragraphs, and the promotional lines that sit inside
the text ("Lire aussi", "Publicité"; :mod:`exporter.parsers.boilerplate_data`) are dropped.

A page saved by a browser or fetched by :mod:`exporter.parsers.fetch` may start with the
"saved from url" comment (``<!-- saved from url=(0023)https://example.org/ -->``); its URL
is the article's source when the page names no canonical URL.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

from lxml import etree, html

from exporter.model import Metadata
from exporter.parsers import Block, RawArticle, register_parser
from exporter.parsers.boilerplate_data import PROMOTION_PREFIXES, STANDALONE_LABELS
from exporter.parsers.cleaning import clean_inline

log = logging.getLogger(__name__)

_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.IGNORECASE)
# Signs that an HTML file is a whole page of a site rather than an article's own markup.
_PAGE_MARKERS = re.compile(
    r"<(?:nav|header|footer|aside)[\s>]|cookie|consent|partag|share|commentaire|comment-",
    re.IGNORECASE,
)
_LANG = re.compile(r"<html[^>]*\blang\s*=\s*[\"']?([A-Za-z]{2,3})", re.IGNORECASE)
_MIN_MARKERS = 2
#: A bold line longer than this is emphasis in the text, not an intertitre.
_MAX_INTERTITLE_WORDS = 14


def saved_from_url(text: str) -> str:
    """The URL of a "saved from url" comment at the top of a page, else ""."""
    match = _SAVED_FROM.search(text[:2000])
    return match.group(1) if match else ""


def saved_from_comment(url: str) -> str:
    """The comment that records where a page was fetched from (the browsers' convention)."""
    return f"<!-- saved from url=({len(url):04d}){url} -->\n"


def looks_like_full_page(text: str) -> bool:
    """True when the HTML carries a site's furniture (menus, banners, share bars, comments)."""
    return len(set(m.group(0).lower()[:6] for m in _PAGE_MARKERS.finditer(text))) >= _MIN_MARKERS


def page_language(text: str) -> str:
    """The primary language subtag of ``<html lang>`` ("fr" for "fr-FR"), else ""."""
    match = _LANG.search(text[:5000])
    return match.group(1).lower() if match else ""


def is_promotion(text: str) -> bool:
    """A "Lire aussi"-style line or a lone label ("Publicité"): not part of the article."""
    key = " ".join(text.casefold().split()).rstrip(" :")
    return key in STANDALONE_LABELS or key.startswith(PROMOTION_PREFIXES)


def _text(element: etree._Element) -> str:
    text = clean_inline(" ".join(element.itertext()))
    return re.sub(r"\s+([,.)])", r"\1", text)


def _blocks(body: etree._Element) -> Iterator[Block]:
    for element in body:
        tag = element.tag
        if tag == "head":
            rend = str(element.get("rend", "h2"))
            level = int(rend[1]) if re.fullmatch(r"h[1-6]", rend) else 2
            text = _text(element)
            if text:
                yield Block(kind="heading", text=text, level=level)
        elif tag == "list":
            for item in element.iter("item"):
                if item.find("item") is None and (text := _text(item)):
                    yield Block(kind="paragraph", text=text)
        elif tag == "table":
            for row in element.iter("row"):
                cells = [_text(cell) for cell in row.iter("cell")]
                if text := " ; ".join(cell for cell in cells if cell):
                    yield Block(kind="paragraph", text=text)
        elif tag in ("p", "quote", "code") and (text := _text(element)):
            if tag == "p" and _bold_intertitle(element, text):
                yield Block(kind="heading", text=text, level=2)
            else:
                yield Block(kind="paragraph", text=text)


def _bold_intertitle(element: etree._Element, text: str) -> bool:
    """A paragraph that is one short bold run, without a final period: an intertitre
    written as ``<p><strong>...</strong></p>``, as many news sites do."""
    children = list(element)
    return (
        len(children) == 1
        and children[0].tag == "hi"
        and str(children[0].get("rend", "")) == "#b"
        and not (element.text or "").strip()
        and not (children[0].tail or "").strip()
        and len(text.split()) <= _MAX_INTERTITLE_WORDS
        and not text.endswith((".", ":", "…"))
    )


def _visible_in_body(text: str, page: str) -> bool:
    """Whether ``text`` is shown in the page's body (not only in its ``<head>`` metadata)."""
    try:
        tree = html.fromstring(page)
    except (etree.ParserError, ValueError):
        return False
    body = tree.find("body")
    if body is None:
        return False
    shown = " ".join(" ".join(body.itertext()).split())
    return " ".join(text.split()) in shown


def _plain_html(text: str) -> RawArticle:
    from exporter.parsers.html import HtmlParser

    return HtmlParser().parse(text)


class WebPageParser:
    name = "webpage"
    #: Chosen for .html files that look like a whole page (see looks_like_full_page).
    extensions: tuple[str, ...] = ()

    def parse(self, text: str) -> RawArticle:
        import trafilatura.settings  # 0.3 s and ~25 MB: only when a web page is read

        url = saved_from_url(text)
        extracted = trafilatura.bare_extraction(
            text,
            url=url or None,
            include_comments=False,
            include_formatting=True,
            include_tables=True,
            include_images=False,
            include_links=False,
            with_metadata=True,
        )
        if not isinstance(extracted, trafilatura.settings.Document) or extracted.body is None:
            log.info("the extractor found no article in the page: reading it as plain HTML")
            return _plain_html(text)
        title = clean_inline(extracted.title or "")
        blocks = [
            block
            for block in _blocks(extracted.body)
            if not (block.kind == "paragraph" and is_promotion(block.text))
            and not (block.kind == "heading" and block.text == title)
        ]
        description = clean_inline(extracted.description or "")
        paragraphs = [block.text for block in blocks if block.kind == "paragraph"]
        if not paragraphs:
            log.info("the extractor kept no paragraph: reading the page as plain HTML")
            return _plain_html(text)
        # The standfirst (chapô) often sits in the article's header, which extractors drop;
        # the page's description is that standfirst when the page shows it.
        if (
            description
            and paragraphs
            and not any(description in p or p in description for p in paragraphs[:2])
            and _visible_in_body(description, text)
        ):
            blocks.insert(0, Block(kind="paragraph", text=description))
        language = page_language(text)
        metadata = Metadata(
            author=clean_inline(extracted.author or ""),
            publisher=clean_inline(extracted.sitename or ""),
            date=(extracted.date or "")[:10],
            description=description,
            source=extracted.url or url,
        )
        return RawArticle(title=title, blocks=tuple(blocks), metadata=metadata, language=language)


register_parser("webpage", WebPageParser, WebPageParser.extensions)
