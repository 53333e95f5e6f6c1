"""The document model: small, frozen, keyword-only dataclasses.

A :class:`Document` holds titled :class:`Section` objects, each holding
:class:`Paragraph` objects made of :class:`Sentence` objects. Every section, paragraph
and sentence carries a stable id derived from its position, so that audio timings, EPUB
anchors and Media Overlays can point at it (ids are valid XML ids).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlparse

#: Id of the document's title: a narrated unit like a sentence, and an anchor in every output.
TITLE_ID = "doc-title"


@dataclass(frozen=True, kw_only=True, slots=True)
class Sentence:
    id: str
    text: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Paragraph:
    id: str
    sentences: tuple[Sentence, ...]

    @property
    def text(self) -> str:
        return " ".join(sentence.text for sentence in self.sentences)


@dataclass(frozen=True, kw_only=True, slots=True)
class Section:
    id: str
    title: str
    paragraphs: tuple[Paragraph, ...]
    #: True when the title was inferred by the parser, not written by the author.
    title_inferred: bool = False

    @property
    def title_id(self) -> str:
        """Id of the section's heading (a narrated unit like a sentence)."""
        return f"{self.id}-title"

    def sentences(self) -> Iterator[Sentence]:
        for paragraph in self.paragraphs:
            yield from paragraph.sentences


@dataclass(frozen=True, kw_only=True, slots=True)
class Metadata:
    author: str = ""
    publisher: str = ""
    #: Publication date as written in ISO 8601 (YYYY-MM-DD) when known.
    date: str = ""
    description: str = ""
    #: Where the article came from: a URL or the input file's name.
    source: str = ""

    @property
    def origin(self) -> str:
        """Who published the article: the publisher, else the web site it came from."""
        if self.publisher:
            return self.publisher
        host = urlparse(self.source).hostname if "://" in self.source else None
        return host.removeprefix("www.") if host else ""


@dataclass(frozen=True, kw_only=True, slots=True)
class Document:
    title: str
    sections: tuple[Section, ...]
    language: str = "fr"
    metadata: Metadata = field(default_factory=Metadata)

    def sentences(self) -> Iterator[Sentence]:
        for section in self.sections:
            yield from section.sentences()

    def paragraphs(self) -> Iterator[Paragraph]:
        for section in self.sections:
            yield from section.paragraphs

    @property
    def text(self) -> str:
        return "\n\n".join(paragraph.text for paragraph in self.paragraphs())
