"""Real corpus articles as Documents, for the plain-language summary tests."""

from __future__ import annotations

from pathlib import Path

from exporter.model import Document, Paragraph, Section, Sentence
from exporter.text.sentences import split_sentences

CORPUS = Path("/work/shared/corpus")
SEED = CORPUS / "seed" / "chine-cooperation-securite-ia.txt"
WIKINEWS = sorted((CORPUS / "wikinews-fr" / "text").glob("*.txt"))
ARTICLES = [SEED, *WIKINEWS]


def document_from_text(path: Path) -> Document:
    """Title on line 1, one paragraph a line, one section (the corpus's text layout)."""
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    paragraphs = tuple(
        Paragraph(
            id=f"s1-p{index}",
            sentences=tuple(
                Sentence(id=f"s1-p{index}-s{number}", text=text)
                for number, text in enumerate(split_sentences(line), 1)
            ),
        )
        for index, line in enumerate(lines[1:], 1)
    )
    return Document(
        title=lines[0], sections=(Section(id="s1", title=lines[0], paragraphs=paragraphs),)
    )


def load_document(path: Path) -> Document:
    """The lead's parser when it works, else the plain corpus layout."""
    try:
        from exporter.parsers import parse_file

        return parse_file(path)
    except (ImportError, NotImplementedError):
        return document_from_text(path)
