"""The XHTML documents of the EPUB: title page, plain-language chapter, one page per
article section, and the navigation document.

Every paragraph and sentence of the article keeps its model id as an XHTML ``id``; the
title page and the plain-language chapter give one to each element they read aloud
(:data:`NARRATED_TAGS`). Every page has ``lang`` and ``xml:lang``, no empty title or
link, and headings without jumps; text is stripped of what XML 1.0 forbids.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from lxml import etree

from exporter.errors import ExportError
from exporter.model import Document, Paragraph, Section
from exporter.summary.model import PlainSummary
from exporter.summary.render import GLOSSARY_HEADING, SUMMARY_HEADING, render_fragment
from exporter.text.dates import french_date
from exporter.xmlutil import local_name

XHTML_NS = "http://www.w3.org/1999/xhtml"
EPUB_NS = "http://www.idpf.org/2007/ops"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EPUB_TYPE = f"{{{EPUB_NS}}}type"

#: Files the pages link to.
STYLESHEET_FILE = "style/epub.css"
NAV_FILE = "nav.xhtml"
COVER_FILE = "images/cover.jpg"

#: What the book says about itself (French: the books are French).
TOC_TITLE = "Table des matières"
LANDMARKS_TITLE = "Repères"
BODYMATTER_LABEL = "Début de l’article"
SOURCE_LABEL = "Source : "
AUTHOR_LABEL = "Auteur : "
PUBLISHER_LABEL = "Publié par "
DATE_LABEL = "Publié le "
COVER_ALT = "Couverture : {title}"

#: Elements read aloud on pages that are not article sections, in document order.
NARRATED_TAGS = frozenset({"h1", "h2", "h3", "p", "li", "dt", "dd", "caption", "tr"})

# Characters XML 1.0 forbids, plus C1 controls and non-characters, which it discourages.
_NOT_XML_SAFE = re.compile(
    "[^\t\n\r\u0020-\u007e\u00a0-\ud7ff\ue000-\ufdcf\ufdf0-\ufffd\U00010000-\U0010ffff]"
)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_WEB_ADDRESS = re.compile(r"https?://\S+", re.IGNORECASE)


# --- Text --------------------------------------------------------------------------


def xml_text(text: str) -> str:
    """``text`` on one line, without the characters XML 1.0 forbids or discourages."""
    return " ".join(_NOT_XML_SAFE.sub("", text).split())


def iso_date(value: str) -> str:
    """``value`` when it is a real YYYY-MM-DD date, else ""."""
    value = value.strip()
    if not _ISO_DATE.fullmatch(value):
        return ""
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return ""
    return value


# --- XHTML -------------------------------------------------------------------------


def _x(tag: str) -> str:
    return f"{{{XHTML_NS}}}{tag}"


def _element(parent: Any, tag: str, text: str = "", **attributes: str) -> Any:
    element = etree.SubElement(parent, _x(tag), dict(attributes))
    if text:
        element.text = text
    return element


def _xhtml_page(*, title: str, language: str, body: Any) -> bytes:
    html = etree.Element(_x("html"), nsmap={None: XHTML_NS, "epub": EPUB_NS})
    html.set("lang", language)
    html.set(XML_LANG, language)
    head = _element(html, "head")
    _element(head, "meta", charset="utf-8")
    _element(head, "title", title)
    _element(head, "link", rel="stylesheet", type="text/css", href=STYLESHEET_FILE)
    html.append(body)
    return bytes(
        etree.tostring(html, xml_declaration=True, encoding="utf-8", doctype="<!DOCTYPE html>")
    )


def _paragraph(parent: Any, paragraph: Paragraph) -> None:
    sentences = [(s.id, xml_text(s.text)) for s in paragraph.sentences]
    sentences = [(sentence_id, text) for sentence_id, text in sentences if text]
    if not sentences:
        return
    p = _element(parent, "p", id=paragraph.id)
    for index, (sentence_id, text) in enumerate(sentences):
        span = _element(p, "span", text, id=sentence_id)
        if index < len(sentences) - 1:
            span.tail = " "


def section_page(section: Section, *, title: str, language: str) -> bytes:
    """One article section: its heading, then its paragraphs of sentence ``<span>``."""
    body = etree.Element(_x("body"))
    chapter = _element(
        body, "section", id=section.id, role="doc-chapter", **{"aria-labelledby": section.title_id}
    )
    chapter.set(EPUB_TYPE, "chapter")
    # The heading's id is a narrated unit too (Media Overlays read the title first).
    _element(chapter, "h1", title, id=section.title_id)
    for paragraph in section.paragraphs:
        _paragraph(chapter, paragraph)
    return _xhtml_page(title=title, language=language, body=body)


def title_page(document: Document, *, title: str, language: str, cover: bool = False) -> bytes:
    """The title, the cover (described) and what the metadata says of the article."""
    body = etree.Element(_x("body"))
    page = _element(body, "section", id="titlepage", **{"class": "title-page"})
    page.set(EPUB_TYPE, "titlepage")
    # Ids on every line: Media Overlays read the title page aloud, line by line.
    _element(page, "h1", title, id="titlepage-title")
    if cover:
        _element(page, "img", src=COVER_FILE, alt=COVER_ALT.format(title=title))
    metadata = document.metadata
    author = xml_text(metadata.author)
    if author:
        _element(page, "p", AUTHOR_LABEL + author, id="titlepage-author")
    # Who published it: the publisher, else the web site the article came from.
    publisher = xml_text(metadata.origin)
    if publisher:
        _element(page, "p", PUBLISHER_LABEL + publisher, id="titlepage-publisher")
    date = iso_date(metadata.date)
    if date:
        line = _element(page, "p", DATE_LABEL, id="titlepage-date")
        _element(line, "time", french_date(date), datetime=date)
    source = xml_text(metadata.source)
    # The article's origin is a web address; a local file's name tells a reader nothing.
    if source and _WEB_ADDRESS.fullmatch(source):
        line = _element(page, "p", SOURCE_LABEL, id="titlepage-source")
        _element(line, "a", source, href=source)
    return _xhtml_page(title=title, language=language, body=body)


def summary_page(summary: PlainSummary, *, language: str) -> bytes:
    """The plain-language chapter; its heading is the fragment's own level-1 heading."""
    body = etree.Element(_x("body"))
    chapter = _element(body, "section", id="plain-summary", role="doc-chapter")
    chapter.set(EPUB_TYPE, "chapter")
    fragment = _NOT_XML_SAFE.sub("", render_fragment(summary, heading_level=1))
    try:
        wrapper = etree.fromstring(f'<div xmlns="{XHTML_NS}">{fragment}</div>')
    except etree.XMLSyntaxError as error:
        raise ExportError(
            f"the plain-language summary is not well-formed XHTML: {error}"
        ) from error
    # Ids on what Media Overlays read aloud: headings, list items, terms. The readability
    # table stays visible but silent (some 30 s of figures would be read otherwise).
    narrated = (
        element
        for element in wrapper.iter()
        if local_name(element) in NARRATED_TAGS
        and not any(local_name(up) == "table" for up in element.iterancestors())
    )
    for number, element in enumerate(narrated, start=1):
        element.set("id", f"plain-summary-{number}")
    _mark_glossary(wrapper)
    chapter.text = wrapper.text
    chapter.extend(wrapper)
    return _xhtml_page(title=SUMMARY_HEADING, language=language, body=body)


