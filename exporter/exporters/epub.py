"""Accessible EPUB 3: a title page, a plain-language chapter and one chapter per section.

The book is planned first (:func:`plan_book`: pure, returns the XHTML bytes of every
file and the package metadata) and then packaged by ebooklib (:func:`write_book`). Every
paragraph and sentence of the article keeps its model id as an XHTML ``id``, so that
Media Overlays can later add, per section, an audio file and a SMIL document pointing at
those ids: they fit in as extra :class:`Resource` objects, a ``media_overlay`` on each
:class:`ContentFile` and extra :class:`MetaProperty` entries, without changing the XHTML.

The package passes EPUBCheck and Ace by DAISY: ``xml:lang`` on ``<package>`` (which
ebooklib cannot write, hence :class:`_AccessibleWriter`), schema.org accessibility
metadata, ``lang`` and ``xml:lang`` on every document, no empty title or link, headings
without jumps, and no ``epub:type`` page breaks (ebooklib's ``epub3_pages`` is off).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from ebooklib import epub
from lxml import etree

from exporter.errors import ExportError
from exporter.exporters import ExportContext, register_exporter
from exporter.fsutil import atomic_path
from exporter.model import Document, Metadata, Paragraph, Section
from exporter.summary.model import PlainSummary
from exporter.summary.render import SUMMARY_HEADING, render_fragment

logger = logging.getLogger(__name__)

XHTML_NS = "http://www.w3.org/1999/xhtml"
EPUB_NS = "http://www.idpf.org/2007/ops"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EPUB_TYPE = f"{{{EPUB_NS}}}type"

STYLESHEET_FILE = "style/epub.css"
NAV_FILE = "nav.xhtml"
TITLE_PAGE_FILE = "titlepage.xhtml"
SUMMARY_FILE = "summary.xhtml"

#: What the book says about itself (French: the books are French).
TITLE_FALLBACK = "Article sans titre"
SECTION_TITLE_FALLBACK = "Partie {number}"
TOC_TITLE = "Table des matières"
LANDMARKS_TITLE = "Repères"
BODYMATTER_LABEL = "Début de l’article"
SOURCE_LABEL = "Source : "
AUTHOR_LABEL = "Auteur : "
PUBLISHER_LABEL = "Publié par "
DATE_LABEL = "Publié le "
FRENCH_MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip

CONFORMS_TO = "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"
ACCESS_MODES = ("textual",)
ACCESS_MODES_SUFFICIENT = ("textual",)
ACCESSIBILITY_FEATURES = (
    "structuralNavigation",
    "tableOfContents",
    "readingOrder",
    "displayTransformability",
)
ACCESSIBILITY_SUMMARY = (
    "Ce livre numérique ne contient que du texte : ni image, ni son, ni vidéo. Des titres "
    "le structurent, une table des matières permet d’y naviguer et l’ordre de lecture suit "
    "celui de l’article. Un chapitre résume l’article en langage clair. Le système de "
    "lecture peut agrandir le texte et en changer les couleurs. Le livre est conçu pour "
    "respecter EPUB Accessibility 1.1 et les WCAG 2.1 au niveau AA."
)

# Characters XML 1.0 forbids, plus C1 controls and non-characters, which it discourages.
_NOT_XML_SAFE = re.compile(
    "[^\t\n\r\u0020-\u007e\u00a0-\ud7ff\ue000-\ufdcf\ufdf0-\ufffd\U00010000-\U0010ffff]"
)
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_WEB_ADDRESS = re.compile(r"https?://\S+", re.IGNORECASE)


@dataclass(frozen=True, kw_only=True, slots=True)
class ContentFile:
    """One XHTML document of the book, in reading order."""

    uid: str
    file_name: str
    title: str
    content: bytes
    #: Listed in the table of contents.
    in_toc: bool = True
    #: Manifest id of the SMIL document that narrates this file (Media Overlays).
    media_overlay: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Resource:
    """Any other file of the book: stylesheet, and later audio and SMIL documents."""

    uid: str
    file_name: str
    media_type: str
    content: bytes


@dataclass(frozen=True, kw_only=True, slots=True)
class MetaProperty:
    """A ``<meta property="...">`` of the package, optionally refining an item."""

    name: str
    value: str
    refines: str = ""


@dataclass(frozen=True, kw_only=True, slots=True)
class BookPlan:
    identifier: str
    title: str
    language: str
    metadata: Metadata
    modified: dt.datetime
    #: Reading order: title page, plain-language chapter, then one file per section.
    files: tuple[ContentFile, ...]
    #: The navigation document (table of contents and landmarks).
    nav: bytes
    resources: tuple[Resource, ...]
    properties: tuple[MetaProperty, ...]


# --- Text --------------------------------------------------------------------------


def xml_text(text: str) -> str:
    """``text`` on one line, without the characters XML 1.0 forbids or discourages."""
    return " ".join(_NOT_XML_SAFE.sub("", text).split())


def book_language(document: Document) -> str:
    language = xml_text(document.language)
    return language if _LANGUAGE_TAG.fullmatch(language) else "fr"


def book_title(document: Document) -> str:
    return xml_text(document.title) or TITLE_FALLBACK


def section_title(section: Section, number: int) -> str:
    return xml_text(section.title) or SECTION_TITLE_FALLBACK.format(number=number)


def book_identifier(document: Document) -> str:
    """A URN that stays the same each time the same article is exported."""
    source = xml_text(document.metadata.source)
    # Without a source, the text itself tells two untitled articles apart.
    key = "\x1f".join((book_title(document), source or document.text))
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, key)}"


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


def french_date(value: str) -> str:
    """'2012-05-22' -> '22 mai 2012' ('1er' for the first of the month)."""
    day = dt.date.fromisoformat(value)
    day_text = "1er" if day.day == 1 else str(day.day)
    return f"{day_text} {FRENCH_MONTHS[day.month - 1]} {day.year}"


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


def title_page(document: Document, *, title: str, language: str) -> bytes:
    body = etree.Element(_x("body"))
    page = _element(body, "section", id="titlepage", **{"class": "title-page"})
    page.set(EPUB_TYPE, "titlepage")
    _element(page, "h1", title)
    metadata = document.metadata
    author = xml_text(metadata.author)
    if author:
        _element(page, "p", AUTHOR_LABEL + author)
    publisher = xml_text(metadata.publisher)
    if publisher:
        _element(page, "p", PUBLISHER_LABEL + publisher)
    date = iso_date(metadata.date)
    if date:
        line = _element(page, "p", DATE_LABEL)
        _element(line, "time", french_date(date), datetime=date)
    source = xml_text(metadata.source)
    if source:
        line = _element(page, "p", SOURCE_LABEL)
        if _WEB_ADDRESS.fullmatch(source):
            _element(line, "a", source, href=source)
        else:
            _element(line, "span", source)
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
    chapter.text = wrapper.text
    chapter.extend(wrapper)
    return _xhtml_page(title=SUMMARY_HEADING, language=language, body=body)


def nav_page(files: Iterable[ContentFile], *, bodymatter: str, language: str) -> bytes:
    body = etree.Element(_x("body"))
    toc = _element(body, "nav", id="toc", role="doc-toc", **{"aria-labelledby": "toc-title"})
    toc.set(EPUB_TYPE, "toc")
    _element(toc, "h1", TOC_TITLE, id="toc-title")
    entries = _element(toc, "ol")
    for file in files:
        if file.in_toc:
            _element(_element(entries, "li"), "a", file.title, href=file.file_name)
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


# --- Plan --------------------------------------------------------------------------


def accessibility_properties() -> tuple[MetaProperty, ...]:
    """schema.org accessibility metadata that tells the truth about a text-only book."""
    return (
        *(MetaProperty(name="schema:accessMode", value=mode) for mode in ACCESS_MODES),
        *(
            MetaProperty(name="schema:accessModeSufficient", value=mode)
            for mode in ACCESS_MODES_SUFFICIENT
        ),
        *(
            MetaProperty(name="schema:accessibilityFeature", value=feature)
            for feature in ACCESSIBILITY_FEATURES
        ),
        MetaProperty(name="schema:accessibilityHazard", value="none"),
        MetaProperty(name="schema:accessibilitySummary", value=ACCESSIBILITY_SUMMARY),
        MetaProperty(name="dcterms:conformsTo", value=CONFORMS_TO),
    )


def stylesheet() -> Resource:
    css = resources.files("exporter.exporters").joinpath("epub.css").read_bytes()
    return Resource(uid="style", file_name=STYLESHEET_FILE, media_type="text/css", content=css)


def plan_book(document: Document, summary: PlainSummary, *, modified: dt.datetime) -> BookPlan:
    """Every file and metadata entry of the EPUB of ``document``, ready to package."""
    language = book_language(document)
    title = book_title(document)
    files = [
        ContentFile(
            uid="titlepage",
            file_name=TITLE_PAGE_FILE,
            title=title,
            content=title_page(document, title=title, language=language),
            in_toc=False,
        ),
        ContentFile(
            uid="summary",
            file_name=SUMMARY_FILE,
            title=SUMMARY_HEADING,
            content=summary_page(summary, language=language),
        ),
    ]
    for number, section in enumerate(document.sections, start=1):
        heading = section_title(section, number)
        files.append(
            ContentFile(
                uid=f"section-{number:03d}",
                file_name=f"section-{number:03d}.xhtml",
                title=heading,
                content=section_page(section, title=heading, language=language),
            )
        )
    bodymatter = files[2].file_name if len(files) > 2 else files[1].file_name
    return BookPlan(
        identifier=book_identifier(document),
        title=title,
        language=language,
        metadata=document.metadata,
        modified=modified,
        files=tuple(files),
        nav=nav_page(files, bodymatter=bodymatter, language=language),
        resources=(stylesheet(),),
        properties=accessibility_properties(),
    )


# --- Packaging ---------------------------------------------------------------------


class _PrebuiltHtml(epub.EpubHtml):  # type: ignore[misc]
    """An XHTML document written as is (ebooklib would re-parse it as HTML)."""

    def get_content(self, default: bytes | None = None) -> bytes:
        return bytes(self.content)


class _PrebuiltNav(epub.EpubNav):  # type: ignore[misc]
    def get_content(self, default: bytes | None = None) -> bytes:
        return bytes(self.content)


class _AccessibleWriter(epub.EpubWriter):  # type: ignore[misc]
    """ebooklib's writer, plus ``xml:lang`` on ``<package>`` and our own nav document."""

    def __init__(self, name: str, book: epub.EpubBook, *, language: str, options: dict[str, Any]):
        super().__init__(name, book, options)
        self.language = language

    def _write_opf_file(self, root: Any) -> None:
        root.set(XML_LANG, self.language)
        super()._write_opf_file(root)

    def _get_nav(self, item: Any) -> bytes:
        return bytes(item.get_content())


