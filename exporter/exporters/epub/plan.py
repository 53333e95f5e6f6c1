"""What the EPUB holds, before any of it is written: its identity, its pages in reading
order (title page, plain-language chapter, one page per article section) with their ids
and file names, and its other files (stylesheet, cover).

:func:`plan_book` is pure: it returns the XHTML bytes of every page. Narration is added
to the plan afterwards (:func:`~exporter.exporters.epub.overlays.add_overlays`), and
:func:`~exporter.exporters.epub.package.write_book` packages it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import os
import re
import uuid
from dataclasses import dataclass
from importlib import resources

from exporter.errors import ExportError
from exporter.exporters.epub.pages import (
    COVER_FILE,
    STYLESHEET_FILE,
    nav_page,
    section_page,
    summary_page,
    title_page,
    xml_text,
)
from exporter.model import Document, Metadata, Section
from exporter.summary.model import PlainSummary
from exporter.summary.render import SUMMARY_HEADING

logger = logging.getLogger(__name__)

TITLE_PAGE_FILE = "titlepage.xhtml"
SUMMARY_FILE = "summary.xhtml"
TITLE_FALLBACK = "Article sans titre"
SECTION_TITLE_FALLBACK = "Partie {number}"
COVER_PROPERTY = "cover-image"

_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")


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
    """Any other file of the book: stylesheet, cover, audio and SMIL documents."""

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
    #: Package metadata besides the accessibility metadata, which the package derives
    #: from what the book holds (Media Overlays add their durations, narrator...).
    properties: tuple[MetaProperty, ...] = ()

    @property
    def has_cover(self) -> bool:
        return any(COVER_PROPERTY in resource.properties for resource in self.resources)

    @property
    def narrated(self) -> bool:
        """Every content file has its Media Overlay."""
        return all(file.media_overlay for file in self.files)


# --- Identity ----------------------------------------------------------------------


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


def modification_time() -> dt.datetime:
    """Now, or ``SOURCE_DATE_EPOCH`` when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    return dt.datetime.now(tz=dt.UTC).replace(microsecond=0)


# --- Files -------------------------------------------------------------------------


def stylesheet() -> Resource:
    css = resources.files("exporter.exporters.epub").joinpath("epub.css").read_bytes()
    return Resource(uid="style", file_name=STYLESHEET_FILE, media_type="text/css", content=css)


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


def _cover_resource(cover: bytes) -> Resource:
    return Resource(
        uid="cover-image",
        file_name=COVER_FILE,
        media_type="image/jpeg",
        content=cover,
        properties=(COVER_PROPERTY,),
    )


def plan_book(
    document: Document,
    summary: PlainSummary,
    *,
    modified: dt.datetime,
    cover: bytes | None = None,
) -> BookPlan:
    """Every file and metadata entry of the (text-only) EPUB of ``document``.

    ``cover`` is a JPEG shown on the title page and declared as the cover image.
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
    entries = [(file.title, file.file_name) for file in files if file.in_toc]
    return BookPlan(
        identifier=book_identifier(document),
        title=title,
        language=language,
        # dc:description: the summary's essentiel, when there is one.
        metadata=dataclasses.replace(
            document.metadata,
            description=" ".join(summary.essentiel) or document.metadata.description,
        ),
        modified=modified,
        files=tuple(files),
        nav=nav_page(entries, bodymatter=bodymatter, language=language),
        resources=(stylesheet(), *([_cover_resource(cover)] if cover else [])),
    )
