"""The summary as a small Document, so that it can be narrated like an article."""

from __future__ import annotations

from collections.abc import Sequence

from exporter.model import Document, Metadata, Paragraph, Section, Sentence
from exporter.summary.model import PlainSummary
from exporter.summary.render import (
    BRIEFS_HEADING,
    ESSENTIEL_HEADING,
    GLOSSARY_HEADING,
    POINTS_HEADING,
    SUMMARY_HEADING,
)


def _section(number: int, title: str, texts: Sequence[str]) -> Section:
    section_id = f"r{number}"
    paragraph_id = f"{section_id}-p1"
    sentences = tuple(
        Sentence(id=f"{paragraph_id}-s{index}", text=text) for index, text in enumerate(texts, 1)
    )
    return Section(
        id=section_id,
        title=title,
        paragraphs=(Paragraph(id=paragraph_id, sentences=sentences),),
    )


def summary_document(summary: PlainSummary, document: Document) -> Document:
    """The essentiel (read first), the summary, the section briefs, the glossary: each a
    chapter of the audio. The document's title is the article's: "résumé en langage
    clair" is said once, as the summary chapter's heading."""
    parts = [
        (ESSENTIEL_HEADING, list(summary.essentiel)),
        (POINTS_HEADING, list(summary.sentences)),
    ]
    if summary.briefs:
        parts.append(
            (BRIEFS_HEADING, [f"{brief.title} : {brief.sentence}" for brief in summary.briefs])
        )
    if summary.glossary:
        parts.append(
            (GLOSSARY_HEADING, [f"{entry.term} : {entry.definition}" for entry in summary.glossary])
        )
    sections = tuple(
        _section(number, title, texts) for number, (title, texts) in enumerate(parts, 1) if texts
    )
    metadata = document.metadata
    return Document(
        title=f"{document.title} : {SUMMARY_HEADING.lower()}",
        sections=sections,
        language=document.language,
        metadata=Metadata(
            author=metadata.author,
            publisher=metadata.publisher,
            date=metadata.date,
            description=" ".join(summary.essentiel) or SUMMARY_HEADING,
            source=metadata.source,
        ),
    )