def _book(plan: BookPlan) -> epub.EpubBook:
    book = epub.EpubBook()
    book.set_identifier(plan.identifier)
    book.set_title(plan.title)
    book.set_language(plan.language)
    metadata = plan.metadata
    for name, value in (
        ("creator", xml_text(metadata.author)),
        ("publisher", xml_text(metadata.publisher)),
        ("description", xml_text(metadata.description)),
        ("source", xml_text(metadata.source)),
        ("date", iso_date(metadata.date)),
    ):
        if value:
            book.add_metadata("DC", name, value)
    for prop in plan.properties:
        attributes = {"property": prop.name}
        if prop.refines:
            attributes["refines"] = prop.refines
        book.add_metadata(None, "meta", xml_text(prop.value), attributes)
    for resource in plan.resources:
        book.add_item(
            epub.EpubItem(
                uid=resource.uid,
                file_name=resource.file_name,
                media_type=resource.media_type,
                content=resource.content,
            )
        )
    documents = []
    for file in plan.files:
        item = _PrebuiltHtml(
            uid=file.uid,
            file_name=file.file_name,
            title=file.title,
            lang=plan.language,
            media_overlay=file.media_overlay,
        )
        item.content = file.content
        book.add_item(item)
        documents.append(item)
    nav = _PrebuiltNav(title=TOC_TITLE)
    nav.content = plan.nav
    book.add_item(nav)
    book.add_item(epub.EpubNcx())
    book.toc = [item for item, file in zip(documents, plan.files, strict=True) if file.in_toc]
    # The table of contents comes right after the title page in the reading order.
    book.spine = [documents[0], nav, *documents[1:]]
    return book


