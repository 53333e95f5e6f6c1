"""From a parser's flat blocks to a document of titled sections with stable ids."""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Sequence

from exporter.errors import EmptyInputError
from exporter.model import Document, Metadata, Paragraph, Section, Sentence
from exporter.parsers import Block, RawArticle
from exporter.parsers.cleaning import clean_inline
from exporter.parsers.headline import generate_title
from exporter.parsers.sections import SectionPlan, infer_sections, infer_title
from exporter.text.sentences import split_sentences

log = logging.getLogger(__name__)


#: A letter of the Latin alphabet, accented or not: what a French text is written in.
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]")


def _cleaned(raw: RawArticle) -> RawArticle:
    """Every text of the article through :func:`clean_inline`, whatever the parser (control
    characters, invisible characters and line breaks never reach a document)."""
    blocks = tuple(
        Block(kind=block.kind, text=text, level=block.level)
        for block in raw.blocks
        if (text := clean_inline(block.text))
    )
    cleaned = {
        field.name: clean_inline(value)
        for field in dataclasses.fields(raw.metadata)
        if isinstance(value := getattr(raw.metadata, field.name), str)
    }
    metadata = dataclasses.replace(raw.metadata, **cleaned)
    return RawArticle(title=clean_inline(raw.title), blocks=blocks, metadata=metadata)


def build_document(raw: RawArticle, *, source: str = "") -> Document:
    """Split sentences, keep the author's headings or infer sections, number everything."""
    raw = _cleaned(raw)
    paragraphs = [block.text for block in raw.blocks if block.kind == "paragraph"]
    label = source or raw.title or "<text>"
    if not paragraphs:
        raise EmptyInputError(label, "no paragraph of text found")
    if not any(_LATIN_LETTER.search(text) for text in paragraphs):
        raise EmptyInputError(
            label,
            "no French text to read: the article has no letter of the Latin alphabet "
            "(only emoji, symbols, digits or another script)",
            hint="Give an article written in French.",
        )
    title = raw.title or generate_title(paragraphs)
    if any(block.kind == "heading" for block in raw.blocks):
        plans = _plans_from_headings(raw.blocks, title)
    else:
        plans = [(plan, True) for plan in infer_sections(paragraphs, document_title=title)]
    sections = tuple(
        _section(number, plan, paragraphs[plan.start : plan.end], inferred)
        for number, (plan, inferred) in enumerate(plans, start=1)
    )
    metadata = raw.metadata
    if source and not metadata.source:
        metadata = Metadata(
            author=metadata.author,
            publisher=metadata.publisher,
            date=metadata.date,
            description=metadata.description,
            source=source,
        )
    if raw.language:
        return Document(title=title, sections=sections, metadata=metadata, language=raw.language)
    return Document(title=title, sections=sections, metadata=metadata)


def _plans_from_headings(blocks: Sequence[Block], title: str) -> list[tuple[SectionPlan, bool]]:
    """Sections start at headings; text before the first heading gets an inferred title."""
    plans: list[tuple[SectionPlan, bool]] = []
    heading: str | None = None
    start = count = 0
    headings = [block.text for block in blocks if block.kind == "heading"]
    paragraphs = [block.text for block in blocks if block.kind == "paragraph"]

    def close() -> None:
        if count == start:
            if heading is not None:
                log.info("heading %r has no text under it: dropped", heading)
            return
        if heading is None:
            lead_title = infer_title(paragraphs[start:count], avoid=headings, document_title=title)
            plans.append((SectionPlan(title=lead_title, start=start, end=count), True))
        else:
            plans.append((SectionPlan(title=heading, start=start, end=count), False))

    for block in blocks:
        if block.kind == "heading":
            close()
            heading, start = block.text, count
        else:
            count += 1
    close()
    return plans


def _section(number: int, plan: SectionPlan, texts: Sequence[str], inferred: bool) -> Section:
    section_id = f"sec{number}"
    paragraphs = []
    for p_number, text in enumerate(texts, start=1):
        paragraph_id = f"{section_id}-p{p_number}"
        sentences = tuple(
            Sentence(id=f"{paragraph_id}-s{s_number}", text=sentence)
            for s_number, sentence in enumerate(split_sentences(text), start=1)
        )
        if sentences:
            paragraphs.append(Paragraph(id=paragraph_id, sentences=sentences))
    return Section(
        id=section_id, title=plan.title, paragraphs=tuple(paragraphs), title_inferred=inferred
    )
