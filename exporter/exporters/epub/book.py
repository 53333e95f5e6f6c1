"""Accessible EPUB 3 that reads itself: title page, plain-language chapter, one chapter
per section, and Media Overlays that play the narration in sync with the text.

The book is planned first (:func:`plan_book`: pure, returns the XHTML bytes of every
file and the package metadata), narrated (:func:`page_audio`, then
:func:`~exporter.exporters.epub.overlays.encode_pages`), given its overlays
(:func:`add_overlays`: pure) and packaged by ebooklib (:func:`write_book`). Every
paragraph and sentence of the article keeps its model id as an XHTML ``id``; the title
page and the plain-language chapter give one to each line they read aloud.

Two formats: ``epub`` (with Media Overlays: needs the narration, which the MP3 shares)
and ``epub-text`` (text only, no voice engine needed; ``exporter build --no-overlays``).

The package passes EPUBCheck and Ace by DAISY: ``xml:lang`` on ``<package>`` (which
ebooklib cannot write, hence :class:`_AccessibleWriter`), schema.org accessibility
metadata that describes what the book really holds (text, a described cover, narration),
``lang`` and ``xml:lang`` on every document, no empty title or link, headings without
jumps, and no ``epub:type`` page breaks (ebooklib's ``epub3_pages`` is off).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
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
from exporter.exporters.epub.overlays import (
    ACTIVE_CLASS,
    MP3_MEDIA_TYPE,
    NARRATED_TAGS,
    SMIL_MEDIA_TYPE,
    Overlay,
    PageAudio,
    cut_pages,
    element_ids,
    encode_pages,
    narrate_blocks,
    narrated_blocks,
    smil_document,
)
from exporter.fsutil import atomic_path
from exporter.model import Document, Metadata, Paragraph, Section
from exporter.summary.model import PlainSummary
from exporter.summary.render import GLOSSARY_HEADING, SUMMARY_HEADING, render_fragment
from exporter.text.dates import clock, french_date

logger = logging.getLogger(__name__)

XHTML_NS = "http://www.w3.org/1999/xhtml"
EPUB_NS = "http://www.idpf.org/2007/ops"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EPUB_TYPE = f"{{{EPUB_NS}}}type"

STYLESHEET_FILE = "style/epub.css"
NAV_FILE = "nav.xhtml"
TITLE_PAGE_FILE = "titlepage.xhtml"
SUMMARY_FILE = "summary.xhtml"
COVER_FILE = "images/cover.jpg"

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
COVER_ALT = "Couverture : {title}"
NARRATOR = "voix de synthèse ({engine})"

CONFORMS_TO = "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"
ACCESSIBILITY_FEATURES = (
    "structuralNavigation",
    "tableOfContents",
    "readingOrder",
    "displayTransformability",
)
#: The accessibility summary is assembled from what the book really holds.
SUMMARY_CONTENT = {
    (False, False): "Ce livre numérique ne contient que du texte : ni image, ni son, ni vidéo.",
    (False, True): "Ce livre numérique contient du texte et une image de couverture, "
    "décrite par un texte de remplacement ; ni son, ni vidéo.",
    (True, False): "Ce livre numérique contient du texte et sa lecture à voix haute "
    "par une voix de synthèse, synchronisée phrase par phrase avec le texte (la phrase lue "
    "est surlignée) ; tout le texte est lu, il peut donc être lu ou écouté.",
    (True, True): "Ce livre numérique contient du texte, une image de couverture décrite "
    "par un texte de remplacement, et la lecture à voix haute du texte par une voix de "
    "synthèse, synchronisée phrase par phrase (la phrase lue est surlignée) ; tout le "
    "texte est lu, il peut donc être lu ou écouté.",
}
SUMMARY_STRUCTURE = (
    "Des titres le structurent, une table des matières permet d’y naviguer et l’ordre de "
    "lecture suit celui de l’article. Un chapitre résume l’article en langage clair, avec "
    "un glossaire. Le système de lecture peut agrandir le texte et en changer les couleurs. "
    "Le livre est conçu pour respecter EPUB Accessibility 1.1 et les WCAG 2.1 au niveau AA."
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
    #: Narrated from its own elements (title page, plain-language chapter), not from the
    #: article's narration.
    narrated_alone: bool = False


@dataclass(frozen=True, kw_only=True, slots=True)
class Resource:
    """Any other file of the book: stylesheet, and later audio and SMIL documents."""

    uid: str
    file_name: str
    media_type: str
    content: bytes
    #: Manifest properties, e.g. "cover-image".
    properties: tuple[str, ...] = ()


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


def title_page(document: Document, *, title: str, language: str, cover: bool = False) -> bytes:
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
    publisher = xml_text(metadata.publisher)
    if publisher:
        _element(page, "p", PUBLISHER_LABEL + publisher, id="titlepage-publisher")
    date = iso_date(metadata.date)
    if date:
        line = _element(page, "p", DATE_LABEL, id="titlepage-date")
        _element(line, "time", french_date(date), datetime=date)
    source = xml_text(metadata.source)
    if source:
        line = _element(page, "p", SOURCE_LABEL, id="titlepage-source")
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
    # Ids on what Media Overlays read aloud: headings, list items, terms, table rows.
    for number, element in enumerate(
        (e for e in wrapper.iter() if isinstance(e.tag, str) and _local(e.tag) in NARRATED_TAGS),
        start=1,
    ):
        element.set("id", f"plain-summary-{number}")
    _mark_glossary(wrapper)
    chapter.text = wrapper.text
    chapter.extend(wrapper)
    return _xhtml_page(title=SUMMARY_HEADING, language=language, body=body)


def _local(tag: str) -> str:
    return str(etree.QName(tag).localname)


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


def accessibility_summary(*, narrated: bool, cover: bool) -> str:
    return f"{SUMMARY_CONTENT[narrated, cover]} {SUMMARY_STRUCTURE}"


def accessibility_properties(
    *, narrated: bool = False, cover: bool = False
) -> tuple[MetaProperty, ...]:
    """schema.org accessibility metadata that tells the truth about what the book holds.

    Text always; a picture when there is a cover (described by its alternative text); and
    sound when every page is narrated, which then suffices on its own too.
    """
    modes = ["textual", *(["visual"] if cover else []), *(["auditory"] if narrated else [])]
    sufficient = ["textual", *(["auditory"] if narrated else [])]
    features = [
        *ACCESSIBILITY_FEATURES,
        *(["alternativeText"] if cover else []),
        *(["synchronizedAudioText"] if narrated else []),
    ]
    return (
        *(MetaProperty(name="schema:accessMode", value=mode) for mode in modes),
        *(MetaProperty(name="schema:accessModeSufficient", value=mode) for mode in sufficient),
        *(MetaProperty(name="schema:accessibilityFeature", value=name) for name in features),
        MetaProperty(name="schema:accessibilityHazard", value="none"),
        MetaProperty(
            name="schema:accessibilitySummary",
            value=accessibility_summary(narrated=narrated, cover=cover),
        ),
        MetaProperty(name="dcterms:conformsTo", value=CONFORMS_TO),
    )


def stylesheet() -> Resource:
    css = resources.files("exporter.exporters.epub").joinpath("epub.css").read_bytes()
    return Resource(uid="style", file_name=STYLESHEET_FILE, media_type="text/css", content=css)


def plan_book(
    document: Document,
    summary: PlainSummary,
    *,
    modified: dt.datetime,
    cover: bytes | None = None,
) -> BookPlan:
    """Every file and metadata entry of the (text-only) EPUB of ``document``.

    ``cover`` is a JPEG shown on the title page and declared as the cover image.
    Narration is added afterwards by :func:`add_overlays`.
    """
    language = book_language(document)
    title = book_title(document)
    files = [
        ContentFile(
            uid="titlepage",
            file_name=TITLE_PAGE_FILE,
            title=title,
            content=title_page(document, title=title, language=language, cover=bool(cover)),
            in_toc=False,
            narrated_alone=True,
        ),
        ContentFile(
            uid="summary",
            file_name=SUMMARY_FILE,
            title=SUMMARY_HEADING,
            content=summary_page(summary, language=language),
            narrated_alone=True,
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
        resources=(stylesheet(), *(_cover_resource(cover) if cover else ())),
        properties=accessibility_properties(cover=bool(cover)),
    )


def _cover_resource(cover: bytes) -> tuple[Resource]:
    return (
        Resource(
            uid="cover-image",
            file_name=COVER_FILE,
            media_type="image/jpeg",
            content=cover,
            properties=("cover-image",),
        ),
    )


def add_overlays(plan: BookPlan, overlays: Iterable[Overlay], *, narrator: str) -> BookPlan:
    """``plan`` with Media Overlays: audio, SMIL documents and their metadata.

    The accessibility metadata says the book is narrated only when every content file is.
    """
    by_file = {overlay.page_file: overlay for overlay in overlays}
    if not by_file:
        return plan
    files = tuple(
        dataclasses.replace(file, media_overlay=by_file[file.file_name].smil_uid)
        if file.file_name in by_file
        else file
        for file in plan.files
    )
    ordered = [by_file[file.file_name] for file in plan.files if file.file_name in by_file]
    resources = [
        *plan.resources,
        *(
            Resource(
                uid=overlay.smil_uid,
                file_name=overlay.smil_file,
                media_type=SMIL_MEDIA_TYPE,
                content=smil_document(overlay),
            )
            for overlay in ordered
        ),
        *(
            Resource(
                uid=overlay.audio_uid,
                file_name=overlay.audio_file,
                media_type=MP3_MEDIA_TYPE,
                content=overlay.audio,
            )
            for overlay in ordered
        ),
    ]
    # The total must be the exact sum of the overlays' durations: sum the same integers.
    media = [
        *(
            MetaProperty(
                name="media:duration",
                value=clock(overlay.duration_ms),
                refines=f"#{overlay.smil_uid}",
            )
            for overlay in ordered
        ),
        MetaProperty(
            name="media:duration",
            value=clock(sum(overlay.duration_ms for overlay in ordered)),
        ),
        MetaProperty(name="media:active-class", value=ACTIVE_CLASS),
        MetaProperty(name="media:narrator", value=narrator),
    ]
    cover = any("cover-image" in resource.properties for resource in plan.resources)
    accessibility = accessibility_properties(narrated=len(ordered) == len(plan.files), cover=cover)
    return dataclasses.replace(
        plan,
        files=files,
        resources=tuple(resources),
        properties=(*accessibility, *media),
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
        item = epub.EpubItem(
            uid=resource.uid,
            file_name=resource.file_name,
            media_type=resource.media_type,
            content=resource.content,
        )
        item.properties = list(resource.properties)
        book.add_item(item)
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


def book_cover(document: Document) -> bytes | None:
    """The cover picture (exporter.audio.cover), or None when it cannot be drawn here."""
    try:
        from exporter.audio.cover import render_cover
    except ImportError as error:
        logger.warning("no cover in the EPUB: %s", error)
        return None
    try:
        return render_cover(document)
    except ExportError as error:
        # A cover is welcome, not essential: the book stays complete without it.
        logger.warning("no cover in the EPUB: %s", error)
        return None


def page_audio(plan: BookPlan, context: ExportContext) -> list[PageAudio]:
    """The narration of every content file: sections cut from the article's narration,
    the title page and the plain-language chapter narrated on their own."""
    sections = [
        (file.uid, {element_id: element_id for element_id in element_ids(file.content)})
        for file in plan.files
        if not file.narrated_alone
    ]
    pages = {page.uid: page for page in cut_pages(context.narration, sections)}
    for file in plan.files:
        if file.narrated_alone:
            alone = narrate_blocks(
                file.uid,
                narrated_blocks(file.content),
                narrate=context.narrate,
                language=plan.language,
            )
            if alone is not None:
                pages[file.uid] = alone
    return [pages[file.uid] for file in plan.files if file.uid in pages]


class EpubExporter:
    description = "accessible EPUB 3 with Media Overlays (text synchronised with narration)"

    def __init__(self, *, overlays: bool = True) -> None:
        self.overlays = overlays
        self.name = "epub" if overlays else "epub-text"
        if not overlays:
            self.description = "accessible EPUB 3, text only (no narration)"

    def export(self, context: ExportContext) -> list[Path]:
        path = context.out_dir / f"{context.slug}.epub"
        plan = plan_book(
            context.document,
            context.summary,
            modified=modification_time(),
            cover=book_cover(context.document),
        )
        if self.overlays:
            pages = page_audio(plan, context)
            files = {file.uid: file.file_name for file in plan.files}
            narrator = NARRATOR.format(engine=context.narration.engine)
            plan = add_overlays(plan, encode_pages(pages, files), narrator=narrator)
        try:
            with atomic_path(path) as tmp:
                write_book(plan, tmp)
        except OSError as error:
            raise ExportError(f"cannot write {path}: {error}") from error
        logger.info("wrote %s (%d chapters)", path, len(plan.files) - 1)
        return [path]


register_exporter("epub", EpubExporter, narrated=True, text_only="epub-text")
register_exporter("epub-text", functools.partial(EpubExporter, overlays=False))