def write_book(plan: BookPlan, path: Path) -> None:
    """Package ``plan`` as an EPUB at ``path`` (overwritten)."""
    book = _book(plan)
    options = {
        "raise_exceptions": True,
        "epub3_pages": False,
        "epub2_guide": False,
        "mtime": plan.modified.astimezone(dt.UTC),
    }
    writer = _AccessibleWriter(str(path), book, language=plan.language, options=options)
    writer.process()
    writer.write()


def modification_time() -> dt.datetime:
    """Now, or ``SOURCE_DATE_EPOCH`` when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    return dt.datetime.now(tz=dt.UTC).replace(microsecond=0)


class EpubExporter:
    name = "epub"
    description = "accessible EPUB 3 (EPUB Accessibility 1.1, WCAG 2.1 AA)"

    def export(self, context: ExportContext) -> list[Path]:
        path = context.out_dir / f"{context.slug}.epub"
        plan = plan_book(context.document, context.summary, modified=modification_time())
        try:
            with atomic_path(path) as tmp:
                write_book(plan, tmp)
        except OSError as error:
            raise ExportError(f"cannot write {path}: {error}") from error
        logger.info("wrote %s (%d chapters)", path, len(plan.files) - 1)
        return [path]


register_exporter("epub", EpubExporter)