def _mark_glossary(fragment: Any) -> None:
    """Wrap the glossary's heading and list in a ``<section epub:type="glossary">``."""
    for heading in list(fragment.iter(_x("h2"), _x("h3"))):
        definitions = heading.getnext()
        if "".join(heading.itertext()).strip() != GLOSSARY_HEADING or definitions is None:
            continue
        if definitions.tag != _x("dl"):
            continue
        heading_id = heading.get("id") or "glossary-title"
        heading.set("id", heading_id)
        section = etree.Element(
            _x("section"), {"role": "doc-glossary", "aria-labelledby": heading_id}
        )
        section.set(EPUB_TYPE, "glossary")
        section.tail = definitions.tail
        heading.addprevious(section)
        section.append(heading)
        section.append(definitions)


def nav_page(entries: Iterable[tuple[str, str]], *, bodymatter: str, language: str) -> bytes:
    """The navigation document: a table of contents of ``entries`` (title, file) and
    hidden landmarks (the table itself, and ``bodymatter`` where the article starts)."""
    body = etree.Element(_x("body"))
    toc = _element(body, "nav", id="toc", role="doc-toc", **{"aria-labelledby": "toc-title"})
    toc.set(EPUB_TYPE, "toc")
    _element(toc, "h1", TOC_TITLE, id="toc-title")
    items = _element(toc, "ol")
    for title, file_name in entries:
        _element(_element(items, "li"), "a", title, href=file_name)
    landmarks = _element(body, "nav", id="landmarks", hidden="hidden")
    landmarks.set(EPUB_TYPE, "landmarks")
    _element(landmarks, "h2", LANDMARKS_TITLE)
    marks = _element(landmarks, "ol")
    for kind, label, href in (
        ("toc", TOC_TITLE, f"{NAV_FILE}#toc"),
        ("bodymatter", BODYMATTER_LABEL, bodymatter),
    ):
        _element(_element(marks, "li"), "a", label, href=href).set(EPUB_TYPE, kind)
    return _xhtml_page(title=TOC_TITLE, language=language, body=body)
