"""Packaging a :class:`~exporter.exporters.epub.plan.BookPlan` as an EPUB 3 file with
ebooklib: the package document (OPF) and its metadata, accessibility metadata included.

The package passes EPUBCheck and Ace by DAISY: ``xml:lang`` on ``<package>`` (which
ebooklib cannot write, hence :class:`_AccessibleWriter`), schema.org accessibility
metadata that describes what the book really holds (text, a described cover, narration),
our own navigation document, and no ``epub:type`` page breaks (ebooklib's
``epub3_pages`` is off).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ebooklib import epub

from exporter.exporters.epub.pages import TOC_TITLE, XML_LANG, iso_date, xml_text
from exporter.exporters.epub.plan import BookPlan, MetaProperty

CONFORMS_TO = "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"
ACCESSIBILITY_FEATURES = (
    "structuralNavigation",
    "tableOfContents",
    "readingOrder",
    "displayTransformability",
)
#: The accessibility summary is assembled from what the book really holds:
#: (narrated, cover) -> what it contains.
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


# --- Accessibility metadata --------------------------------------------------------


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


def package_properties(plan: BookPlan) -> tuple[MetaProperty, ...]:
    """Every ``<meta property>`` of the package: accessibility first, then the plan's."""
    accessibility = accessibility_properties(narrated=plan.narrated, cover=plan.has_cover)
    return (*accessibility, *plan.properties)


# --- ebooklib ----------------------------------------------------------------------


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
    for prop in package_properties(plan):
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
