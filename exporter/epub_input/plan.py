"""What of an existing EPUB is narrated, and how it is cut into chapters.

Every XHTML document of the spine is marked (:mod:`exporter.epub_input.marking`); its
units, in reading order, become the sentences of a :class:`~exporter.model.Document` with
one section per entry of the book's table of contents (nested entries included, in
order). A chapter runs from the unit its entry points at to the next entry's. When a
chapter starts with a heading that says the entry's label, that heading is the section's
narrated title; the book's title likewise. Units before the first entry (a title page)
form a first chapter named after the book. A book without a table of contents gets one
chapter per document, named by its first heading.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from exporter.epub_input.marking import MarkedPage, Unit, mark_page
from exporter.errors import EmptyInputError
from exporter.model import TITLE_ID, Document, Paragraph, Section, Sentence
from exporter.parsers.epub_input import EpubBook

STYLESHEET_NAME = "exporter-overlays.css"
ID_PREFIX = "exp-s"


@dataclass(frozen=True, kw_only=True, slots=True)
class PlannedPage:
    uid: str
    #: Archive path of the XHTML document.
    path: str
    marked: MarkedPage
    #: Clip id (in the narration) -> element id (on this page).
    clips: dict[str, str]


@dataclass(frozen=True, kw_only=True, slots=True)
class EpubPlan:
    document: Document
    pages: tuple[PlannedPage, ...]


@dataclass(frozen=True, kw_only=True, slots=True)
class _Placed:
    clip_id: str
    page: int
    unit: Unit


def _same(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def _chapter_starts(
    book: EpubBook, pages: list[PlannedPage], offsets: list[int]
) -> list[tuple[int, str]]:
    index = {page.path: number for number, page in enumerate(pages)}
    starts: dict[int, str] = {}
    for entry in book.nav:
        number = index.get(entry.path)
        if number is None:
            continue
        anchors = pages[number].marked.anchors
        local = anchors.get(entry.fragment, 0) if entry.fragment else 0
        position = offsets[number] + local
        if position < offsets[number + 1] and entry.label:
            starts.setdefault(position, entry.label)
    if not starts:
        for number, page in enumerate(pages):
            if page.marked.units:
                heading = next((u.text for u in page.marked.units if u.heading), "")
                starts[offsets[number]] = heading or f"Partie {len(starts) + 1}"
    return sorted(starts.items())


def plan_epub(book: EpubBook) -> EpubPlan:
    """Mark the book's pages and lay out its narration (see the module's description)."""
    css_href = posixpath.join(book.opf_dir, STYLESHEET_NAME)
    pages: list[PlannedPage] = []
    for number, path in enumerate(book.spine, start=1):
        marked = mark_page(
            book.read(path),
            source=path,
            prefix=ID_PREFIX,
            stylesheet_href=posixpath.relpath(css_href, posixpath.dirname(path) or "."),
            html5=not book.is_epub3,
        )
        pages.append(PlannedPage(uid=f"exporter-{number}", path=path, marked=marked, clips={}))
    placed: list[_Placed] = []
    offsets = [0]
    for number, page in enumerate(pages):
        base = len(placed)
        placed.extend(
            _Placed(clip_id=f"u{base + k}", page=number, unit=unit)
            for k, unit in enumerate(page.marked.units)
        )
        offsets.append(len(placed))
    if not placed:
        raise EmptyInputError(book.opf_path, "the book has no text to narrate")
    title = book.title or next((p.unit.text for p in placed if p.unit.heading), "Livre")
    starts = _chapter_starts(book, pages, offsets)
    if not starts or starts[0][0] > 0:
        starts.insert(0, (0, title))
    clips: list[dict[str, str]] = [{} for _ in pages]
    first = placed[0]
    skip = set()
    if first.unit.heading and _same(first.unit.text, title):
        clips[first.page][TITLE_ID] = first.unit.element_id
        skip.add(0)
    sections = []
    for number, (start, label) in enumerate(starts, start=1):
        end = starts[number][0] if number < len(starts) else len(placed)
        members = [i for i in range(start, end) if i not in skip]
        section_id = f"ch{number}"
        head = placed[members[0]] if members else None
        heading_clip = None
        if (
            head is not None
            and head.unit.heading
            and _same(head.unit.text, label)
            and len(members) > 1
        ):
            heading_clip = (head.page, head.unit.element_id)
            members = members[1:]
        if not members:
            continue
        paragraphs: list[list[int]] = []
        for item in members:
            unit = placed[item]
            clips[unit.page][unit.clip_id] = unit.unit.element_id
            if (
                paragraphs
                and placed[paragraphs[-1][-1]].unit.block == unit.unit.block
                and placed[paragraphs[-1][-1]].page == unit.page
            ):
                paragraphs[-1].append(item)
            else:
                paragraphs.append([item])
        section = Section(
            id=section_id,
            title=label,
            paragraphs=tuple(
                Paragraph(
                    id=f"{section_id}-p{k}",
                    sentences=tuple(
                        Sentence(id=placed[i].clip_id, text=placed[i].unit.text) for i in group
                    ),
                )
                for k, group in enumerate(paragraphs, start=1)
            ),
        )
        if heading_clip is not None:
            clips[heading_clip[0]][section.title_id] = heading_clip[1]
        sections.append(section)
    document = Document(
        title=title, sections=tuple(sections), language=book.language, metadata=book.metadata
    )
    planned = tuple(
        PlannedPage(uid=page.uid, path=page.path, marked=page.marked, clips=clips[number])
        for number, page in enumerate(pages)
    )
    return EpubPlan(document=document, pages=planned)
